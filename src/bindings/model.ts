/**
 * The validated model of a bindings file: every reference resolved, every default applied, every
 * list in a deterministic order. Everything downstream (stacks, lint, explain) reads this, never
 * the YAML.
 */

import type { Partition, ServiceAccountRef, Statement } from "../iam/types";

export type Mode = "irsa" | "pod-identity" | "both";

export interface Account {
  readonly alias: string;
  readonly id: string;
  readonly partition: Partition;
  readonly region: string;
  readonly providerRoleArn?: string;
  readonly previousNames: readonly string[];
}

export interface Cluster {
  readonly key: string;
  /** Alias of the cluster's account. */
  readonly account: string;
  readonly region: string;
  /** EKS cluster name. */
  readonly name: string;
  /** `https://...`; undefined when it is read from the cluster at plan time. */
  readonly oidcIssuer?: string;
  readonly oidcProvider: "create" | "existing" | "adopt";
  readonly kubernetesAuth: "token" | "exec";
  readonly previousNames: readonly string[];
}

export interface RoleSettings {
  readonly name: string;
  readonly path: string;
  /** Computed, never looked up: `arn:<partition>:iam::<account id>:role<path><name>`. */
  readonly arn: string;
  readonly description?: string;
  readonly maxSessionDuration: number;
  readonly permissionsBoundary?: string;
  readonly tags: Readonly<Record<string, string>>;
  /** Manage managed policy attachments exclusively (aws_iam_role_policy_attachments_exclusive). */
  readonly exclusivePolicyAttachments: boolean;
}

export interface ServiceAccountSettings {
  readonly create: boolean;
  readonly annotations: Readonly<Record<string, string>>;
  readonly labels: Readonly<Record<string, string>>;
  readonly automountToken: boolean;
}

export interface Binding {
  readonly name: string;
  /** Keys of the trusted clusters, sorted. */
  readonly clusters: readonly string[];
  /** In file order, as the reviewer wrote them. */
  readonly serviceAccounts: readonly ServiceAccountRef[];
  /** Alias of the account the role lives in. */
  readonly account: string;
  readonly mode: Mode;
  readonly role: RoleSettings;
  readonly managedPolicies: readonly string[];
  readonly statements: readonly Statement[];
  /** `policies.presets`, by name: each compiled into policies of its own (never into `statements`). */
  readonly presets: readonly PresetUse[];
  readonly serviceAccount: ServiceAccountSettings;
  readonly previousNames: readonly string[];
  /** What to import instead of create (Terraform import blocks). */
  readonly adopt: Adoption;
  /** Lint rules waived, with their reasons. */
  readonly waivers: readonly Waiver[];
  /** Where the binding is in the file: its index under `bindings`. Only for messages. */
  readonly index: number;
}

/** A preset a binding uses (`policies.presets.<name>`), compiled for the binding's account and clusters. */
export interface PresetUse {
  readonly name: string;
  /** The upstream policy version the statements follow, and where it comes from. */
  readonly version: string;
  readonly upstream: string;
  /** The inputs as written, keys sorted; lists in file order (their indexes position the lint's findings). */
  readonly inputs: Readonly<Record<string, unknown>>;
  /** Every statement, in normal form, each with a Sid unique in the preset. */
  readonly statements: readonly Statement[];
  /** Lint rules the preset's own statements need waived, with the reasons explain shows. */
  readonly waivers: readonly Waiver[];
  /** The ServiceAccount the add-on's chart creates by default, when it has one. */
  readonly defaultServiceAccount?: ServiceAccountRef;
}

export interface Adoption {
  readonly role: boolean;
  readonly policy: boolean;
  readonly serviceAccounts: boolean;
}

export interface Waiver {
  readonly rule: string;
  readonly reason: string;
}

export type Backend =
  | { readonly kind: "local" }
  | {
      readonly kind: "s3";
      readonly bucket: string;
      readonly region: string;
      readonly keyPrefix?: string;
      readonly useLockfile: boolean;
    };

export interface Quotas {
  readonly managedPoliciesPerRole: number;
  readonly roleTrustPolicyLength: number;
}

export interface BindingsModel {
  /** By alias, sorted. */
  readonly accounts: ReadonlyMap<string, Account>;
  /** By key, sorted. */
  readonly clusters: ReadonlyMap<string, Cluster>;
  /** Sorted by name. */
  readonly bindings: readonly Binding[];
  readonly backend: Backend;
  readonly quotas: Quotas;
  /** defaults.tags: also on what no binding owns alone (OIDC providers). */
  readonly tags: Readonly<Record<string, string>>;
}

export function usesIrsa(mode: Mode): boolean {
  return mode === "irsa" || mode === "both";
}

export function usesPodIdentity(mode: Mode): boolean {
  return mode === "pod-identity" || mode === "both";
}

/** The bindings whose role lives in an account: what the account's IAM stack holds. */
export function bindingsInAccount(model: BindingsModel, alias: string): Binding[] {
  return model.bindings.filter((binding) => binding.account === alias);
}

/** The bindings podiam writes ServiceAccounts for on a cluster: what the cluster's k8s stack holds. */
export function serviceAccountBindings(model: BindingsModel, clusterKey: string): Binding[] {
  return model.bindings.filter((binding) => binding.serviceAccount.create && binding.clusters.includes(clusterKey));
}
