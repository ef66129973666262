/**
 * Test helper: a preset's statements as the role's identity policy, evaluated by
 * @cloud-copilot/iam-simulate for one request (action, resource, request context).
 *
 * AGPL: tests only, never import this (or the simulator) from src/.
 *
 * The validated `runSimulation` is used: it refuses an unknown action or a resource of a type the
 * action does not take, and drops context keys that do not apply to the request. A dropped key
 * would make a Denied verdict meaningless (the condition was never put to the test), so this
 * helper fails the test instead.
 *
 * KMS only honours IAM policies its key policy delegates to: requests on a key carry the default
 * key policy (the account may use the key through IAM), as a key made without one has.
 */
import { runSimulation } from "@cloud-copilot/iam-simulate";
import type { PresetStatement } from "../../src/presets";
import { ACCOUNT } from "./fixtures";

export type Decision = "Allowed" | "Denied";

export function policyOf(statements: readonly PresetStatement[]) {
  return {
    Version: "2012-10-17",
    Statement: statements.map((s) => ({
      Sid: s.sid,
      Effect: s.effect,
      Action: [...s.actions],
      Resource: [...s.resources],
      ...(s.conditions ? { Condition: s.conditions } : {}),
    })),
  };
}

function defaultKeyPolicy(partition: string) {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "EnableIamUserPermissions",
        Effect: "Allow",
        Principal: { AWS: `arn:${partition}:iam::${ACCOUNT}:root` },
        Action: "kms:*",
        Resource: "*",
      },
    ],
  };
}

export async function decide(
  statements: readonly PresetStatement[],
  action: string,
  resource: string,
  context: Record<string, string | string[]> = {},
): Promise<Decision> {
  const partition = resource.startsWith("arn:") ? resource.split(":")[1] : "aws";
  const result = await runSimulation(
    {
      request: {
        principal: `arn:${partition}:iam::${ACCOUNT}:role/preset-role`,
        action,
        resource: { resource, accountId: ACCOUNT },
        contextVariables: context,
      },
      identityPolicies: [{ name: "preset", policy: policyOf(statements) }],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      ...(action.startsWith("kms:") ? { resourcePolicy: defaultKeyPolicy(partition) } : {}),
    },
    {},
  );
  if (result.resultType === "error")
    throw new Error(`simulation of ${action} on ${resource} did not run: ${JSON.stringify(result.errors)}`);
  if (result.resultType === "single" && (result.result.ignoredContextKeys ?? []).length > 0) {
    throw new Error(
      `simulation of ${action} on ${resource} ignored context keys ${result.result.ignoredContextKeys!.join(", ")}`,
    );
  }
  return result.overallResult === "Allowed" ? "Allowed" : "Denied";
}
