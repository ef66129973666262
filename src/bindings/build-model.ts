/**
 * Plain data (parsed YAML) -> model: each section and each entry is checked against the schema on
 * its own, so one broken binding does not hide the problems of the others; then references between
 * entries are resolved and defaults applied. This file checks references only (a binding's
 * clusters, its role's account); shapes are the schema's, rules across entities are checks/'.
 * Entries that fail their shape are left out of the model (their problems are reported), and
 * references to them are not reported again.
 */
import { z } from "zod";
import { customerPolicyArn, parseArn, roleArn, roleArnProblem } from "../iam/arns";
import type { Conditions, Statement } from "../iam/types";
import { isServiceAccountPattern } from "../kubernetes/names";
import { compare, ownRecord, sortedRecord } from "../util/order";
import { describeValue, suggest } from "../util/text";
import { presetContext, presetUses } from "./binding-presets";
import { DEFAULTS } from "./defaults";
import { DocumentReader, loadPolicyDocument, noDocuments } from "./documents";
import type {
  Account,
  AttachedFilePolicy,
  Backend,
  Binding,
  BindingsModel,
  BoundServiceAccount,
  Cluster,
  FilePolicy,
  Mode,
  Quotas,
  RoleSettings,
  ServiceAccountSettings,
  TrustedRole,
} from "./model";
import { FilePath, Problem } from "./problems";
import {
  ACCOUNT_STACK,
  accountSchema,
  BindingInput,
  bindingSchema,
  bindingsFileSchema,
  clusterSchema,
  defaultsSchema,
  documentPathProblem,
  FilePolicyInput,
  filePolicySchema,
  IDENTIFIER,
  listOf,
  quotasSchema,
  ServiceAccountSettingsInput,
  trustedRoleProblem,
} from "./schema";
import { isSoftIssue, schemaProblems } from "./schema-problems";
import { BindingsSource } from "./source";

type Defaults = z.infer<typeof defaultsSchema>;

export interface ModelDraft {
  readonly model: BindingsModel;
  readonly problems: Problem[];
}

export function buildModel(
  source: BindingsSource,
  data: unknown,
  readDocument: DocumentReader = noDocuments,
): ModelDraft {
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

  const declaredPolicies = new Set(Object.keys(asRecord(top.policies)));
  const policies = new Map<string, FilePolicy>();
  for (const key of sortedKeys(top.policies)) {
    const path = ["policies", key];
    if (!checkKey(source, key, path, "a policy name", problems)) continue;
    const input = parse(filePolicySchema, asRecord(top.policies)[key], path);
    if (!input) continue;
    const policy = filePolicy(key, input, defaults, source, readDocument, problems);
    if (policy) policies.set(key, policy);
  }

  const context: Context = {
    source,
    accounts,
    clusters,
    declaredAccounts,
    declaredClusters,
    defaults,
    policies,
    declaredPolicies,
  };
  const drafts: { binding: Binding; roles: readonly string[] }[] = [];
  const rawBindings = top.bindings;
  if (Array.isArray(rawBindings)) {
    rawBindings.forEach((raw, index) => {
      const input = parse(bindingSchema, raw, ["bindings", index]);
      if (!input) return;
      const resolved = resolveBinding(input, index, context);
      problems.push(...resolved.problems);
      if (resolved.value) drafts.push({ binding: resolved.value, roles: input.trust?.roles ?? [] });
    });
  }
  // trust.roles names bindings: resolved once every binding is, so that any binding may be named.
  const declaredBindings = new Set(
    (Array.isArray(rawBindings) ? rawBindings : []).flatMap((raw) =>
      typeof asRecord(raw).name === "string" ? [asRecord(raw).name as string] : [],
    ),
  );
  const byName = new Map<string, Binding>();
  for (const { binding } of drafts) if (!byName.has(binding.name)) byName.set(binding.name, binding);
  const bindings: Binding[] = [];
  for (const { binding, roles } of drafts) {
    const trusted: TrustedRole[] = [];
    roles.forEach((entry, i) => {
      // A malformed entry is the schema's problem (a soft one): it names no role.
      if (trustedRoleProblem(entry)) return;
      if (entry.startsWith("arn:")) {
        trusted.push({ arn: entry });
      } else if (byName.has(entry)) {
        trusted.push({ arn: byName.get(entry)!.role.arn, binding: entry });
      } else if (!declaredBindings.has(entry)) {
        problems.push(
          source.problem(
            ["bindings", binding.index, "trust", "roles", i],
            `${unknownReference("binding", entry, declaredBindings)}; or write the role's exact ARN`,
          ),
        );
      }
    });
    bindings.push({ ...binding, trust: { ...binding.trust, roles: trusted } });
  }
  bindings.sort((a, b) => compare(a.name, b.name) || a.index - b.index);

  return {
    model: { accounts, clusters, bindings, backend, quotas, tags: sortedRecord({ ...defaults.tags }), policies },
    problems,
  };
}

/**
 * A policy of the file: its statements (written in the file, or read from its JSON document, whose
 * source is attached to the file's so that problems in it are reported where they are), its IAM
 * name and path.
 */
function filePolicy(
  key: string,
  input: FilePolicyInput,
  defaults: Defaults,
  source: BindingsSource,
  readDocument: DocumentReader,
  problems: Problem[],
): FilePolicy | undefined {
  const at: FilePath = ["policies", key];
  let statements: readonly Statement[];
  let statementPaths: readonly FilePath[];
  let documentFile: string | undefined;
  if (input.document !== undefined) {
    // A path the schema refused (absolute, ..) is not even looked at.
    if (documentPathProblem(input.document)) return undefined;
    const document = loadPolicyDocument(source, readDocument, input.document, [...at, "document"]);
    problems.push(...document.problems);
    if (document.source) source.attachDocument([...at, "document"], document.source);
    if (!document.source || !document.statements || !document.statementPaths) return undefined;
    documentFile = document.source.file;
    statements = document.statements;
    statementPaths = document.statementPaths.map((path) => [...at, "document", ...path]);
  } else {
    statements = (input.statements ?? []).map(statementWithDefaults);
    statementPaths = statements.map((_, i) => [...at, "statements", i]);
  }
  return {
    key,
    // A renamed policy keeps its IAM name, as a renamed binding keeps its role's.
    name: input.name ?? input.previousNames?.[0] ?? key,
    path: input.path ?? defaults.rolePath ?? DEFAULTS.rolePath,
    ...(input.description !== undefined ? { description: input.description } : {}),
    statements,
    statementPaths,
    ...(documentFile !== undefined ? { document: documentFile } : {}),
    waivers: input.waivers ?? [],
    previousNames: input.previousNames ?? [],
  };
}

interface Context {
  readonly source: BindingsSource;
  readonly accounts: ReadonlyMap<string, Account>;
  readonly clusters: ReadonlyMap<string, Cluster>;
  readonly declaredAccounts: ReadonlySet<string>;
  readonly declaredClusters: ReadonlySet<string>;
  readonly defaults: Defaults;
  readonly policies: ReadonlyMap<string, FilePolicy>;
  readonly declaredPolicies: ReadonlySet<string>;
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
  const account =
    input.role?.arn !== undefined
      ? externalRoleAccount(input.role.arn, clusters.value ?? [], context)
      : resolveRoleAccount(input, clusters.value ?? [], at, context);
  const problems = [...clusters.problems, ...account.problems];
  if (problems.length > 0 || !clusters.value || !account.value) return { problems };
  const attached = attachedFilePolicies(input, account.value, at, context);
  if (attached.problems.length > 0 || !attached.value) return { problems: attached.problems };

  const defaults = context.defaults;
  // In file order, as written (a value listed twice is the schema's problem): positions are indexes.
  const serviceAccounts: BoundServiceAccount[] = listOf(input.serviceAccounts).map((ref, index) => {
    const [namespace, name] = ref.split("/");
    return { namespace, name, index };
  });
  const role =
    input.role?.arn !== undefined
      ? externalRole(input.role.arn, defaults)
      : roleSettings(input, account.value, defaults);
  const byArn = new Map(attached.value.map((policy) => [policy.index, policy.arn]));
  // A role made elsewhere has no IAM resources to put in a stack (its associations stay with the account's).
  const stack = input.role?.arn !== undefined ? undefined : (input.stack ?? defaults.stack);
  const binding: Binding = {
    name: input.name,
    clusters: clusters.value,
    serviceAccounts: serviceAccounts.filter((sa) => !isServiceAccountPattern(sa.name)),
    serviceAccountPatterns: serviceAccounts.filter((sa) => isServiceAccountPattern(sa.name)),
    account: account.value.alias,
    ...(stack !== undefined ? { stack } : {}),
    previousStacks: (input.previousStacks ?? []).map((name) => (name === ACCOUNT_STACK ? undefined : name)),
    mode: input.mode ?? defaults.mode ?? (DEFAULTS.mode as Mode),
    role,
    managedPolicies: (input.policies?.managed ?? []).map((entry, i) => byArn.get(i) ?? entry),
    filePolicies: attached.value,
    trust: {
      ...(input.trust?.conditions ? { conditions: normalConditions(input.trust.conditions) } : {}),
      roles: [],
    },
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

/**
 * The file's policies a binding attaches by name in policies.managed, each with its ARN in the
 * role's account. No value when one is unknown, or declared but left out for its own problems.
 */
function attachedFilePolicies(
  input: BindingInput,
  account: Account,
  at: (...sub: FilePath) => FilePath,
  context: Context,
): Step<AttachedFilePolicy[]> {
  const problems: Problem[] = [];
  const attached: AttachedFilePolicy[] = [];
  let complete = true;
  (input.policies?.managed ?? []).forEach((entry, index) => {
    if (entry.startsWith("arn:") || !IDENTIFIER.test(entry)) return;
    const policy = context.policies.get(entry);
    if (policy) {
      attached.push({
        policy,
        index,
        arn: customerPolicyArn(account.partition, account.id, policy.path, policy.name),
      });
    } else if (context.declaredPolicies.has(entry)) {
      complete = false;
    } else {
      const hint = suggest(entry, [...context.declaredPolicies]);
      const declared = [...context.declaredPolicies].sort(compare).join(", ") || "none";
      problems.push(
        context.source.problem(
          at("policies", "managed", index),
          `unknown policy "${entry}"${hint ? ` (did you mean "${hint}"?)` : ""}: a name in policies.managed is a policy of this file's top-level policies (declared: ${declared}); for a managed policy, write its ARN (arn:aws:iam::aws:policy/NAME)`,
        ),
      );
    }
  });
  return problems.length > 0 || !complete ? { problems } : { value: attached, problems: [] };
}

/**
 * The account of a role made elsewhere, for what podiam still makes for it (the Pod Identity
 * associations, in the cluster's account): the declared account of its ARN's id; else, for IRSA
 * where podiam makes nothing in IAM, the one account of the binding's clusters. The checks report
 * a Pod Identity role outside the cluster's account.
 */
function externalRoleAccount(arn: string, clusterKeys: readonly string[], context: Context): Step<Account> {
  // A malformed ARN is the schema's problem (a soft one: the binding's other checks still run).
  const id = roleArnProblem(arn) ? undefined : parseArn(arn)!.account;
  const declared = [...context.accounts.values()].find((account) => account.id === id);
  if (declared) return { value: declared, problems: [] };
  const clusterAccounts = [...new Set(clusterKeys.map((key) => context.clusters.get(key)!.account))].sort(compare);
  const account = context.accounts.get(clusterAccounts[0]);
  return { ...(account ? { value: account } : {}), problems: [] };
}

/**
 * A role made elsewhere: its name and path from its ARN; defaults.tags for what podiam still makes
 * for it (its Pod Identity associations); nothing else.
 */
function externalRole(arn: string, defaults: Defaults): RoleSettings {
  const resource = parseArn(arn)?.resource ?? "role/";
  const slash = resource.lastIndexOf("/");
  return {
    external: true,
    name: resource.slice(slash + 1),
    path: resource.slice("role".length, slash + 1) || "/",
    arn,
    maxSessionDuration: DEFAULTS.maxSessionDuration,
    tags: sortedRecord({ ...defaults.tags }),
    exclusivePolicyAttachments: false,
  };
}

function normalConditions(conditions: NonNullable<StatementInput["conditions"]>): Conditions {
  return ownRecord(Object.entries(conditions).map(([operator, block]) => [operator, ownRecord(Object.entries(block))]));
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
    ...(statement.actions ? { actions: listOf(statement.actions) } : {}),
    ...(statement.notActions ? { notActions: listOf(statement.notActions) } : {}),
    ...(statement.resources ? { resources: listOf(statement.resources) } : {}),
    ...(statement.notResources ? { notResources: listOf(statement.notResources) } : {}),
    ...(statement.conditions ? { conditions: normalConditions(statement.conditions) } : {}),
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
    external: false,
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
  if (
    top.policies !== undefined &&
    (top.policies === null || typeof top.policies !== "object" || Array.isArray(top.policies))
  )
    problems.push(
      source.problem(["policies"], `expected a mapping of policies by name, got ${describeValue(top.policies)}`),
    );
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
