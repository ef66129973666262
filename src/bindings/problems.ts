/**
 * A problem in a bindings file: where it is and what is wrong. Every check reports problems
 * instead of throwing, so the user sees all of them at once.
 */

export type Severity = "error" | "warning";

/** A path into the file, as keys and list indexes: ["bindings", 2, "serviceAccounts", 0]. */
export type FilePath = readonly (string | number)[];

export interface Problem {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** Rendered path, such as `bindings[2].serviceAccounts[0]`. */
  readonly path: string;
  readonly message: string;
  readonly severity: Severity;
  /** Lint rule id (IAM001, ...) when a lint rule found it. */
  readonly rule?: string;
}

/** `bindings[2].serviceAccounts[0]`; `(root)` for the document itself. */
export function renderPath(path: FilePath): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(segment)) out += out === "" ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out === "" ? "(root)" : out;
}

/** `FILE:LINE:COLUMN: PATH: message`, with the severity and rule for anything but a plain error. */
export function formatProblem(problem: Problem): string {
  const tag = problem.rule
    ? `${problem.severity} ${problem.rule}: `
    : problem.severity === "warning"
      ? "warning: "
      : "";
  return `${problem.file}:${problem.line}:${problem.column}: ${problem.path}: ${tag}${problem.message}`;
}

/**
 * Problems in file order, errors before warnings at one place; stable for equal positions. The
 * problems of the policy documents a file names are grouped by file.
 */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) =>
      (a.file === b.file ? 0 : a.file < b.file ? -1 : 1) ||
      a.line - b.line ||
      a.column - b.column ||
      (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1) ||
      a.path.localeCompare(b.path) ||
      a.message.localeCompare(b.message),
  );
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === "error");
}
