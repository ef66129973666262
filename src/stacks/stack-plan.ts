/**
 * Which stacks a model compiles to, and what each holds: the one query that the app, the size
 * estimate for sharing the synth between threads and the state keys all read.
 */
import { Account, Binding, BindingsModel, bindingsInAccount, Cluster, serviceAccountBindings } from "../bindings/model";

export interface IamStackPlan {
  readonly kind: "iam";
  readonly name: string;
  readonly account: Account;
  /** The bindings whose roles live in the account. */
  readonly bindings: readonly Binding[];
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

export function iamStackName(accountAlias: string): string {
  return `iam-${accountAlias}`;
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
export function iamStateName(account: Account): string {
  return `iam-${account.id}`;
}

/** A k8s stack's state, by what names the cluster in EKS: its account's id, its region, its EKS name. */
export function k8sStateName(model: BindingsModel, cluster: Cluster): string {
  return `k8s-${model.accounts.get(cluster.account)!.id}-${cluster.region}-${cluster.name}`;
}

/**
 * Every stack, IAM stacks (by account alias) first, then k8s stacks (by cluster key). Every
 * declared account gets its stack, even without roles: removing an account's last binding must
 * still plan as a destroy, not leave the roles behind in a stack that vanished. A cluster gets a
 * stack only where podiam writes a ServiceAccount.
 */
export function planStacks(model: BindingsModel): StackPlan[] {
  const plans: StackPlan[] = [];
  for (const account of model.accounts.values()) {
    plans.push({
      kind: "iam",
      name: iamStackName(account.alias),
      account,
      bindings: bindingsInAccount(model, account.alias),
      stateName: iamStateName(account),
    });
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
