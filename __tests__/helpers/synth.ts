/** Test helpers: load a bindings text or fixture and synthesize it to real files. */
import { mkdtempSync, readdirSync, readFileSync, statSync } from "fs";
import { tmpdir } from "os";
import { join, relative } from "path";
import { synthesize } from "../../src/app";
import { loadBindings, loadBindingsFile } from "../../src/bindings/load";
import type { BindingsModel } from "../../src/bindings/model";
import { formatProblem } from "../../src/bindings/problems";

export const ROOT = join(__dirname, "..", "..");
export const FIXTURES = join(ROOT, "__tests__", "fixtures");

export function modelOf(text: string, file = "bindings.yaml"): BindingsModel {
  const result = loadBindings(text, file);
  if (!result.model) throw new Error(`expected a valid file:\n${result.problems.map(formatProblem).join("\n")}`);
  return result.model;
}

export function modelOfFile(file: string): BindingsModel {
  const result = loadBindingsFile(file);
  if (!result.model) throw new Error(`expected a valid file:\n${result.problems.map(formatProblem).join("\n")}`);
  return result.model;
}

/** Synthesizes into a fresh temporary directory; returns it. */
export function synthToDir(model: BindingsModel, outdir = mkdtempSync(join(tmpdir(), "podiam-synth-"))): string {
  synthesize(model, { outdir });
  return outdir;
}

/** Every stack's cdk.tf.json, by stack name, as text. */
export function stackTexts(outdir: string): Record<string, string> {
  const stacks: Record<string, string> = {};
  for (const name of readdirSync(join(outdir, "stacks")).sort()) {
    stacks[name] = readFileSync(join(outdir, "stacks", name, "cdk.tf.json"), "utf8");
  }
  return stacks;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type TerraformJson = any;

/** Every stack's Terraform JSON, parsed, by stack name. */
export function synthStacks(model: BindingsModel): Record<string, TerraformJson> {
  const texts = stackTexts(synthToDir(model));
  return Object.fromEntries(Object.entries(texts).map(([name, text]) => [name, JSON.parse(text)]));
}

/** Every file under dir, by relative path, as text: a whole output, to compare byte for byte. */
export function fileTree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (current: string) => {
    for (const name of readdirSync(current).sort()) {
      const full = join(current, name);
      if (statSync(full).isDirectory()) walk(full);
      else files[relative(dir, full)] = readFileSync(full, "utf8");
    }
  };
  walk(dir);
  return files;
}
