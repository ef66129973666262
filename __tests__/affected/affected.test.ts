/**
 * `podiam affected`: the stacks whose synthesized Terraform differs between a base and the file,
 * added, changed or removed; from a base file or a git ref; text and JSON; errors exit 1.
 */
import { execFileSync, spawnSync } from "child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { parseDocument, YAMLSeq } from "yaml";
import { run } from "../../src/cli";
import { compareStacks, stackFiles, terraformOf } from "../../src/affected/compare";
import { modelOf, ROOT, synthToDir } from "../helpers/synth";

const BASE = `version: 1
accounts:
  prod: { id: "111122223333", region: eu-west-1 }
  shared: { id: "444455556666", region: eu-west-1 }
clusters:
  eu: { account: prod, region: eu-west-1, oidcIssuer: "https://oidc.eks.eu-west-1.amazonaws.com/id/AAAA1111" }
  us: { account: prod, region: us-east-1, oidcIssuer: "https://oidc.eks.us-east-1.amazonaws.com/id/BBBB2222" }
defaults: { roleNamePrefix: eks-, tags: { managed-by: podiam } }
bindings:
  - name: api
    cluster: eu
    serviceAccounts: [shop/api]
    policies:
      statements: [{ sid: Read, actions: [s3:GetObject], resources: ["arn:aws:s3:::shop/*"] }]
  - name: reports
    cluster: eu
    account: shared
    serviceAccounts: [shop/reports]
    policies:
      managed: [arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess]
  - name: worker
    cluster: us
    serviceAccounts: [jobs/worker]
`;

function temp(name: string, text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), "podiam-affected-")), name);
  writeFileSync(file, text);
  return file;
}

function affected(...args: string[]): { code: number; out: string; err: string } {
  let out = "";
  let err = "";
  const code = run(["affected", ...args], { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function json(base: string, head: string, ...more: string[]): any {
  const result = affected(
    "-f",
    temp("bindings.yaml", head),
    "--base",
    temp("base.yaml", base),
    "--format",
    "json",
    ...more,
  );
  expect(result.err).toBe("");
  expect(result.code).toBe(0);
  return JSON.parse(result.out);
}

const changes = (report: { stacks: { name: string; change: string }[] }) =>
  Object.fromEntries(report.stacks.map((s) => [s.name, s.change]));

test("one statement changed: only its account's IAM stack differs", () => {
  const report = json(BASE, BASE.replace("arn:aws:s3:::shop/*", "arn:aws:s3:::shop/orders/*"));
  expect(report).toEqual({
    kind: "affected",
    version: 1,
    base: expect.stringMatching(/base\.yaml$/),
    file: expect.stringMatching(/bindings\.yaml$/),
    stacks: [{ name: "iam-prod", change: "changed", dir: "cdktf.out/stacks/iam-prod" }],
    unchanged: ["iam-shared", "k8s-eu", "k8s-us"],
  });
});

test("a ServiceAccount's label: only its cluster's k8s stack changes", () => {
  const head = BASE.replace(
    "    serviceAccounts: [jobs/worker]\n",
    "    serviceAccounts: [jobs/worker]\n    serviceAccount: { labels: { team: jobs } }\n",
  );
  expect(changes(json(BASE, head))).toEqual({ "k8s-us": "changed" });
});

test("a new account and a cluster's last ServiceAccount gone: stacks added and removed", () => {
  const doc = parseDocument(BASE);
  doc.setIn(["accounts", "dev"], doc.createNode({ id: "777788889999", region: "eu-west-1" }));
  const bindings = doc.get("bindings") as YAMLSeq;
  bindings.delete(2); // worker: the only ServiceAccount on us
  expect(changes(json(BASE, doc.toString()))).toEqual({
    "iam-dev": "added",
    "iam-prod": "changed", // the worker's role and us's OIDC provider go
    "k8s-us": "removed",
  });
});

test("the same bindings reordered: no stack differs, and the text says so", () => {
  const doc = parseDocument(BASE);
  (doc.get("bindings") as YAMLSeq).items.reverse();
  expect(json(BASE, doc.toString()).stacks).toEqual([]);
  const text = affected("-f", temp("bindings.yaml", doc.toString()), "--base", temp("base.yaml", BASE));
  expect(text.code).toBe(0);
  expect(text.out).toMatch(/^No stack differs between .*base\.yaml and .*bindings\.yaml \(4 stacks\)\.\n$/);
});

test("text: one line per stack, its change and its directory under -o", () => {
  const head = BASE.replace("arn:aws:s3:::shop/*", "arn:aws:s3:::shop/orders/*").replace("jobs/worker", "jobs/runner");
  const result = affected("-f", temp("bindings.yaml", head), "--base", temp("base.yaml", BASE), "-o", "out/");
  expect(result.code).toBe(0);
  expect(result.out.split("\n")).toEqual([
    expect.stringMatching(/^2 of 4 stacks differ between .*base\.yaml and .*bindings\.yaml:$/),
    "  changed  iam-prod  out/stacks/iam-prod  (its Terraform differs)",
    "  changed  k8s-us    out/stacks/k8s-us  (its Terraform differs)",
    "",
  ]);
});

test("the answer is the stacks whose synthesized Terraform differs, compared without cdktf's metadata", () => {
  const head = BASE.replace("eks-", "team-");
  const baseOut = synthToDir(modelOf(BASE));
  const headOut = synthToDir(modelOf(head));
  const differing = readdirSync(join(headOut, "stacks")).filter(
    (name) =>
      terraformOf(readFileSync(join(baseOut, "stacks", name, "cdk.tf.json"))) !==
      terraformOf(readFileSync(join(headOut, "stacks", name, "cdk.tf.json"))),
  );
  expect(differing.sort()).toEqual(["iam-prod", "iam-shared", "k8s-eu", "k8s-us"]);
  expect(Object.keys(changes(json(BASE, head))).sort()).toEqual(differing.sort());
});

test("metadata alone is no difference; the JSON without it is", () => {
  const stack = (meta: object, resource: object) => Buffer.from(JSON.stringify({ "//": meta, resource }));
  const comparison = compareStacks(
    new Map([
      ["a", stack({ stackName: "a", overrides: ["x"] }, { r: { "//": { path: "a/r" }, v: 1 } })],
      ["b", stack({}, { r: { v: 1 } })],
    ]),
    new Map([
      ["a", stack({ stackName: "a", overrides: ["x", "y"] }, { r: { "//": { path: "a/s/r" }, v: 1 } })],
      ["b", stack({}, { r: { v: 2 } })],
    ]),
  );
  expect(comparison).toEqual({ differences: [{ name: "b", change: "changed" }], unchanged: ["a"] });
  expect(stackFiles(undefined).size).toBe(0);
});

function git(cwd: string, ...args: string[]): void {
  execFileSync(
    "git",
    ["-c", "user.name=podiam", "-c", "user.email=podiam@example.com", "-c", "commit.gpgsign=false", ...args],
    { cwd, stdio: "ignore" },
  );
}

test("--base REF reads the file at that git ref; a file new at the ref adds every stack", () => {
  const dir = mkdtempSync(join(tmpdir(), "podiam-affected-git-"));
  git(dir, "init", "-q", "-b", "main");
  writeFileSync(join(dir, "README"), "x");
  git(dir, "add", "README");
  git(dir, "commit", "-q", "-m", "empty");
  const file = join(dir, "bindings.yaml");
  writeFileSync(file, BASE);
  // Not yet in any commit: at HEAD the file does not exist, so everything is added.
  const added = affected("-f", file, "--base", "HEAD", "--format", "json");
  expect(added.code).toBe(0);
  expect(JSON.parse(added.out)).toMatchObject({ base: "HEAD:bindings.yaml", unchanged: [] });
  expect(new Set(Object.values(changes(JSON.parse(added.out))))).toEqual(new Set(["added"]));
  git(dir, "add", "bindings.yaml");
  git(dir, "commit", "-q", "-m", "base");
  writeFileSync(file, BASE.replace("jobs/worker", "jobs/runner"));
  const changed = affected("-f", file, "--base", "main", "--format", "json");
  expect(changed.code).toBe(0);
  expect(changes(JSON.parse(changed.out))).toEqual({ "iam-prod": "changed", "k8s-us": "changed" });
});

test("a broken file, a broken base, a base that is neither file nor ref: exit 1, the problems on stderr", () => {
  const broken = BASE.replace("cluster: us", "cluster: uss");
  const file = affected("-f", temp("bindings.yaml", broken), "--base", temp("base.yaml", BASE));
  expect(file.code).toBe(1);
  expect(file.out).toBe("");
  expect(file.err).toMatch(/bindings\.yaml:\d+:\d+: bindings\[2\]\.cluster: unknown cluster "uss"/);
  expect(file.err).toMatch(/has errors; fix them \(podiam validate\)/);

  const base = affected("-f", temp("bindings.yaml", BASE), "--base", temp("base.yaml", broken));
  expect(base.code).toBe(1);
  expect(base.out).toBe("");
  expect(base.err).toMatch(/base\.yaml:\d+:\d+: bindings\[2\]\.cluster: unknown cluster "uss"/);
  expect(base.err).toMatch(/the base has errors, so which stacks differ cannot be told/);

  const nowhere = affected("-f", temp("bindings.yaml", BASE), "--base", "no-such-ref");
  expect(nowhere.code).toBe(1);
  expect(nowhere.err).toMatch(/^podiam affected: --base "no-such-ref" is not a file/);
});

test("--base is required", () => {
  const result = affected("-f", temp("bindings.yaml", BASE));
  expect(result.code).toBe(2);
  expect(result.err).toMatch(/required option '--base <REF_OR_FILE>' not specified/);
});

test("compiled, with the base synthesized by a worker thread: the same answer", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { freshBuild } = require("../../bin/fresh-build.js") as { freshBuild(root: string): boolean };
  if (!freshBuild(ROOT)) execFileSync("npm", ["run", "build"], { cwd: ROOT, stdio: "ignore" });
  const head = BASE.replace("arn:aws:s3:::shop/*", "arn:aws:s3:::shop/orders/*").replace("jobs/worker", "jobs/runner");
  const file = temp("bindings.yaml", head);
  const base = temp("base.yaml", BASE);
  const result = spawnSync(
    process.execPath,
    [join(ROOT, "bin", "podiam.js"), "affected", "-f", file, "--base", base, "--format", "json"],
    { encoding: "utf8", env: { ...process.env, PODIAM_SYNTH_THREADS: "2" } },
  );
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
  const inProcess = affected("-f", file, "--base", base, "--format", "json");
  expect(JSON.parse(result.stdout)).toEqual(JSON.parse(inProcess.out));
  expect(changes(JSON.parse(result.stdout))).toEqual({ "iam-prod": "changed", "k8s-us": "changed" });
}, 120_000);
