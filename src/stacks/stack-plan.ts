/**
 * Which stacks a model compiles to, and what each holds: the one query that the app, the size
 * estimate for sharing the synth between threads and the state keys all read.
 */
import {
  Account,
  Binding,
  BindingsModel,
  bindingsInAccount,
  Cluster,
  serviceAccountBindings,
  teamStacksInAccount,
} from "../bindings/model";

/**
 * An IAM stack: the account's own (`iam-<alias>`, no `stack`), or a team stack of it
 * (`iam-<alias>-<stack>`). The account's stack keeps what is the account's rather than one
 * binding's: the OIDC providers, the file's policies, and the Pod Identity associations (addressed
 * by cluster and ServiceAccount, not by binding, so that a binding changing stack moves none).
 */
export interface IamStackPlan {
  readonly kind: "iam";
  readonly name: string;
  readonly account: Account;
  /** The team stack; undefined for the account's own stack. */
  readonly stack?: string;
  /** The bindings whose IAM resources (role, policies, attachments) the stack holds. */
  readonly bindings: readonly Binding[];
  /**
   * Every binding whose role lives in the account, in the model's order: the account's stack
   * makes their OIDC providers, the file's policies they attach and their Pod Identity
   * associations; a team stack reads the issuers its own bindings' trust needs.
   */
  readonly accountBindings: readonly Binding[];
  /** Bindings that were in this stack (their previousStacks name it) and are now in another: forgotten here. */
  readonly movedOut: readonly Binding[];
  /** The name the stack's state is kept under, for the stack's life (`iamStateName`). */
  readonly stateName: string;
}

export interface K8sStackPlan {
  readonly kind: "k8s";
  readonly name: string;
  readonly cluster: Cluster;
  /** The bindings podiam writes ServiceAccounts for on the cluster. */
  readonly bindings: readonly Binding[];
  readonly stateName: string;
}

export type StackPlan = IamStackPlan | K8sStackPlan;

/** `iam-<alias>`, or `iam-<alias>-<stack>` for a team stack. */
export function iamStackName(accountAlias: string, stack?: string): string {
  return stack === undefined ? `iam-${accountAlias}` : `iam-${accountAlias}-${stack}`;
}

export function k8sStackName(clusterKey: string): string {
  return `k8s-${clusterKey}`;
}

/**
 * Where a stack's state lives is fixed for the stack's life, whatever the file says later: it
 * derives from what never changes, the account's id, not from the alias (renamed, then its
 * previousNames removed, an alias would point the stack at a new, empty state, and the next apply
 * would create everything again).
 */
export function iamStateName(account: Account, stack?: string): string {
  // A team stack's, likewise: the account's id and the stack's name (a new name is a new stack).
  return stack === undefined ? `iam-${account.id}` : `iam-${account.id}-${stack}`;
}

/** A k8s stack's state, by what names the cluster in EKS: its account's id, its region, its EKS name. */
export function k8sStateName(model: BindingsModel, cluster: Cluster): string {
  return `k8s-${model.accounts.get(cluster.account)!.id}-${cluster.region}-${cluster.name}`;
}

/**
 * Every stack, IAM stacks (by account alias, each account's own stack, then its team stacks by
 * name) first, then k8s stacks (by cluster key). Every declared account gets its stack, even
 * without roles: removing an account's last binding must still plan as a destroy, not leave the
 * roles behind in a stack that vanished. A team stack exists while a binding is in it or names it
 * in previousStacks (to forget what it held). A cluster gets a stack only where podiam writes a
 * ServiceAccount.
 */
export function planStacks(model: BindingsModel): StackPlan[] {
  const plans: StackPlan[] = [];
  for (const account of model.accounts.values()) {
    const accountBindings = bindingsInAccount(model, account.alias);
    for (const stack of [undefined, ...teamStacksInAccount(model, account.alias)]) {
      plans.push({
        kind: "iam",
        name: iamStackName(account.alias, stack),
        account,
        ...(stack !== undefined ? { stack } : {}),
        bindings: accountBindings.filter((binding) => binding.stack === stack),
        accountBindings,
        movedOut: accountBindings.filter(
          (binding) => binding.stack !== stack && binding.previousStacks.includes(stack),
        ),
        stateName: iamStateName(account, stack),
      });
    }
  }
  for (const cluster of model.clusters.values()) {
    const bindings = serviceAccountBindings(model, cluster.key);
    if (bindings.length === 0) continue;
    plans.push({
      kind: "k8s",
      name: k8sStackName(cluster.key),
      cluster,
      bindings,
      stateName: k8sStateName(model, cluster),
    });
  }
  return plans;
}
