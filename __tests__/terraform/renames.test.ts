/**
 * Renames without destroy, proven by Terraform itself: a state holding what the old file created
 * (built from the old plan, as `terraform apply` would have recorded it), then a plan of the
 * renamed file against it. Every resource must move; nothing may be destroyed or created.
 */
import { describeWithTerraform, describeFailure, offlineStackCopy, PlanJson, runStack } from "../helpers/terraform";
import { planAgainst, schemaVersions, stateFromPlan } from "../helpers/state-from-plan";
import { modelOf, synthStacks, synthToDir } from "../helpers/synth";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const HEAD = (clusterKey: string, previous: string) => `
version: 1
accounts:
  prod: { id: "111122223333", region: eu-west-1 }
clusters:
  ${clusterKey}: { account: prod, region: eu-west-1, ${previous}oidcIssuer: "https://oidc.eks.eu-west-1.amazonaws.com/id/AAAA1111" }
defaults: { roleNamePrefix: eks-, tags: { managed-by: podiam } }
bindings:
`;

const OLD = `${HEAD("eu", "")}
  - name: dns
    cluster: eu
    serviceAccounts: [dns/external-dns]
    policies:
      managed: [arn:aws:iam::aws:policy/AmazonRoute53ReadOnlyAccess]
      statements: [{ sid: Change, actions: [route53:ChangeResourceRecordSets], resources: ["arn:aws:route53:::hostedzone/Z1"] }]
  - name: orders
    cluster: eu
    mode: both
    serviceAccounts: [orders/consumer]
`;

/** The same bindings, the binding dns renamed twice and the cluster renamed once. */
const RENAMED = `${HEAD("eu-west", "previousNames: [eu], ")}
  - name: external-dns
    previousNames: [dns, dns-public]
    cluster: eu-west
    serviceAccounts: [dns/external-dns]
    policies:
      managed: [arn:aws:iam::aws:policy/AmazonRoute53ReadOnlyAccess]
      statements: [{ sid: Change, actions: [route53:ChangeResourceRecordSets], resources: ["arn:aws:route53:::hostedzone/Z1"] }]
  - name: orders
    cluster: eu-west
    mode: both
    serviceAccounts: [orders/consumer]
`;

/**
 * The renamed file once every environment applied it: previousNames removed, and what they gave
 * (the role's name, the cluster's EKS name) written down, as validate's warnings ask.
 */
const SETTLED = `${HEAD("eu-west", "name: eu, ")}
  - name: external-dns
    role: { name: eks-dns }
    cluster: eu-west
    serviceAccounts: [dns/external-dns]
    policies:
      managed: [arn:aws:iam::aws:policy/AmazonRoute53ReadOnlyAccess]
      statements: [{ sid: Change, actions: [route53:ChangeResourceRecordSets], resources: ["arn:aws:route53:::hostedzone/Z1"] }]
  - name: orders
    cluster: eu-west
    mode: both
    serviceAccounts: [orders/consumer]
`;

describeWithTerraform("a rename plans as moves, not destroy and create", () => {
  let oldPlan: PlanJson;
  let renamedPlan: PlanJson;
  let versions: Record<string, number>;

  beforeAll(async () => {
    const oldDir = offlineStackCopy(synthToDir(modelOf(OLD)), "iam-prod");
    const old = await runStack(oldDir, "iam-prod", { plan: true });
    if (!old.planJson) throw new Error(`old plan failed: ${describeFailure(old.plan ?? old.validate ?? old.init)}`);
    oldPlan = old.planJson;
    versions = await schemaVersions(oldDir);
    const renamedDir = offlineStackCopy(synthToDir(modelOf(RENAMED)), "iam-prod");
    renamedPlan = await planAgainst(renamedDir, "iam-prod", stateFromPlan(oldPlan, versions));
  }, 240_000);

  test("the old file's plan creates everything (the state under test is real)", () => {
    const actions = new Set((oldPlan.resource_changes ?? []).map((c) => c.change.actions.join(",")));
    expect([...actions]).toEqual(["create"]);
    // dns: role, policy, exclusive attachments (which attach the policy and the managed one);
    // orders: role, exclusive attachments, the association; the cluster's OIDC provider.
    expect(oldPlan.resource_changes!.length).toBe(7);
  });

  test("nothing is destroyed, replaced or created", () => {
    const changes = renamedPlan.resource_changes ?? [];
    expect(changes.length).toBe(7);
    for (const change of changes) {
      expect({ address: change.address, actions: change.change.actions }).not.toEqual(
        expect.objectContaining({ actions: expect.arrayContaining(["delete"]) }),
      );
      expect({ address: change.address, actions: change.change.actions }).not.toEqual(
        expect.objectContaining({ actions: expect.arrayContaining(["create"]) }),
      );
    }
  });

  test("every renamed address shows as a move from its old address", () => {
    const moves = Object.fromEntries(
      (renamedPlan.resource_changes ?? [])
        .filter((c) => c.previous_address)
        .map((c) => [c.previous_address, c.address]),
    );
    expect(moves).toEqual({
      "aws_iam_role.dns": "aws_iam_role.external-dns",
      "aws_iam_policy.dns": "aws_iam_policy.external-dns",
      "aws_iam_role_policy_attachments_exclusive.dns": "aws_iam_role_policy_attachments_exclusive.external-dns",
      "aws_iam_openid_connect_provider.eu": "aws_iam_openid_connect_provider.eu-west",
      "aws_eks_pod_identity_association.eu__orders__consumer":
        "aws_eks_pod_identity_association.eu-west__orders__consumer",
    });
  });

  test("then previousNames removed: nothing is destroyed, replaced or created, nothing moves", async () => {
    const settledDir = offlineStackCopy(synthToDir(modelOf(SETTLED)), "iam-prod");
    const plan = await planAgainst(settledDir, "iam-prod", stateFromPlan(renamedPlan, versions));
    const changes: readonly Json[] = plan.resource_changes ?? [];
    expect(changes.length).toBe(7);
    for (const change of changes) {
      expect({ address: change.address, actions: change.change.actions }).toEqual({
        address: change.address,
        actions: ["no-op"],
      });
      expect(change.previous_address).toBeUndefined();
    }
  }, 240_000);

  test("the role keeps its name (and so its ARN): the move changes nothing in AWS", () => {
    const role = (renamedPlan.resource_changes ?? []).find((c) => c.address === "aws_iam_role.external-dns")!;
    expect(role.change.actions).toEqual(["no-op"]);
    expect(role.change.after.name).toBe("eks-dns");
  });
});

describe("a stack's state stays where it is, whatever the file says later", () => {
  /** The backend of every stack, as users get it (not the offline copies). */
  const backends = (text: string) =>
    Object.fromEntries(
      Object.entries(synthStacks(modelOf(text))).map(([name, json]) => [name, json.terraform.backend]),
    );
  const withS3 = (text: string) =>
    text.replace(
      "defaults:",
      "terraform: { backend: { s3: { bucket: acme-state, region: eu-west-1, keyPrefix: podiam } } }\ndefaults:",
    );
  // The account renamed too, in the renamed file; back to one name in the settled one.
  const renameAccount = (text: string, previous: boolean) =>
    text
      .replace("  prod: {", previous ? "  production: { previousNames: [prod]," : "  production: {")
      .replaceAll("account: prod", "account: production");

  test.each([
    ["local state", (text: string) => text],
    ["S3 state", withS3],
  ])("%s: the same path or key before the rename, after it, and once previousNames are gone", (_, backend) => {
    const files = [OLD, renameAccount(RENAMED, true), renameAccount(SETTLED, false)].map(backend);
    const [before, renamed, settled] = files.map((text) => Object.values(backends(text)));
    expect(renamed).toEqual(before);
    expect(settled).toEqual(before);
    // Named after what never changes: the account's id, the cluster's account, region and EKS name.
    expect(JSON.stringify(before)).toContain("iam-111122223333");
    expect(JSON.stringify(before)).toContain("k8s-111122223333-eu-west-1-eu");
  });
});
