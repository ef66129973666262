/**
 * A Terraform state holding what a plan creates, as `terraform apply` would have recorded it (the
 * attributes the plan could not know filled in as apply would), and an offline plan of another
 * configuration against it: how the tests prove that a change of podiam's output moves, forgets
 * or keeps what exists, without an AWS account.
 */
import { writeFileSync } from "fs";
import { join } from "path";
import { describeFailure, PlanJson, runStack, terraform } from "./terraform";

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
export function stateFromPlan(plan: PlanJson, schemaVersions: Record<string, number>): Json {
  const resources = (plan.resource_changes ?? [])
    // What the plan forgets or deletes is not in the state that its apply leaves.
    .filter((change) => change.mode === "managed" && !/delete|forget/.test(change.change.actions.join()))
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

/** The schema version of every resource type of the AWS provider, for a state of its resources. */
export async function schemaVersions(dir: string): Promise<Record<string, number>> {
  const schema = await terraform(dir, ["providers", "schema", "-json"]);
  if (schema.code !== 0) throw new Error(describeFailure(schema));
  const resourceSchemas = JSON.parse(schema.stdout).provider_schemas["registry.terraform.io/hashicorp/aws"]
    .resource_schemas;
  return Object.fromEntries(Object.entries(resourceSchemas).map(([type, s]) => [type, (s as Json).version ?? 0]));
}

/**
 * Plans the configuration in `dir` against `state`, offline and without refreshing (nothing can
 * be read from AWS): the plan compares the configuration with the state as stored.
 */
export async function planAgainst(dir: string, stack: string, state: Json): Promise<PlanJson> {
  writeFileSync(join(dir, "terraform.tfstate"), JSON.stringify(state));
  const init = await runStack(dir, stack, { plan: false });
  if (init.validate?.code !== 0) throw new Error(describeFailure(init.validate ?? init.init));
  const plan = await terraform(dir, [
    "plan",
    "-no-color",
    "-input=false",
    "-lock=false",
    "-refresh=false",
    "-out=plan.bin",
  ]);
  if (plan.code !== 0) throw new Error(`plan failed: ${describeFailure(plan)}`);
  const show = await terraform(dir, ["show", "-json", "-no-color", "plan.bin"]);
  if (show.code !== 0) throw new Error(describeFailure(show));
  return JSON.parse(show.stdout);
}
