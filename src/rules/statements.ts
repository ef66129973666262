/**
 * What the IAM rules look at: every statement a binding's role gets, its own (policies.statements),
 * its presets' (policies.presets), the file's policies it attaches (policies.<name>) and those of
 * the AWS managed policies it attaches, in one shape, with a label for messages and the place in
 * the file to report at. Preset and managed statements are not in the file, so their findings
 * point at `policies.presets.<name>` or `policies.managed[i]` and name the preset or the policy; a
 * file policy's are where its statements are written (in its JSON document, for a document).
 */
import type { Binding } from "../bindings/model";
import type { FilePath } from "../bindings/problems";
import { awsManagedPolicy } from "../catalog/aws-managed-policies";
import { splitAction } from "../iam/action-pattern";
import { isAwsManagedPolicyArn } from "../iam/arns";
import { statementOfDocument, statementsOfDocument } from "../iam/policy-document";
import type { Statement } from "../iam/types";

export type StatementField = "actions" | "notActions" | "resources" | "notResources" | "conditions";

export interface StatementView extends Statement {
  /** `binding "x", statement "ReadInvoices"` / `binding "x", statements[2]` / `binding "x", AWS managed policy P, statement 3` */
  readonly label: string;
  /** Set for statements of an AWS managed policy: its name and index under policies.managed. */
  readonly managed?: { readonly name: string; readonly index: number };
  /** Set for statements of a preset: its name under policies.presets. */
  readonly preset?: string;
  /** Set for statements of a policy of the file: its key under the top-level policies. */
  readonly filePolicy?: string;
  /** Where to report about a field (or an element of it). */
  at(field?: StatementField, ...rest: (string | number)[]): FilePath;
}

/** AWS managed policies flagged as a whole by IAM011; their statements are not linted one by one. */
export const FORBIDDEN_MANAGED_POLICIES: ReadonlySet<string> = new Set([
  "AdministratorAccess",
  "IAMFullAccess",
  "PowerUserAccess",
]);

const cache = new WeakMap<Binding, readonly StatementView[]>();

export function bindingPath(binding: Binding, ...rest: (string | number)[]): FilePath {
  return ["bindings", binding.index, ...rest];
}

/** Where a preset's findings are reported (the statements are not in the file): the preset's key. */
export function presetPath(binding: Binding, preset: string): FilePath {
  return bindingPath(binding, "policies", "presets", preset);
}

/** Every statement of the binding's permissions: its own first, then its presets', then the AWS managed ones. */
export function statementsOf(binding: Binding): readonly StatementView[] {
  let views = cache.get(binding);
  if (views) return views;
  const list: StatementView[] = [];
  binding.statements.forEach((statement, i) => {
    const base = bindingPath(binding, "policies", "statements", i);
    list.push({
      ...statement,
      label: `binding "${binding.name}", ${statement.sid ? `statement "${statement.sid}"` : `statements[${i}]`}`,
      at: (field, ...rest) => (field ? [...base, field, ...rest] : base),
    });
  });
  for (const preset of binding.presets) {
    const path = presetPath(binding, preset.name);
    preset.statements.forEach((statement, k) => {
      list.push({
        ...statement,
        label: `binding "${binding.name}", preset ${preset.name}, ${statement.sid ? `statement "${statement.sid}"` : `statement ${k}`}`,
        preset: preset.name,
        at: () => path,
      });
    });
  }
  for (const { policy } of binding.filePolicies) {
    policy.statements.forEach((statement, k) => {
      const base = policy.statementPaths[k];
      // A document spells the fields as IAM does.
      const field = (name: StatementField) => (policy.document !== undefined ? DOCUMENT_FIELDS[name] : name);
      list.push({
        ...statement,
        label: `binding "${binding.name}", policy ${policy.key}, ${statement.sid ? `statement "${statement.sid}"` : `statement ${k}`}`,
        filePolicy: policy.key,
        at: (name, ...rest) => (name ? [...base, field(name), ...rest] : base),
      });
    });
  }
  binding.managedPolicies.forEach((arn, index) => {
    // Only AWS managed policies have a document we know; loading them is lazy.
    if (!isAwsManagedPolicyArn(arn)) return;
    const policy = awsManagedPolicy(arn);
    if (!policy || FORBIDDEN_MANAGED_POLICIES.has(policy.name)) return;
    const path = bindingPath(binding, "policies", "managed", index);
    statementsOfDocument(policy.document).forEach((s, k) => {
      list.push({
        ...statementOfDocument(s),
        label: `binding "${binding.name}", AWS managed policy ${policy.name}, ${s.Sid ? `statement "${s.Sid}"` : `statement ${k}`}`,
        managed: { name: policy.name, index },
        at: () => path,
      });
    });
  });
  views = list;
  cache.set(binding, views);
  return views;
}

/** A statement's fields as an IAM JSON document names them. */
const DOCUMENT_FIELDS: Readonly<Record<StatementField, string>> = {
  actions: "Action",
  notActions: "NotAction",
  resources: "Resource",
  notResources: "NotResource",
  conditions: "Condition",
};

/**
 * `*`, `*:*` and other patterns of wildcards only, in the service and the name (`?*:*`, which IAM
 * rejects but a managed document could hold): every action. IAM001's finding; other rules leave
 * them to it.
 */
export function isEveryAction(pattern: string): boolean {
  if (pattern === "*") return true;
  // Most patterns start with a letter of their service: not every action.
  if (pattern[0] !== "*" && pattern[0] !== "?") return false;
  const parts = splitAction(pattern);
  // Wildcards only, with a `*`; at most one `?`, which every service and action name fills.
  const everything = (text: string) => /^[*?]*\*[*?]*$/.test(text) && !/\?.*\?/.test(text);
  return parts !== undefined && everything(parts.service) && everything(parts.name);
}

/** The fix to append for a managed policy's or a preset's finding, or the given fix for the binding's own. */
export function fixFor(view: StatementView, own: string): string {
  if (view.managed)
    return `replace ${view.managed.name} with statements scoped to what the workload needs, or waive the rule with a reason`;
  if (view.preset)
    return `preset ${view.preset} grants it: narrow the preset's inputs where they scope it, or waive the rule with a reason`;
  return own;
}
