/**
 * IAM003: the role can grant itself, or reach, more than it was given: a privilege-escalation path
 * of the published research (IAM003-escalation-paths.ts, each with its sources). A path counts
 * when the role's Allow statements together grant all of its actions, in any spelling (wildcards,
 * any case, notActions), each on a resource of its type, and none is taken away by an
 * unconditional Deny.
 *
 * Precision:
 * - iam:PassRole completes a path only if its iam:PassedToService condition (if any) admits one
 *   of the path's services: PassRole restricted to ecs-tasks.amazonaws.com does not complete a
 *   Lambda path. Other conditions are not judged: they may not hold for the attacker, or may.
 * - Paths on existing resources (`scope: "every"`) count only on every resource of their type.
 * - Each path is reported once; a path whose actions include another reported path's is not
 *   reported again (iam:CreateAccessKey with iam:DeleteAccessKey is iam:CreateAccessKey's path).
 * - Patterns that match every action (`*`) are IAM001's finding.
 */
import type { Binding } from "../bindings/model";
import { actionInfo } from "../catalog/iam-actions";
import type { FilePath } from "../bindings/problems";
import type { Finding, LintContext, Rule } from "./rule";
import { ESCALATION_PATHS, type EscalationPath } from "./IAM003-escalation-paths";
import {
  actionGrant,
  admitsValue,
  deniedEverywhere,
  matchedAmong,
  namedAmong,
  partitionOf,
  reachesResources,
  resourceCover,
} from "./semantics";
import { fixFor, statementsOf, type StatementView } from "./statements";

const PASS_ROLE = "iam:PassRole";

/** Where the role is granted one action of a path. */
interface ActionHit {
  readonly action: string;
  readonly view: StatementView;
  readonly path: FilePath;
  /** As written: the pattern, or "every action but ..." for notActions. */
  readonly spelled: string;
}

function grantOfAction(
  action: string,
  path: EscalationPath,
  allows: readonly StatementView[],
  partition: string,
): ActionHit | undefined {
  const info = actionInfo(action);
  for (const view of allows) {
    const grant = actionGrant(view, action);
    if (!grant) continue;
    if (info) {
      if (path.scope === "every" ? !resourceCover(view, info, partition) : !reachesResources(view, info, partition))
        continue;
    }
    if (action === PASS_ROLE && path.passedToService) {
      if (!path.passedToService.some((service) => admitsValue(view.conditions, "iam:PassedToService", service)))
        continue;
    }
    return grant.field === "actions"
      ? { action, view, path: view.at("actions", grant.index), spelled: `"${grant.pattern}"` }
      : { action, view, path: view.at("notActions"), spelled: "notActions" };
  }
  return undefined;
}

const PATH_ACTIONS: readonly string[] = [...new Set(ESCALATION_PATHS.flatMap((path) => path.actions))];
/** The paths' actions that some Allow names, before resources and conditions: most roles name none. */
function namedPathActions(allows: readonly StatementView[]): ReadonlySet<string> {
  const named = new Set<string>();
  for (const view of allows) {
    if (view.notActions) namedAmong(view, PATH_ACTIONS).forEach((action) => named.add(action));
    else for (const pattern of view.actions ?? []) matchedAmong(PATH_ACTIONS, pattern).forEach((a) => named.add(a));
  }
  return named;
}

/** The escalation paths the binding's role is granted, with where each action is granted. */
export function escalationPathsOf(
  binding: Binding,
  context: LintContext,
): { readonly path: EscalationPath; readonly hits: readonly ActionHit[] }[] {
  const views = statementsOf(binding);
  const allows = views.filter((view) => view.effect === "Allow");
  const partition = partitionOf(binding, context);
  const named = namedPathActions(allows);
  const granted: { path: EscalationPath; hits: ActionHit[] }[] = [];
  for (const path of ESCALATION_PATHS) {
    if (!path.actions.every((action) => named.has(action))) continue;
    const hits: ActionHit[] = [];
    for (const action of path.actions) {
      const hit = deniedEverywhere(views, action, partition)
        ? undefined
        : grantOfAction(action, path, allows, partition);
      if (!hit) break;
      hits.push(hit);
    }
    if (hits.length === path.actions.length) granted.push({ path, hits });
  }
  return granted;
}

/** Whether `a`'s actions are a strict subset of `b`'s. */
function strictSubset(a: EscalationPath, b: EscalationPath): boolean {
  return a.actions.length < b.actions.length && a.actions.every((action) => b.actions.includes(action));
}

function describeHit(hit: ActionHit): string {
  const where = hit.view.label.slice(hit.view.label.indexOf(", ") + 2);
  return `${hit.action} (${hit.spelled}, ${where})`;
}

export const IAM003: Rule = {
  id: "IAM003",
  severity: "error",
  title:
    "Privilege escalation: a path of the published research (policy, trust, credential, PassRole with compute, code in existing compute, EKS access entries, key and secret policies)",
  help: "The role is granted every action of a privilege-escalation path that published research describes (Rhino Security Labs, pathfinding.cloud, PMapper, Cloudsplaining, HackTricks): changing its own or another principal's policies, trust or credentials, passing a role to compute it controls, running code in compute that has a role, making itself cluster-admin through EKS access entries, or opening a key or secret policy. The message names the path and its source. Remove one of the actions, or, where the workload must have them, scope them and waive the rule with the reason.",
  check(binding, context) {
    const granted = escalationPathsOf(binding, context);
    const findings: Finding[] = [];
    for (const { path, hits } of granted) {
      if (granted.some((other) => strictSubset(other.path, path))) continue;
      const [first] = hits;
      const source = path.sources[0];
      findings.push({
        path: first.path,
        message:
          `binding "${binding.name}": privilege escalation "${path.id}" (${path.title}): the role may ${hits.map(describeHit).join(" and ")}; ` +
          `source: ${source.url}; fix: ${fixFor(first.view, fixOf(path))}`,
      });
    }
    return findings;
  },
};

function fixOf(path: EscalationPath): string {
  if (path.passedToService)
    return `drop one of the actions, or restrict iam:PassRole to the role that compute needs, with iam:PassedToService, and waive IAM003 with that reason`;
  if (path.scope === "every") return "list the resources the workload owns instead of every one";
  return "remove it; let Terraform, not the workload, change IAM";
}
