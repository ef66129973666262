/**
 * `podiam validate`, and the gate in front of synthesis: `podiam synth` and `cdktf synth`
 * (main.ts) call it too, so that a file validate refuses (lint errors included) never reaches
 * Terraform, and is refused with the same messages.
 */
import { loadBindingsFile, type LoadResult } from "./bindings/load";
import type { BindingsModel } from "./bindings/model";
import { Problem, sortProblems } from "./bindings/problems";
import { Io, printProblems } from "./io";
import { renderValidationGithub } from "./report/github";
import { renderValidationSarif } from "./report/sarif";
import { renderValidationJson, type ValidationEntry, type ValidationReport } from "./report/validation";
import { lint, RULES } from "./rules/lint";

export const VALIDATE_FORMATS = ["text", "json", "sarif", "github"] as const;
export type ValidateFormat = (typeof VALIDATE_FORMATS)[number];

export interface Validation {
  /** 1 when the file has an error (a lint error included) that no waiver covers. */
  readonly code: 0 | 1;
  /** The model, only when the file is valid: what may be synthesized. */
  readonly model?: BindingsModel;
}

/** Loads and lints the file: its problems and waived findings, in file order. */
export function validationOf(file: string): { report: ValidationReport; model?: BindingsModel } {
  return validationOfLoaded(file, loadBindingsFile(file));
}

/** The same, for a file already loaded (podiam import checks the text it wrote). */
export function validationOfLoaded(
  file: string,
  result: LoadResult,
): { report: ValidationReport; model?: BindingsModel } {
  // Lint reads the model, so it runs on a file that loads.
  const findings = result.model && result.source ? lint(result.model, result.source) : [];
  const waivedOf = new Map<Problem, string | undefined>(findings.map((f) => [f.problem, f.waived]));
  const entries: ValidationEntry[] = sortProblems([...result.problems, ...findings.map((f) => f.problem)]).map(
    (problem) => {
      const waived = waivedOf.get(problem);
      return waived === undefined ? { problem } : { problem, waived };
    },
  );
  const active = entries.filter((e) => e.waived === undefined).map((e) => e.problem);
  const errors = active.filter((p) => p.severity === "error").length;
  const report: ValidationReport = {
    file,
    entries,
    errors,
    warnings: active.length - errors,
    waived: entries.length - active.length,
    valid: errors === 0,
  };
  return { report, ...(report.valid && result.model ? { model: result.model } : {}) };
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

/** `FILE: 1 error, 2 warnings, 1 waived` (`, valid` when it is). */
export function summaryLine(report: ValidationReport): string {
  const waived = report.waived > 0 ? `, ${report.waived} waived` : "";
  return `${report.file}: ${plural(report.errors, "error")}, ${plural(report.warnings, "warning")}${waived}${report.valid ? ", valid" : ""}\n`;
}

/**
 * Validates the file and prints the report: problems (not waived ones) and the summary on stderr
 * in text; the report on stdout in the other formats, the summary still on stderr.
 */
export function validateBindingsFile(io: Io, file: string, format: ValidateFormat = "text"): Validation {
  const { report, model } = validationOf(file);
  if (format === "text")
    printProblems(
      io,
      report.entries.filter((e) => e.waived === undefined).map((e) => e.problem),
    );
  else if (format === "json") io.out(renderValidationJson(report));
  else if (format === "sarif") io.out(renderValidationSarif(report, RULES));
  else io.out(renderValidationGithub(report));
  io.err(summaryLine(report));
  return report.valid ? { code: 0, ...(model ? { model } : {}) } : { code: 1 };
}
