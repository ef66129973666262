/** Model -> cdktf App: one IAM stack per account, one k8s stack per cluster with ServiceAccounts. */
import { App } from "cdktf";
import type { BindingsModel } from "./bindings/model";
import { IamStack } from "./stacks/iam-stack";
import { K8sStack, serviceAccountBindings } from "./stacks/k8s-stack";

export interface BuildAppOptions {
  /** @default cdktf's (CDKTF_OUTDIR, or cdktf.out) */
  readonly outdir?: string;
  /** Build only these stacks (by name). @default every stack */
  readonly only?: ReadonlySet<string>;
}

export function iamStackName(accountAlias: string): string {
  return `iam-${accountAlias}`;
}

export function k8sStackName(clusterKey: string): string {
  return `k8s-${clusterKey}`;
}

export function buildApp(model: BindingsModel, options: BuildAppOptions = {}): App {
  // No stack traces in the manifest: they hold absolute paths and differ between machines.
  const app = new App({ stackTraces: false, ...(options.outdir ? { outdir: options.outdir } : {}) });
  // Every declared account gets its stack, even without roles: removing an account's last binding
  // must still plan as a destroy, not leave the roles behind in a stack that vanished.
  const wanted = (name: string) => !options.only || options.only.has(name);
  for (const account of model.accounts.values()) {
    const name = iamStackName(account.alias);
    // A renamed account or cluster keeps its state where it was first written.
    if (wanted(name))
      new IamStack(app, name, { model, account, stateName: iamStackName(account.previousNames[0] ?? account.alias) });
  }
  for (const cluster of model.clusters.values()) {
    const name = k8sStackName(cluster.key);
    if (serviceAccountBindings(model, cluster).length > 0 && wanted(name)) {
      new K8sStack(app, name, { model, cluster, stateName: k8sStackName(cluster.previousNames[0] ?? cluster.key) });
    }
  }
  return app;
}

/** Every stack the model compiles to, with a rough size (resources) to share the work by. */
export function stackSizes(model: BindingsModel): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const account of model.accounts.values()) {
    const bindings = model.bindings.filter((b) => b.account === account.alias);
    sizes.set(iamStackName(account.alias), 1 + bindings.reduce((n, b) => n + 4 + b.managedPolicies.length, 0));
  }
  for (const cluster of model.clusters.values()) {
    const bindings = serviceAccountBindings(model, cluster);
    if (bindings.length > 0)
      sizes.set(k8sStackName(cluster.key), 1 + bindings.reduce((n, b) => n + b.serviceAccounts.length, 0));
  }
  return sizes;
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
