/**
 * Preset policies against IAM's size limit: measured as podiam renders policies, the large presets
 * with several clusters outgrow one managed policy, and packStatements splits them, in order, into
 * as few as fit.
 */
import { renderPolicy, policyDocument, policyLength, oneOrMany } from "../../src/iam/policy-document";
import { MANAGED_POLICY_LENGTH_MAX } from "../../src/iam/limits";
import {
  compilePreset,
  packStatements,
  PRESETS,
  presetNames,
  type PresetContext,
  type PresetStatement,
} from "../../src/presets";
import { ACCOUNT, configs, CONTEXT } from "./fixtures";

function lengthOf(statements: readonly PresetStatement[]): number {
  return policyLength(
    renderPolicy(
      policyDocument(
        statements.map((s) => ({
          Sid: s.sid,
          Effect: s.effect,
          Action: oneOrMany(s.actions),
          Resource: oneOrMany(s.resources),
          ...(s.conditions ? { Condition: s.conditions } : {}),
        })),
      ),
    ),
  );
}

const THREE_CLUSTERS: PresetContext = {
  ...CONTEXT,
  clusters: ["prod-eu-1", "prod-eu-2", "prod-us-1"].map((name, i) => ({
    key: name,
    name,
    region: i < 2 ? "eu-west-1" : "us-east-1",
    accountId: ACCOUNT,
  })),
};

test.each(presetNames())("%s with one cluster and every option fits one managed policy", (name) => {
  const { clusterNames: _several, ...full } = configs()[name].full;
  const statements = compilePreset(name, PRESETS[name].inputs.parse(full), CONTEXT);
  expect(lengthOf(statements)).toBeLessThanOrEqual(MANAGED_POLICY_LENGTH_MAX);
});

test.each(["aws-load-balancer-controller", "karpenter", "aws-ebs-csi-driver"])(
  "%s with three clusters is packed into policies that each fit",
  (name) => {
    const statements = compilePreset(name, PRESETS[name].inputs.parse(configs()[name].required), THREE_CLUSTERS);
    const groups = packStatements(statements, lengthOf, MANAGED_POLICY_LENGTH_MAX);
    expect(groups.flat()).toEqual(statements);
    for (const group of groups) expect(lengthOf(group)).toBeLessThanOrEqual(MANAGED_POLICY_LENGTH_MAX);
    if (lengthOf(statements) <= MANAGED_POLICY_LENGTH_MAX) expect(groups).toHaveLength(1);
    else expect(groups.length).toBeGreaterThan(1);
  },
);

test("packStatements refuses a statement that alone is too long", () => {
  expect(() => packStatements(["x".repeat(10)], (g) => g.join("").length, 5)).toThrow(/alone/);
  expect(packStatements([], (g) => g.length, 5)).toEqual([]);
});
