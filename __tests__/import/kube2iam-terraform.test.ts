/**
 * The imported fixture, its TODOs filled in as a reviewer would, compiled: every role is imported
 * (a Terraform import block by name), its trust is the cluster's IRSA statement for exactly its
 * ServiceAccounts plus the kept node or kiam-server role (no ec2.amazonaws.com), its permissions
 * are the source's; and both IAM stacks pass the real AWS provider's `terraform validate`, offline.
 *
 * What this does not check: a plan against the real account (an import block reads the role from
 * AWS; offline there is nothing to read), so "the first plan only imports" is shown from the
 * synthesized configuration, not from a refreshed plan.
 */
import { rmSync } from "fs";
import { dirname } from "path";
import { parse, stringify } from "yaml";
import { loadBindings } from "../../src/bindings/load";
import { formatProblem } from "../../src/bindings/problems";
import { synthStacks, synthToDir } from "../helpers/synth";
import {
  describeFailure,
  describeWithTerraform,
  diagnostics,
  offlineStackCopy,
  runStack,
  StackRun,
} from "../helpers/terraform";
import { FULL, run } from "./kube2iam-fixture";

const TIMEOUT = 600_000;
const WORKER = "arn:aws:iam::777788889999:role/legacy-eu-1-worker";
const ISSUER_HOST = "oidc.eks.eu-west-1.amazonaws.com/id/9F8E7D6C5B4A39281706F5E4D3C2B1A0";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Data = any;

/** The import, with the four TODOs answered (what get-account-authorization-details would have said). */
function finishedText(): string {
  const file: Data = parse(run(FULL).out);
  for (const b of file.bindings) {
    if (b.name === "orders-legacy-sync") {
      b.policies = { managed: ["arn:aws:iam::aws:policy/AmazonSQSReadOnlyAccess"] };
      b.trust = { roles: [WORKER] };
    }
    if (b.name === "orders-export-writer") {
      b.policies = { statements: [{ actions: ["s3:PutObject"], resources: ["arn:aws:s3:::orders-exports/*"] }] };
      b.trust = { roles: [WORKER] };
    }
  }
  return stringify(file);
}

const loaded = loadBindings(finishedText(), "imported.yaml");

test("the finished import loads without error", () => {
  expect(loaded.problems.filter((p) => p.severity === "error").map(formatProblem)).toEqual([]);
});

test("every role is imported by name; the trust is IRSA for its ServiceAccounts plus the kept role, nothing else", () => {
  const stacks = synthStacks(loaded.model!);
  expect(Object.keys(stacks).sort()).toEqual(["iam-account-444455556666", "iam-account-777788889999"]);
  const roles: Record<string, Data> = {};
  const imports: Data[] = [];
  for (const stack of Object.values(stacks)) {
    Object.assign(roles, stack.resource?.aws_iam_role ?? {});
    imports.push(...(stack.import ?? []));
  }
  const byName = Object.fromEntries(Object.values(roles).map((r: Data) => [r.name, r]));
  expect(Object.keys(byName).sort()).toEqual([
    "adhoc-analyst",
    "fluent-bit-cloudwatch",
    "orders-api",
    "orders-db-backup",
    "orders-export-writer",
    "orders-legacy-sync",
    "orders-worker",
    "payments-api",
  ]);
  expect(imports.map((i) => i.id).sort()).toEqual(Object.keys(byName).sort());
  const trustOf = (name: string) => JSON.parse(byName[name].assume_role_policy);
  // A kept role is admitted as its account, with ArnEquals on aws:PrincipalArn (the spec's trust.roles).
  const principals = (name: string) =>
    trustOf(name)
      .Statement.map(
        (s: Data) => s.Principal.Federated ?? `${s.Principal.AWS} if ${s.Condition.ArnEquals["aws:PrincipalArn"]}`,
      )
      .sort();
  const PROVIDER = `arn:aws:iam::777788889999:oidc-provider/${ISSUER_HOST}`;
  expect(principals("orders-api")).toEqual([`arn:aws:iam::777788889999:root if ${WORKER}`, PROVIDER].sort());
  const irsa = trustOf("orders-api").Statement.find((s: Data) => s.Principal.Federated);
  expect(irsa.Condition.StringEquals[`${ISSUER_HOST}:sub`]).toEqual("system:serviceaccount:orders:orders-api");
  // orders-worker's old trust needed sts:ExternalId: only IRSA remains.
  expect(principals("orders-worker")).toEqual([PROVIDER]);
  expect(principals("adhoc-analyst")).toEqual(
    ["arn:aws:iam::777788889999:root if arn:aws:iam::777788889999:role/kiam-server", PROVIDER].sort(),
  );
  // Cross-account: the provider in the role's account, the node role of the cluster's account.
  expect(principals("orders-export-writer")).toEqual(
    [`arn:aws:iam::444455556666:oidc-provider/${ISSUER_HOST}`, `arn:aws:iam::777788889999:root if ${WORKER}`].sort(),
  );
  for (const name of Object.keys(byName)) expect(JSON.stringify(trustOf(name))).not.toContain("ec2.amazonaws.com");
  expect(byName["fluent-bit-cloudwatch"].path).toBe("/logging/");
});

describeWithTerraform("the imported IAM stacks under the real Terraform AWS provider (offline)", () => {
  const runs: Record<string, Promise<StackRun>> = {};
  let scratch: string[] = [];

  beforeAll(() => {
    const outdir = synthToDir(loaded.model!);
    for (const stack of ["iam-account-777788889999", "iam-account-444455556666"]) {
      const dir = offlineStackCopy(outdir, stack);
      scratch.push(dirname(dir));
      runs[stack] = runStack(dir, stack, { plan: false, validate: true });
    }
  }, TIMEOUT);

  afterAll(async () => {
    await Promise.allSettled(Object.values(runs));
    if (process.env.PODIAM_KEEP_TF_SCRATCH !== "1")
      for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
    scratch = [];
  }, TIMEOUT);

  for (const stack of ["iam-account-777788889999", "iam-account-444455556666"]) {
    test(
      `${stack}: terraform validate, no error and no warning`,
      async () => {
        const result = await runs[stack];
        if (result.init.code !== 0) throw new Error(describeFailure(result.init));
        expect(diagnostics(result.validate!)).toEqual([]);
        expect(result.validate!.code).toBe(0);
      },
      TIMEOUT,
    );
  }
});
