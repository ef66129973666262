/**
 * Values an importer could not know and left for a person to fill in (`podiam import` writes them
 * where eksctl generated a role name, for example). Any string value that starts with the marker
 * is an error at its position, so a half-finished import never reaches Terraform.
 */
import type { FilePath, Problem } from "./problems";
import type { BindingsSource } from "./source";

/** The start of a value left unfinished: `TODO(podiam): <what to write here>`. */
export const UNFINISHED_MARKER = "TODO(podiam):";

export function unfinishedValueProblems(source: BindingsSource, data: unknown): Problem[] {
  const problems: Problem[] = [];
  // An alias makes the data a graph (a cycle, for an alias inside its own anchor): each object once.
  const seen = new Set<object>();
  const visit = (value: unknown, path: FilePath): void => {
    if (typeof value === "string") {
      if (value.trimStart().startsWith(UNFINISHED_MARKER)) {
        const what = value.trimStart().slice(UNFINISHED_MARKER.length).trim();
        problems.push(
          source.problem(
            path,
            `is left to fill in${what ? `: ${what}` : ""}; replace the TODO(podiam) value with the real one`,
          ),
        );
      }
      return;
    }
    if (value === null || typeof value !== "object" || seen.has(value)) return;
    seen.add(value);
    if (Array.isArray(value)) {
      value.forEach((item, i) => visit(item, [...path, i]));
      return;
    }
    for (const [key, item] of Object.entries(value)) visit(item, [...path, key]);
  };
  visit(data, []);
  return problems;
}
