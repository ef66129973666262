import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { run } from "../../src/cli";
import { activeProblems } from "../../src/rules/lint";
import { ROOT } from "../helpers/synth";
import { lintText, withStatements } from "./lint-helpers";
import { readFileSync } from "fs";

function validateText(text: string): { code: number; err: string } {
  const file = join(mkdtempSync(join(tmpdir(), "podiam-lint-")), "bindings.yaml");
  writeFileSync(file, text);
  let err = "";
  const code = run(["validate", "-f", file], { out: () => undefined, err: (t) => (err += t) });
  return { code, err: err.split(file).join("bindings.yaml") };
}

test("validate: a lint error fails with exit 1 and FILE:LINE:COLUMN: PATH: severity RULE: message", () => {
  const { code, err } = validateText(withStatements(`        - actions: ["*"]\n          resources: ["*"]\n`));
  expect(code).toBe(1);
  expect(err).toContain(
    'bindings.yaml:12:21: bindings[0].policies.statements[0].actions[0]: error IAM001: binding "app", statements[0]: allows every action',
  );
  expect(err).toMatch(/bindings.yaml: 1 error, 0 warnings\n$/);
});

test("validate: a warning alone exits 0 and is printed", () => {
  const { code, err } = validateText(
    withStatements(`        - actions: [sqs:SendMessage]\n          resources: ["*"]\n`),
  );
  expect(code).toBe(0);
  expect(err).toContain("bindings.yaml:13:23: bindings[0].policies.statements[0].resources[0]: warning IAM007: ");
  expect(err).toMatch(/0 errors, 1 warning, valid\n$/);
});

test("validate: a waived error is not reported and does not fail", () => {
  const { code, err } = validateText(
    withStatements(
      `        - actions: ["*"]\n          resources: ["*"]\n`,
      `    waivers:\n      - rule: IAM001\n        reason: break-glass role, reviewed by security\n`,
    ),
  );
  expect(code).toBe(0);
  expect(err).toBe("bindings.yaml: 0 errors, 0 warnings, 1 waived, valid\n");
});

test("the example bindings.yaml has no lint errors; its warnings are the ones reviewed", () => {
  const findings = lintText(readFileSync(join(ROOT, "bindings.yaml"), "utf8"));
  const problems = activeProblems(findings);
  expect(problems.filter((p) => p.severity === "error")).toEqual([]);
  // invoice-reader's AmazonS3ReadOnlyAccess reads every bucket. (external-dns's preset lists its
  // records in its zone only; the presets' deliberate "*" grants are waived with their reasons.)
  expect(problems.map((p) => `${p.rule} ${p.path}`).sort()).toEqual([
    "IAM007 bindings[1].policies.managed[0]",
    "IAM010 bindings[1].policies.managed[0]",
  ]);
});
