/**
 * Lint errors about permissions a role has today. podiam refuses to synthesize a file with lint
 * errors, so an imported file that carried them unwaived could never adopt the role; dropping the
 * permissions would break the workload. The import waives each such rule on its binding with a
 * reason that says it was granted before podiam, and a note, so that the finding is seen in
 * review and in `podiam explain`, and is fixed deliberately rather than on the first apply.
 */
import { stringify } from "yaml";
import { noDocuments } from "../../bindings/documents";
import { loadBindings } from "../../bindings/load";
import { lint } from "../../rules/lint";
import type { BindingNote } from "./role-uses";

/** Add waivers for the lint errors of the bindings; returns the notes, by binding index. */
export function waiveExistingFindings(file: Record<string, unknown>): Map<number, BindingNote[]> {
  const notes = new Map<number, BindingNote[]>();
  const bindings = file.bindings as Record<string, unknown>[];
  const check = loadBindings(stringify(file, { lineWidth: 0 }), "imported.yaml", { readDocument: noDocuments });
  const rules = new Map<number, Map<string, string>>();
  const findings = check.model && check.source ? lint(check.model, check.source) : [];
  for (const { problem, waived } of findings) {
    if (problem.severity !== "error" || !problem.rule || waived !== undefined) continue;
    const index = /^bindings\[(\d+)\]/.exec(problem.path);
    if (!index) continue;
    const byRule = rules.get(Number(index[1])) ?? new Map<string, string>();
    if (!byRule.has(problem.rule)) byRule.set(problem.rule, problem.message);
    rules.set(Number(index[1]), byRule);
  }
  for (const [index, byRule] of rules) {
    const binding = bindings[index];
    const waivers = [...byRule.keys()].sort().map((rule) => ({
      rule,
      reason: `granted before podiam (podiam import aws adopted the role as it is): review, then narrow the policies and remove this waiver`,
    }));
    binding.waivers = [...((binding.waivers as unknown[]) ?? []), ...waivers];
    notes.set(
      index,
      [...byRule.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([rule, message]) => ({
          at: ["waivers"],
          kind: "hint" as const,
          message: `${rule} waived because the role has this today, so that it can be adopted: ${message.length > 300 ? `${message.slice(0, 300)}...` : message}`,
        })),
    );
  }
  return notes;
}
