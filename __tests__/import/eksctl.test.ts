/**
 * `podiam import eksctl`: every fixture imports; the file it writes loads with only the TODOs it
 * announces (the role names CloudFormation generated, no others), and with --role-names validates
 * with no error; per binding, `explain --format json` grants exactly what eksctl granted (managed
 * ARNs, and action/resource/condition tuples of the inline documents and well-known policies, read
 * from the fixtures here, not from the importer); what cannot be carried is said; the file eksctl
 * refuses is refused at its lines; hostile inputs get positioned errors and no stack trace.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { parse } from "yaml";
import { loadBindings } from "../../src/bindings/load";
import { UNFINISHED_MARKER } from "../../src/bindings/unfinished";
import { run } from "../../src/cli";
import { WELL_KNOWN_FLAGS, wellKnownGrant } from "../../src/import/eksctl/well-known-policies";
import { FIXTURES } from "../helpers/synth";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const DIR = join(FIXTURES, "import", "eksctl");
const fixture = (name: string) => join(DIR, name);

interface Run {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

function podiam(...argv: string[]): Run {
  let out = "";
  let err = "";
  const code = run(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

function scratch(): string {
  return mkdtempSync(join(tmpdir(), "podiam-import-eksctl-"));
}

/** Imports to a file and returns its text and data. */
function imported(config: string, ...flags: string[]): { file: string; text: string; data: Json; run: Run } {
  const file = join(scratch(), "bindings.yaml");
  const result = podiam("import", "eksctl", fixture(config), "-o", file, ...flags);
  expect(result.err).not.toMatch(/internal error|at .*\.ts:\d+/);
  expect(result.code).toBe(0);
  const text = readFileSync(file, "utf8");
  return { file, text, data: parse(text), run: result };
}

const binding = (data: Json, name: string): Json => data.bindings.find((b: Json) => b.name === name);

const ROLE_NAMES: Readonly<Record<string, string>> = {
  "prod-eu-1.yaml": "prod-eu-1.role-names.yaml",
  "prod-us-1.yaml": "prod-us-1.role-names.json",
  "staging.yaml": "staging.role-names.yaml",
};

describe("podiam import eksctl: every fixture", () => {
  // The counts per ServiceAccount of the source, and why (see the report).
  const expected: Record<string, { whole: number; narrowed: number; notImported: number; todos: number }> = {
    // 11 IRSA entries (payments/api also associated: one `both` binding, whose Pod Identity trust
    // podiam scopes); 5 without roleName or status.
    "prod-eu-1.yaml": { whole: 10, narrowed: 1, notImported: 0, todos: 5 },
    // 8 associations: 2 with targetRoleARN skipped; every role eksctl made has a trust podiam narrows.
    "prod-us-1.yaml": { whole: 1, narrowed: 4, notImported: 3, todos: 2 },
    // 13: tooling/migrator has two roles (conflict); karpenter's Pod Identity trust narrows.
    "staging.yaml": { whole: 11, narrowed: 1, notImported: 1, todos: 10 },
  };

  for (const [config, want] of Object.entries(expected)) {
    it(`${config}: imports, counts its ServiceAccounts, and leaves only the announced TODOs`, () => {
      const { text, run: result } = imported(config);
      expect(result.err).toContain(
        `${want.whole} ServiceAccount(s) imported as they are, ${want.narrowed} narrowed, ${want.notImported} not imported`,
      );
      expect(text).toContain(`# ${want.whole} ServiceAccount(s) imported as they are, ${want.narrowed} narrowed`);
      const errors = loadBindings(text).problems.filter((p) => p.severity === "error");
      expect(errors.map((e) => e.path)).toEqual(
        expect.arrayContaining([expect.stringMatching(/^bindings\[\d+\]\.role\.name$/)]),
      );
      // Every error is a TODO(podiam) role name, nothing else.
      for (const error of errors) {
        expect(error.path).toMatch(/^bindings\[\d+\]\.role\.name$/);
        expect(error.message).toMatch(/is left to fill in: the name of the role CloudFormation generated/);
      }
      expect(errors).toHaveLength(want.todos);
      expect(text.split("\n").filter((l) => /^\s*# TODO: the config has no roleName/.test(l))).toHaveLength(want.todos);
    });

    it(`${config}: with --role-names, validates with no error`, () => {
      const { file, data } = imported(config, "--role-names", fixture(ROLE_NAMES[config]));
      expect(JSON.stringify(data)).not.toContain(UNFINISHED_MARKER);
      const validate = podiam("validate", "-f", file);
      expect(validate.err + validate.out).toMatch(/0 errors/);
      expect(validate.code).toBe(0);
    });

    it(`${config}: is written the same on every run`, () => {
      expect(imported(config).text).toBe(imported(config).text);
    });
  }
});

describe("podiam import eksctl: the bindings", () => {
  const eu = imported("prod-eu-1.yaml", "--role-names", fixture("prod-eu-1.role-names.yaml")).data;
  const us = imported("prod-us-1.yaml").data;
  const staging = imported("staging.yaml").data;

  it("the cluster, its account inferred from the ARNs, the provider eksctl made, metadata.tags as defaults", () => {
    expect(eu.accounts).toEqual({ "aws-111122223333": { id: "111122223333", region: "eu-west-1" } });
    expect(eu.clusters).toEqual({
      "prod-eu-1": { account: "aws-111122223333", region: "eu-west-1", name: "prod-eu-1", oidcProvider: "existing" },
    });
    expect(eu.defaults).toEqual({ tags: { "cost-center": "4242", team: "platform" } });
    expect(staging.accounts["aws-555566667777"].id).toBe("555566667777");
    // No IRSA here: no provider to refer to.
    expect(us.clusters["prod-us-1"].oidcProvider).toBeUndefined();
  });

  it("--account-id and --issuer are taken as given", () => {
    const { data, run: result } = imported(
      "prod-eu-1.yaml",
      "--account-id",
      "999988887777",
      "--issuer",
      "https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE",
    );
    expect(data.accounts).toEqual({ "aws-999988887777": { id: "999988887777", region: "eu-west-1" } });
    expect(data.clusters["prod-eu-1"].oidcIssuer).toBe(
      "https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE",
    );
    expect(result.err).toMatch(/from --account-id; ARNs of the file in other accounts: 111122223333/);
  });

  it("without an account in the file or the flags, the id is a TODO validate refuses", () => {
    const dir = scratch();
    const config = join(dir, "c.yaml");
    writeFileSync(
      config,
      "apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata: {name: c1, region: eu-west-1}\niam:\n  withOIDC: true\n  serviceAccounts:\n  - metadata: {name: a, namespace: n}\n    roleName: r\n    attachPolicyARNs: [arn:aws:iam::aws:policy/ReadOnlyAccess]\n",
    );
    const out = join(dir, "b.yaml");
    expect(podiam("import", "eksctl", config, "-o", out).code).toBe(0);
    const errors = loadBindings(readFileSync(out, "utf8")).problems.filter((p) => p.severity === "error");
    expect(errors.map((e) => e.path)).toEqual(["accounts.main.id"]);
  });

  it("IRSA: managed ARNs, boundary, tags, labels and annotations; adopt what eksctl made", () => {
    expect(binding(eu, "s3-reader")).toMatchObject({
      cluster: "prod-eu-1",
      serviceAccounts: ["backend/s3-reader"],
      mode: "irsa",
      role: { name: "eksctl-prod-eu-1-addon-iamserviceaccount-back-Role1-Xq3LmN8pRt2v", tags: { owner: "backend" } },
      policies: { managed: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"] },
      serviceAccount: { labels: { "aws-usage": "application" } },
      adopt: { role: true, serviceAccounts: true },
    });
    expect(binding(eu, "cache-access")).toMatchObject({
      role: {
        name: "backend-cache-access",
        permissionsBoundary: "arn:aws:iam::111122223333:policy/workload-boundary",
        tags: { owner: "backend", "data-classification": "internal" },
      },
      serviceAccount: { annotations: { "eks.amazonaws.com/token-expiration": "3600" } },
    });
    expect(binding(eu, "etl-runner").role.name).toBe(
      "eksctl-prod-eu-1-addon-iamserviceaccount-data-Role1-Hq7Ws3Ed9Rf1",
    );
  });

  it("roleOnly: the role alone (serviceAccount.create: false, no ServiceAccount adopted); upper-case role names kept", () => {
    const lbc = binding(eu, "aws-load-balancer-controller");
    expect(lbc.role.name).toBe("AmazonEKSLoadBalancerControllerRole");
    expect(lbc.serviceAccount).toEqual({ create: false });
    expect(lbc.adopt).toEqual({ role: true });
  });

  it("attachRoleARN / roleARN: a role made elsewhere, nothing adopted in IAM", () => {
    expect(binding(eu, "legacy-app")).toEqual({
      name: "legacy-app",
      cluster: "prod-eu-1",
      serviceAccounts: ["default/legacy-app"],
      mode: "irsa",
      role: { arn: "arn:aws:iam::111122223333:role/legacy-app-role" },
      adopt: { serviceAccounts: true },
    });
    expect(binding(us, "s3-reader")).toMatchObject({
      mode: "pod-identity",
      role: { arn: "arn:aws:iam::111122223333:role/s3-reader-pod-identity" },
      adopt: { serviceAccounts: true },
    });
  });

  it("the same ServiceAccount and role in IRSA and Pod Identity: one binding, mode both", () => {
    expect(eu.bindings.filter((b: Json) => b.serviceAccounts.includes("payments/api"))).toHaveLength(1);
    expect(binding(eu, "api")).toMatchObject({
      mode: "both",
      role: { name: "eks-payments-api" },
      adopt: { role: true },
    });
  });

  it("two roles for one ServiceAccount: neither is imported, and both are named", () => {
    const { text, run: result } = imported("staging.yaml");
    expect(parse(text).bindings.some((b: Json) => b.serviceAccounts.includes("tooling/migrator"))).toBe(false);
    expect(result.err).toMatch(/SKIPPED: tooling\/migrator: .*tooling-migrator-irsa.*tooling-migrator-pod-identity/);
  });

  it("subjectPattern prefix* becomes podiam's wildcard", () => {
    expect(binding(eu, "amp-ingest").serviceAccounts).toEqual(["monitoring/amp-*"]);
  });

  it("same name in two namespaces: distinct binding names", () => {
    expect(binding(staging, "app-worker").serviceAccounts).toEqual(["app/worker"]);
    expect(binding(staging, "batch-worker").serviceAccounts).toEqual(["batch/worker"]);
  });

  it("roleOnly: yes is true (YAML 1.1, as eksctl reads it); eksctl's annotation and label are not carried", () => {
    const { data, run: result } = imported("staging.yaml");
    expect(binding(data, "report-generator")).toMatchObject({
      serviceAccounts: ["default/report-generator"],
      role: { name: "report-generator" },
      serviceAccount: { create: false, annotations: { "eks.amazonaws.com/token-expiration": "86400" } },
      adopt: { role: true },
    });
    expect(binding(data, "report-generator").serviceAccount.labels).toBeUndefined();
    expect(result.err).toMatch(/roleOnly: yes read as true/);
  });

  it("Pod Identity: createServiceAccount, boundary key, managed + well-known managed", () => {
    expect(binding(us, "producer")).toMatchObject({
      mode: "pod-identity",
      role: { name: "orders-producer", permissionsBoundary: "arn:aws:iam::111122223333:policy/workload-boundary" },
      policies: {
        managed: [
          "arn:aws:iam::111122223333:policy/orders-queue-send",
          "arn:aws:iam::aws:policy/AmazonSSMReadOnlyAccess",
          "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPowerUser",
        ],
      },
      adopt: { role: true, serviceAccounts: true },
    });
    expect(binding(us, "producer").serviceAccount).toBeUndefined();
    expect(binding(us, "consumer").serviceAccount).toEqual({ create: false });
  });

  it("says what cannot be carried, in the file and on stderr", () => {
    const { text, run: result } = imported("prod-us-1.yaml");
    for (const out of [text, result.err]) {
      expect(out).toMatch(/SKIPPED: analytics\/reporter: .*targetRoleARN.*disableSessionTags: true/);
      expect(out).toMatch(
        /SKIPPED: analytics\/exporter: .*targetRoleARN arn:aws:iam::444455556666:role\/analytics-export-writer/,
      );
      expect(out).toMatch(/SKIPPED: dev\/nginx: .*session policy .*an import never widens/);
      expect(out).toMatch(/SKIPPED: addon vpc-cni/);
      expect(out).toMatch(/NARROWED: eksctl's trust lets any Pod Identity association/);
    }
    const eu1 = imported("prod-eu-1.yaml");
    expect(eu1.text).toMatch(/NOT CARRIED OVER: eksctl creates the namespace backend/);
    expect(eu1.run.err).toMatch(/SKIPPED: addon aws-efs-csi-driver \(serviceAccountRoleARN/);
  });
});

describe("podiam import eksctl: awkward.yaml", () => {
  const { file, data, run: result } = imported("awkward.yaml");

  it("validates as it is (no TODO: every role is named), counts 3 whole, 1 narrowed, 2 not imported", () => {
    expect(result.err).toContain("3 ServiceAccount(s) imported as they are, 1 narrowed, 2 not imported");
    const validate = podiam("validate", "-f", file);
    expect(validate.code).toBe(0);
  });

  it("another partition: the account's, and the well-known managed policy in it", () => {
    expect(data.accounts["aws-999900001111"]).toEqual({
      id: "999900001111",
      partition: "aws-cn",
      region: "cn-north-1",
    });
    expect(binding(data, "builder").policies.managed).toEqual([
      "arn:aws-cn:iam::aws:policy/AmazonEC2ContainerRegistryPowerUser",
    ]);
  });

  it("YAML 1.1 booleans and numbers read as eksctl reads them", () => {
    expect(data.clusters["cn-batch-1"].oidcProvider).toBe("existing");
    expect(binding(data, "builder").role.tags).toEqual({ "on-call": "false", tier: "1" });
    expect(binding(data, "shared").serviceAccount).toEqual({ create: false });
  });

  it("subject patterns: * is the namespace, ? is narrowed to the ServiceAccount's name and said", () => {
    expect(binding(data, "any").serviceAccounts).toEqual(["sandbox/*"]);
    expect(binding(data, "job-a-runner").serviceAccounts).toEqual(["jobs/job-a-runner"]);
    expect(result.err).toMatch(/NARROWED: subjectPattern "job-\?-runner"/);
  });

  it("one role made elsewhere for IRSA and Pod Identity: mode both with role.arn", () => {
    expect(binding(data, "shared")).toMatchObject({
      mode: "both",
      role: { arn: "arn:aws-cn:iam::999900001111:role/apps-shared" },
    });
    expect(binding(data, "shared").adopt).toBeUndefined();
  });

  it("what cannot be imported is skipped with the reason", () => {
    expect(result.err).toMatch(/SKIPPED: apps\/legacy-doc: its inline policy is not an IAM policy podiam can hold/);
    expect(result.err).toMatch(/SKIPPED: apps\/unknown: .*cannot be the same role/);
    expect(data.bindings.map((b: Json) => b.name)).toEqual(["builder", "job-a-runner", "any", "shared"]);
  });
});

/** eksctl's grant, from the ClusterConfig as written: managed ARNs and statement tuples. */
function eksctlGrant(entry: Json): { managed: string[]; tuples: string[] } {
  const managed = [...(entry.attachPolicyARNs ?? entry.permissionPolicyARNs ?? [])];
  const statements: Json[] = [];
  const document = entry.attachPolicy ?? entry.permissionPolicy;
  if (document) statements.push(...[document.Statement].flat());
  for (const flag of WELL_KNOWN_FLAGS) {
    if (entry.wellKnownPolicies?.[flag] !== true) continue;
    const grant = wellKnownGrant(flag, "aws");
    managed.push(...grant.managed);
    for (const inline of grant.inline) statements.push(...inline.statements);
  }
  const tuples = statements.flatMap((s: Json) => {
    const conditions = Object.entries(s.Condition ?? {}).flatMap(([operator, block]) =>
      Object.entries(block as Json).map(([key, v]) => ({ operator, key, values: [v].flat().map(String) })),
    );
    return [s.Action].flat().flatMap((a: string) => [s.Resource].flat().map((r: string) => tuple(a, r, conditions)));
  });
  return { managed: [...new Set(managed)].sort(), tuples: [...new Set(tuples)].sort() };
}

function tuple(action: string, resource: string, conditions: Json[]): string {
  const sorted = [...conditions]
    .map((c) => ({ operator: c.operator, key: c.key, values: [...c.values].sort() }))
    .sort((a, b) => `${a.operator}${a.key}`.localeCompare(`${b.operator}${b.key}`));
  return `${action} ${resource} ${JSON.stringify(sorted)}`;
}

/** What explain --format json says a binding may do. */
function explainedGrant(explained: Json): { managed: string[]; tuples: string[] } {
  const statements: Json[] = [...explained.statements];
  const managed: string[] = [];
  for (const policy of explained.managedPolicies) {
    if (policy.filePolicy) statements.push(...policy.filePolicy.statements);
    else managed.push(policy.arn);
  }
  const tuples = statements.flatMap((s: Json) =>
    s.actions.flatMap((a: Json) => s.resources.map((r: string) => tuple(a.pattern, r, s.conditions ?? []))),
  );
  return { managed: [...new Set(managed)].sort(), tuples: [...new Set(tuples)].sort() };
}

describe("podiam import eksctl: permissions per role are eksctl's", () => {
  for (const config of Object.keys(ROLE_NAMES)) {
    it(`${config}: explain --format json grants exactly what eksctl granted, binding by binding`, () => {
      const { file, data } = imported(config, "--role-names", fixture(ROLE_NAMES[config]));
      const source = parse(readFileSync(fixture(config), "utf8"));
      const explain = podiam("explain", "-f", file, "--format", "json");
      expect(explain.code).toBe(0);
      const explained = JSON.parse(explain.out);
      const entries = new Map<string, Json>();
      for (const sa of source.iam.serviceAccounts ?? [])
        entries.set(`${sa.metadata.namespace ?? "default"}/${sa.metadata.name}`, sa);
      for (const pia of source.iam.podIdentityAssociations ?? []) {
        const key = `${pia.namespace}/${pia.serviceAccountName}`;
        // The role eksctl made carries the permissions; a roleARN entry grants none of its own.
        if (!entries.has(key) || pia.roleARN === undefined) entries.set(key, pia);
      }
      let compared = 0;
      for (const b of data.bindings) {
        const entry = entries.get(b.serviceAccounts[0].replace(/\/amp-\*$/, "/amp-ingest"));
        expect(entry).toBeDefined();
        const got = explained.bindings.find((e: Json) => e.name === b.name);
        if (b.role.arn !== undefined) {
          expect(got.managedPolicies).toEqual([]);
          expect(got.statements).toEqual([]);
          continue;
        }
        expect(explainedGrant(got)).toEqual(eksctlGrant(entry));
        compared++;
      }
      expect(compared).toBeGreaterThanOrEqual(4);
    });
  }
});

describe("the well-known policies are eksctl's (eksctl-io/eksctl@99984adb statement.go, iam_helper.go)", () => {
  const actions = (flag: (typeof WELL_KNOWN_FLAGS)[number]) =>
    wellKnownGrant(flag, "aws").inline.flatMap((i) => i.statements.flatMap((s) => s.Action));
  it("managed ones, with the partition", () => {
    expect(wellKnownGrant("imageBuilder", "aws-cn").managed).toEqual([
      "arn:aws-cn:iam::aws:policy/AmazonEC2ContainerRegistryPowerUser",
    ]);
    expect(wellKnownGrant("ebsCSIController", "aws").managed).toEqual([
      "arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy",
    ]);
  });
  it("inline ones: the policies, statements and actions eksctl writes", () => {
    expect(actions("autoScaler")).toHaveLength(12);
    expect(wellKnownGrant("awsLoadBalancerController", "aws").inline[0].statements).toHaveLength(16);
    expect(wellKnownGrant("externalDNS", "aws").inline.map((i) => i.suffix)).toEqual([
      "PolicyExternalDNSChangeSet",
      "PolicyExternalDNSHostedZones",
    ]);
    expect(actions("externalDNS")).toEqual([
      "route53:ChangeResourceRecordSets",
      "route53:ListHostedZones",
      "route53:ListResourceRecordSets",
      "route53:ListTagsForResource",
    ]);
    expect(actions("certManager")).toEqual([
      "route53:ChangeResourceRecordSets",
      "route53:GetChange",
      "route53:ListResourceRecordSets",
      "route53:ListHostedZonesByName",
    ]);
    expect(actions("efsCSIController")).toHaveLength(5);
    expect(JSON.stringify(wellKnownGrant("certManager", "aws-us-gov"))).toContain("arn:aws-us-gov:route53:::change/*");
  });
});

describe("podiam import eksctl: files eksctl refuses, and hostile inputs", () => {
  it("invalid.yaml: every problem at its line and column, exit 1, nothing written", () => {
    const out = join(scratch(), "b.yaml");
    const result = podiam("import", "eksctl", fixture("invalid.yaml"), "-o", out);
    expect(result.code).toBe(1);
    expect(result.out).toBe("");
    expect(() => readFileSync(out)).toThrow();
    const lines = result.err
      .split("\n")
      .filter((l) => l.startsWith(fixture("invalid.yaml")))
      .map((l) => l.slice(fixture("invalid.yaml").length + 1));
    expect(lines).toEqual([
      expect.stringMatching(/^14:3: iam\.serviceAccounts: iam\.withOIDC must be enabled explicitly/),
      expect.stringMatching(/^19:19: iam\.serviceAccounts\[0\]\.attachPolicy: must be a mapping .*not a string/),
      expect.stringMatching(
        /^26:5: iam\.serviceAccounts\[1\]\.attachPolicyArns: unknown key "attachPolicyArns" \(did you mean "attachPolicyARNs"\?\)/,
      ),
      expect.stringMatching(
        /^30:5: iam\.serviceAccounts\[2\]: one of wellKnownPolicies, attachPolicyARNs, attachRoleARN or attachPolicy must be set/,
      ),
      expect.stringMatching(/^36:7: iam\.serviceAccounts\[3\]\.metadata: "apps\/string-policy" is not unique/),
      expect.stringMatching(
        /^45:5: iam\.podIdentityAssociations\[0\]\.permissionPolicyARNs: cannot be specified when roleARN is set/,
      ),
      expect.stringMatching(/^47:5: iam\.podIdentityAssociations\[1\]\.namespace: must be set/),
      expect.stringMatching(/^53:23: iam\.podIdentityAssociations\[2\]\.permissionPolicy: must be a mapping/),
    ]);
  });

  const hostile: Record<string, { text: string; error: RegExp }> = {
    "not YAML": { text: "metadata: {name: [unclosed\n", error: /^c\.yaml:\d+:\d+: \(yaml\): / },
    "an empty file": { text: "", error: /^c\.yaml:1:1: \(root\): the file is empty/ },
    "only a comment": { text: "# nothing\n", error: /the file is empty/ },
    "a Kubernetes List": {
      text: "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ServiceAccount\n",
      error: /^c\.yaml:2:7: kind: is "List", not ClusterConfig/,
    },
    "a list at the top": {
      text: "- a\n- b\n",
      error: /^c\.yaml:1:1: \(root\): expected an eksctl ClusterConfig .*got a list/,
    },
    "a scalar": { text: "hello\n", error: /got "hello"/ },
    binary: { text: "\u0000\u0001PK", error: /control character/ },
    "wrong apiVersion": {
      text: "apiVersion: eksctl.io/v1alpha4\nkind: ClusterConfig\nmetadata: {name: a, region: eu-west-1}\n",
      error: /^c\.yaml:1:13: apiVersion: must be eksctl\.io\/v1alpha5/,
    },
    "no metadata": {
      text: "apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\n",
      error: /metadata: is required/,
    },
    'a quoted "yes" for a boolean': {
      text: 'apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata: {name: a, region: eu-west-1}\niam:\n  withOIDC: "yes"\n',
      error: /^c\.yaml:5:13: iam\.withOIDC: expected true or false, got "yes"/,
    },
    "two documents": {
      text: "apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata: {name: a, region: eu-west-1}\n---\nkind: ClusterConfig\n",
      error: /second YAML document/,
    },
    "an alias bomb": {
      text: `a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n`,
      error: /alias/,
    },
    "duplicate keys": {
      text: "apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nkind: ClusterConfig\n",
      error: /^c\.yaml:3:1: .*"kind" is already set/,
    },
    "a huge ServiceAccount name": {
      text: `apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata: {name: a, region: eu-west-1}\niam:\n  withOIDC: true\n  serviceAccounts:\n  - metadata: {name: ${"x".repeat(100_000)}}\n    attachPolicyARNs: [arn:aws:iam::aws:policy/ReadOnlyAccess]\n    roleName: r\n`,
      error: /.*/,
    },
  };
  for (const [name, { text, error }] of Object.entries(hostile)) {
    it(`${name}: a positioned problem (or a file validate refuses), never a stack trace`, () => {
      const dir = scratch();
      writeFileSync(join(dir, "c.yaml"), text);
      const cwd = process.cwd();
      process.chdir(dir);
      try {
        const out = join(dir, "b.yaml");
        const result = podiam("import", "eksctl", "c.yaml", "-o", out);
        expect(result.err).not.toMatch(/internal error| {4}at /);
        if (name === "a huge ServiceAccount name") {
          // eksctl accepts it; the name is no Kubernetes name, so the imported file says so at its place.
          expect(result.code).toBe(0);
          const errors = loadBindings(readFileSync(out, "utf8")).problems.filter((p) => p.severity === "error");
          expect(errors.map((e) => e.path)).toContain("bindings[0].serviceAccounts[0]");
          return;
        }
        expect(result.code).toBe(1);
        expect(result.out).toBe("");
        expect(result.err.split("\n")[0]).toMatch(error);
        expect(() => readFileSync(out)).toThrow();
      } finally {
        process.chdir(cwd);
      }
    });
  }

  it("a JSON ClusterConfig is a ClusterConfig (eksctl converts YAML to JSON anyway)", () => {
    const dir = scratch();
    const json = join(dir, "c.json");
    writeFileSync(json, JSON.stringify(parse(readFileSync(fixture("prod-eu-1.yaml"), "utf8")), null, 2));
    const out = join(dir, "b.yaml");
    const result = podiam("import", "eksctl", json, "-o", out);
    expect(result.code).toBe(0);
    expect(parse(readFileSync(out, "utf8")).bindings).toEqual(imported("prod-eu-1.yaml").data.bindings);
  });

  it("a missing file, a directory, bad flags: a message, exit 1", () => {
    expect(podiam("import", "eksctl", join(scratch(), "nope.yaml")).err).toMatch(/no such file/);
    expect(podiam("import", "eksctl", scratch()).err).toMatch(/it is a directory/);
    const badAccount = podiam("import", "eksctl", fixture("prod-eu-1.yaml"), "--account-id", "12345");
    expect(badAccount.code).toBe(1);
    expect(badAccount.err).toMatch(/not a 12-digit AWS account id/);
    const badIssuer = podiam("import", "eksctl", fixture("prod-eu-1.yaml"), "--issuer", "http://x");
    expect(badIssuer.code).toBe(1);
  });

  it("--role-names: a ServiceAccount the config lacks, or a value that is no role, is refused at its line", () => {
    const dir = scratch();
    const names = join(dir, "names.yaml");
    writeFileSync(
      names,
      "backend/s3-reader: arn:aws:iam::111122223333:role/ok\nbackend/typo: some-role\nci/builder: not a role name\nbackend/cache-access: other-name\n",
    );
    const result = podiam("import", "eksctl", fixture("prod-eu-1.yaml"), "--role-names", names);
    expect(result.code).toBe(1);
    expect(result.out).toBe("");
    expect(result.err).toMatch(/names\.yaml:2:1: .*has no ServiceAccount backend\/typo/);
    expect(result.err).toMatch(/names\.yaml:3:13: .*is not an IAM role name/);
    expect(result.err).toMatch(/names\.yaml:4:1: .*names this ServiceAccount's role already \(backend-cache-access\)/);
  });

  it("never overwrites the output file", () => {
    const out = join(scratch(), "b.yaml");
    writeFileSync(out, "mine");
    expect(podiam("import", "eksctl", fixture("prod-eu-1.yaml"), "-o", out).code).toBe(1);
    expect(readFileSync(out, "utf8")).toBe("mine");
  });
});
