/** `explain --base`: a git ref read with git show in a real temporary repository, and its errors. */
import { execFileSync } from "child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { run } from "../../src/cli";
import { ROOT } from "../helpers/synth";

const FIXTURES = join(ROOT, "__tests__", "fixtures", "explain");
const BASE = readFileSync(join(FIXTURES, "base.yaml"), "utf8");
const HEAD = readFileSync(join(FIXTURES, "head.yaml"), "utf8");

function explain(...args: string[]): { code: number; out: string; err: string } {
  let out = "";
  let err = "";
  const code = run(["explain", ...args], { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

function git(cwd: string, ...args: string[]): void {
  execFileSync(
    "git",
    ["-c", "user.name=podiam", "-c", "user.email=podiam@example.com", "-c", "commit.gpgsign=false", ...args],
    { cwd, stdio: "ignore" },
  );
}

/** A repository with the bindings file at `path`, committed as BASE, then changed to HEAD. */
function repository(path: string): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), "podiam-explain-"));
  git(dir, "init", "-q", "-b", "main");
  const file = join(dir, path);
  mkdirSync(join(file, ".."), { recursive: true });
  writeFileSync(file, BASE);
  git(dir, "add", path);
  git(dir, "commit", "-q", "-m", "base");
  writeFileSync(file, HEAD);
  return { dir, file };
}

/** The golden diff with this run's file names in its header. */
function goldenDiff(file: string, baseLabel: string): string {
  const golden = readFileSync(join(__dirname, "golden", "diff.txt"), "utf8");
  return golden.replace(/^.* against .*?: /, `${file} against ${baseLabel}: `);
}

test("--base HEAD reads the committed file: the same changes as against the base file", () => {
  const { file } = repository("bindings.yaml");
  const result = explain("-f", file, "--base", "HEAD");
  expect(result.code).toBe(0);
  expect(result.out).toBe(goldenDiff(file, "HEAD:bindings.yaml"));
});

test("the file's path in the repository is found from any directory", () => {
  const { file } = repository("deploy/iam/bindings.yaml");
  const result = explain("-f", file, "--base", "main");
  expect(result.code).toBe(0);
  expect(result.out.split("\n")[0]).toBe(
    `${file} against main:deploy/iam/bindings.yaml: 1 binding added, 1 removed, 3 changed, 1 unchanged`,
  );
});

test("a file that did not exist at the ref: every binding is added", () => {
  const { dir } = repository("bindings.yaml");
  const file = join(dir, "other.yaml");
  writeFileSync(file, HEAD);
  const result = explain("-f", file, "--base", "HEAD", "--format", "json");
  expect(result.code).toBe(0);
  const diff = JSON.parse(result.out);
  expect(diff.added.map((b: { name: string }) => b.name)).toEqual([
    "cost-reporter",
    "dns-updater",
    "invoice-reader",
    "payments-api",
    "queue-worker",
  ]);
  expect(diff.removed).toEqual([]);
});

test("a bad ref: a clear error and exit 1, no stack trace", () => {
  const { file } = repository("bindings.yaml");
  const result = explain("-f", file, "--base", "origin/no-such-branch");
  expect(result.code).toBe(1);
  expect(result.out).toBe("");
  expect(result.err).toMatch(
    /^podiam explain: --base "origin\/no-such-branch" is neither a file nor a git ref in .*; in CI, check out with fetch-depth: 0/,
  );
  expect(result.err).not.toMatch(/\n\s+at /);
});

test("a ref that looks like an option is refused, not passed to git", () => {
  const { file } = repository("bindings.yaml");
  const result = explain("-f", file, "--base=--output=/tmp/x");
  expect(result.code).toBe(1);
  expect(result.err).toContain("is neither a file nor a git ref");
});

test("outside a git repository, a ref is an error that suggests --base FILE", () => {
  const dir = mkdtempSync(join(tmpdir(), "podiam-explain-nogit-"));
  const file = join(dir, "bindings.yaml");
  writeFileSync(file, HEAD);
  const result = explain("-f", file, "--base", "main");
  expect(result.code).toBe(1);
  expect(result.err).toContain("is not in a git repository");
  expect(result.err).toContain("pass --base FILE");
});

test("a base with errors: its problems and exit 1, rather than a guess", () => {
  const dir = mkdtempSync(join(tmpdir(), "podiam-explain-bad-"));
  const base = join(dir, "base.yaml");
  writeFileSync(base, BASE.replace("serviceAccounts: [reports/exporter]", "serviceAcounts: [reports/exporter]"));
  const result = explain("-f", join(FIXTURES, "head.yaml"), "--base", base);
  expect(result.code).toBe(1);
  expect(result.out).toBe("");
  expect(result.err).toContain(`${base}:`);
  expect(result.err).toContain("the base has errors, so what changed cannot be told");
});

test("a head with errors: its problems, exit 1", () => {
  const dir = mkdtempSync(join(tmpdir(), "podiam-explain-bad-"));
  const file = join(dir, "bindings.yaml");
  writeFileSync(file, HEAD.replace("cluster: prod-eu", "cluster: prod-zz"));
  const result = explain("-f", file);
  expect(result.code).toBe(1);
  expect(result.out).toBe("");
  expect(result.err).toContain("fix them (podiam validate) before explaining it");
});

test("an unknown format is a usage error (exit 2)", () => {
  const result = explain("-f", join(FIXTURES, "head.yaml"), "--format", "yaml");
  expect(result.code).toBe(2);
  expect(result.err).toContain("Allowed choices are text, markdown, json");
});
