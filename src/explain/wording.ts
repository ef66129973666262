/**
 * The sentences explain prints, shared by the text and markdown renderers so that both say the
 * same thing in the same words.
 */
import { describeActionPattern, describeLevels } from "./action-patterns";
import { arnLastSegment } from "../iam/arns";
import type { TrustReview } from "./changes";
import type { ReviewDiff } from "./diff";
import type { PermissionGroup } from "./permissions";
import type {
  AccessSummary,
  BindingReview,
  ConditionReview,
  FindingReview,
  ManagedPolicyReview,
  PresetReview,
  ReviewModel,
  TrustedServiceAccount,
} from "./review";
import type { ActionPatternReview } from "./action-patterns";

export function plural(count: number, noun: string, pluralNoun = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : pluralNoun}`;
}

/** `5 bindings: 7 ServiceAccounts on 2 clusters may assume 5 roles in 2 accounts`. */
export function describeReview(review: ReviewModel): string {
  const sas = new Set(
    review.bindings.flatMap((b) => b.serviceAccounts.map((sa) => `${sa.cluster}/${sa.namespace}/${sa.name}`)),
  );
  const clusters = new Set(review.bindings.flatMap((b) => b.serviceAccounts.map((sa) => sa.cluster)));
  const accounts = new Set(review.bindings.map((b) => b.account.alias));
  if (review.bindings.length === 0) return "no bindings: no ServiceAccount may assume a role";
  return (
    `${plural(review.bindings.length, "binding")}: ${plural(sas.size, "ServiceAccount")} on ${plural(clusters.size, "cluster")} ` +
    `may assume ${plural(review.bindings.length, "role")} in ${plural(accounts.size, "account")}`
  );
}

/** `1 binding added, 1 removed, 2 changed, 2 unchanged`. */
export function describeDiff(diff: ReviewDiff): string {
  return `${plural(diff.added.length, "binding")} added, ${diff.removed.length} removed, ${diff.changed.length} changed, ${diff.unchanged} unchanged`;
}

export function serviceAccountId(sa: TrustedServiceAccount): string {
  return `${sa.namespace}/${sa.name}`;
}

/** `prod-eu billing/invoice-api`. */
export function describeTrusted(sa: TrustedServiceAccount): string {
  return `${sa.cluster} ${serviceAccountId(sa)}`;
}

export function describeTrust(trust: TrustReview): string {
  if (trust.mechanism === "assume-role") return `role ${trust.role} (sts:AssumeRole)`;
  return `${describeTrusted(trust)} (${trust.mechanism})`;
}

/** What a role made elsewhere means for review: the file says who gets it, not what it may do. */
export const MADE_ELSEWHERE = "made elsewhere: its trust and permissions are not in this file";

/** `role arn:... (deployer)`: a role of trust.roles, with the binding it was named by. */
export function describeTrustedRole(role: { readonly arn: string; readonly binding?: string }): string {
  return role.binding !== undefined ? `${role.arn} (binding ${role.binding})` : role.arn;
}

/** The role's name, the last segment of its ARN. */
export const roleName = arnLastSegment;

/** The managed policy's name, the last segment of its ARN. */
export const policyName = arnLastSegment;

/** `AWS managed: 93 actions (...)`, or why its permissions are not known. */
export function describeManagedPolicyAccess(policy: ManagedPolicyReview): string {
  const file = policy.filePolicy;
  if (file && policy.access)
    return `policy ${file.key} of this file${file.document !== undefined ? ` (${file.document})` : ""}: ${describeAccess(policy.access)}`;
  if (policy.access) return `AWS managed: ${describeAccess(policy.access)}`;
  if (policy.awsManaged) return "AWS managed, unknown to podiam's catalogue";
  return "customer managed: its document is not in this file";
}

export function describeManagedPolicy(policy: ManagedPolicyReview): string {
  return `${policy.arn} (${describeManagedPolicyAccess(policy)})`;
}

/** `route53:ListHostedZones (List)`, `s3:Get* (52 actions: 10 List, 42 Read)`. */
export function describeAction(action: ActionPatternReview): string {
  return `${action.pattern} (${describeActionPattern(action)})`;
}

/** `StringEquals s3:ExistingObjectTag/team = billing`; several values (any of them) as `in ["a", "b"]`. */
export function describeCondition(condition: ConditionReview): string {
  const { operator, key, values } = condition;
  return values.length === 1
    ? `${operator} ${key} = ${values[0]}`
    : `${operator} ${key} in [${values.map((v) => JSON.stringify(v)).join(", ")}]`;
}

/** What the binding's own statements allow, in a few words. */
export function describeAccess(access: AccessSummary): string {
  const parts: string[] = [];
  if (access.actionCount > 0)
    parts.push(`${plural(access.actionCount, "action")} (${describeLevels(access.accessLevels)})`);
  for (const patterns of access.everyActionBut) parts.push(`every action but ${patterns.join(", ")}`);
  if (access.unknownActions.length > 0)
    parts.push(`${plural(access.unknownActions.length, "action")} not in the IAM catalogue`);
  if (parts.length === 0) parts.push("no actions");
  if (access.denyStatements > 0)
    parts.push(
      `less what ${plural(access.denyStatements, "Deny statement")} ${access.denyStatements === 1 ? "denies" : "deny"}`,
    );
  return parts.join("; ");
}

/** The whole of what the role may do: its statements, AWS managed policies, and what is not in the file. */
export function describePermissions(binding: BindingReview): string {
  if (binding.role.external) return "a role made elsewhere: its permissions are not in this file";
  const unknown = binding.managedPolicies.filter((p) => !p.access).length;
  const known = describeAccess(binding.access);
  if (unknown === 0) return known;
  const opaque = `${plural(unknown, "managed policy", "managed policies")} not in the file`;
  return binding.access.actionCount === 0 &&
    binding.access.everyActionBut.length === 0 &&
    binding.access.unknownActions.length === 0
    ? opaque
    : `${known} + ${opaque}`;
}

/** `warning IAM001 (line 14): message`; a waived one with its reason. */
export function describeFinding(finding: FindingReview): string {
  const where = finding.file !== undefined ? `${finding.file} line ${finding.line}` : `line ${finding.line}`;
  const head = `${finding.severity} ${finding.rule} (${where}): ${finding.message}`;
  return finding.waived === undefined ? head : `${head} [waived: ${finding.waived}]`;
}

/** `1 warning, 1 waived`, or an empty string. */
export function describeFindingCounts(findings: readonly FindingReview[]): string {
  const active = findings.filter((f) => f.waived === undefined);
  const errors = active.filter((f) => f.severity === "error").length;
  const warnings = active.length - errors;
  const waived = findings.length - active.length;
  const parts: string[] = [];
  if (errors > 0) parts.push(plural(errors, "error"));
  if (warnings > 0) parts.push(plural(warnings, "warning"));
  if (waived > 0) parts.push(`${waived} waived`);
  return parts.join(", ");
}

/** `Allow s3:PutObject (Write) on arn:aws:s3:::b/* when ... [Sid]`. */
export function describePermissionGroup(group: PermissionGroup): string {
  const actions = group.actions.map(describeAction).join(", ");
  const resources = group.resources.join(", ");
  let text = `${group.effect} ${group.notAction ? `every action but ${actions}` : actions} on ${group.notResource ? `every resource but ${resources}` : resources}`;
  if (group.conditions.length > 0) text += ` when ${group.conditions.map(describeCondition).join(" and ")}`;
  if (group.preset !== undefined) text += ` [preset ${group.preset}${group.sid ? `: ${group.sid}` : ""}]`;
  else if (group.policy !== undefined) text += ` [policy ${group.policy}${group.sid ? `: ${group.sid}` : ""}]`;
  else if (group.sid) text += ` [${group.sid}]`;
  return text;
}

/** An input's value: a list as its values joined, `(default)` for one not set. */
export function describeInput(value: unknown): string {
  if (value === null || value === undefined) return "(default)";
  if (Array.isArray(value)) return `[${value.map((v) => String(v)).join(", ")}]`;
  return String(value);
}

/** `hostedZoneArns: [arn:...]; mode: both`, or `defaults` for a preset given `{}`. */
export function describeInputs(inputs: Readonly<Record<string, unknown>>): string {
  const keys = Object.keys(inputs);
  return keys.length === 0 ? "defaults" : keys.map((key) => `${key}: ${describeInput(inputs[key])}`).join("; ");
}

/** `external-dns v0.22.0 (4 actions (...); inputs hostedZoneArns: [...])`. */
export function describePreset(preset: PresetReview): string {
  return `${preset.name} ${preset.version} (${describeAccess(preset.access)}; inputs ${describeInputs(preset.inputs)})`;
}
