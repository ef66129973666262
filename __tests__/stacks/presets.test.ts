/**
 * Presets in the IAM stack: a customer-managed policy of its own per preset (and per part, when a
 * preset outgrows one), named after the role, in the role's path, attached to the role by its
 * exclusive attachments; addressed under the binding, so a rename moves them.
 */
import { join } from "path";
import { compilePreset, PRESETS } from "../../src/presets";
import { FIXTURES, modelOf, modelOfFile, synthStacks, TerraformJson } from "../helpers/synth";

const model = modelOfFile(join(FIXTURES, "presets.yaml"));
const iam: TerraformJson = synthStacks(model)["iam-ops"];
const ACCOUNT = "135792468013";
const policyArn = (name: string) => `arn:aws:iam::${ACCOUNT}:policy/addons/${name}`;

test("one policy per preset, named <role name>-<preset>, in the role's path; a long one continues in -2", () => {
  const policies = iam.resource.aws_iam_policy;
  expect(
    Object.fromEntries(Object.entries<TerraformJson>(policies).map(([address, p]) => [address, [p.name, p.path]])),
  ).toEqual({
    "controllers__aws-load-balancer-controller": ["controllers-aws-load-balancer-controller", "/addons/"],
    controllers__karpenter: ["controllers-karpenter", "/addons/"],
    controllers__karpenter__2: ["controllers-karpenter-2", "/addons/"],
    // The binding's own policy, beside its preset's.
    "external-dns": ["dns", "/addons/"],
    "external-dns__external-dns": ["dns-external-dns", "/addons/"],
  });
  expect(policies["external-dns__external-dns"].description).toBe("podiam preset external-dns");
  expect(policies.controllers__karpenter__2.description).toBe("podiam preset karpenter, part 2");
  expect(policies["external-dns__external-dns"].tags).toEqual({ "managed-by": "podiam" });
});

test("a preset's policies hold its compiled statements, in order, and nothing else", () => {
  const statementsOf = (address: string) => JSON.parse(iam.resource.aws_iam_policy[address].policy).Statement;
  const controllers = model.bindings.find((b) => b.name === "controllers")!;
  const karpenter = controllers.presets.find((p) => p.name === "karpenter")!;
  const sids = [...statementsOf("controllers__karpenter"), ...statementsOf("controllers__karpenter__2")].map(
    (s: TerraformJson) => s.Sid,
  );
  expect(sids).toEqual(karpenter.statements.map((s) => s.sid));
  const dns = statementsOf("external-dns__external-dns");
  const expected = compilePreset(
    "external-dns",
    PRESETS["external-dns"].inputs.parse({ hostedZoneArns: ["arn:aws:route53:::hostedzone/Z0123456789OPSZONE"] }),
    { partition: "aws", accountId: ACCOUNT, region: "eu-west-1", clusters: [] },
  );
  expect(dns.map((s: TerraformJson) => s.Sid)).toEqual(expected.map((s) => s.sid));
  expect(dns[0].Resource).toEqual("arn:aws:route53:::hostedzone/Z0123456789OPSZONE");
  for (const policy of Object.values<TerraformJson>(iam.resource.aws_iam_policy))
    expect(policy.policy.replace(/\s/g, "").length).toBeLessThanOrEqual(6144);
});

test("each is attached by the exclusive attachments, which wait for it; the role waits for it too", () => {
  expect(iam.resource.aws_iam_role_policy_attachment).toBeUndefined();
  const exclusive = iam.resource.aws_iam_role_policy_attachments_exclusive;
  expect([...exclusive.controllers.policy_arns].sort()).toEqual(
    [
      policyArn("controllers-aws-load-balancer-controller"),
      policyArn("controllers-karpenter"),
      policyArn("controllers-karpenter-2"),
    ].sort(),
  );
  expect([...exclusive["external-dns"].policy_arns].sort()).toEqual([policyArn("dns"), policyArn("dns-external-dns")]);
  const policies = [
    "aws_iam_policy.controllers__aws-load-balancer-controller",
    "aws_iam_policy.controllers__karpenter",
    "aws_iam_policy.controllers__karpenter__2",
  ];
  expect(exclusive.controllers.depends_on).toEqual(["aws_iam_role.controllers", ...policies]);
  expect(iam.resource.aws_iam_role.controllers.depends_on).toEqual(expect.arrayContaining(policies));
  expect(iam.resource.aws_iam_policy.controllers__karpenter__2.lifecycle).toEqual({
    create_before_destroy: true,
    ignore_changes: ["description"],
  });
});

test("a renamed binding's preset policy moves with it (and keeps its IAM name); its 0.1 attachment is forgotten", () => {
  expect(iam.moved).toEqual(
    expect.arrayContaining([
      { from: "aws_iam_policy.dns__external-dns", to: "aws_iam_policy.external-dns__external-dns" },
    ]),
  );
  expect(iam.removed).toEqual(
    expect.arrayContaining(
      ["dns__external-dns", "external-dns__external-dns", "controllers__karpenter__2"].map((name) => ({
        from: `aws_iam_role_policy_attachment.${name}`,
        lifecycle: { destroy: false },
      })),
    ),
  );
});

test("adopt.policy is the binding's own policy only: no preset policy is imported", () => {
  const text = `version: 1
accounts: { ops: { id: "${ACCOUNT}", region: eu-west-1 } }
clusters: { eu: { account: ops, region: eu-west-1, oidcIssuer: "https://oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF" } }
bindings:
  - name: dns
    cluster: eu
    serviceAccounts: [external-dns/external-dns]
    adopt: { policy: true }
    policies:
      statements: [{ actions: [ssm:GetParameter], resources: ["arn:aws:ssm:eu-west-1:${ACCOUNT}:parameter/x"] }]
      presets: { external-dns: { hostedZoneArns: [arn:aws:route53:::hostedzone/Z1] } }
`;
  const json = synthStacks(modelOf(text))["iam-ops"];
  expect(json.import.map((i: TerraformJson) => i.to)).toEqual(["aws_iam_policy.dns"]);
});
