/**
 * `podiam import kube2iam` on inputs that are not what kubectl prints, or that kube2iam/kiam would
 * refuse: each gives FILE:LINE:COLUMN: PATH: message on stderr, exit 1, nothing on stdout or in
 * -o FILE, never a stack trace. And what kubectl may also print (one object, several documents,
 * JSON) is read; a very large input is read in bounded time with the right counts.
 */
import { existsSync, mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { parse } from "yaml";
import { importKube2iam, type Kube2iamOptions } from "../../src/import/kube2iam/command";

const dir = mkdtempSync(join(tmpdir(), "podiam-k2-hostile-"));
let n = 0;

function runOn(text: string, options: Partial<Kube2iamOptions> = {}) {
  const file = join(dir, `input-${++n}.yaml`);
  writeFileSync(file, text);
  let out = "";
  let err = "";
  const code = importKube2iam(
    { out: (t) => (out += t), err: (t) => (err += t) },
    { manifests: [file], cluster: "legacy", baseRoleArn: "arn:aws:iam::777788889999:role/", ...options },
  );
  return { code, out, err, file };
}

function deployment(
  name: string,
  options: { namespace?: string; sa?: string; role?: string; extra?: string; annotations?: string } = {},
): string {
  const annotations =
    options.annotations ?? (options.role !== undefined ? `          iam.amazonaws.com/role: ${options.role}\n` : "");
  return `- apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: ${name}
    namespace: ${options.namespace ?? "apps"}
  spec:
    template:
      metadata:
${annotations ? `        annotations:\n${annotations}` : "        labels: {app: x}\n"}      spec:
${options.sa ? `        serviceAccountName: ${options.sa}\n` : ""}        containers:
        - name: app
          image: app:1
${options.extra ?? ""}`;
}

const list = (...items: string[]) => `apiVersion: v1\nkind: List\nitems:\n${items.join("")}`;

/** A refused input: exit 1, the expected positioned message, nothing written, no stack trace. */
function expectRefused(result: ReturnType<typeof runOn>, line: number, pattern: RegExp) {
  expect(result.code).toBe(1);
  expect(result.out).toBe("");
  expect(result.err).not.toMatch(/\n\s+at /);
  const escaped = result.file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  expect(result.err).toMatch(new RegExp(`^${escaped}:${line}:\\d+: .*${pattern.source}`, "m"));
}

describe("refused, positioned", () => {
  test("not YAML", () => {
    expectRefused(runOn("apiVersion: v1\nitems: [unclosed\n  - {a: \n"), 2, /not YAML or JSON/);
  });

  test("prose, a JSON list, a mapping without kind", () => {
    expectRefused(runOn("this is not a manifest\n"), 1, /is not a Kubernetes object/);
    expectRefused(runOn('[{"kind": "Pod"}]\n'), 1, /is not a Kubernetes object/);
    expectRefused(runOn("apiVersion: v1\nmetadata: {name: x}\n"), 1, /is not a Kubernetes object/);
  });

  test("an empty file, an empty List", () => {
    expectRefused(runOn("# nothing\n"), 1, /holds no Kubernetes objects/);
    expectRefused(runOn("apiVersion: v1\nkind: List\nitems: []\n"), 1, /holds no Kubernetes objects/);
  });

  test("a List without items, an item that is not an object", () => {
    expectRefused(runOn("apiVersion: v1\nkind: List\nitems: 3\n"), 3, /a List needs items/);
    expectRefused(runOn("apiVersion: v1\nkind: List\nitems:\n- 42\n"), 4, /items\[0\]: is not a Kubernetes object/);
  });

  test("a Pod without spec, a Deployment without its template", () => {
    const pod = `apiVersion: v1
kind: Pod
metadata:
  name: lonely
  namespace: apps
  annotations:
    iam.amazonaws.com/role: app
`;
    // The Pod is the document: the missing spec is reported at the Pod.
    expectRefused(runOn(pod), 1, /spec: a Pod without spec/);
    expectRefused(
      runOn(list(`- apiVersion: apps/v1\n  kind: Deployment\n  metadata: {name: d, namespace: apps}\n  spec: {}\n`)),
      7,
      /items\[0\]\.spec\.template: a Deployment without its pod template/,
    );
  });

  test("an object without metadata.name", () => {
    expectRefused(
      runOn(list(`- apiVersion: v1\n  kind: Pod\n  metadata: {namespace: apps}\n  spec: {}\n`)),
      6,
      /without metadata\.name/,
    );
  });

  test("a role annotation with an empty value, or a value that names no role", () => {
    expectRefused(
      runOn(list(deployment("empty", { sa: "s", annotations: `          iam.amazonaws.com/role: ""\n` }))),
      13,
      /iam\.amazonaws\.com\/role is empty/,
    );
    expectRefused(
      runOn(list(deployment("bad", { sa: "s", role: "arn:aws:iam::12:role/x" }))),
      13,
      /"arn:aws:iam::12:role\/x" is not a role ARN/,
    );
    expectRefused(
      runOn(list(deployment("bad", { sa: "s", role: '"two words"' }))),
      13,
      /is neither a role ARN nor a role name/,
    );
    expectRefused(
      runOn(list(deployment("bad", { sa: "s", annotations: "          iam.amazonaws.com/role: {a: 1}\n" }))),
      13,
      /must be a string/,
    );
  });

  test("a regular expression in permitted that does not compile; allowed-roles that is not a JSON list", () => {
    const ns = (annotation: string) =>
      `- apiVersion: v1\n  kind: Namespace\n  metadata:\n    name: apps\n    annotations:\n      ${annotation}\n`;
    expectRefused(
      runOn(
        list(
          ns(`iam.amazonaws.com/permitted: "arn:aws:iam::\\\\d+:role/(apps-.*"`),
          deployment("a", { sa: "s", role: "x" }),
        ),
      ),
      9,
      /iam\.amazonaws\.com\/permitted is not a regular expression/,
    );
    expectRefused(
      runOn(list(ns(`iam.amazonaws.com/allowed-roles: "apps-*"`), deployment("a", { sa: "s", role: "x" }))),
      9,
      /must be a JSON list of role names or ARNs/,
    );
  });

  test("nesting far deeper than kubectl output, an alias bomb", () => {
    expectRefused(runOn(`${"[".repeat(5000)}${"]".repeat(5000)}\n`), 1, /nested more than 100 levels deep/);
    const bomb = [
      "a: &a [x, x, x, x, x, x, x, x, x, x]",
      ...Array.from(
        { length: 8 },
        (_, i) =>
          `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10)
            .fill(`*${String.fromCharCode(97 + i)}`)
            .join(", ")}]`,
      ),
      "kind: Pod",
    ].join("\n");
    expectRefused(runOn(`${bomb}\n`), 1, /cannot be read/);
  });

  test("a missing file; a describe-cluster file that is not one", () => {
    let err = "";
    expect(
      importKube2iam({ out: () => undefined, err: (t) => (err += t) }, { manifests: [join(dir, "missing.yaml")] }),
    ).toBe(1);
    expect(err).toMatch(/missing\.yaml:1:1: \(file\): cannot read: no such file/);
    const describe = join(dir, "describe.json");
    writeFileSync(describe, '{"cluster": {"name": "x"}}');
    const result = runOn(list(deployment("a", { sa: "s", role: "x" })), { describeCluster: describe });
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/describe\.json:1:\d+: cluster: has no arn/);
  });

  test("-o never overwrites a file", () => {
    const output = join(dir, "exists.yaml");
    writeFileSync(output, "keep me\n");
    const result = runOn(list(deployment("a", { sa: "s", role: "x" })), { output });
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/exists; podiam import never overwrites a file/);
  });
});

describe("read as kubectl may print it", () => {
  test("one object instead of a List", () => {
    const one = deployment("api", { sa: "api", role: "api-role" }).replace(/^- /, "").replace(/^ {2}/gm, "");
    const result = runOn(one);
    expect(result.code).toBe(0);
    const file = parse(result.out);
    expect(file.bindings).toEqual([
      expect.objectContaining({ name: "api-role", serviceAccounts: ["apps/api"], role: { name: "api-role" } }),
    ]);
  });

  test("several documents, and JSON", () => {
    const docs = [deployment("a", { sa: "a", role: "ra" }), deployment("b", { sa: "b", role: "rb" })]
      .map((d) => d.replace(/^- /, "").replace(/^ {2}/gm, ""))
      .join("---\n");
    const result = runOn(`${docs}---\n`);
    expect(result.code).toBe(0);
    expect(parse(result.out).bindings.map((b: { name: string }) => b.name)).toEqual(["ra", "rb"]);
    const json = runOn(
      JSON.stringify({
        apiVersion: "v1",
        kind: "List",
        items: [
          {
            kind: "Pod",
            metadata: { name: "p", namespace: "apps", annotations: { "iam.amazonaws.com/role": "rp" } },
            spec: { serviceAccountName: "p", containers: [] },
          },
        ],
      }),
    );
    expect(json.code).toBe(0);
    expect(parse(json.out).bindings[0]).toMatchObject({ name: "rp", serviceAccounts: ["apps/p"] });
  });

  test("a ServiceAccount two workloads share with the same role is one binding; the same role on two ServiceAccounts too", () => {
    const result = runOn(
      list(
        deployment("a", { sa: "shared", role: "r" }),
        deployment("b", { sa: "shared", role: "r" }),
        deployment("c", { sa: "other", role: "r" }),
      ),
    );
    const file = parse(result.out);
    expect(file.bindings).toHaveLength(1);
    expect(file.bindings[0].serviceAccounts).toEqual(["apps/other", "apps/shared"]);
    expect(result.err).toMatch(/2 ServiceAccount\(s\) imported as they are, 0 narrowed, 0 not imported/);
  });

  test("a workload without a role on a ServiceAccount that has one: not imported (with IRSA it would get the role)", () => {
    const result = runOn(list(deployment("a", { sa: "shared", role: "r" }), deployment("b", { sa: "shared" })));
    expect(parse(result.out).bindings).toEqual([]);
    expect(result.err).toMatch(
      /apps\/shared is used with role .*role\/r by Deployment apps\/a, and also by Deployment apps\/b \(no role\)/,
    );
    expect(result.err).toMatch(/0 ServiceAccount\(s\) imported as they are, 0 narrowed, 1 not imported/);
  });

  test("a huge input: 5000 Deployments on 500 ServiceAccounts, in bounded time", () => {
    const items: string[] = [];
    for (let i = 0; i < 5000; i++) items.push(deployment(`app-${i}`, { sa: `sa-${i % 500}`, role: `role-${i % 500}` }));
    const started = Date.now();
    const result = runOn(list(...items));
    expect(result.code).toBe(0);
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(parse(result.out).bindings).toHaveLength(500);
    expect(result.err).toMatch(/500 ServiceAccount\(s\) imported as they are, 0 narrowed, 0 not imported/);
    expect(existsSync(result.file)).toBe(true);
  }, 120_000);
});

describe("with a small account", () => {
  const WORKER = "arn:aws:iam::777788889999:role/worker";
  const details = {
    RoleDetailList: [
      {
        Path: "/",
        RoleName: "worker",
        RoleId: "AROAEXAMPLEWORKER0001",
        Arn: WORKER,
        AssumeRolePolicyDocument: {
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
        },
        InstanceProfileList: [{ InstanceProfileName: "worker" }],
        RolePolicyList: [],
        AttachedManagedPolicies: [],
        Tags: [],
      },
      {
        Path: "/",
        RoleName: "api",
        RoleId: "AROAEXAMPLEAPI000001",
        Arn: "arn:aws:iam::777788889999:role/api",
        AssumeRolePolicyDocument: {
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Principal: { AWS: WORKER }, Action: "sts:AssumeRole" }],
        },
        InstanceProfileList: [],
        RolePolicyList: [],
        AttachedManagedPolicies: [{ PolicyName: "api", PolicyArn: "arn:aws:iam::777788889999:policy/api" }],
        Tags: [],
      },
    ],
    Policies: [
      {
        PolicyName: "api",
        PolicyId: "ANPAEXAMPLEAPI000001",
        Arn: "arn:aws:iam::777788889999:policy/api",
        Path: "/",
        DefaultVersionId: "v2",
        AttachmentCount: 1,
        PolicyVersionList: [
          {
            VersionId: "v2",
            IsDefaultVersion: true,
            Document: {
              Version: "2012-10-17",
              Statement: [
                { Effect: "Allow", Action: "sqs:ReceiveMessage", Resource: "arn:aws:sqs:eu-west-1:777788889999:q" },
              ],
            },
          },
        ],
      },
    ],
  };

  test("a customer-managed policy named like the role is adopted as the binding's own, not made twice; Helm is named", () => {
    const file = join(dir, "details.json");
    writeFileSync(file, JSON.stringify(details));
    const helm = deployment("api", { sa: "api", role: "api" }).replace(
      "    namespace: apps\n",
      "    namespace: apps\n    labels: {app.kubernetes.io/managed-by: Helm, app.kubernetes.io/instance: api-release}\n",
    );
    const result = runOn(list(helm), { authorizationDetails: file });
    expect(result.code).toBe(0);
    const [binding] = parse(result.out).bindings;
    expect(binding).toMatchObject({
      name: "api",
      serviceAccounts: ["apps/api"],
      policies: {
        statements: [{ actions: ["sqs:ReceiveMessage"], resources: ["arn:aws:sqs:eu-west-1:777788889999:q"] }],
      },
      trust: { roles: [WORKER] },
      adopt: { role: true, policy: true },
    });
    expect(binding.policies.managed).toBeUndefined();
    expect(result.err).toMatch(/apps\/api belongs to the Helm release api-release: .*podiam export helm-values/);
    // Without --describe-cluster only the region is left to fill in (the account's and the cluster's).
    expect(result.err).toMatch(
      /will report 2 error\(s\), starting with accounts\.account-777788889999\.region: is left to fill in/,
    );
  });
});
