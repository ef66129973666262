/**
 * Which stacks differ between two synthesized outputs: stack by stack, the Terraform JSON each
 * holds, without cdktf's `//` metadata (comments to Terraform, at the top and in each resource:
 * construct paths and the list of overrides, nothing Terraform plans). A stack only in the head is
 * added, only in the base removed.
 */
import { existsSync, readdirSync, readFileSync } from "fs";
import { join } from "path";

export const STACK_CHANGES = ["added", "changed", "removed"] as const;
export type StackChange = (typeof STACK_CHANGES)[number];

export interface StackDifference {
  readonly name: string;
  readonly change: StackChange;
}

export interface Comparison {
  /** The stacks that differ, by name. */
  readonly differences: readonly StackDifference[];
  /** The stacks in both, with the same Terraform, by name. */
  readonly unchanged: readonly string[];
}

/** Every stack's cdk.tf.json under `<outdir>/stacks`, as bytes, by stack name; none when there is no output. */
export function stackFiles(outdir: string | undefined): Map<string, Buffer> {
  const stacks = new Map<string, Buffer>();
  if (outdir === undefined || !existsSync(join(outdir, "stacks"))) return stacks;
  for (const name of readdirSync(join(outdir, "stacks")).sort()) {
    stacks.set(name, readFileSync(join(outdir, "stacks", name, "cdk.tf.json")));
  }
  return stacks;
}

/** The Terraform a stack file holds: its JSON without any `//` metadata, as canonical text. */
export function terraformOf(file: Buffer): string {
  return JSON.stringify(JSON.parse(file.toString("utf8"), (key, value: unknown) => (key === "//" ? undefined : value)));
}

/** Same bytes is the same Terraform (the fast path); otherwise the JSON without metadata decides. */
function sameTerraform(base: Buffer, head: Buffer): boolean {
  return base.equals(head) || terraformOf(base) === terraformOf(head);
}

export function compareStacks(base: ReadonlyMap<string, Buffer>, head: ReadonlyMap<string, Buffer>): Comparison {
  const differences: StackDifference[] = [];
  const unchanged: string[] = [];
  for (const name of [...new Set([...base.keys(), ...head.keys()])].sort()) {
    const before = base.get(name);
    const after = head.get(name);
    if (before === undefined) differences.push({ name, change: "added" });
    else if (after === undefined) differences.push({ name, change: "removed" });
    else if (sameTerraform(before, after)) unchanged.push(name);
    else differences.push({ name, change: "changed" });
  }
  return { differences, unchanged };
}
