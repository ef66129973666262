/**
 * `podiam affected --base REF_OR_FILE`: the stacks whose synthesized Terraform differs between the
 * base (a bindings file, or the bindings file at a git ref) and the file, found by synthesizing
 * both (only the stacks whose inputs differ) and comparing them stack by stack. Text for people, JSON for a CI matrix (one job per
 * stack to plan). Exit 0 whatever differs; 1 when the file or the base cannot be synthesized.
 */
import { mkdtempSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { loadBindings, loadBindingsFile } from "../bindings/load";
import type { BindingsModel } from "../bindings/model";
import { ExplainError, readBase } from "../explain/base";
import { Io, printProblems } from "../io";
import { stackInputs } from "../stacks/stack-inputs";
import { compareStacks, Comparison, stackFiles, StackChange, StackDifference } from "./compare";

export const AFFECTED_FORMATS = ["text", "json"] as const;
export type AffectedFormat = (typeof AFFECTED_FORMATS)[number];

/** The version of the JSON output; a change that breaks its readers bumps it. */
export const AFFECTED_JSON_VERSION = 1;

export interface AffectedOptions {
  readonly base: string;
  readonly format?: AffectedFormat;
  /** Where `podiam synth` writes the stacks, to name each stack's directory (default cdktf.out). */
  readonly output?: string;
}

/** One stack that differs, as the JSON output has it: `strategy.matrix.include` takes a list of these. */
export interface AffectedStack {
  readonly name: string;
  readonly change: StackChange;
  /** The stack's directory as `podiam synth -o OUTPUT` writes it (for a removed stack: where it was). */
  readonly dir: string;
}

export interface AffectedReport {
  readonly kind: "affected";
  readonly version: number;
  /** The base as read: the file, or REF:PATH. */
  readonly base: string;
  readonly file: string;
  /** Every stack that differs, by name. */
  readonly stacks: readonly AffectedStack[];
  /** The stacks in both with the same Terraform, by name. */
  readonly unchanged: readonly string[];
}

export function affected(io: Io, file: string, options: AffectedOptions): number {
  const output = options.output ?? "cdktf.out";
  const head = loadBindingsFile(file);
  printProblems(io, head.problems);
  if (!head.model) {
    io.err(`${file}: has errors; fix them (podiam validate) before asking which stacks they affect\n`);
    return 1;
  }
  let baseLabel: string;
  let baseModel: BindingsModel | undefined;
  try {
    const text = readBase(options.base, file);
    baseLabel = text.label;
    if (text.text !== undefined) {
      const result = loadBindings(text.text, text.label);
      if (!result.model) {
        // A broken base cannot say what changed; an empty one would report every stack as added.
        printProblems(io, result.problems);
        io.err(
          `${text.label}: the base has errors, so which stacks differ cannot be told; plan every stack, or pass another --base\n`,
        );
        return 1;
      }
      baseModel = result.model;
    }
  } catch (error) {
    if (error instanceof ExplainError) {
      io.err(`podiam affected: ${error.message}\n`);
      return 1;
    }
    throw error;
  }

  const comparison = synthesizeAndCompare(head.model, baseModel);
  const report: AffectedReport = {
    kind: "affected",
    version: AFFECTED_JSON_VERSION,
    base: baseLabel,
    file,
    stacks: comparison.differences.map(({ name, change }) => ({ name, change, dir: stackDir(output, name) })),
    unchanged: comparison.unchanged,
  };
  io.out(options.format === "json" ? `${JSON.stringify(report, null, 2)}\n` : renderAffectedText(report));
  return 0;
}

/** `<output>/stacks/<name>`, with "/" whatever the platform: it is read by CI and Terraform. */
function stackDir(output: string, name: string): string {
  return `${output.replace(/\/+$/, "")}/stacks/${name}`;
}

/**
 * Synthesizes what it must of the head and the base into scratch directories, and compares. A
 * stack in one of them only is added or removed without a synth; a stack whose inputs are the same
 * in both (stack-inputs.ts) is unchanged without one; only the others are synthesized, on both
 * sides, and compared by their Terraform. A one-binding change costs the synth of its stacks.
 */
function synthesizeAndCompare(head: BindingsModel, base: BindingsModel | undefined): Comparison {
  const headInputs = stackInputs(head);
  const baseInputs = base ? stackInputs(base) : new Map<string, string>();
  const toCompare = new Set(
    [...headInputs]
      .filter(([name, inputs]) => baseInputs.has(name) && baseInputs.get(name) !== inputs)
      .map(([name]) => name),
  );
  const differences: StackDifference[] = [];
  const unchanged: string[] = [];
  let compared: Comparison = { differences: [], unchanged: [] };
  if (toCompare.size > 0) {
    const scratch = mkdtempSync(join(tmpdir(), "podiam-affected-"));
    try {
      const headDir = join(scratch, "head");
      const baseDir = join(scratch, "base");
      // cdktf loads only here: a broken file or base, or nothing to synthesize, costs nothing of it.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { synthesize } = require("../app") as typeof import("../app");
      synthesize(head, { outdir: headDir, only: toCompare });
      synthesize(base!, { outdir: baseDir, only: toCompare });
      compared = compareStacks(stackFiles(baseDir), stackFiles(headDir));
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }
  for (const name of [...new Set([...baseInputs.keys(), ...headInputs.keys()])].sort()) {
    if (!baseInputs.has(name)) differences.push({ name, change: "added" });
    else if (!headInputs.has(name)) differences.push({ name, change: "removed" });
    else if (!toCompare.has(name)) unchanged.push(name);
    else if (compared.unchanged.includes(name)) unchanged.push(name);
    else differences.push({ name, change: "changed" });
  }
  return { differences, unchanged };
}

const WHAT: Record<StackChange, string> = {
  added: "new in the file",
  changed: "its Terraform differs",
  removed: "only in the base: no plan of the file destroys what it holds; plan its destroy from the base",
};

export function renderAffectedText(report: AffectedReport): string {
  const total = report.stacks.length + report.unchanged.length;
  const of = `${total} stack${total === 1 ? "" : "s"}`;
  if (report.stacks.length === 0) return `No stack differs between ${report.base} and ${report.file} (${of}).\n`;
  const lines = [
    `${report.stacks.length} of ${of} differ${report.stacks.length === 1 ? "s" : ""} between ${report.base} and ${report.file}:`,
  ];
  const width = Math.max(...report.stacks.map((s) => s.name.length));
  for (const stack of report.stacks)
    lines.push(`  ${stack.change.padEnd(7)}  ${stack.name.padEnd(width)}  ${stack.dir}  (${WHAT[stack.change]})`);
  return `${lines.join("\n")}\n`;
}
