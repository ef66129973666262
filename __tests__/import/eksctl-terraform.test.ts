/**
 * The first plan of an imported eksctl file, offline: the IAM stack synthesized from
 * `podiam import eksctl prod-eu-1.yaml --role-names ... --issuer ...` validates with its import
 * blocks; then it is planned against a state holding the roles eksctl made, as CloudFormation left
 * them (built here from eksctl's facts: its trust policy, metadata.tags + the ServiceAccount's
 * tags + eksctl's own tags, no force_detach_policies), and the plan shows no destroy and no
 * replacement: the roles are kept (updated in place only for the eksctl tags podiam drops, the
 * Pod Identity trust it scopes, and force_detach_policies), and podiam's policies, attachments and
 * association are created.
 *
 * What cannot be checked offline: planning an `import` block reads the resource from IAM, so the
 * plan runs with the roles already in the state (where Terraform skips the import) rather than
 * importing them; the inline policies eksctl attached are not in Terraform's model of the role
 * (podiam does not manage inline policies) and so are not compared here.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { parse } from "yaml";
import { run } from "../../src/cli";
import { associationAddress } from "../../src/import/eksctl/to-bindings";
import { planAgainst, schemaVersions, stateFromPlan } from "../helpers/state-from-plan";
import { FIXTURES, modelOfFile, synthToDir } from "../helpers/synth";
import {
  describeFailure,
  describeWithTerraform,
  offlineStackCopy,
  PlanJson,
  runStack,
  StackRun,
} from "../helpers/terraform";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const DIR = join(FIXTURES, "import", "eksctl");
const ISSUER_HOST = "oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";
const STACK = "iam-aws-111122223333";
const PROVIDER_ARN = `arn:aws:iam::111122223333:oidc-provider/${ISSUER_HOST}`;

/** eksctl's IRSA trust (pkg/iam/oidc/api.go MakeAssumeRolePolicyDocumentWithServiceAccountConditions). */
function eksctlIrsaTrust(namespace: string, name: string, pattern?: string): Json {
  const operator = pattern ? "StringLike" : "StringEquals";
  const sub = `system:serviceaccount:${namespace}:${pattern ?? name}`;
  return {
    Effect: "Allow",
    Action: ["sts:AssumeRoleWithWebIdentity"],
    Principal: { Federated: PROVIDER_ARN },
    Condition: pattern
      ? { StringLike: { [`${ISSUER_HOST}:sub`]: sub }, StringEquals: { [`${ISSUER_HOST}:aud`]: "sts.amazonaws.com" } }
      : { [operator]: { [`${ISSUER_HOST}:sub`]: sub, [`${ISSUER_HOST}:aud`]: "sts.amazonaws.com" } },
  };
}

/** The statement `eksctl utils migrate-to-pod-identity` appends (pkg/apis/eksctl.io/v1alpha5/iam.go). */
const POD_IDENTITY_STATEMENT = {
  Effect: "Allow",
  Action: ["sts:AssumeRole", "sts:TagSession"],
  Principal: { Service: "pods.eks.amazonaws.com" },
};

const EKSCTL_OWN_TAGS = (namespace: string, name: string) => ({
  "alpha.eksctl.io/cluster-name": "prod-eu-1",
  "eksctl.cluster.k8s.io/v1alpha1/cluster-name": "prod-eu-1",
  "alpha.eksctl.io/eksctl-version": "0.230.0",
  "alpha.eksctl.io/iamserviceaccount-name": `${namespace}/${name}`,
});

/** A policy with one-element lists written as their element, Sids left out: what IAM compares. */
function policy(text: string): Json {
  const normal = (value: Json): Json => {
    if (Array.isArray(value)) return value.length === 1 ? normal(value[0]) : value.map(normal);
    if (value !== null && typeof value === "object")
      return Object.fromEntries(
        Object.entries(value)
          .filter(([key]) => key !== "Sid" && key !== "Version")
          .map(([key, v]) => [key, normal(v)]),
      );
    return value;
  };
  const parsed = normal(JSON.parse(text));
  return { Statement: [parsed.Statement].flat() };
}

describeWithTerraform("podiam import eksctl: the first plan keeps eksctl's roles", () => {
  let validated: StackRun;
  let importBlocks: Json[];
  let fresh: PlanJson;
  let adopted: PlanJson;
  let bindings: Json[];
  let noteText = "";

  beforeAll(async () => {
    const scratch = mkdtempSync(join(tmpdir(), "podiam-import-eksctl-tf-"));
    const file = join(scratch, "bindings.yaml");
    let err = "";
    const code = run(
      [
        "import",
        "eksctl",
        join(DIR, "prod-eu-1.yaml"),
        "-o",
        file,
        "--role-names",
        join(DIR, "prod-eu-1.role-names.yaml"),
        "--issuer",
        `https://${ISSUER_HOST}`,
      ],
      { out: () => undefined, err: (t) => (err += t) },
    );
    if (code !== 0) throw new Error(err);
    noteText = err;
    bindings = parse(readFileSync(file, "utf8")).bindings;
    const source = parse(readFileSync(join(DIR, "prod-eu-1.yaml"), "utf8"));
    const outdir = synthToDir(modelOfFile(file));

    // 1. As synthesized, import blocks included: terraform validate (offline).
    const withImports = offlineStackCopy(outdir, STACK);
    validated = await runStack(withImports, STACK, { plan: false });
    const json = JSON.parse(readFileSync(join(withImports, "cdk.tf.json"), "utf8"));
    importBlocks = json.import ?? [];

    // 2. Without them, on an empty state: what the stack holds, every resource a create.
    const bare = offlineStackCopy(outdir, STACK);
    const bareJson = JSON.parse(readFileSync(join(bare, "cdk.tf.json"), "utf8"));
    delete bareJson.import;
    writeFileSync(join(bare, "cdk.tf.json"), JSON.stringify(bareJson));
    const planned = await runStack(bare, STACK, { plan: true, validate: false });
    if (!planned.planJson) throw new Error(describeFailure(planned.plan ?? planned.init));
    fresh = planned.planJson;

    // 3. The state eksctl left: the adopted roles only, with eksctl's trust and tags.
    const versions = await schemaVersions(bare);
    const roleTargets = new Set(importBlocks.map((i) => i.to).filter((to: string) => to.startsWith("aws_iam_role.")));
    const roles = stateFromPlan(
      { resource_changes: (fresh.resource_changes ?? []).filter((c) => roleTargets.has(c.address)) },
      versions,
    );
    for (const resource of roles.resources) {
      const attributes = resource.instances[0].attributes;
      const b = bindings.find((x) => `aws_iam_role.${x.name}` === `aws_iam_role.${resource.name}`);
      const [namespace, saName] = b.serviceAccounts[0].split("/");
      const entry = source.iam.serviceAccounts.find(
        (sa: Json) =>
          (sa.metadata.namespace ?? "default") === namespace && sa.metadata.name === saName.replace("*", "ingest"),
      );
      const trust = [eksctlIrsaTrust(namespace, entry.metadata.name, entry.subjectPattern)];
      if (b.mode === "both") trust.push(POD_IDENTITY_STATEMENT);
      attributes.assume_role_policy = JSON.stringify({ Version: "2012-10-17", Statement: trust });
      const tags = {
        ...source.metadata.tags,
        ...(entry.tags ?? {}),
        ...EKSCTL_OWN_TAGS(namespace, entry.metadata.name),
      };
      attributes.tags = tags;
      attributes.tags_all = tags;
      attributes.force_detach_policies = false;
      attributes.id = attributes.name;
    }
    adopted = await planAgainst(withImports, STACK, roles);
  }, 300_000);

  test("terraform validate accepts the stack with its import blocks", () => {
    expect(validated.validate?.code).toBe(0);
    const adoptedRoles = bindings.filter((b) => b.adopt?.role).map((b) => b.role.name);
    expect(importBlocks.map((i) => i.id).sort()).toEqual([...adoptedRoles].sort());
  });

  test("on an empty state the stack only creates", () => {
    const actions = new Set((fresh.resource_changes ?? []).map((c) => c.change.actions.join(",")));
    expect([...actions]).toEqual(["create"]);
  });

  test("against eksctl's roles: no destroy, no replacement, the roles kept", () => {
    const changes = (adopted.resource_changes ?? []).filter((c) => c.mode === "managed");
    for (const change of changes)
      expect({ address: change.address, actions: change.change.actions }).not.toMatchObject({
        actions: expect.arrayContaining(["delete"]),
      });
    const roleChanges = changes.filter((c) => c.type === "aws_iam_role");
    expect(roleChanges.length).toBe(importBlocks.filter((i) => i.to.startsWith("aws_iam_role.")).length);
    for (const change of roleChanges) {
      expect(change.change.actions).not.toContain("create");
      const changed = Object.keys(change.change.after ?? {})
        .filter((key) => JSON.stringify(change.change.before?.[key]) !== JSON.stringify(change.change.after?.[key]))
        .filter((key) => !(change.change.after_unknown ?? {})[key]);
      // What the import reported: eksctl's own tags go; the Pod Identity trust of the `both` role is scoped.
      const allowed = ["tags", "tags_all", "force_detach_policies"];
      if (change.name === "api") allowed.push("assume_role_policy");
      expect({ role: change.address, changed: changed.filter((k) => !allowed.includes(k)) }).toEqual({
        role: change.address,
        changed: [],
      });
      const removed = Object.keys(change.change.before.tags).filter((k) => !(k in (change.change.after.tags ?? {})));
      expect(removed.sort()).toEqual(Object.keys(EKSCTL_OWN_TAGS("x", "y")).sort());
    }
    // The IRSA trust podiam writes is eksctl's (as IAM compares policies: one-element lists are their element).
    for (const change of roleChanges.filter((c) => c.name !== "api"))
      expect(policy(change.change.after.assume_role_policy)).toEqual(policy(change.change.before.assume_role_policy));
    const api = roleChanges.find((c) => c.name === "api")!;
    expect(policy(api.change.after.assume_role_policy).Statement).toEqual(
      expect.arrayContaining([
        policy(JSON.stringify({ Statement: [eksctlIrsaTrust("payments", "api")] })).Statement[0],
      ]),
    );
  });

  test("the association's address in the note is the one the stack has", () => {
    const association = (adopted.resource_changes ?? []).find((c) => c.type === "aws_eks_pod_identity_association")!;
    expect(association.address).toBe(
      `aws_eks_pod_identity_association.${associationAddress("prod-eu-1", "payments", "api")}`,
    );
    expect(noteText).toContain(`terraform import '${association.address}' prod-eu-1,<association id`);
  });

  test("what podiam adds is created: its policies, their attachments, the association", () => {
    const created = (adopted.resource_changes ?? [])
      .filter((c) => c.change.actions.join() === "create")
      .map((c) => c.type);
    expect(new Set(created)).toEqual(
      new Set(["aws_iam_policy", "aws_iam_role_policy_attachments_exclusive", "aws_eks_pod_identity_association"]),
    );
  });
});
