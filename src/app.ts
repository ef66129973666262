/** Model -> cdktf App: one IAM stack per account, one k8s stack per cluster with ServiceAccounts. */
import type { BindingsModel } from "./bindings/model";
import { mkdirSync, mkdtempSync, renameSync, rmSync } from "fs";
import { join } from "path";
import { App, TerraformStack } from "./constructs/cdk";
import { IamStack } from "./stacks/iam-stack";
import { K8sStack } from "./stacks/k8s-stack";
import { planStacks } from "./stacks/stack-plan";

export interface BuildAppOptions {
  /** @default cdktf's (CDKTF_OUTDIR, or cdktf.out) */
  readonly outdir?: string;
  /** Build only these stacks (by name). @default every stack */
  readonly only?: ReadonlySet<string>;
}

export function buildApp(model: BindingsModel, options: BuildAppOptions = {}): App {
  // No stack traces in the manifest: they hold absolute paths and differ between machines.
  const app = new App({ stackTraces: false, ...(options.outdir ? { outdir: options.outdir } : {}) });
  for (const plan of planStacks(model)) {
    if (options.only && !options.only.has(plan.name)) continue;
    if (plan.kind === "iam") new IamStack(app, plan.name, { model, plan });
    else new K8sStack(app, plan.name, { model, plan });
  }
  return app;
}

/** Every stack the model compiles to, with the resources it makes: to share the work by. */
export function stackSizes(model: BindingsModel): Map<string, number> {
  return new Map(
    planStacks(model).map((plan) => [
      plan.name,
      plan.kind === "iam" ? IamStack.resourceCount(model, plan) : K8sStack.resourceCount(plan),
    ]),
  );
}

/**
 * Writes the stacks, one App each, then the manifest of them all; returns the stack names, sorted.
 * One stack at a time: its constructs are garbage once it is written, so the heap holds the model
 * and one stack rather than every stack (at 10,000 bindings, GBs and most of the garbage
 * collector's time). The bytes are one App's: each stack's JSON depends on the stack alone, and the
 * manifest names stacks and paths only (writeManifest).
 *
 * cdktf records a stack trace for every token it creates, for error messages we never show: V8
 * formats each one, which at thousands of resources is a large part of synth. While this runs,
 * traces captured onto plain objects (cdktf's) are not formatted; an Error's are, as always.
 */
export function synthesize(model: BindingsModel, options: BuildAppOptions = {}): string[] {
  const previous = Error.prepareStackTrace;
  Error.prepareStackTrace = (target, frames) =>
    target instanceof Error ? (previous ? previous(target, frames) : defaultStack(target, frames)) : "";
  // cdktf captures each token's trace with Error.stackTraceLimit raised to the largest integer:
  // V8 then walks every frame, tens of thousands of times (seconds at 10,000 bindings) for traces
  // it never shows. While this runs the limit reads 0 and ignores what is set: no frame is walked,
  // and an Error thrown in between carries its message without a stack (restored afterwards).
  const limit = Object.getOwnPropertyDescriptor(Error, "stackTraceLimit");
  Object.defineProperty(Error, "stackTraceLimit", { configurable: true, get: () => 0, set: () => undefined });
  try {
    const names: string[] = [];
    for (const plan of planStacks(model)) {
      if (options.only && !options.only.has(plan.name)) continue;
      const app = new App({ stackTraces: false, ...(options.outdir ? { outdir: options.outdir } : {}) });
      if (plan.kind === "iam") new IamStack(app, plan.name, { model, plan });
      else new K8sStack(app, plan.name, { model, plan });
      app.synth();
      names.push(plan.name);
    }
    writeManifest(options.outdir ?? process.env.CDKTF_OUTDIR ?? "cdktf.out", names);
    return names.sort();
  } finally {
    if (limit) Object.defineProperty(Error, "stackTraceLimit", limit);
    Error.prepareStackTrace = previous;
  }
}

/**
 * The manifest of these stacks, as one cdktf App of them writes it: it names stacks and paths
 * only, so an App of empty stacks with the same names writes the same one.
 */
export function writeManifest(outdir: string, names: readonly string[]): void {
  mkdirSync(outdir, { recursive: true });
  const scratch = mkdtempSync(join(outdir, ".manifest-"));
  try {
    const app = new App({ outdir: scratch, stackTraces: false });
    for (const name of names) new TerraformStack(app, name);
    app.synth();
    renameSync(join(scratch, "manifest.json"), join(outdir, "manifest.json"));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function defaultStack(error: Error, frames: NodeJS.CallSite[]): string {
  return [`${error.name}: ${error.message}`, ...frames.map((frame) => `    at ${frame}`)].join("\n");
}
