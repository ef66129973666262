/** Helpers for loader tests: YAML written inline, problems as the formatted lines a user sees. */
import { loadBindings } from "../../src/bindings/load";
import { formatProblem } from "../../src/bindings/problems";

export const FILE = "bindings.yaml";

/**
 * Strips the first line break and the indentation common to all lines, so that a template string
 * indented with the test reads as the file: its first line is line 1, its least indented column 1.
 */
export function yaml(strings: TemplateStringsArray, ...values: unknown[]): string {
  const text = String.raw({ raw: strings }, ...values).replace(/^\n/, "");
  const lines = text.split("\n");
  const indents = lines.filter((line) => line.trim() !== "").map((line) => /^ */.exec(line)![0].length);
  const common = indents.length > 0 ? Math.min(...indents) : 0;
  return lines
    .map((line) => line.slice(common))
    .join("\n")
    .replace(/[ ]+$/, "");
}

/** Every problem, formatted as FILE:LINE:COLUMN: PATH: message. */
export function problemsOf(text: string): string[] {
  return loadBindings(text, FILE).problems.map(formatProblem);
}
