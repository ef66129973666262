/**
 * From podiam 0.1's IAM layout (an attachment per policy beside the exclusive attachments) to
 * today's (the exclusive attachments attach every policy), proven by Terraform itself: a state
 * holding what 0.1 created (built from 0.1's plan, as apply would have recorded it), then an
 * offline plan of today's stack against it. Nothing may be destroyed or created: 0.1's
 * attachments leave the state and stay attached in AWS (`removed`, `destroy = false`), the rest
 * keeps its address, moves with a rename made in the same change, or changes in place.
 */
import { readFileSync, writeFileSync } from "fs";
import { join } from "path";
import { layoutOfPodiam01 } from "../helpers/layout-0.1";
import { planAgainst, schemaVersions, stateFromPlan } from "../helpers/state-from-plan";
import { modelOf, stackTexts, synthToDir } from "../helpers/synth";
import {
  describeFailure,
  describeWithTerraform,
  offlineStackCopy,
  PlanJson,
  ResourceChange,
  runStack,
  terraform,
} from "../helpers/terraform";

const FILE = (dnsName: string, previous: string) => `
version: 1
accounts:
  prod: { id: "111122223333", region: eu-west-1 }
clusters:
  eu: { account: prod, region: eu-west-1, oidcIssuer: "https://oidc.eks.eu-west-1.amazonaws.com/id/AAAA1111" }
defaults: { roleNamePrefix: eks-, tags: { managed-by: podiam } }
bindings:
  - name: ${dnsName}
    ${previous}cluster: eu
    serviceAccounts: [external-dns/external-dns]
    role: { name: eks-dns, description: DNS records }
    policies:
      managed: [arn:aws:iam::aws:policy/AmazonRoute53ReadOnlyAccess, arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy]
      statements: [{ sid: Change, actions: [route53:ChangeResourceRecordSets], resources: ["arn:aws:route53:::hostedzone/Z1"] }]
      presets: { external-dns: { hostedZoneArns: ["arn:aws:route53:::hostedzone/Z1"] } }
  - name: reader
    cluster: eu
    serviceAccounts: [team/reader]
    policies: { managed: [arn:aws:iam::aws:policy/ReadOnlyAccess] }
  - name: shared-owner
    cluster: eu
    serviceAccounts: [team/shared]
    role: { exclusivePolicyAttachments: false }
    policies:
      managed: [arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess]
      statements: [{ sid: Get, actions: [s3:GetObject], resources: ["arn:aws:s3:::shared/*"] }]
`;
const BEFORE = FILE("dns", "");
const RENAMED = FILE("external-dns", "previousNames: [dns]\n    ");

/** A scratch copy of the IAM stack of `text`, in podiam 0.1's layout or today's. */
function stackDir(text: string, layout: "0.1" | "today"): string {
  const outdir = synthToDir(modelOf(text));
  if (layout === "today") return offlineStackCopy(outdir, "iam-prod");
  const path = join(outdir, "stacks", "iam-prod", "cdk.tf.json");
  writeFileSync(path, JSON.stringify(layoutOfPodiam01(JSON.parse(stackTexts(outdir)["iam-prod"]))));
  return offlineStackCopy(outdir, "iam-prod");
}

const actionsOf = (plan: PlanJson) =>
  Object.fromEntries((plan.resource_changes ?? []).map((c) => [c.address, c.change.actions.join(",")]));

/** The attributes an update changes. */
function changed(change: ResourceChange): string[] {
  const keys = new Set([...Object.keys(change.change.before ?? {}), ...Object.keys(change.change.after ?? {})]);
  return [...keys].filter(
    (k) => JSON.stringify(change.change.before?.[k]) !== JSON.stringify(change.change.after?.[k]),
  );
}

const ATTACHMENTS_01 = (dns: string) => [
  `aws_iam_role_policy_attachment.${dns}`,
  `aws_iam_role_policy_attachment.${dns}__aws_AmazonRoute53ReadOnlyAccess`,
  `aws_iam_role_policy_attachment.${dns}__aws_CloudWatchAgentServerPolicy`,
  `aws_iam_role_policy_attachment.${dns}__external-dns`,
  "aws_iam_role_policy_attachment.reader__aws_ReadOnlyAccess",
];

describeWithTerraform("from podiam 0.1's layout: nothing destroyed, nothing created", () => {
  let versions: Record<string, number>;
  let oldPlan: PlanJson;
  let upgraded: PlanJson;
  let upgradedAndRenamed: PlanJson;

  beforeAll(async () => {
    const oldDir = stackDir(BEFORE, "0.1");
    const old = await runStack(oldDir, "iam-prod", { plan: true, validate: false });
    if (!old.planJson) throw new Error(`0.1 plan failed: ${describeFailure(old.plan ?? old.init)}`);
    oldPlan = old.planJson;
    versions = await schemaVersions(oldDir);
    upgraded = await planAgainst(stackDir(BEFORE, "today"), "iam-prod", stateFromPlan(oldPlan, versions));
    upgradedAndRenamed = await planAgainst(stackDir(RENAMED, "today"), "iam-prod", stateFromPlan(oldPlan, versions));
  }, 300_000);

  test("the state under test is 0.1's: an attachment per policy, 5 IAM resources and more per binding", () => {
    const counts: Record<string, number> = {};
    for (const c of oldPlan.resource_changes ?? []) counts[c.type] = (counts[c.type] ?? 0) + 1;
    // dns: role, 2 policies (its own, the preset's), 4 attachments, exclusive; reader: role, 1
    // attachment, exclusive; shared-owner: role, policy, 2 attachments; the OIDC provider.
    expect(counts).toEqual({
      aws_iam_openid_connect_provider: 1,
      aws_iam_policy: 3,
      aws_iam_role: 3,
      aws_iam_role_policy_attachment: 7,
      aws_iam_role_policy_attachments_exclusive: 2,
    });
  });

  test("the upgrade forgets 0.1's attachments of exclusive roles and changes the roles in place only", () => {
    const actions = actionsOf(upgraded);
    expect(Object.values(actions).filter((a) => /create|delete/.test(a))).toEqual([]);
    expect(
      Object.keys(actions)
        .filter((a) => actions[a] === "forget")
        .sort(),
    ).toEqual(ATTACHMENTS_01("dns").sort());
    expect(actions).toMatchObject({
      "aws_iam_role.dns": "update",
      "aws_iam_role.reader": "update",
      "aws_iam_role.shared-owner": "no-op",
      "aws_iam_policy.dns": "no-op",
      "aws_iam_policy.dns__external-dns": "no-op",
      "aws_iam_role_policy_attachments_exclusive.dns": "no-op",
      "aws_iam_role_policy_attachments_exclusive.reader": "no-op",
      // Without exclusive attachments, the attachments stay what they were.
      "aws_iam_role_policy_attachment.shared-owner": "no-op",
      "aws_iam_role_policy_attachment.shared-owner__aws_AmazonS3ReadOnlyAccess": "no-op",
    });
    // The one change: the role detaches what it has when it is deleted (no IAM call now).
    for (const role of ["aws_iam_role.dns", "aws_iam_role.reader"])
      expect(changed(upgraded.resource_changes!.find((c) => c.address === role)!)).toEqual(["force_detach_policies"]);
  });

  test("the exclusive attachments already list every policy 0.1 attached: nothing to attach or detach", () => {
    const exclusive = upgraded.resource_changes!.find(
      (c) => c.address === "aws_iam_role_policy_attachments_exclusive.dns",
    )!;
    expect([...exclusive.change.after.policy_arns].sort()).toEqual([
      "arn:aws:iam::111122223333:policy/eks-dns",
      "arn:aws:iam::111122223333:policy/eks-dns-external-dns",
      "arn:aws:iam::aws:policy/AmazonRoute53ReadOnlyAccess",
      "arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy",
    ]);
  });

  test("upgraded and renamed at once: the attachments under the old name forgotten, the rest moved", () => {
    const actions = actionsOf(upgradedAndRenamed);
    expect(Object.values(actions).filter((a) => /create|delete/.test(a))).toEqual([]);
    expect(
      Object.keys(actions)
        .filter((a) => actions[a] === "forget")
        .sort(),
    ).toEqual(ATTACHMENTS_01("dns").sort());
    const moves = Object.fromEntries(
      (upgradedAndRenamed.resource_changes ?? [])
        .filter((c) => c.previous_address)
        .map((c) => [c.previous_address, c.address]),
    );
    expect(moves).toEqual({
      "aws_iam_role.dns": "aws_iam_role.external-dns",
      "aws_iam_policy.dns": "aws_iam_policy.external-dns",
      "aws_iam_policy.dns__external-dns": "aws_iam_policy.external-dns__external-dns",
      "aws_iam_role_policy_attachments_exclusive.dns": "aws_iam_role_policy_attachments_exclusive.external-dns",
    });
  });

  test("once applied, the removed blocks are no-ops: the next plan changes and forgets nothing", async () => {
    const plan = await planAgainst(stackDir(RENAMED, "today"), "iam-prod", stateFromPlan(upgradedAndRenamed, versions));
    const actions = actionsOf(plan);
    expect(Object.keys(actions)).toHaveLength(1 + 3 + 3 + 2 + 2);
    expect(Object.entries(actions).filter(([, a]) => a !== "no-op")).toEqual([]);
  }, 300_000);

  test("Terraform refuses a removed block whose address is still declared, so podiam never writes one", async () => {
    const dir = stackDir(BEFORE, "today");
    const json = JSON.parse(readFileSync(join(dir, "cdk.tf.json"), "utf8"));
    json.resource.aws_iam_role_policy_attachment = {
      ...json.resource.aws_iam_role_policy_attachment,
      reader__aws_ReadOnlyAccess: { role: "eks-reader", policy_arn: "arn:aws:iam::aws:policy/ReadOnlyAccess" },
    };
    writeFileSync(join(dir, "cdk.tf.json"), JSON.stringify(json));
    const init = await terraform(dir, ["init", "-input=false", "-no-color"]);
    if (init.code !== 0) throw new Error(describeFailure(init));
    // validate passes; the plan refuses it.
    const plan = await terraform(dir, ["plan", "-no-color", "-input=false", "-lock=false", "-refresh=false"]);
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain("Removed resource still exists");
  }, 300_000);
});
