/**
 * Lint on what "Beyond the first file" adds: the file's policies are linted like a binding's own
 * statements, at their statements (in the JSON document's lines, for a document), waived by the
 * policy's own waivers or by the binding's; every ServiceAccount pattern is SA002; SA001 points at
 * the right entry when patterns come first.
 */
import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { loadBindings } from "../../src/bindings/load";
import { lint } from "../../src/rules/lint";
import { fileWith, findingsOf, lineColumn, lintText, where } from "./lint-helpers";

const POLICIES = `policies:
  broad:
    statements:
      - sid: ReadAll
        actions: s3:GetObject
        resources: "*"
`;

function withPolicy(binding: string, policies = POLICIES): string {
  return fileWith(binding).replace("bindings:\n", `${policies}bindings:\n`);
}

describe("the file's policies", () => {
  test("a finding on one of its statements is reported there, for each binding that attaches it, naming both", () => {
    const text = withPolicy(`  - name: a
    cluster: prod-eu
    serviceAccounts: [team/a]
    policies: { managed: [broad] }
  - name: b
    cluster: prod-eu
    serviceAccounts: [team/b]
    policies: { managed: [broad] }
`);
    const findings = findingsOf(text, "IAM010");
    expect(findings.map((f) => [f.binding, f.problem.path, lineColumn(f)])).toEqual([
      ["a", "policies.broad.statements[0].resources", where(text, '"*"')],
      ["b", "policies.broad.statements[0].resources", where(text, '"*"')],
    ]);
    expect(findings[0].problem.message).toMatch(
      /^binding "a", policy broad, statement "ReadAll": reads secrets on "\*"/,
    );
  });

  test("its own waivers cover it for every binding; a binding's waivers cover the policies it attaches", () => {
    const waived = withPolicy(
      `  - name: a
    cluster: prod-eu
    serviceAccounts: [team/a]
    policies: { managed: [broad] }
`,
      `${POLICIES}    waivers: [{ rule: IAM010, reason: "the bucket holds public build logs only" }]
`,
    );
    expect(findingsOf(waived, "IAM010").map((f) => f.waived)).toEqual([
      "policy broad: the bucket holds public build logs only",
    ]);
    const byBinding = withPolicy(`  - name: a
    cluster: prod-eu
    serviceAccounts: [team/a]
    policies: { managed: [broad] }
    waivers: [{ rule: IAM010, reason: "reads every object on purpose" }]
`);
    expect(findingsOf(byBinding, "IAM010").map((f) => f.waived)).toEqual(["reads every object on purpose"]);
  });

  test("a policy's waiver covers only its own statements, not the binding's", () => {
    const text = withPolicy(
      `  - name: a
    cluster: prod-eu
    serviceAccounts: [team/a]
    policies:
      managed: [broad]
      statements: [{ actions: ssm:GetParameter, resources: "*" }]
`,
      `${POLICIES}    waivers: [{ rule: IAM010, reason: "the bucket holds public build logs only" }]
`,
    );
    expect(findingsOf(text, "IAM010").map((f) => [f.problem.path, f.waived ?? "active"])).toEqual([
      ["bindings[0].policies.statements[0].resources", "active"],
      ["policies.broad.statements[0].resources", "policy broad: the bucket holds public build logs only"],
    ]);
  });

  test("a finding in a JSON document is reported at the document's line and column", () => {
    const dir = mkdtempSync(join(tmpdir(), "podiam-lint-"));
    const document = `{
  "Version": "2012-10-17",
  "Statement": {
    "Effect": "Allow",
    "Action": ["s3:*"],
    "Resource": "arn:aws:s3:::bucket/*"
  }
}
`;
    writeFileSync(join(dir, "broad.json"), document);
    const text = withPolicy(
      `  - name: a
    cluster: prod-eu
    serviceAccounts: [team/a]
    policies: { managed: [broad] }
`,
      "policies:\n  broad: { document: broad.json }\n",
    );
    const loaded = loadBindings(text, join(dir, "bindings.yaml"));
    const findings = lint(loaded.model!, loaded.source!).filter((f) => f.rule === "IAM002");
    expect(findings.map((f) => [f.problem.file, f.problem.path, lineColumn(f), f.problem.severity])).toEqual([
      [join(dir, "broad.json"), "Statement.Action[0]", where(document, '"s3:*"'), "error"],
    ]);
  });
});

describe("SA002 ServiceAccount patterns", () => {
  test("every pattern is a warning at its entry, saying what it covers", () => {
    const text = fileWith(`  - name: ci
    cluster: prod-eu
    serviceAccounts: [ci/*, ci/api, build/runner-*]
`);
    const findings = findingsOf(text, "SA002");
    expect(findings.map((f) => [f.problem.severity, f.problem.path, lineColumn(f)])).toEqual([
      ["warning", "bindings[0].serviceAccounts[0]", where(text, "ci/*")],
      ["warning", "bindings[0].serviceAccounts[2]", where(text, "build/runner-*")],
    ]);
    expect(findings.map((f) => f.problem.message)).toEqual([
      'binding "ci": ci/* trusts every ServiceAccount of namespace ci, present and future, and whoever may create one there; fix: list the ServiceAccounts by name, or waive SA002 with the reason the namespace is trusted',
      'binding "ci": build/runner-* trusts every ServiceAccount of namespace build whose name starts with "runner-", present and future, and whoever may create one there; fix: list the ServiceAccounts by name, or waive SA002 with the reason the namespace is trusted',
    ]);
  });

  test("no pattern, no SA002; SA001 points at the default ServiceAccount behind a pattern", () => {
    const text = fileWith(`  - name: ci
    cluster: prod-eu
    serviceAccounts: [ci/*, team/default]
`);
    expect(findingsOf(text, "SA001").map((f) => f.problem.path)).toEqual(["bindings[0].serviceAccounts[1]"]);
    expect(
      lintText(
        fileWith(`  - name: api
    cluster: prod-eu
    serviceAccounts: team/api
`),
      ),
    ).toEqual([]);
  });
});
