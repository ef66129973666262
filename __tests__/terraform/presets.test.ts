/**
 * Every preset, with only its required inputs, with every optional input, and with its other
 * choices (the fixtures of __tests__/presets), each in a binding of its own on two clusters: the
 * file loads without error, lint finds no error, and the IAM stack passes the real AWS provider's
 * `terraform validate` and an offline `terraform plan` (no error, no warning) that creates each
 * preset's policies, named after the role, with the compiled statements, attached to the role.
 *
 * Skipped with a printed reason where terraform or the provider mirror is missing; failing instead
 * with PODIAM_REQUIRE_TERRAFORM=1.
 */
import { readFileSync, rmSync } from "fs";
import { dirname } from "path";
import { presetPolicies } from "../../src/bindings/binding-presets";
import { loadBindings } from "../../src/bindings/load";
import { formatProblem } from "../../src/bindings/problems";
import { presetNames } from "../../src/presets";
import { activeProblems, lint } from "../../src/rules/lint";
import { ACCOUNT, allConfigs } from "../presets/fixtures";
import { synthToDir } from "../helpers/synth";
import {
  countByType,
  describeFailure,
  describeWithTerraform,
  diagnostics,
  offlineStackCopy,
  PlanJson,
  runStack,
  StackRun,
} from "../helpers/terraform";
import { join } from "path";

const TIMEOUT = 600_000;

/** `aws-vpc-cni` + `variant 1` -> `aws-vpc-cni-variant-1`: a binding name, a ServiceAccount name. */
const bindingName = (preset: string, config: string) => `${preset}-${config.replace(/ /g, "-")}`;

const cases = presetNames().flatMap((preset) =>
  allConfigs(preset).map(([config, inputs]) => ({ preset, config, inputs, binding: bindingName(preset, config) })),
);

// Flow-style YAML is JSON: the inputs are written as JSON.
const text = `version: 1
accounts:
  prod: { id: "${ACCOUNT}", region: eu-west-1 }
clusters:
  prod: { account: prod, region: eu-west-1, name: prod-eu-1, oidcIssuer: "https://oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF" }
  prod-us: { account: prod, region: us-east-1, name: prod-us-1, oidcIssuer: "https://oidc.eks.us-east-1.amazonaws.com/id/FEDCBA9876543210FEDCBA9876543210" }
bindings:
${cases
  .map(
    (c) => `  - name: ${c.binding}
    clusters: [prod, prod-us]
    serviceAccounts: [presets/${c.binding}]
    policies:
      presets:
        ${c.preset}: ${JSON.stringify(c.inputs)}
    waivers:
      - { rule: PRE002, reason: "one ServiceAccount per binding here, none the chart's default" }
`,
  )
  .join("")}`;

const loaded = loadBindings(text, "presets.yaml");

test("every preset in every configuration loads without error, and lint finds no error", () => {
  expect(loaded.problems.filter((p) => p.severity === "error").map(formatProblem)).toEqual([]);
  const errors = activeProblems(lint(loaded.model!, loaded.source!)).filter((p) => p.severity === "error");
  expect(errors.map(formatProblem)).toEqual([]);
  expect(loaded.model!.bindings.map((b) => b.presets.map((p) => p.name))).toEqual(
    [...cases].sort((a, b) => (a.binding < b.binding ? -1 : 1)).map((c) => [c.preset]),
  );
});

describeWithTerraform("every preset under the real Terraform AWS provider (offline)", () => {
  let run: Promise<StackRun>;
  let scratch: string;

  beforeAll(() => {
    const outdir = synthToDir(loaded.model!);
    const dir = offlineStackCopy(outdir, "iam-prod");
    scratch = dirname(dir);
    run = runStack(dir, "iam-prod", { plan: true, validate: true });
  }, TIMEOUT);

  afterAll(async () => {
    await Promise.allSettled([run]);
    if (process.env.PODIAM_KEEP_TF_SCRATCH !== "1") rmSync(scratch, { recursive: true, force: true });
  }, TIMEOUT);

  test(
    "terraform validate: no error and no warning",
    async () => {
      const result = await run;
      if (result.init.code !== 0) throw new Error(describeFailure(result.init));
      expect(diagnostics(result.validate!)).toEqual([]);
      expect(result.validate!.code).toBe(0);
    },
    TIMEOUT,
  );

  test(
    "terraform plan: no error and no warning",
    async () => {
      const result = await run;
      if (result.init.code !== 0) throw new Error(describeFailure(result.init));
      expect(diagnostics(result.plan!)).toEqual([]);
      expect(result.plan!.code).toBe(0);
    },
    TIMEOUT,
  );

  test(
    "the plan creates each preset's policies, with the compiled statements, attached to the role",
    async () => {
      const result = await run;
      if (!result.planJson)
        throw new Error(describeFailure(result.show ?? result.plan ?? result.validate ?? result.init));
      const plan: PlanJson = result.planJson;
      const afterOf = (address: string) => plan.resource_changes!.find((c) => c.address === address)?.change.after;
      let policies = 0;
      for (const binding of loaded.model!.bindings) {
        for (const policy of presetPolicies(binding)) {
          policies++;
          const address = [binding.name, ...policy.addressParts].join("__");
          const planned = afterOf(`aws_iam_policy.${address}`);
          expect({ address, name: planned?.name }).toEqual({ address, name: policy.name });
          const sids = JSON.parse(planned.policy).Statement.map((s: { Sid: string }) => s.Sid);
          expect(sids).toEqual(policy.statements.map((s) => s.sid));
          expect(afterOf(`aws_iam_role_policy_attachments_exclusive.${binding.name}`)).toMatchObject({
            role_name: binding.role.name,
            policy_arns: expect.arrayContaining([`arn:aws:iam::${ACCOUNT}:policy/${policy.name}`]),
          });
        }
      }
      expect(countByType(plan)).toEqual({
        aws_iam_openid_connect_provider: 2,
        aws_iam_policy: policies,
        aws_iam_role: cases.length,
        aws_iam_role_policy_attachments_exclusive: cases.length,
      });
      expect(plan.resource_changes!.every((c) => c.change.actions.join() === "create")).toBe(true);
      expect(readFileSync(join(result.dir, "cdk.tf.json"), "utf8")).toContain("podiam preset");
    },
    TIMEOUT,
  );
});
