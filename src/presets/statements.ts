/**
 * Helpers the presets share: building statements, ARNs in the binding's partition, the clusters a
 * preset scopes to, and the normal form every preset's output is put in (sorted, deduplicated,
 * checked), so that its policy is byte-identical whatever order the inputs were written in.
 */
import type { ConditionValue, Conditions, PresetContext, PresetStatement } from "./preset";

export function allow(
  sid: string,
  actions: readonly string[],
  resources: readonly string[],
  conditions?: Conditions,
): PresetStatement {
  return { sid, effect: "Allow", actions, resources, ...(conditions ? { conditions } : {}) };
}

/** `arn:<partition>:<service>:<region>:<account>:<resource>` in the binding's partition. */
export function arn(
  context: PresetContext,
  service: string,
  region: string,
  account: string,
  resource: string,
): string {
  return `arn:${context.partition}:${service}:${region}:${account}:${resource}`;
}

/** Sorted, without duplicates. */
export function sortedUnique<T extends string>(values: readonly T[]): T[] {
  return [...new Set(values)].sort(compare);
}

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `prod-eu-1` -> `ProdEu1`: the part of a Sid that names a cluster. */
export function sidPart(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part.length > 0)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join("");
}

/** One cluster a preset scopes to: its EKS name, where it lives, and a Sid suffix unique among the targets. */
export interface ClusterTarget {
  readonly name: string;
  readonly region: string;
  readonly accountId: string;
  readonly sidSuffix: string;
}

/**
 * The EKS names a preset scopes to: `clusterNames` when given, else the binding's clusters' EKS
 * names; sorted, without duplicates, never empty.
 */
export function clusterNamesOf(
  clusterNames: readonly string[] | undefined,
  context: PresetContext,
  preset: string,
): string[] {
  const names = sortedUnique(clusterNames ?? context.clusters.map((c) => c.name));
  if (names.length === 0)
    throw new Error(`preset ${preset} scopes to clusters, but the binding has none and clusterNames is not set`);
  return names;
}

/**
 * The clusters behind the names, for statements that need a cluster's region and account (ARNs,
 * condition keys named after a cluster). A name that is none of the binding's clusters is taken
 * to be in the role's account and region.
 */
export function clusterTargets(
  clusterNames: readonly string[] | undefined,
  context: PresetContext,
  preset: string,
): ClusterTarget[] {
  const names = clusterNamesOf(clusterNames, context, preset);
  const parts = names.map(sidPart);
  return names.map((name, i) => {
    const cluster = context.clusters.find((c) => c.name === name);
    // Two names can give one Sid part (prod-eu, prod_eu): then both get their position too.
    const clash = parts.filter((p) => p === parts[i]).length > 1 || parts[i] === "";
    return {
      name,
      region: cluster?.region ?? context.region,
      accountId: cluster?.accountId ?? context.accountId,
      sidSuffix: clash ? `${parts[i]}${i + 1}` : parts[i],
    };
  });
}

/** A single value stays a scalar, several become a sorted list. */
export function oneOrMany(values: readonly string[]): string | string[] {
  const unique = sortedUnique(values);
  return unique.length === 1 ? unique[0] : unique;
}

function normalValue(value: ConditionValue | readonly ConditionValue[]): ConditionValue | readonly ConditionValue[] {
  if (!Array.isArray(value)) return value as ConditionValue;
  const list = value as readonly ConditionValue[];
  const unique = [...new Map(list.map((v) => [`${typeof v}:${String(v)}`, v])).values()].sort((a, b) =>
    compare(String(a), String(b)),
  );
  return unique.length === 1 ? unique[0] : unique;
}

function normalConditions(conditions: Conditions): Conditions {
  const out: Record<string, Record<string, ConditionValue | readonly ConditionValue[]>> = {};
  for (const operator of Object.keys(conditions).sort(compare)) {
    const block: Record<string, ConditionValue | readonly ConditionValue[]> = {};
    for (const key of Object.keys(conditions[operator]).sort(compare))
      block[key] = normalValue(conditions[operator][key]);
    out[operator] = block;
  }
  return out;
}

const SID = /^[A-Za-z0-9]+$/;

/**
 * The normal form of a preset's output: actions, resources and condition values sorted and
 * deduplicated, condition operators and keys in order; statements in the preset's order. Throws
 * when a preset breaks its contract (an empty list, a bad or repeated Sid): that is a bug in the
 * preset, never in the user's file.
 */
export function normalize(preset: string, statements: readonly PresetStatement[]): PresetStatement[] {
  const seen = new Set<string>();
  return statements.map((statement) => {
    if (!SID.test(statement.sid)) throw new Error(`preset ${preset}: Sid "${statement.sid}" is not letters and digits`);
    if (seen.has(statement.sid)) throw new Error(`preset ${preset}: Sid "${statement.sid}" is used twice`);
    seen.add(statement.sid);
    if (statement.actions.length === 0) throw new Error(`preset ${preset}: statement ${statement.sid} has no action`);
    if (statement.resources.length === 0)
      throw new Error(`preset ${preset}: statement ${statement.sid} has no resource`);
    return {
      sid: statement.sid,
      effect: statement.effect,
      actions: sortedUnique(statement.actions),
      resources: sortedUnique(statement.resources),
      ...(statement.conditions && Object.keys(statement.conditions).length > 0
        ? { conditions: normalConditions(statement.conditions) }
        : {}),
    };
  });
}
