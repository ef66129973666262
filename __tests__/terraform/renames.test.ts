/**
 * Renames without destroy, proven by Terraform itself: a state holding what the old file created
 * (built from the old plan, as `terraform apply` would have recorded it), then a plan of the
 * renamed file against it. Every resource must move; nothing may be destroyed or created.
 */
import { writeFileSync } from "fs";
import { join } from "path";
import {
  describeWithTerraform,
  describeFailure,
  offlineStackCopy,
  PlanJson,
  runStack,
  terraform,
} from "../helpers/terraform";
import { modelOf, synthStacks, synthToDir } from "../helpers/synth";

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

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** What apply would have stored for an attribute the plan could not know yet. */
function placeholder(key: string, resource: Json): Json {
  switch (key) {
    case "attachment_count":
      return 1;
    case "tags_all":
      return resource.tags ?? {};
    case "inline_policy":
    case "managed_policy_arns":
      return [];
    case "arn":
      // Only the policy's ARN is read by other resources (its attachments).
      return `arn:aws:iam::111122223333:policy${resource.path ?? "/"}${resource.name ?? "from-apply"}`;
    case "policy_arn":
    case "policy_arns":
      // An attachment's unknown ARN is its role's own policy: named after the role, path "/" here.
      return `arn:aws:iam::111122223333:policy/${resource.role ?? resource.role_name}`;
    case "thumbprint_list":
      return ["9e99a48a9960b14926bb7f3b02e22da2b0ab7280"];
    default:
      return `${key}-from-apply`;
  }
}

function fill(after: Json, unknown: Json, key: string, resource: Json): Json {
  if (unknown === true) return placeholder(key, resource);
  if (Array.isArray(after))
    return after.map((value, i) => fill(value, Array.isArray(unknown) ? unknown[i] : undefined, key, resource));
  if (after !== null && typeof after === "object") {
    const out: Json = { ...after };
    for (const child of Object.keys(unknown ?? {})) out[child] = fill(after[child], unknown[child], child, after);
    return out;
  }
  if (after === undefined && unknown && typeof unknown === "object") return fill({}, unknown, key, resource);
  return after;
}

/** A version 4 state holding every resource the plan creates, with the schema versions of the provider. */
function stateFromPlan(plan: PlanJson, schemaVersions: Record<string, number>): Json {
  const resources = (plan.resource_changes ?? [])
    .filter((change) => change.mode === "managed")
    .map((change) => ({
      mode: "managed",
      type: change.type,
      name: change.name,
      provider: 'provider["registry.terraform.io/hashicorp/aws"]',
      instances: [
        {
          schema_version: schemaVersions[change.type] ?? 0,
          attributes: fill(change.change.after, change.change.after_unknown, "", {}),
        },
      ],
    }));
  return { version: 4, terraform_version: "1.11.0", serial: 1, lineage: "podiam-rename-test", outputs: {}, resources };
}

describeWithTerraform("a rename plans as moves, not destroy and create", () => {
  let oldPlan: PlanJson;
  let renamedPlan: PlanJson;
  let versions: Record<string, number>;

  beforeAll(async () => {
    const oldDir = offlineStackCopy(synthToDir(modelOf(OLD)), "iam-prod");
    const old = await runStack(oldDir, "iam-prod", { plan: true });
    if (!old.planJson) throw new Error(`old plan failed: ${describeFailure(old.plan ?? old.validate ?? old.init)}`);
    oldPlan = old.planJson;
    const schema = await terraform(oldDir, ["providers", "schema", "-json"]);
    if (schema.code !== 0) throw new Error(describeFailure(schema));
    const resourceSchemas = JSON.parse(schema.stdout).provider_schemas["registry.terraform.io/hashicorp/aws"]
      .resource_schemas;
    versions = Object.fromEntries(Object.entries(resourceSchemas).map(([type, s]) => [type, (s as Json).version ?? 0]));

    const renamedDir = offlineStackCopy(synthToDir(modelOf(RENAMED)), "iam-prod");
    writeFileSync(join(renamedDir, "terraform.tfstate"), JSON.stringify(stateFromPlan(oldPlan, versions)));
    const init = await runStack(renamedDir, "iam-prod", { plan: false });
    if (init.validate?.code !== 0) throw new Error(describeFailure(init.validate ?? init.init));
    // Offline, nothing can be refreshed: the plan compares the configuration with the state as stored.
    const plan = await terraform(renamedDir, [
      "plan",
      "-no-color",
      "-input=false",
      "-lock=false",
      "-refresh=false",
      "-out=plan.bin",
    ]);
    if (plan.code !== 0) throw new Error(`renamed plan failed: ${describeFailure(plan)}`);
    const show = await terraform(renamedDir, ["show", "-json", "-no-color", "plan.bin"]);
    if (show.code !== 0) throw new Error(describeFailure(show));
    renamedPlan = JSON.parse(show.stdout);
  }, 240_000);

  test("the old file's plan creates everything (the state under test is real)", () => {
    const actions = new Set((oldPlan.resource_changes ?? []).map((c) => c.change.actions.join(",")));
    expect([...actions]).toEqual(["create"]);
    // dns: role, policy, its attachment, the managed attachment, exclusive attachments; orders:
    // role, exclusive attachments, the association; the cluster's OIDC provider.
    expect(oldPlan.resource_changes!.length).toBe(9);
  });

  test("nothing is destroyed, replaced or created", () => {
    const changes = renamedPlan.resource_changes ?? [];
    expect(changes.length).toBe(9);
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
      "aws_iam_role_policy_attachment.dns": "aws_iam_role_policy_attachment.external-dns",
      "aws_iam_role_policy_attachment.dns__aws_AmazonRoute53ReadOnlyAccess":
        "aws_iam_role_policy_attachment.external-dns__aws_AmazonRoute53ReadOnlyAccess",
      "aws_iam_role_policy_attachments_exclusive.dns": "aws_iam_role_policy_attachments_exclusive.external-dns",
      "aws_iam_openid_connect_provider.eu": "aws_iam_openid_connect_provider.eu-west",
      "aws_eks_pod_identity_association.eu__orders__consumer":
        "aws_eks_pod_identity_association.eu-west__orders__consumer",
    });
  });

  test("then previousNames removed: nothing is destroyed, replaced or created, nothing moves", async () => {
    const settledDir = offlineStackCopy(synthToDir(modelOf(SETTLED)), "iam-prod");
    writeFileSync(join(settledDir, "terraform.tfstate"), JSON.stringify(stateFromPlan(renamedPlan, versions)));
    const init = await runStack(settledDir, "iam-prod", { plan: false });
    if (init.validate?.code !== 0) throw new Error(describeFailure(init.validate ?? init.init));
    const plan = await terraform(settledDir, [
      "plan",
      "-no-color",
      "-input=false",
      "-lock=false",
      "-refresh=false",
      "-out=plan.bin",
    ]);
    if (plan.code !== 0) throw new Error(`settled plan failed: ${describeFailure(plan)}`);
    const show = await terraform(settledDir, ["show", "-json", "-no-color", "plan.bin"]);
    const changes: Json[] = JSON.parse(show.stdout).resource_changes ?? [];
    expect(changes.length).toBe(9);
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
