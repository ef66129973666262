/**
 * `podiam import aws` on the fixture account (issue 13, part 2, and the first half of part 4's
 * zero-diff proof): the file validates (warnings and the import's own waivers allowed), each
 * binding is what the fixtures' README expects, `explain --format json` gives every role exactly
 * the permissions its source documents give (inline + customer-managed + AWS managed by ARN), and
 * hostile inputs are refused at their position with no file written.
 */
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { parse } from "yaml";
import { explain } from "../../src/explain/command";
import { renderImportedFile } from "../../src/import/imported-file";
import { readAuthorizationDetails } from "../../src/import/aws/authorization-details";
import { importAwsFiles } from "../../src/import/aws/command";
import { validationOf } from "../../src/validate";
import { run } from "../../src/cli";
import { formatProblem } from "../../src/bindings/problems";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const AWS = join(__dirname, "..", "fixtures", "import", "aws");
const at = (name: string) => join(AWS, name);
export const FIXTURE_FILES = {
  authorizationDetails: at("authorization-details.json"),
  clusters: [at("describe-cluster-prod-eu-1.json"), at("describe-cluster-prod-us-1.json")],
  podIdentityAssociations: [
    at("pod-identity-associations-prod-us-1.json"),
    at("describe-pod-identity-association-prod-eu-1-payments-api.json"),
    at("list-pod-identity-associations-prod-us-1.json"),
  ],
};
const SHARED_FILES = {
  authorizationDetails: at("shared-444455556666/authorization-details.json"),
  clusters: [at("describe-cluster-prod-eu-1.json")],
  podIdentityAssociations: [],
};

function imported(files = FIXTURE_FILES) {
  const { imported, problems } = importAwsFiles(files);
  if (!imported) throw new Error(problems.map(formatProblem).join("\n"));
  const dir = mkdtempSync(join(tmpdir(), "podiam-import-aws-"));
  const file = join(dir, "bindings.yaml");
  writeFileSync(file, renderImportedFile(imported.result));
  return { ...imported, file, data: parse(readFileSync(file, "utf8")) as Json };
}

function binding(data: Json, name: string): Json {
  const found = data.bindings.find((b: Json) => b.name === name);
  if (!found) throw new Error(`no binding ${name}: ${data.bindings.map((b: Json) => b.name).join(", ")}`);
  return found;
}

function explainJson(file: string): Json {
  let out = "";
  const code = explain({ out: (t) => (out += t), err: () => undefined }, file, { format: "json" });
  expect(code).toBe(0);
  return JSON.parse(out);
}

/** (effect, action, resource, conditions) of IAM JSON statements, as sorted strings. */
function sourceTuples(document: Json): string[] {
  const statements = Array.isArray(document.Statement) ? document.Statement : [document.Statement];
  const list = (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
  return statements.flatMap((s: Json) => {
    const conditions = Object.entries(s.Condition ?? {})
      .flatMap(([op, block]) => Object.entries(block as Json).map(([key, v]) => `${op} ${key}=${list(v).join(",")}`))
      .sort()
      .join(";");
    const actions = s.Action !== undefined ? list(s.Action) : list(s.NotAction).map((a) => `NOT ${a}`);
    const resources = s.Resource !== undefined ? list(s.Resource) : list(s.NotResource).map((r) => `NOT ${r}`);
    return actions.flatMap((a) => resources.map((r) => `${s.Effect} ${a} ${r} ${conditions}`));
  });
}

/** The same tuples of explain's statements. */
function explainTuples(statements: Json[]): string[] {
  return statements.flatMap((s: Json) => {
    const conditions = (s.conditions ?? [])
      .map((c: Json) => `${c.operator} ${c.key}=${c.values.join(",")}`)
      .sort()
      .join(";");
    const actions = s.actions
      ? s.actions.map((a: Json) => a.pattern)
      : s.notActions.map((a: Json) => `NOT ${a.pattern}`);
    const resources = s.resources ?? s.notResources.map((r: string) => `NOT ${r}`);
    return actions.flatMap((a: string) => resources.map((r: string) => `${s.effect} ${a} ${r} ${conditions}`));
  });
}

const sorted = (values: Iterable<string>) => [...new Set(values)].sort();

describe("podiam import aws on the fixture account 111122223333", () => {
  const run = imported();

  it("writes a file podiam validate accepts (warnings and the import's waivers only)", () => {
    const { report } = validationOf(run.file);
    const errors = report.entries.filter((e) => e.problem.severity === "error" && e.waived === undefined);
    expect(errors.map((e) => formatProblem(e.problem))).toEqual([]);
  });

  it("imports the workload roles and ignores and counts the others", () => {
    expect(run.ignoredRoles).toHaveLength(9);
    expect(run.ignoredRoles.join("\n")).toMatch(/github-actions-deploy .*token\.actions\.githubusercontent\.com/);
    expect(run.data.bindings).toHaveLength(26);
    expect(run.result.counts).toEqual({ whole: 17, narrowed: 10, notImported: 9 });
    const skipped = run.result.notes.filter((n) => n.kind === "skipped" && /9 role\(s\)/.test(n.message));
    expect(skipped).toHaveLength(1);
  });

  it("names bindings after the role, or after the ServiceAccount of a generated name", () => {
    const names = run.data.bindings.map((b: Json) => b.name);
    expect(names).toEqual([...names].sort());
    for (const name of [
      "backend-s3-reader",
      "kube-system-autoscaler-service",
      "kube-system-fluent-bit",
      "kube-system-karpenter",
      "orders-consumer",
      "amazoneksloadbalancercontrollerrole",
      "reportingservice-prod-us-1",
      "observability-otel-collector-prod-eu-1-gateway-traces-exporter01",
      "r-2024-migration-reader",
      "batch-worker",
      "batch-worker-2",
    ])
      expect(names).toContain(name);
    expect(binding(run.data, "batch-worker").role.name).toBe("batch-worker");
    expect(binding(run.data, "batch-worker-2").role.name).toBe("Batch.Worker");
    expect(binding(run.data, "reportingservice-prod-us-1").role).toMatchObject({
      name: "ReportingService.Prod@US+1",
      path: "/apps/reporting/",
    });
  });

  it("reads the trust back: two clusters, both modes, patterns, StringLike without wildcards", () => {
    expect(binding(run.data, "eks-external-dns")).toMatchObject({
      clusters: ["prod-eu-1", "prod-us-1"],
      serviceAccounts: ["external-dns/external-dns"],
      mode: "irsa",
      role: { name: "eks-external-dns", path: "/eks/" },
      adopt: { role: true },
    });
    expect(binding(run.data, "eks-payments-api")).toMatchObject({
      cluster: "prod-eu-1",
      serviceAccounts: ["payments/api"],
      mode: "both",
    });
    expect(binding(run.data, "monitoring-amp").serviceAccounts).toEqual(["monitoring/amp-*"]);
    expect(binding(run.data, "prod-eu-1-efs-csi").serviceAccounts).toEqual(["kube-system/efs-csi-*"]);
    expect(binding(run.data, "prod-eu-1-loki").serviceAccounts).toEqual(["logging/loki", "logging/loki-compactor"]);
    expect(binding(run.data, "legacy-app-role").serviceAccounts).toEqual(["default/legacy-app"]);
    expect(binding(run.data, "kube-system-karpenter")).toMatchObject({ mode: "pod-identity", cluster: "prod-us-1" });
  });

  it("reports each narrowing and each role or association it does not import", () => {
    const text = run.result.notes.map((n) => `${n.kind}: ${n.message} ${n.source ?? ""}`).join("\n");
    // Two roles for external-dns/external-dns on prod-eu-1: the one used last keeps it.
    expect(text).toMatch(
      /narrowed: external-dns\/external-dns on prod-eu-1 is also admitted by the role \/eks\/eks-external-dns/,
    );
    expect(text).toMatch(/narrowed: trust Statement\[0\] admits AWS \* .*dropped role \/eks\/prod-eu-1-loki/);
    expect(text).toMatch(/narrowed: trust Statement\[0\] has no .*:aud condition.*role \/legacy-app-role/);
    expect(text).toMatch(/skipped: trust Statement\[0\] has no .*:sub condition.*aws-ebs-csi-driver-Role1/);
    expect(text).toMatch(/skipped: .*eu-central-1.*matches no given cluster.*role \/dev-euc-1-app/);
    expect(text).toMatch(/skipped: .*no given association names the role.*legacy-batch-pod-identity/);
    expect(text).toMatch(/skipped: .*analytics\/reporter.*target role.*disables session tags/);
    expect(text).toMatch(/skipped: .*analytics\/exporter.*target role/);
    expect(text).toMatch(/skipped: .*kube-system\/aws-node.*owned by the EKS add-on/);
    expect(text).toMatch(/skipped: .*batch\/old-job.*deleted-batch-role.*dangling/);
    expect(text).toMatch(/skipped: .*search\/indexer.*no describe-pod-identity-association output/);
    expect(text).toMatch(/skipped: .*dev\/nginx.*session policy.*an import never widens/);
    expect(text).toMatch(/not-carried: .*MaxSessionDuration nor Description/);
    for (const name of [
      "eksctl-prod-eu-1-addon-iamserviceaccount-exte-Role1-Fd6Sa1Lk9Jh3",
      "legacy-batch-pod-identity",
      "dev-euc-1-app",
    ])
      expect(run.data.bindings.some((b: Json) => b.role?.name === name)).toBe(false);
  });

  it("keeps the account's raised quota for the role with 15 policies, so validate accepts it", () => {
    expect(run.data.quotas).toEqual({ managedPoliciesPerRole: 15 });
    expect(binding(run.data, "data-etl-runner").policies.managed).toHaveLength(15);
    // Lint errors about what the role has today are waived with a reason, and said.
    expect(binding(run.data, "data-etl-runner").waivers.map((w: Json) => w.rule)).toEqual(["IAM002", "IAM003"]);
  });

  it("gives every role exactly the permissions of its source documents (explain --format json)", () => {
    const details = readAuthorizationDetails(FIXTURE_FILES.authorizationDetails).details!;
    const review = explainJson(run.file);
    expect(review.bindings).toHaveLength(run.data.bindings.length);
    for (const entry of review.bindings) {
      const role = details.roles.find((r) => r.arn === entry.role.arn)!;
      expect(role).toBeDefined();
      const customer = (arn: string) => details.policies.get(arn);
      const source = [
        ...role.inlinePolicies.flatMap((p) => sourceTuples(p.document)),
        ...role.attachedPolicyArns.flatMap((arn) => (customer(arn) ? sourceTuples(customer(arn)!.document) : [])),
      ];
      const managedArns: string[] = entry.managedPolicies.map((m: Json) => m.arn);
      const result = [
        ...explainTuples(entry.statements),
        ...managedArns.flatMap((arn) => (customer(arn) ? sourceTuples(customer(arn)!.document) : [])),
      ];
      expect({ role: role.name, tuples: sorted(result) }).toEqual({ role: role.name, tuples: sorted(source) });
      expect({ role: role.name, aws: sorted(managedArns.filter((a) => !customer(a))) }).toEqual({
        role: role.name,
        aws: sorted(role.attachedPolicyArns.filter((a) => !customer(a))),
      });
    }
  });

  it("is deterministic", () => {
    expect(renderImportedFile(imported().result)).toBe(readFileSync(run.file, "utf8"));
  });
});

describe("podiam import aws on the shared account 444455556666 (cross-account IRSA)", () => {
  const shared = imported(SHARED_FILES);

  it("imports invoice-reader into its account, adopting its own policy as statements", () => {
    expect(shared.data.bindings).toHaveLength(1);
    expect(binding(shared.data, "invoice-reader")).toMatchObject({
      cluster: "prod-eu-1",
      account: "account-444455556666",
      serviceAccounts: ["billing/invoice-api", "billing/invoice-worker"],
      role: { name: "invoice-reader", path: "/eks/", permissionsBoundary: "arn:aws:iam::444455556666:policy/boundary" },
      policies: { managed: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"] },
      adopt: { role: true, policy: true },
    });
    expect(shared.data.clusters["prod-eu-1"].oidcIssuer).toMatch(/^https:\/\/oidc\.eks\.eu-west-1/);
    expect(shared.ignoredRoles).toHaveLength(3);
    expect(shared.result.counts).toEqual({ whole: 2, narrowed: 0, notImported: 0 });
    const { report } = validationOf(shared.file);
    expect(report.entries.filter((e) => e.problem.severity === "error" && !e.waived)).toEqual([]);
  });
});

describe("hostile inputs", () => {
  const dir = mkdtempSync(join(tmpdir(), "podiam-import-aws-hostile-"));
  const write = (name: string, text: string) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };
  function cli(args: string[]) {
    let out = "";
    let err = "";
    const spyOut = jest.spyOn(process.stdout, "write").mockImplementation((t) => ((out += String(t)), true));
    const spyErr = jest.spyOn(process.stderr, "write").mockImplementation((t) => ((err += String(t)), true));
    try {
      return { code: run(["import", "aws", ...args]), out, err };
    } finally {
      spyOut.mockRestore();
      spyErr.mockRestore();
    }
  }

  it("refuses a truncated page, exit 1, no file", () => {
    const output = join(dir, "out-truncated.yaml");
    const result = cli(["--authorization-details", at("authorization-details-truncated-page.json"), "-o", output]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/authorization-details-truncated-page\.json:\d+:\d+: IsTruncated: this is one page/);
    expect(result.err).not.toMatch(/\n\s+at /);
    expect(existsSync(output)).toBe(false);
  });

  it("refuses malformed JSON and wrong shapes in every input, each at its position", () => {
    const auth = write("auth.json", '{"RoleDetailList": [\n  {"RoleName": "x",}\n]}');
    const cluster = write(
      "cluster.json",
      '{"cluster": {"name": "c", "arn": "arn:aws:eks:eu-west-1:111122223333:cluster/other"}}',
    );
    const associations = write("assoc.json", '[{"association": {"clusterName": "c", "namespace": "n"}}, 42]');
    const result = cli([
      "--authorization-details",
      auth,
      "--cluster",
      cluster,
      "--pod-identity-associations",
      associations,
    ]);
    expect(result.code).toBe(1);
    expect(result.out).toBe("");
    expect(result.err).toMatch(/auth\.json:2:\d+: /);
    expect(result.err).toMatch(/cluster\.json:1:\d+: cluster\.arn: .* is not the ARN of the cluster "c"/);
    expect(result.err).toMatch(/assoc\.json:1:\d+: \[0\]\.association: has no serviceAccount/);
    expect(result.err).toMatch(/assoc\.json:1:\d+: \[1\]: is a number without association/);
  });

  it("refuses duplicate role names and a missing file", () => {
    const role = (name: string) => ({
      RoleName: name,
      Path: "/",
      Arn: `arn:aws:iam::111122223333:role/${name}`,
      AssumeRolePolicyDocument: { Version: "2012-10-17", Statement: [] },
    });
    const auth = write("dup.json", JSON.stringify({ RoleDetailList: [role("App"), role("app")] }, null, 2));
    expect(cli(["--authorization-details", auth]).err).toMatch(
      /dup\.json:\d+:\d+: RoleDetailList\[1\]\.RoleName: the role "app" is already/,
    );
    expect(cli(["--authorization-details", join(dir, "none.json")]).err).toMatch(
      /none\.json:1:1: \(file\): cannot read: no such file/,
    );
  });

  it("says what it cannot check when the export has no customer-managed policies (--filter Role alone)", () => {
    const full = JSON.parse(readFileSync(FIXTURE_FILES.authorizationDetails, "utf8"));
    const auth = write("roles-only.json", JSON.stringify({ ...full, Policies: [] }, null, 2));
    const { imported: result } = importAwsFiles({ ...FIXTURE_FILES, authorizationDetails: auth });
    const text = result!.result.notes.map((n) => n.message).join("\n");
    expect(text).toMatch(/lists no customer-managed policies \(exported with --filter Role alone\?\)/);
    const bindings = result!.result.file.bindings as Json[];
    const payments = bindings.find((b) => b.name === "eks-payments-api");
    expect(payments.policies.managed).toEqual(["arn:aws:iam::111122223333:policy/payments-secrets-read"]);
  });

  it("reads URL-encoded documents as the raw API writes them", () => {
    const trust = {
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Action: "sts:AssumeRoleWithWebIdentity",
          Principal: {
            Federated:
              "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE",
          },
          Condition: {
            StringEquals: {
              "oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE:sub":
                "system:serviceaccount:app:api",
              "oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE:aud": "sts.amazonaws.com",
            },
          },
        },
      ],
    };
    const policy = {
      Version: "2012-10-17",
      Statement: { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::a+b/*" },
    };
    const auth = write(
      "encoded.json",
      JSON.stringify({
        RoleDetailList: [
          {
            RoleName: "api",
            Path: "/",
            Arn: "arn:aws:iam::111122223333:role/api",
            AssumeRolePolicyDocument: encodeURIComponent(JSON.stringify(trust)),
            RolePolicyList: [{ PolicyName: "p", PolicyDocument: encodeURIComponent(JSON.stringify(policy)) }],
          },
        ],
      }),
    );
    const { imported: result } = importAwsFiles({
      authorizationDetails: auth,
      clusters: [at("describe-cluster-prod-eu-1.json")],
      podIdentityAssociations: [],
    });
    const api = (result!.result.file.bindings as Json[])[0];
    expect(api).toMatchObject({
      name: "api",
      serviceAccounts: ["app/api"],
      policies: { statements: [{ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::a+b/*"] }] },
    });
  });
});
