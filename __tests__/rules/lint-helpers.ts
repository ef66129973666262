/** Helpers of the lint rule tests: a one-binding file around some YAML, linted. */
import { loadBindings } from "../../src/bindings/load";
import { formatProblem } from "../../src/bindings/problems";
import { lint } from "../../src/rules/lint";
import type { LintFinding } from "../../src/rules/rule";

/** A file with one account, one cluster and the given bindings (YAML under `bindings:`, indented 2). */
export function fileWith(bindings: string): string {
  return `version: 1
accounts:
  prod: { id: "111122223333", region: eu-west-1 }
clusters:
  prod-eu: { account: prod, region: eu-west-1, oidcIssuer: "https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE" }
bindings:
${bindings}`;
}

/** One binding "app" on team/app with these statements (YAML list items, indented 8). */
export function withStatements(statements: string, extra = ""): string {
  return fileWith(`  - name: app
    cluster: prod-eu
    serviceAccounts: [team/app]
${extra}    policies:
      statements:
${statements}`);
}

export function lintText(text: string): LintFinding[] {
  const result = loadBindings(text, "bindings.yaml");
  if (!result.model || !result.source)
    throw new Error(`expected a valid file:\n${result.problems.map(formatProblem).join("\n")}`);
  return lint(result.model, result.source);
}

/** Findings of one rule. */
export function findingsOf(text: string, rule: string): LintFinding[] {
  return lintText(text).filter((f) => f.rule === rule);
}

/** 1-based line:column of the `occurrence`-th appearance of `needle` in the text. */
export function where(text: string, needle: string, occurrence = 1): string {
  let offset = -1;
  for (let i = 0; i < occurrence; i++) {
    offset = text.indexOf(needle, offset + 1);
    if (offset < 0) throw new Error(`"${needle}" not in the text`);
  }
  const before = text.slice(0, offset).split("\n");
  return `${before.length}:${before[before.length - 1].length + 1}`;
}

export function lineColumn(finding: LintFinding): string {
  return `${finding.problem.line}:${finding.problem.column}`;
}
