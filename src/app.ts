/** Model -> cdktf App: one IAM stack per account, one k8s stack per cluster with ServiceAccounts. */
import type { BindingsModel } from "./bindings/model";
import { App } from "./constructs/cdk";
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
 * Builds the app and writes its stacks; returns the stack names, sorted.
 *
 * cdktf records a stack trace for every token it creates, for error messages we never show: V8
 * formats each one, which at thousands of resources is a large part of synth. While this runs,
 * traces captured onto plain objects (cdktf's) are not formatted; an Error's are, as always.
 */
export function synthesize(model: BindingsModel, options: BuildAppOptions = {}): string[] {
  const previous = Error.prepareStackTrace;
  Error.prepareStackTrace = (target, frames) =>
    target instanceof Error ? (previous ? previous(target, frames) : defaultStack(target, frames)) : "";
  try {
    const app = buildApp(model, options);
    app.synth();
    return app.node.children.map((child) => child.node.id).sort();
  } finally {
    Error.prepareStackTrace = previous;
  }
}

function defaultStack(error: Error, frames: NodeJS.CallSite[]): string {
  return [`${error.name}: ${error.message}`, ...frames.map((frame) => `    at ${frame}`)].join("\n");
}
