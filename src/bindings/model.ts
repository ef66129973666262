/**
 * The validated model of a bindings file: every reference resolved, every default applied, every
 * list in a deterministic order. Everything downstream (stacks, lint, explain) reads this, never
 * the YAML.
 */

import type { Conditions, Partition, ServiceAccountRef, Statement } from "../iam/types";
import { compare } from "../util/order";
import type { FilePath } from "./problems";

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
  /**
   * A role made elsewhere (`role.arn`): podiam makes nothing in IAM for it, its name and path are
   * read from its ARN, and the other settings are IAM's defaults, unused.
   */
  readonly external: boolean;
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

/** A ServiceAccount (or a pattern of them) as written: `index` is its place under serviceAccounts. */
export interface BoundServiceAccount extends ServiceAccountRef {
  readonly index: number;
}

/** A policy of the file a binding attaches (by name in policies.managed). */
export interface AttachedFilePolicy {
  readonly policy: FilePolicy;
  /** Its place in policies.managed. */
  readonly index: number;
  /** Its ARN in the binding's account (also in the binding's managedPolicies, at `index`). */
  readonly arn: string;
}

/** A role that may assume a binding's role (`trust.roles`). */
export interface TrustedRole {
  /** The role's exact ARN. */
  readonly arn: string;
  /** The binding it is the role of, when it was named by binding. */
  readonly binding?: string;
}

/** What `trust` adds to a role's trust: conditions on every statement, and other roles. */
export interface Trust {
  /** ANDed into every trust statement; undefined when none. */
  readonly conditions?: Conditions;
  /** In file order. */
  readonly roles: readonly TrustedRole[];
}

/**
 * A customer-managed policy defined once (`policies.<key>`): made in every account with a binding
 * that attaches it, and attached by its computed ARN.
 */
export interface FilePolicy {
  /** Its key under policies: its identity and Terraform address. */
  readonly key: string;
  /** IAM name: `name`, else its first key (previousNames[0]), else the key. */
  readonly name: string;
  readonly path: string;
  readonly description?: string;
  /** In file (or document) order. */
  readonly statements: readonly Statement[];
  /**
   * Where each statement is written, from the bindings file's root; under
   * `policies.<key>.document` for a document (the source reports those at the JSON file).
   */
  readonly statementPaths: readonly FilePath[];
  /** The JSON document's file, as messages name it; undefined for statements written in the file. */
  readonly document?: string;
  readonly waivers: readonly Waiver[];
  readonly previousNames: readonly string[];
}

export interface Binding {
  readonly name: string;
  /** Keys of the trusted clusters, sorted. */
  readonly clusters: readonly string[];
  /** The exact ServiceAccounts, in file order, as the reviewer wrote them. */
  readonly serviceAccounts: readonly BoundServiceAccount[];
  /** ServiceAccount patterns (IRSA only), names ending with `*`, in file order; podiam creates none. */
  readonly serviceAccountPatterns: readonly BoundServiceAccount[];
  /** Alias of the account the role lives in. */
  readonly account: string;
  /**
   * The team stack its IAM resources go to (`stack`, else `defaults.stack`): `iam-<account>-<stack>`;
   * undefined: the account's own stack, `iam-<account>`.
   */
  readonly stack?: string;
  /**
   * The stacks it was in before, oldest first (`previousStacks`): each forgets its resources, and
   * its stack imports them. `undefined` stands for the account's own stack (written `account`).
   */
  readonly previousStacks: readonly (string | undefined)[];
  readonly mode: Mode;
  readonly role: RoleSettings;
  /** `policies.managed` as ARNs, in file order: a policy of the file by its ARN in the role's account. */
  readonly managedPolicies: readonly string[];
  /** The policies of the file among them, in file order. */
  readonly filePolicies: readonly AttachedFilePolicy[];
  readonly trust: Trust;
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
  /** defaults.tags: also on what no binding owns alone (OIDC providers, the file's policies). */
  readonly tags: Readonly<Record<string, string>>;
  /** The file's policies (`policies`), by key, sorted. */
  readonly policies: ReadonlyMap<string, FilePolicy>;
}

export function usesIrsa(mode: Mode): boolean {
  return mode === "irsa" || mode === "both";
}

export function usesPodIdentity(mode: Mode): boolean {
  return mode === "pod-identity" || mode === "both";
}

/** The file's policies that bindings of an account attach, by key: what the account's IAM stack makes. */
export function filePoliciesInAccount(model: BindingsModel, alias: string): FilePolicy[] {
  const keys = new Set(
    bindingsInAccount(model, alias)
      .filter((binding) => !binding.role.external)
      .flatMap((binding) => binding.filePolicies.map((attached) => attached.policy.key)),
  );
  return [...model.policies.values()].filter((policy) => keys.has(policy.key));
}

/** The bindings whose role lives in an account: what the account's IAM stack holds. */
export function bindingsInAccount(model: BindingsModel, alias: string): Binding[] {
  return model.bindings.filter((binding) => binding.account === alias);
}

/** The team stacks of an account's bindings, where they are or were (previousStacks), sorted. */
export function teamStacksInAccount(model: BindingsModel, alias: string): string[] {
  const names = new Set<string>();
  for (const binding of bindingsInAccount(model, alias)) {
    if (binding.stack !== undefined) names.add(binding.stack);
    for (const previous of binding.previousStacks) if (previous !== undefined) names.add(previous);
  }
  return [...names].sort(compare);
}

/** The bindings podiam writes ServiceAccounts for on a cluster: what the cluster's k8s stack holds. */
export function serviceAccountBindings(model: BindingsModel, clusterKey: string): Binding[] {
  return model.bindings.filter(
    (binding) =>
      binding.serviceAccount.create && binding.serviceAccounts.length > 0 && binding.clusters.includes(clusterKey),
  );
}
