/**
 * Plain data (parsed YAML) -> model: each section and each entry is checked against the schema on
 * its own, so one broken binding does not hide the problems of the others; then references between
 * entries are resolved and defaults applied. This file checks references only (a binding's
 * clusters, its role's account); shapes are the schema's, rules across entities are checks/'.
 * Entries that fail their shape are left out of the model (their problems are reported), and
 * references to them are not reported again.
 */
import { z } from "zod";
import { roleArn } from "../iam/arns";
import type { Statement } from "../iam/types";
import { compare, ownRecord, sortedRecord } from "../util/order";
import { describeValue, suggest } from "../util/text";
import { presetContext, presetUses } from "./binding-presets";
import { DEFAULTS } from "./defaults";
import type {
  Account,
  Backend,
  Binding,
  BindingsModel,
  Cluster,
  Mode,
  Quotas,
  RoleSettings,
  ServiceAccountSettings,
} from "./model";
import { FilePath, Problem } from "./problems";
import {
  accountSchema,
  BindingInput,
  bindingSchema,
  bindingsFileSchema,
  clusterSchema,
  defaultsSchema,
  IDENTIFIER,
  quotasSchema,
  ServiceAccountSettingsInput,
} from "./schema";
import { isSoftIssue, schemaProblems } from "./schema-problems";
import { BindingsSource } from "./source";

type Defaults = z.infer<typeof defaultsSchema>;

export interface ModelDraft {
  readonly model: BindingsModel;
  readonly problems: Problem[];
}

export function buildModel(source: BindingsSource, data: unknown): ModelDraft {
  const problems: Problem[] = [];
  const parse = <S extends z.ZodType>(schema: S, value: unknown, path: FilePath): z.infer<S> | undefined => {
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    const prefixed = result.error.issues.map((issue) => ({ ...issue, path: [...path, ...issue.path] }));
    problems.push(...schemaProblems(source, bindingsFileSchema, data, prefixed));
    // Only format problems: the value has the schema's shape (the schemas transform nothing, so it is
    // its own parse), and the entry takes part in every other check.
    return result.error.issues.every(isSoftIssue) ? (value as z.infer<S>) : undefined;
  };

  const top = topLevel(source, data, problems);
  const declaredAccounts = new Set(Object.keys(asRecord(top.accounts)));
  const declaredClusters = new Set(Object.keys(asRecord(top.clusters)));

  const accounts = new Map<string, Account>();
  for (const alias of sortedKeys(top.accounts)) {
    const path = ["accounts", alias];
    if (!checkKey(source, alias, path, "an account alias", problems)) continue;
    const input = parse(accountSchema, asRecord(top.accounts)[alias], path);
    if (!input) continue;
    accounts.set(alias, {
      alias,
      id: input.id,
      partition: input.partition ?? DEFAULTS.partition,
      region: input.region,
      ...(input.providerRoleArn !== undefined ? { providerRoleArn: input.providerRoleArn } : {}),
      previousNames: input.previousNames ?? [],
    });
  }

  const clusters = new Map<string, Cluster>();
  for (const key of sortedKeys(top.clusters)) {
    const path = ["clusters", key];
    if (!checkKey(source, key, path, "a cluster key", problems)) continue;
    const input = parse(clusterSchema, asRecord(top.clusters)[key], path);
    if (!input) continue;
    if (!declaredAccounts.has(input.account)) {
      problems.push(source.problem([...path, "account"], unknownReference("account", input.account, declaredAccounts)));
      continue;
    }
    if (!accounts.has(input.account)) continue;
    clusters.set(key, {
      key,
      account: input.account,
      region: input.region,
      // A renamed key keeps naming the same EKS cluster.
      name: input.name ?? input.previousNames?.[0] ?? key,
      ...(input.oidcIssuer !== undefined ? { oidcIssuer: input.oidcIssuer } : {}),
      oidcProvider: input.oidcProvider ?? DEFAULTS.oidcProvider,
      kubernetesAuth: input.kubernetes?.auth ?? DEFAULTS.kubernetesAuth,
      previousNames: input.previousNames ?? [],
    });
  }

  const defaults: Defaults =
    (top.defaults !== undefined ? parse(defaultsSchema, top.defaults, ["defaults"]) : undefined) ?? {};
  const quotasInput = top.quotas !== undefined ? parse(quotasSchema, top.quotas, ["quotas"]) : undefined;
  const quotas: Quotas = {
    managedPoliciesPerRole: quotasInput?.managedPoliciesPerRole ?? DEFAULTS.managedPoliciesPerRole,
    roleTrustPolicyLength: quotasInput?.roleTrustPolicyLength ?? DEFAULTS.roleTrustPolicyLength,
  };
  const terraform =
    top.terraform !== undefined ? parse(bindingsFileSchema.shape.terraform, top.terraform, ["terraform"]) : undefined;
  const s3 = terraform?.backend?.s3;
  const backend: Backend = s3
    ? {
        kind: "s3",
        bucket: s3.bucket,
        region: s3.region,
        ...(s3.keyPrefix ? { keyPrefix: s3.keyPrefix } : {}),
        useLockfile: s3.useLockfile ?? DEFAULTS.useLockfile,
      }
    : { kind: "local" };

  const context: Context = { source, accounts, clusters, declaredAccounts, declaredClusters, defaults };
  const bindings: Binding[] = [];
  const rawBindings = top.bindings;
  if (Array.isArray(rawBindings)) {
    rawBindings.forEach((raw, index) => {
      const input = parse(bindingSchema, raw, ["bindings", index]);
      if (!input) return;
      const resolved = resolveBinding(input, index, context);
      problems.push(...resolved.problems);
      if (resolved.value) bindings.push(resolved.value);
    });
  }
  bindings.sort((a, b) => compare(a.name, b.name) || a.index - b.index);

  return {
    model: { accounts, clusters, bindings, backend, quotas, tags: sortedRecord({ ...defaults.tags }) },
    problems,
  };
}

interface Context {
  readonly source: BindingsSource;
  readonly accounts: ReadonlyMap<string, Account>;
  readonly clusters: ReadonlyMap<string, Cluster>;
  readonly declaredAccounts: ReadonlySet<string>;
  readonly declaredClusters: ReadonlySet<string>;
  readonly defaults: Defaults;
}

/** What one step of resolving a binding found: its value (none when it cannot go on) and its problems. */
interface Step<T> {
  readonly value?: T;
  readonly problems: readonly Problem[];
}

/** A binding whose shape the schema accepted: its references resolved, the defaults applied. */
function resolveBinding(input: BindingInput, index: number, context: Context): Step<Binding> {
  const at = (...sub: FilePath): FilePath => ["bindings", index, ...sub];
  const clusters = resolveClusters(input, at, context);
  const account = resolveRoleAccount(input, clusters.value ?? [], at, context);
  const problems = [...clusters.problems, ...account.problems];
  if (problems.length > 0 || !clusters.value || !account.value) return { problems };

  const defaults = context.defaults;
  const binding: Binding = {
    name: input.name,
    clusters: clusters.value,
    // In file order, as written (a value listed twice is the schema's problem): positions are indexes.
    serviceAccounts: input.serviceAccounts.map((ref) => {
      const [namespace, name] = ref.split("/");
      return { namespace, name };
    }),
    account: account.value.alias,
    mode: input.mode ?? defaults.mode ?? (DEFAULTS.mode as Mode),
    role: roleSettings(input, account.value, defaults),
    managedPolicies: input.policies?.managed ?? [],
    statements: (input.policies?.statements ?? []).map(statementWithDefaults),
    presets: presetUses(
      input.policies?.presets,
      presetContext(
        account.value,
        clusters.value.map((key) => context.clusters.get(key)!),
        context.accounts,
      ),
    ),
    serviceAccount: serviceAccountSettings(defaults.serviceAccount, input.serviceAccount),
    previousNames: input.previousNames ?? [],
    adopt: {
      role: input.adopt?.role ?? DEFAULTS.adopt,
      policy: input.adopt?.policy ?? DEFAULTS.adopt,
      serviceAccounts: input.adopt?.serviceAccounts ?? DEFAULTS.adopt,
    },
    waivers: input.waivers ?? [],
    index,
  };
  return { value: binding, problems: [] };
}

/**
 * The keys of the binding's clusters, sorted: `cluster` or `clusters`, each one declared. No value
 * when one is unknown, or declared but left out of the model for its own problems.
 */
function resolveClusters(input: BindingInput, at: (...sub: FilePath) => FilePath, context: Context): Step<string[]> {
  const keys = input.cluster !== undefined ? [input.cluster] : [...new Set(input.clusters ?? [])];
  const pathOf = (i: number): FilePath => (input.cluster !== undefined ? at("cluster") : at("clusters", i));
  const problems: Problem[] = [];
  keys.forEach((key, i) => {
    if (!context.declaredClusters.has(key)) {
      problems.push(context.source.problem(pathOf(i), unknownReference("cluster", key, context.declaredClusters)));
    }
  });
  if (problems.length > 0 || !keys.every((key) => context.clusters.has(key))) return { problems };
  return { value: [...keys].sort(compare), problems };
}

/** The account the role lives in: `account`, or the one account of the binding's clusters. */
function resolveRoleAccount(
  input: BindingInput,
  clusterKeys: readonly string[],
  at: (...sub: FilePath) => FilePath,
  context: Context,
): Step<Account> {
  if (input.account !== undefined) {
    if (!context.declaredAccounts.has(input.account)) {
      return {
        problems: [
          context.source.problem(at("account"), unknownReference("account", input.account, context.declaredAccounts)),
        ],
      };
    }
    const account = context.accounts.get(input.account);
    return { ...(account ? { value: account } : {}), problems: [] };
  }
  if (clusterKeys.length === 0) return { problems: [] };
  const clusterAccounts = [...new Set(clusterKeys.map((key) => context.clusters.get(key)!.account))].sort(compare);
  if (clusterAccounts.length > 1) {
    const message = `the clusters are in different accounts (${clusterAccounts.join(", ")}); set account: to say which one holds the role`;
    return { problems: [context.source.problem(at("clusters"), message, { at: "key" })] };
  }
  const account = context.accounts.get(clusterAccounts[0]);
  return { ...(account ? { value: account } : {}), problems: [] };
}

type StatementInput = NonNullable<NonNullable<BindingInput["policies"]>["statements"]>[number];

function statementWithDefaults(statement: StatementInput): Statement {
  return {
    ...(statement.sid !== undefined ? { sid: statement.sid } : {}),
    effect: statement.effect ?? DEFAULTS.effect,
    ...(statement.actions ? { actions: statement.actions } : {}),
    ...(statement.notActions ? { notActions: statement.notActions } : {}),
    ...(statement.resources ? { resources: statement.resources } : {}),
    ...(statement.notResources ? { notResources: statement.notResources } : {}),
    ...(statement.conditions
      ? {
          conditions: ownRecord(
            Object.entries(statement.conditions).map(([operator, block]) => [
              operator,
              ownRecord(Object.entries(block)),
            ]),
          ),
        }
      : {}),
  };
}

function roleSettings(input: BindingInput, account: Account, defaults: Defaults): RoleSettings {
  // A renamed binding keeps its role: a new role name would replace the role (and its ARN, which
  // running pods carry), so the default name stays derived from the binding's first name.
  const name =
    input.role?.name ??
    `${defaults.roleNamePrefix ?? DEFAULTS.roleNamePrefix}${input.previousNames?.[0] ?? input.name}`;
  const path = input.role?.path ?? defaults.rolePath ?? DEFAULTS.rolePath;
  const permissionsBoundary = input.role?.permissionsBoundary ?? defaults.permissionsBoundary;
  return {
    name,
    path,
    arn: roleArn(account.partition, account.id, path, name),
    ...(input.role?.description !== undefined ? { description: input.role.description } : {}),
    maxSessionDuration: input.role?.maxSessionDuration ?? defaults.maxSessionDuration ?? DEFAULTS.maxSessionDuration,
    ...(permissionsBoundary !== undefined ? { permissionsBoundary } : {}),
    tags: sortedRecord({ ...defaults.tags, ...input.role?.tags }),
    exclusivePolicyAttachments: input.role?.exclusivePolicyAttachments ?? DEFAULTS.exclusivePolicyAttachments,
  };
}

function serviceAccountSettings(
  defaults: ServiceAccountSettingsInput | undefined,
  own: ServiceAccountSettingsInput | undefined,
): ServiceAccountSettings {
  return {
    create: own?.create ?? defaults?.create ?? DEFAULTS.serviceAccountCreate,
    annotations: sortedRecord({ ...defaults?.annotations, ...own?.annotations }),
    labels: sortedRecord({ ...defaults?.labels, ...own?.labels }),
    automountToken: own?.automountToken ?? defaults?.automountToken ?? DEFAULTS.automountToken,
  };
}

/** The top-level mapping: known keys, version 1, the required sections. */
function topLevel(source: BindingsSource, data: unknown, problems: Problem[]): Record<string, unknown> {
  if (data === null || data === undefined) {
    problems.push(source.problem([], "the file is empty; it needs version: 1, accounts, clusters and bindings"));
    return {};
  }
  if (typeof data !== "object" || Array.isArray(data)) {
    problems.push(
      source.problem(
        [],
        `expected a mapping with version: 1, accounts, clusters and bindings, got ${describeValue(data)}`,
      ),
    );
    return {};
  }
  const top = data as Record<string, unknown>;
  const known = Object.keys(bindingsFileSchema.shape);
  // A typo of a required section is reported once, at the typo, not again as a missing section.
  const meant = new Set<string>();
  for (const key of Object.keys(top)) {
    if (!known.includes(key)) {
      const hint = suggest(key, known);
      if (hint) meant.add(hint);
      problems.push(
        source.problem([key], `unknown key "${key}"${hint ? ` (did you mean "${hint}"?)` : ""}`, { at: "key" }),
      );
    }
  }
  const missing = (section: string) => top[section] === undefined && !meant.has(section);
  if (missing("version"))
    problems.push(source.problem(["version"], "is required: add version: 1 at the top of the file"));
  else if (top.version !== undefined && top.version !== 1)
    problems.push(
      source.problem(["version"], `must be 1 (got ${describeValue(top.version)}); this podiam reads version 1`),
    );
  for (const section of ["accounts", "clusters"] as const) {
    const value = top[section];
    if (missing(section)) problems.push(source.problem([section], "is required (a mapping)"));
    else if (value === undefined) continue;
    else if (value === null || typeof value !== "object" || Array.isArray(value)) {
      problems.push(
        source.problem(
          [section],
          `expected a mapping by ${section === "accounts" ? "alias" : "key"}, got ${describeValue(value)}`,
        ),
      );
    }
  }
  if (missing("bindings")) problems.push(source.problem(["bindings"], "is required (a list)"));
  else if (top.bindings !== undefined && !Array.isArray(top.bindings))
    problems.push(source.problem(["bindings"], `expected a list, got ${describeValue(top.bindings)}`));
  return top;
}

function checkKey(source: BindingsSource, key: string, path: FilePath, what: string, problems: Problem[]): boolean {
  if (key.length <= 64 && IDENTIFIER.test(key)) return true;
  problems.push(
    source.problem(
      path,
      `"${key}" is not a valid ${what.replace(/^an? /, "")}: lowercase letters, digits, '-' and single '_', starting with a letter, at most 64`,
      { at: "key" },
    ),
  );
  return false;
}

function unknownReference(kind: string, name: string, declared: ReadonlySet<string>): string {
  const hint = suggest(name, [...declared]);
  const known = [...declared].sort(compare).join(", ") || "none";
  return `unknown ${kind} "${name}"${hint ? ` (did you mean "${hint}"?)` : ""}; declared: ${known}`;
}

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function sortedKeys(value: unknown): string[] {
  return Object.keys(asRecord(value)).sort(compare);
}
