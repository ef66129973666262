/**
 * What `podiam validate` found, as data: every problem of the file in file order, the lint
 * findings a binding waived beside them (with the reason), and the verdict. The renderers
 * (text, JSON, SARIF, GitHub workflow commands) only format it.
 */
import { isAbsolute, relative, sep } from "path";
import type { Problem } from "../bindings/problems";

export interface ValidationEntry {
  readonly problem: Problem;
  /** The binding's reason, when it waived this lint finding. */
  readonly waived?: string;
}

export interface ValidationReport {
  /** The bindings file, as the user named it. */
  readonly file: string;
  /** File order; waived findings included, marked. */
  readonly entries: readonly ValidationEntry[];
  readonly errors: number;
  readonly warnings: number;
  readonly waived: number;
  /** No error that is not waived: the file may be synthesized. */
  readonly valid: boolean;
}

/** Bumped when a field changes meaning or goes away; adding fields keeps it. */
export const VALIDATION_JSON_VERSION = 1;

/** `--format json`: `{ kind: "validation", version, file, valid, errors, warnings, waived, problems: [...] }`. */
export function renderValidationJson(report: ValidationReport): string {
  const problems = report.entries.map(({ problem, waived }) => ({
    file: problem.file,
    line: problem.line,
    column: problem.column,
    path: problem.path,
    severity: problem.severity,
    ...(problem.rule ? { rule: problem.rule } : {}),
    message: problem.message,
    ...(waived !== undefined ? { waived } : {}),
  }));
  const { file, valid, errors, warnings, waived } = report;
  const json = {
    kind: "validation",
    version: VALIDATION_JSON_VERSION,
    file,
    valid,
    errors,
    warnings,
    waived,
    problems,
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

/** A file name as tools on the repository want it: relative to the working directory, with `/`. */
export function repositoryPath(file: string, cwd = process.cwd()): string {
  const path = isAbsolute(file) ? relative(cwd, file) : file;
  return path.split(sep).join("/");
}
