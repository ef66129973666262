/**
 * Plain data (parsed YAML) -> model. Each section and each entry is validated on its own, so one
 * broken binding does not hide the problems of the others; references are resolved and defaults
 * applied. Entries that fail their shape are left out of the model (their problems are reported),
 * and references to them are not reported again.
 */
import { z } from "zod";
import {
  Account,
  Backend,
  Binding,
  BindingsModel,
  Cluster,
  Mode,
  Quotas,
  ROLE_ARN_ANNOTATION,
  ServiceAccountRef,
  ServiceAccountSettings,
  Statement,
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
import { describeValue, schemaProblems, suggest } from "./schema-problems";
import { BindingsSource } from "./source";
import { roleArn } from "../iam/arns";
import {
  K8S_LABEL,
  K8S_LABEL_MAX,
  K8S_SUBDOMAIN,
  K8S_SUBDOMAIN_MAX,
  MANAGED_POLICIES_PER_ROLE_DEFAULT,
  ROLE_TRUST_POLICY_LENGTH_DEFAULT,
} from "../iam/limits";

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
    return undefined;
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
      partition: input.partition ?? "aws",
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
      oidcProvider: input.oidcProvider ?? "create",
      kubernetesAuth: input.kubernetes?.auth ?? "token",
      previousNames: input.previousNames ?? [],
    });
  }

  const defaults: Defaults =
    (top.defaults !== undefined ? parse(defaultsSchema, top.defaults, ["defaults"]) : undefined) ?? {};
  if (defaults.serviceAccount?.annotations?.[ROLE_ARN_ANNOTATION] !== undefined) {
    problems.push(
      source.problem(["defaults", "serviceAccount", "annotations", ROLE_ARN_ANNOTATION], roleArnAnnotationMessage(), {
        at: "key",
      }),
    );
  }
  const quotasInput = top.quotas !== undefined ? parse(quotasSchema, top.quotas, ["quotas"]) : undefined;
  const quotas: Quotas = {
    managedPoliciesPerRole: quotasInput?.managedPoliciesPerRole ?? MANAGED_POLICIES_PER_ROLE_DEFAULT,
    roleTrustPolicyLength: quotasInput?.roleTrustPolicyLength ?? ROLE_TRUST_POLICY_LENGTH_DEFAULT,
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
        useLockfile: s3.useLockfile ?? true,
      }
    : { kind: "local" };

  const bindings: Binding[] = [];
  const rawBindings = top.bindings;
  if (Array.isArray(rawBindings)) {
    rawBindings.forEach((raw, index) => {
      const path = ["bindings", index];
      const input = parse(bindingSchema, raw, path);
      if (!input) return;
      const binding = resolveBinding(
        source,
        input,
        index,
        { accounts, clusters, declaredAccounts, declaredClusters, defaults },
        problems,
      );
      if (binding) bindings.push(binding);
    });
  }
  bindings.sort((a, b) => compare(a.name, b.name) || a.index - b.index);
  problems.push(...renameProblems(source, accounts, clusters, bindings));

  return {
    model: { accounts, clusters, bindings, backend, quotas, tags: sortedRecord({ ...defaults.tags }) },
    problems,
  };
}

interface Context {
  readonly accounts: ReadonlyMap<string, Account>;
  readonly clusters: ReadonlyMap<string, Cluster>;
  readonly declaredAccounts: ReadonlySet<string>;
  readonly declaredClusters: ReadonlySet<string>;
  readonly defaults: Defaults;
}

function resolveBinding(
  source: BindingsSource,
  input: BindingInput,
  index: number,
  context: Context,
  problems: Problem[],
): Binding | undefined {
  const path = ["bindings", index];
  const before = problems.length;
  const report = (sub: FilePath, message: string, at: "key" | "value" = "value") =>
    problems.push(source.problem([...path, ...sub], message, { at }));

  // Clusters: `cluster` or `clusters`, each one declared.
  let clusterKeys: string[] = [];
  let clusterPath: (i: number) => FilePath = () => ["cluster"];
  if (input.cluster !== undefined && input.clusters !== undefined) {
    report(["clusters"], "set either cluster or clusters, not both", "key");
  } else if (input.cluster !== undefined) {
    clusterKeys = [input.cluster];
  } else if (input.clusters !== undefined) {
    clusterKeys = input.clusters;
    clusterPath = (i) => ["clusters", i];
  } else {
    report([], "needs cluster (one key) or clusters (a list of keys)");
  }
  const seenClusters = new Set<string>();
  clusterKeys.forEach((key, i) => {
    if (!context.declaredClusters.has(key))
      report(clusterPath(i), unknownReference("cluster", key, context.declaredClusters));
    else if (seenClusters.has(key)) report(clusterPath(i), `cluster "${key}" is listed twice`);
    seenClusters.add(key);
  });
  const clusters = [...seenClusters].filter((key) => context.clusters.has(key)).sort(compare);

  // The role's account: explicit, or the clusters' one account.
  let accountAlias: string | undefined = input.account;
  if (accountAlias !== undefined) {
    if (!context.declaredAccounts.has(accountAlias))
      report(["account"], unknownReference("account", accountAlias, context.declaredAccounts));
  } else if (clusters.length > 0) {
    const clusterAccounts = [...new Set(clusters.map((key) => context.clusters.get(key)!.account))].sort(compare);
    if (clusterAccounts.length > 1) {
      report(
        ["clusters"],
        `the clusters are in different accounts (${clusterAccounts.join(", ")}); set account: to say which one holds the role`,
        "key",
      );
    } else {
      accountAlias = clusterAccounts[0];
    }
  }

  const mode: Mode = input.mode ?? context.defaults.mode ?? "irsa";

  const serviceAccounts: ServiceAccountRef[] = [];
  const seenServiceAccounts = new Set<string>();
  input.serviceAccounts.forEach((ref, i) => {
    const [namespace, name] = ref.split("/");
    const problem = serviceAccountProblem(namespace, name);
    if (problem) report(["serviceAccounts", i], `${JSON.stringify(ref)} is not namespace/name: ${problem}`);
    else if (seenServiceAccounts.has(ref)) report(["serviceAccounts", i], `${JSON.stringify(ref)} is listed twice`);
    seenServiceAccounts.add(ref);
    serviceAccounts.push({ namespace, name });
  });

  if (input.policies?.presets !== undefined) {
    report(
      ["policies", "presets"],
      "presets are not supported yet; write the add-on's permissions under policies.statements",
      "key",
    );
  }
  const managedPolicies = input.policies?.managed ?? [];
  managedPolicies.forEach((arn, i) => {
    if (managedPolicies.indexOf(arn) !== i)
      report(["policies", "managed", i], `${JSON.stringify(arn)} is listed twice`);
  });

  const statements: Statement[] = (input.policies?.statements ?? []).map((statement, i) => {
    if ((statement.actions === undefined) === (statement.notActions === undefined)) {
      report(["policies", "statements", i], "needs exactly one of actions and notActions");
    }
    if ((statement.resources === undefined) === (statement.notResources === undefined)) {
      report(["policies", "statements", i], "needs exactly one of resources and notResources");
    }
    if (statement.conditions && "" in statement.conditions) {
      // YAML reads an unquoted Null (IAM's operator) as a null key.
      report(
        ["policies", "statements", i, "conditions"],
        'a condition operator is empty: YAML reads an unquoted Null as null; write IAM\'s operator quoted, "Null":',
      );
    }
    return {
      ...(statement.sid !== undefined ? { sid: statement.sid } : {}),
      effect: statement.effect ?? "Allow",
      ...(statement.actions ? { actions: statement.actions } : {}),
      ...(statement.notActions ? { notActions: statement.notActions } : {}),
      ...(statement.resources ? { resources: statement.resources } : {}),
      ...(statement.notResources ? { notResources: statement.notResources } : {}),
      ...(statement.conditions ? { conditions: statement.conditions } : {}),
    };
  });

  if (input.serviceAccount?.annotations?.[ROLE_ARN_ANNOTATION] !== undefined) {
    report(["serviceAccount", "annotations", ROLE_ARN_ANNOTATION], roleArnAnnotationMessage(), "key");
  }

  if (
    problems.length > before ||
    accountAlias === undefined ||
    !context.accounts.has(accountAlias) ||
    clusters.length !== seenClusters.size
  ) {
    return undefined;
  }
  const account = context.accounts.get(accountAlias)!;
  const defaults = context.defaults;
  // A renamed binding keeps its role: a new role name would replace the role (and its ARN, which
  // running pods carry), so the default name stays derived from the binding's first name.
  const roleName = input.role?.name ?? `${defaults.roleNamePrefix ?? ""}${input.previousNames?.[0] ?? input.name}`;
  const rolePath = input.role?.path ?? defaults.rolePath ?? "/";
  const permissionsBoundary = input.role?.permissionsBoundary ?? defaults.permissionsBoundary;
  return {
    name: input.name,
    clusters,
    serviceAccounts,
    account: accountAlias,
    mode,
    role: {
      name: roleName,
      path: rolePath,
      arn: roleArn(account.partition, account.id, rolePath, roleName),
      ...(input.role?.description !== undefined ? { description: input.role.description } : {}),
      maxSessionDuration: input.role?.maxSessionDuration ?? defaults.maxSessionDuration ?? 3600,
      ...(permissionsBoundary !== undefined ? { permissionsBoundary } : {}),
      tags: sortedRecord({ ...defaults.tags, ...input.role?.tags }),
      exclusivePolicyAttachments: input.role?.exclusivePolicyAttachments ?? true,
    },
    managedPolicies,
    statements,
    serviceAccount: serviceAccountSettings(defaults.serviceAccount, input.serviceAccount),
    previousNames: input.previousNames ?? [],
    adopt: {
      role: input.adopt?.role ?? false,
      policy: input.adopt?.policy ?? false,
      serviceAccounts: input.adopt?.serviceAccounts ?? false,
    },
    waivers: input.waivers ?? [],
    index,
  };
}

function serviceAccountProblem(namespace: string, name: string): string | undefined {
  if (namespace.length > K8S_LABEL_MAX || !K8S_LABEL.test(namespace))
    return "the namespace must be lowercase RFC 1123 (a-z, 0-9, '-', at most 63)";
  if (name.length > K8S_SUBDOMAIN_MAX || !K8S_SUBDOMAIN.test(name))
    return "the name must be lowercase RFC 1123 (a-z, 0-9, '-', '.', at most 253)";
  return undefined;
}

function serviceAccountSettings(
  defaults: ServiceAccountSettingsInput | undefined,
  own: ServiceAccountSettingsInput | undefined,
): ServiceAccountSettings {
  return {
    create: own?.create ?? defaults?.create ?? true,
    annotations: sortedRecord({ ...defaults?.annotations, ...own?.annotations }),
    labels: sortedRecord({ ...defaults?.labels, ...own?.labels }),
    automountToken: own?.automountToken ?? defaults?.automountToken ?? true,
  };
}

/**
 * previousNames become the `from` of Terraform moved blocks (and the state of renamed stacks):
 * one may not be a current name, nor the previous name of two entries.
 */
function renameProblems(
  source: BindingsSource,
  accounts: ReadonlyMap<string, Account>,
  clusters: ReadonlyMap<string, Cluster>,
  bindings: readonly Binding[],
): Problem[] {
  const problems: Problem[] = [];
  const check = (kind: string, entries: { name: string; previousNames: readonly string[]; path: FilePath }[]) => {
    const current = new Set(entries.map((e) => e.name));
    const claimed = new Map<string, string>();
    for (const entry of entries) {
      entry.previousNames.forEach((previous, i) => {
        const path = [...entry.path, "previousNames", i];
        if (previous === entry.name || current.has(previous)) {
          problems.push(
            source.problem(
              path,
              `"${previous}" is the current name of ${previous === entry.name ? "this" : "another"} ${kind}; previousNames lists names no longer in use`,
            ),
          );
        } else if (claimed.has(previous)) {
          problems.push(
            source.problem(
              path,
              `"${previous}" is already a previous name of ${kind} "${claimed.get(previous)}"; one old name can move to one place`,
            ),
          );
        } else {
          claimed.set(previous, entry.name);
        }
      });
    }
  };
  check(
    "account",
    [...accounts.values()].map((a) => ({ name: a.alias, previousNames: a.previousNames, path: ["accounts", a.alias] })),
  );
  check(
    "cluster",
    [...clusters.values()].map((c) => ({ name: c.key, previousNames: c.previousNames, path: ["clusters", c.key] })),
  );
  check(
    "binding",
    bindings.map((b) => ({ name: b.name, previousNames: b.previousNames, path: ["bindings", b.index] })),
  );
  return problems;
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

function roleArnAnnotationMessage(): string {
  return `${ROLE_ARN_ANNOTATION} is set by podiam from the binding's role; remove it here`;
}

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function sortedKeys(value: unknown): string[] {
  return Object.keys(asRecord(value)).sort(compare);
}

function sortedRecord<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => compare(a, b)));
}

/** Code-point order: the same on every machine and locale. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
