/**
 * The zero-diff proof of `podiam import aws` (issue 13, part 4), offline. From the import's
 * source (the authorization details and association outputs) this builds the Terraform state the
 * adopted resources would have once imported: each role with its trust policy, path, boundary and
 * tags as AWS has them, the adopted own policies with their default version's document, the
 * role's attachments, and the associations with their tags. Then it plans the synthesized IAM stack
 * of the imported file against that state (-refresh=false: nothing can be read from AWS) and
 * checks that the plan destroys and replaces nothing; creates only what the import said it would
 * make (the customer-managed policy that takes over inline policies, and its attachment); and
 * updates only what the import reported: trust policies it narrowed, association tags.
 *
 * What this cannot check without AWS: the attributes get-account-authorization-details does not
 * have (MaxSessionDuration and Description are taken as AWS's defaults, 3600 and none, in the
 * state: the import says that the first plan shows any other value as an update), and that the
 * import blocks find the resources (the state already holds them at their addresses, which is
 * what a successful import leaves; Terraform then skips the import blocks).
 */
import { readFileSync, writeFileSync } from "fs";
import { join } from "path";
import { readAuthorizationDetails } from "../../src/import/aws/authorization-details";
import { readAssociations } from "../../src/import/aws/associations";
import { importAwsFiles } from "../../src/import/aws/command";
import { renderImportedFile } from "../../src/import/imported-file";
import { planAgainst, schemaVersions, stateFromPlan } from "../helpers/state-from-plan";
import { describeFailure, describeWithTerraform, offlineStackCopy, PlanJson, runStack } from "../helpers/terraform";
import { modelOfFile, synthToDir } from "../helpers/synth";
import { mkdtempSync } from "fs";
import { tmpdir } from "os";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const AWS = join(__dirname, "..", "fixtures", "import", "aws");
const at = (name: string) => join(AWS, name);
const FILES = {
  authorizationDetails: at("authorization-details.json"),
  clusters: [at("describe-cluster-prod-eu-1.json"), at("describe-cluster-prod-us-1.json")],
  podIdentityAssociations: [
    at("pod-identity-associations-prod-us-1.json"),
    at("describe-pod-identity-association-prod-eu-1-payments-api.json"),
  ],
};
const STACK = "iam-account-111122223333";

/** The state the adopted resources have in AWS, at the addresses the configuration gives them. */
function sourceState(
  createPlan: PlanJson,
  versions: Record<string, number>,
  files: typeof FILES = FILES,
): { state: Json; notInAws: string[] } {
  const details = readAuthorizationDetails(files.authorizationDetails).details!;
  const associations = files.podIdentityAssociations.flatMap((f) => readAssociations(f).associations);
  const base = stateFromPlan(createPlan, versions);
  const notInAws: string[] = [];
  const resources = base.resources.filter((resource: Json) => {
    const attributes = resource.instances[0].attributes;
    const address = `${resource.type}.${resource.name}`;
    switch (resource.type) {
      case "aws_iam_role": {
        const role = details.roles.find((r) => r.name === attributes.name)!;
        Object.assign(attributes, {
          assume_role_policy: JSON.stringify(role.trust),
          path: role.path,
          arn: role.arn,
          id: role.name,
          unique_id: `AROA${role.name.length}`,
          permissions_boundary: role.permissionsBoundaryArn ?? null,
          tags: Object.keys(role.tags).length > 0 ? role.tags : null,
          tags_all: role.tags,
          max_session_duration: 3600,
          description: null,
        });
        return true;
      }
      case "aws_iam_policy": {
        const accountId = details.roles[0].accountId;
        const arn = `arn:aws:iam::${accountId}:policy${attributes.path}${attributes.name}`;
        const policy = details.policies.get(arn);
        if (!policy) {
          notInAws.push(address);
          return false;
        }
        Object.assign(attributes, {
          arn,
          id: arn,
          policy: JSON.stringify(policy.document),
          policy_id: "ANPA",
          tags_all: attributes.tags ?? {},
        });
        return true;
      }
      case "aws_iam_role_policy_attachments_exclusive": {
        const role = details.roles.find((r) => r.name === attributes.role_name)!;
        attributes.policy_arns = [...role.attachedPolicyArns];
        return true;
      }
      case "aws_iam_role_policy_attachment": {
        const role = details.roles.find((r) => r.name === attributes.role)!;
        if (!role.attachedPolicyArns.includes(attributes.policy_arn)) {
          notInAws.push(address);
          return false;
        }
        return true;
      }
      case "aws_eks_pod_identity_association": {
        const association = associations.find(
          (a) =>
            a.clusterName === attributes.cluster_name &&
            a.namespace === attributes.namespace &&
            a.serviceAccount === attributes.service_account,
        )!;
        Object.assign(attributes, {
          role_arn: association.roleArn,
          association_id: association.associationId,
          id: `${association.clusterName},${association.associationId}`,
          tags: Object.keys(association.tags).length > 0 ? association.tags : null,
          tags_all: association.tags,
          target_role_arn: null,
          disable_session_tags: false,
        });
        return true;
      }
      default:
        notInAws.push(address);
        return false;
    }
  });
  return { state: { ...base, resources }, notInAws };
}

/** The imported file's IAM stack planned against the state its source describes. */
async function planImported(
  files: typeof FILES,
  stack: string,
): Promise<{ plan: PlanJson; notInAws: string[]; imported: Json }> {
  const { imported: result } = importAwsFiles(files);
  const imported = result!.result;
  const dir = mkdtempSync(join(tmpdir(), "podiam-import-aws-tf-"));
  const file = join(dir, "bindings.yaml");
  writeFileSync(file, renderImportedFile(imported));
  const outdir = synthToDir(modelOfFile(file));
  // What a plan would create from nothing, for the addresses and the shape of each resource
  // (import blocks left out: planning them needs AWS).
  const createDir = offlineStackCopy(outdir, stack);
  const config = JSON.parse(readFileSync(join(createDir, "cdk.tf.json"), "utf8"));
  delete config.import;
  writeFileSync(join(createDir, "cdk.tf.json"), JSON.stringify(config));
  const create = await runStack(createDir, stack, { plan: true, validate: false });
  if (!create.planJson) throw new Error(`plan failed: ${describeFailure(create.plan ?? create.init)}`);
  const versions = await schemaVersions(createDir);
  const built = sourceState(create.planJson, versions, files);
  // The real configuration, import blocks included, against the state the imports leave.
  const plan = await planAgainst(offlineStackCopy(outdir, stack), stack, built.state);
  return { plan, notInAws: built.notInAws, imported };
}

describeWithTerraform("podiam import aws: the first plan of the imported file against what exists", () => {
  let plan: PlanJson;
  let notInAws: string[];
  let imported: Json;

  beforeAll(async () => {
    ({ plan, notInAws, imported } = await planImported(FILES, STACK));
  }, 600_000);

  const changes = () => plan.resource_changes ?? [];
  const changedKeys = (c: Json): string[] =>
    Object.keys({ ...c.change.before, ...c.change.after }).filter(
      (k) => JSON.stringify(c.change.after?.[k]) !== JSON.stringify(c.change.before?.[k]),
    );
  /** The notes the import wrote for the binding a resource belongs to (its name is the binding's). */
  const notesOf = (bindingName: string): Json[] => {
    const index = imported.file.bindings.findIndex((b: Json) => b.name === bindingName);
    return imported.notes.filter((n: Json) => n.at[0] === "bindings" && n.at[1] === index);
  };

  test("plans every binding's role, and destroys or replaces nothing", () => {
    const roles = changes().filter((c) => c.type === "aws_iam_role");
    expect(roles).toHaveLength(imported.file.bindings.length);
    for (const change of changes())
      expect({ address: change.address, actions: change.change.actions }).not.toEqual(
        expect.objectContaining({ actions: expect.arrayContaining(["delete"]) }),
      );
  });

  test("creates only the policies that take over inline policies, as the import said", () => {
    const created = changes()
      .filter((c) => c.change.actions.includes("create"))
      .map((c) => c.address);
    expect(created.sort()).toEqual([...notInAws].sort());
    for (const address of created) {
      expect(address).toMatch(/^aws_iam_policy\./);
      const notes = notesOf(address.slice("aws_iam_policy.".length)).map((n) => n.message);
      expect(notes.join("\n")).toMatch(
        /the statements of the inline polic(y|ies) .*podiam makes them one customer-managed policy/,
      );
    }
  });

  test("updates a role's trust only where the import reported it (narrowed, or rewritten to the same meaning)", () => {
    for (const change of changes().filter((c) => c.type === "aws_iam_role" && c.change.actions.join() === "update")) {
      expect({ address: change.address, keys: changedKeys(change) }).toEqual({
        address: change.address,
        keys: ["assume_role_policy"],
      });
      const notes = notesOf(change.name);
      expect({
        address: change.address,
        reported: notes.some((n) => n.kind === "narrowed" || /trust policy rewritten/.test(n.message)),
      }).toEqual({ address: change.address, reported: true });
    }
    // The roles whose trust podiam writes as it was (eksctl's, the two-cluster Terraform one) do not change.
    for (const name of ["backend-s3-reader", "eks-external-dns", "monitoring-amp", "data-etl-runner"])
      expect(changes().find((c) => c.address === `aws_iam_role.${name}`)?.change.actions).toEqual(["no-op"]);
  });

  test("attachments change only by the policy that takes over inline policies", () => {
    for (const change of changes().filter((c) => c.type === "aws_iam_role_policy_attachments_exclusive")) {
      if (change.change.actions.join() === "no-op") continue;
      expect(changedKeys(change)).toEqual(["policy_arns"]);
      const before: string[] = change.change.before.policy_arns;
      const after: string[] = change.change.after.policy_arns;
      expect(after).toEqual(expect.arrayContaining(before));
      expect(notInAws).toContain(`aws_iam_policy.${change.name}`);
      expect(after.filter((arn) => !before.includes(arn))).toHaveLength(1);
    }
  });

  test("associations change only by their tags, as the import reported", () => {
    for (const change of changes().filter((c) => c.type === "aws_eks_pod_identity_association")) {
      if (change.change.actions.join() === "no-op") continue;
      expect(changedKeys(change).sort()).toEqual(["tags", "tags_all"]);
      expect(change.change.after.role_arn).toBe(change.change.before.role_arn);
    }
    const tagNotes = imported.notes.filter((n: Json) =>
      /podiam tags associations with the role's tags/.test(n.message),
    );
    const updated = changes().filter(
      (c) => c.type === "aws_eks_pod_identity_association" && c.change.actions.join() === "update",
    );
    expect(updated.length).toBe(tagNotes.length);
  });

  test("nothing else changes", () => {
    const types = new Set(
      changes()
        .filter((c) => c.change.actions.join() !== "no-op")
        .map((c) => c.type),
    );
    expect([...types].sort()).toEqual([
      "aws_eks_pod_identity_association",
      "aws_iam_policy",
      "aws_iam_role",
      "aws_iam_role_policy_attachments_exclusive",
    ]);
  });
});

describeWithTerraform(
  "podiam import aws, shared account: the adopted own policy and cross-account role plan as no change",
  () => {
    test("every resource of iam-account-444455556666 is a no-op", async () => {
      const shared = {
        authorizationDetails: at("shared-444455556666/authorization-details.json"),
        clusters: [at("describe-cluster-prod-eu-1.json")],
        podIdentityAssociations: [],
      };
      const { plan, notInAws } = await planImported(shared, "iam-account-444455556666");
      expect(notInAws).toEqual([]);
      const changes = (plan.resource_changes ?? []).map((c) => `${c.address} ${c.change.actions.join()}`);
      expect(changes.sort()).toEqual([
        "aws_iam_policy.invoice-reader no-op",
        "aws_iam_role.invoice-reader no-op",
        "aws_iam_role_policy_attachments_exclusive.invoice-reader no-op",
      ]);
    }, 600_000);
  },
);
