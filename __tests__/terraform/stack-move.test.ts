/**
 * A binding that changes stack (`stack: team-a`, `previousStacks: [account]`), proven by Terraform
 * itself. An `import` block makes the provider read the object from AWS at plan time, which an
 * offline plan cannot do; so the IAM API here is a loopback stand-in (helpers/mock-iam.ts), and
 * the test goes the whole way a user goes:
 *   1. apply the old file's account stack (the stand-in now holds the role, its policy, the file's
 *      policy and the attachments);
 *   2. plan the new file's account stack against that state: the binding's resources are forgotten
 *      (removed, destroy = false), nothing is destroyed, the rest is unchanged;
 *   3. validate and plan the new team stack on an empty state: its resources are imported, none is
 *      created; then apply both: no IAM write call at all;
 *   4. plan both again: no change.
 * The OIDC provider is `existing` (the stand-in has no OIDC API); Pod Identity associations, which
 * stay in the account's stack whatever stack their role is in, are covered by the JSON tests.
 */
import { readFileSync, writeFileSync } from "fs";
import { join } from "path";
import { MockIam, MOCK_ACCOUNT } from "../helpers/mock-iam";
import { describeFailure, describeWithTerraform, offlineStackCopy, PlanJson, terraform } from "../helpers/terraform";
import { modelOf, synthToDir } from "../helpers/synth";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const FILE = (api: string) => `
version: 1
accounts:
  prod: { id: "${MOCK_ACCOUNT}", region: eu-west-1 }
clusters:
  eu:
    account: prod
    region: eu-west-1
    oidcIssuer: https://oidc.eks.eu-west-1.amazonaws.com/id/AAAA1111
    oidcProvider: existing
defaults: { roleNamePrefix: eks-, tags: { managed-by: podiam } }
policies:
  read-artifacts:
    statements: [{ actions: s3:GetObject, resources: "arn:aws:s3:::artifacts/*" }]
bindings:
  - name: api
    cluster: eu
    serviceAccounts: [shop/api]
${api}    policies:
      managed: [read-artifacts, arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess]
      statements: [{ sid: Read, actions: [s3:GetObject], resources: ["arn:aws:s3:::shop/*"] }]
  - name: worker
    cluster: eu
    serviceAccounts: [jobs/worker]
    policies:
      managed: [read-artifacts]
`;
const OLD = FILE("");
const MOVED = FILE("    stack: team-a\n    previousStacks: [account]\n");

/** A stack's offline copy, its aws provider sent to the stand-in. */
function copyFor(outdir: string, stack: string, endpoint: string, into?: string): string {
  const dir = offlineStackCopy(outdir, stack, into);
  const json = JSON.parse(readFileSync(join(dir, "cdk.tf.json"), "utf8"));
  for (const provider of json.provider.aws)
    Object.assign(provider, { endpoints: [{ iam: endpoint, sts: endpoint }], max_retries: 1 });
  writeFileSync(join(dir, "cdk.tf.json"), JSON.stringify(json, null, 2));
  return dir;
}

async function ok(dir: string, args: string[]): Promise<string> {
  const result = await terraform(dir, args);
  if (result.code !== 0) throw new Error(`terraform ${args[0]} in ${dir} failed: ${describeFailure(result)}`);
  return result.stdout;
}

async function plan(dir: string): Promise<PlanJson> {
  await ok(dir, ["plan", "-no-color", "-input=false", "-lock=false", "-out=plan.bin"]);
  return JSON.parse(await ok(dir, ["show", "-json", "-no-color", "plan.bin"]));
}

const actions = (p: PlanJson) =>
  Object.fromEntries((p.resource_changes ?? []).map((c) => [c.address, c.change.actions.join(",")]));

describeWithTerraform("a binding that changes stack: forgotten by the old stack, imported by the new one", () => {
  const iam = new MockIam();
  let accountDir: string;
  let teamDir: string;
  let accountPlan: PlanJson;
  let teamPlan: PlanJson;
  let teamValidate: Json;

  beforeAll(async () => {
    const endpoint = await iam.start();
    accountDir = copyFor(synthToDir(modelOf(OLD)), "iam-prod", endpoint);
    await ok(accountDir, ["init", "-no-color", "-input=false"]);
    await ok(accountDir, ["apply", "-no-color", "-input=false", "-lock=false", "-auto-approve"]);

    const moved = synthToDir(modelOf(MOVED));
    // The account's stack keeps its directory and its state: only its configuration changes.
    copyFor(moved, "iam-prod", endpoint, join(accountDir, ".."));
    accountPlan = await plan(accountDir);
    teamDir = copyFor(moved, "iam-prod-team-a", endpoint);
    await ok(teamDir, ["init", "-no-color", "-input=false"]);
    teamValidate = JSON.parse((await terraform(teamDir, ["validate", "-json", "-no-color"])).stdout);
    teamPlan = await plan(teamDir);
  }, 300_000);

  afterAll(() => iam.stop());

  test("the old file made the role, its policies and the attachments (the state under test is real)", () => {
    expect([...iam.roles.keys()].sort()).toEqual(["eks-api", "eks-worker"]);
    expect([...iam.policies.keys()].sort()).toEqual([
      `arn:aws:iam::${MOCK_ACCOUNT}:policy/eks-api`,
      `arn:aws:iam::${MOCK_ACCOUNT}:policy/read-artifacts`,
    ]);
    expect(iam.roles.get("eks-api")!.attached.sort()).toEqual([
      `arn:aws:iam::${MOCK_ACCOUNT}:policy/eks-api`,
      `arn:aws:iam::${MOCK_ACCOUNT}:policy/read-artifacts`,
      "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
    ]);
  });

  test("the old stack forgets the binding's resources and destroys nothing", () => {
    expect(actions(accountPlan)).toEqual({
      "aws_iam_role.api": "forget",
      "aws_iam_policy.api": "forget",
      "aws_iam_role_policy_attachments_exclusive.api": "forget",
      "aws_iam_role.worker": "no-op",
      "aws_iam_role_policy_attachments_exclusive.worker": "no-op",
      "aws_iam_policy.policies__read-artifacts": "no-op",
    });
  });

  test("the new stack validates with its import blocks", () => {
    expect(teamValidate.valid).toBe(true);
    expect(teamValidate.error_count).toBe(0);
  });

  test("the new stack plans imports, not creates: role and exclusive attachments by name, the policy by ARN", () => {
    const changes = teamPlan.resource_changes ?? [];
    expect(changes.map((c) => c.address).sort()).toEqual([
      "aws_iam_policy.api",
      "aws_iam_role.api",
      "aws_iam_role_policy_attachments_exclusive.api",
    ]);
    for (const change of changes) {
      expect(change.change.actions).not.toContain("create");
      expect(change.change.actions).not.toContain("delete");
      expect(change.change.importing).toBeDefined();
    }
    expect(Object.fromEntries(changes.map((c) => [c.address, c.change.importing!.id]))).toEqual({
      "aws_iam_role.api": "eks-api",
      "aws_iam_policy.api": `arn:aws:iam::${MOCK_ACCOUNT}:policy/eks-api`,
      "aws_iam_role_policy_attachments_exclusive.api": "eks-api",
    });
  });

  test("applied, both stacks make no IAM write call, and then plan no change", async () => {
    const from = iam.calls.length;
    await ok(accountDir, ["apply", "-no-color", "-input=false", "-lock=false", "plan.bin"]);
    await ok(teamDir, ["apply", "-no-color", "-input=false", "-lock=false", "plan.bin"]);
    const writes = iam.callsSince(from).filter((call) => !/^(Get|List)/.test(call));
    expect(writes).toEqual([]);
    expect(iam.roles.get("eks-api")!.attached).toHaveLength(3);
    for (const dir of [accountDir, teamDir]) {
      const again = await plan(dir);
      for (const [address, action] of Object.entries(actions(again)))
        expect([address, action]).toEqual([address, "no-op"]);
    }
  }, 300_000);
});
