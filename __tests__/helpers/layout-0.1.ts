/**
 * The IAM layout of podiam 0.1, rebuilt from a stack of today's: what existing users have in their
 * state, for the tests that plan today's stacks against it. In 0.1 every policy a role has was
 * attached by an `aws_iam_role_policy_attachment` of its own beside the exclusive attachments:
 * `<binding>` for the binding's policy, `<binding>__<preset>[__<part>]` for a preset's,
 * `<binding>__<managed policy key>` for a managed policy (after the role only), and the exclusive
 * attachments waited for all of them. No create-before-destroy, no force_detach_policies, no
 * ignore_changes, no `removed` blocks. (Checked, when it was written, against podiam 0.1's own
 * output for every fixture: the same JSON but for cdktf's metadata.)
 */
import { managedPolicyKeys } from "../../src/constructs/addresses";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

export function layoutOfPodiam01(stack: Json): Json {
  const copy: Json = JSON.parse(JSON.stringify(stack));
  delete copy.removed;
  if (copy.terraform) delete copy.terraform.required_version;
  const resources = copy.resource ?? {};
  const roles: Record<string, Json> = resources.aws_iam_role ?? {};
  const policies: Record<string, Json> = resources.aws_iam_policy ?? {};
  const exclusives: Record<string, Json> = resources.aws_iam_role_policy_attachments_exclusive ?? {};
  for (const policy of Object.values(policies)) delete policy.lifecycle;
  const attachments: Record<string, Json> = resources.aws_iam_role_policy_attachment ?? {};
  for (const [binding, exclusive] of Object.entries(exclusives)) {
    const role = roles[binding];
    delete role.force_detach_policies;
    delete role.lifecycle;
    const providers = (role.depends_on ?? []).filter((d: string) => !d.startsWith("aws_iam_policy."));
    if (providers.length > 0) role.depends_on = providers;
    else delete role.depends_on;
    const roleAddress = `aws_iam_role.${binding}`;
    // The role's own policies (its statements', its presets') by ARN, as IAM will make them.
    const owned = new Map<string, string>();
    for (const [name, policy] of Object.entries(policies)) {
      if (name !== binding && !name.startsWith(`${binding}__`)) continue;
      owned.set(`${policy.path}${policy.name}`, name);
    }
    const managed = exclusive.policy_arns.filter(
      (arn: string) => !owned.has(arn.replace(/^arn:[^:]+:iam::\d{12}:policy/, "")),
    );
    const keys = managedPolicyKeys(managed);
    const names: string[] = [];
    for (const arn of exclusive.policy_arns as string[]) {
      const own = owned.get(arn.replace(/^arn:[^:]+:iam::\d{12}:policy/, ""));
      const name = own ?? `${binding}__${keys.get(arn)}`;
      attachments[name] = {
        policy_arn: arn,
        role: exclusive.role_name,
        depends_on: own ? [roleAddress, `aws_iam_policy.${own}`] : [roleAddress],
      };
      names.push(name);
    }
    exclusive.depends_on = [roleAddress, ...names.map((name) => `aws_iam_role_policy_attachment.${name}`)];
  }
  if (Object.keys(attachments).length > 0) resources.aws_iam_role_policy_attachment = attachments;
  // The moves of the attachments, under the binding's previous names, as 0.1 wrote them.
  const moved: Json[] = copy.moved ?? [];
  const roleMoves = moved.filter((m) => m.from.startsWith("aws_iam_role."));
  for (const move of roleMoves) {
    const [from, to] = [move.from, move.to].map((a: string) => a.slice("aws_iam_role.".length));
    for (const name of Object.keys(attachments)) {
      if (name !== to && !name.startsWith(`${to}__`)) continue;
      moved.push({
        from: `aws_iam_role_policy_attachment.${from}${name.slice(to.length)}`,
        to: `aws_iam_role_policy_attachment.${name}`,
      });
    }
  }
  return copy;
}
