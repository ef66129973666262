/**
 * The kinds of change of a binding that stayed, for `explain --base`: one table, in the order a
 * reviewer reads them (most important first), that computes each change, says it line by line
 * and counts it for the summary row. A new kind of change is one more row (and its field).
 */
import type { Mode, Waiver } from "../bindings/model";
import { groupTuples, minus, PermissionGroup, PermissionTuple, permissionTuples } from "./permissions";
import type {
  BindingReview,
  ConditionReview,
  FindingReview,
  ManagedPolicyReview,
  PresetReview,
  TrustedServiceAccount,
} from "./review";
import {
  describeCondition,
  describeFinding,
  describeInput,
  describeManagedPolicy,
  describePermissionGroup,
  describePreset,
  describeTrust,
  plural,
} from "./wording";

/** How a ServiceAccount reaches the role. */
export type TrustMechanism = "irsa" | "pod-identity";

/** Who may assume the role: a ServiceAccount (or a pattern of them), or another role (trust.roles). */
export type TrustReview =
  | (TrustedServiceAccount & { readonly mechanism: TrustMechanism })
  | { readonly mechanism: "assume-role"; readonly role: string };

export interface Change<T> {
  readonly before: T;
  readonly after: T;
}

export interface BindingChange {
  readonly name: string;
  /** The base's name, when the binding was renamed (listed in previousNames). */
  readonly renamedFrom?: string;
  readonly mode?: Change<Mode>;
  readonly roleArn?: Change<string>;
  readonly permissionsBoundary?: Change<string | null>;
  readonly trustWidened: readonly TrustReview[];
  readonly trustNarrowed: readonly TrustReview[];
  /** Allow added. */
  readonly granted: readonly PermissionGroup[];
  /** Allow removed. */
  readonly revoked: readonly PermissionGroup[];
  readonly denyAdded: readonly PermissionGroup[];
  readonly denyRemoved: readonly PermissionGroup[];
  readonly managedPoliciesAttached: readonly ManagedPolicyReview[];
  readonly managedPoliciesDetached: readonly ManagedPolicyReview[];
  /*
   * The presets' kinds are set only when something changed, so that explain's JSON of files
   * without presets stays as it was; their permissions are in granted and revoked, named.
   */
  readonly presetsAdded?: readonly PresetReview[];
  readonly presetsRemoved?: readonly PresetReview[];
  /** A preset whose upstream version changed (podiam was upgraded). */
  readonly presetVersions?: readonly PresetVersionChange[];
  /** One item per input of a preset set, changed or unset. */
  readonly presetInputs?: readonly PresetInputChange[];
  /** Findings in head whose (rule, message) the base did not have, not waived. */
  readonly newFindings: readonly FindingReview[];
  /** Findings of the base that head no longer has (or now waives). */
  readonly resolvedFindings: readonly FindingReview[];
  readonly waiversAdded: readonly Waiver[];
  readonly waiversRemoved: readonly Waiver[];
  /** The conditions trust.conditions ANDs into the trust, when they changed. */
  readonly trustConditions?: Change<readonly ConditionReview[]>;
}

export interface PresetVersionChange extends Change<string> {
  readonly preset: string;
}

/** An input of a preset, before and after: null when it was not set (its default). */
export interface PresetInputChange extends Change<unknown> {
  readonly preset: string;
  readonly input: string;
}

export interface ChangeLine {
  /** `+` for what is new in head, `-` for what the base had, `~` for a value that changed. */
  readonly sign: "+" | "-" | "~";
  readonly text: string;
}

type ChangeKey = Exclude<keyof BindingChange, "name">;

/** One kind of change: how it is found, said and counted. */
interface ChangeKind<K extends ChangeKey> {
  readonly key: K;
  /** Its place among the keys of explain's JSON (whose key order is fixed since its version 1). */
  readonly jsonOrder: number;
  /** The change from the base's binding to the head's; undefined or empty when there is none. */
  compute(pair: ReviewPair): BindingChange[K];
  /** What `explain --base` prints for it, one line per item. */
  lines(value: NonNullable<BindingChange[K]>, change: BindingChange): ChangeLine[];
  /** Its part of the binding's row in the summary table. */
  summary(value: NonNullable<BindingChange[K]>): string;
}

/** The base's and the head's review of one binding, with what several kinds share, computed once. */
class ReviewPair {
  constructor(
    readonly before: BindingReview,
    readonly after: BindingReview,
  ) {}

  private tuples?: { granted: PermissionTuple[]; removed: PermissionTuple[] };
  get permissions(): { granted: PermissionTuple[]; removed: PermissionTuple[] } {
    if (!this.tuples) {
      const of = (review: BindingReview) => [
        ...permissionTuples(review.statements),
        ...(review.presets ?? []).flatMap((preset) => permissionTuples(preset.statements, preset.name)),
        ...review.managedPolicies.flatMap((policy) =>
          policy.filePolicy ? permissionTuples(policy.filePolicy.statements, undefined, policy.filePolicy.key) : [],
        ),
      ];
      const before = of(this.before);
      const after = of(this.after);
      this.tuples = { granted: minus(after, before), removed: minus(before, after) };
    }
    return this.tuples;
  }
}

const findingKey = (f: FindingReview) => `${f.rule}\0${f.message}`;
const waiverKey = (w: Waiver) => `${w.rule}\0${w.reason}`;
const trustKey = (t: TrustReview) =>
  t.mechanism === "assume-role" ? `\0${t.role}` : `${t.cluster}\0${t.namespace}\0${t.name}\0${t.mechanism}`;

/** The not-waived findings of `from` whose (rule, message) `other` has no not-waived finding of. */
function newActiveFindings(from: BindingReview, other: BindingReview): FindingReview[] {
  const active = new Set(other.findings.filter((f) => f.waived === undefined).map(findingKey));
  return from.findings.filter((f) => f.waived === undefined && !active.has(findingKey(f)));
}

function minusBy<T>(a: readonly T[], b: readonly T[], key: (item: T) => string): T[] {
  const keys = new Set(b.map(key));
  return a.filter((item) => !keys.has(key(item)));
}

/** Actions times resources: how many permissions the groups hold. */
function permissionCount(groups: readonly PermissionGroup[]): number {
  return groups.reduce((n, g) => n + g.actions.length * g.resources.length, 0);
}

/** The presets both reviews have, by name, as (before, after) pairs. */
function presetPairs(pair: ReviewPair): { before: PresetReview; after: PresetReview }[] {
  const before = new Map((pair.before.presets ?? []).map((p) => [p.name, p]));
  return (pair.after.presets ?? []).flatMap((after) => {
    const match = before.get(after.name);
    return match ? [{ before: match, after }] : [];
  });
}

/** An input's meaning: lists are sets of ARNs or names, so their order and repeats do not count. */
function inputKey(value: unknown): string {
  return JSON.stringify(Array.isArray(value) ? [...new Set(value.map((v) => JSON.stringify(v)))].sort() : value);
}

function presetInputChanges(pair: ReviewPair): PresetInputChange[] {
  return presetPairs(pair).flatMap(({ before, after }) =>
    [...new Set([...Object.keys(before.inputs), ...Object.keys(after.inputs)])].sort().flatMap((input) => {
      const from = before.inputs[input] ?? null;
      const to = after.inputs[input] ?? null;
      return inputKey(from) === inputKey(to) ? [] : [{ preset: after.name, input, before: from, after: to }];
    }),
  );
}

/** undefined for none: the preset kinds are left out of a change that has none. */
function someOrNone<T>(items: T[]): T[] | undefined {
  return items.length > 0 ? items : undefined;
}

function scalar<K extends "renamedFrom" | "mode" | "roleArn" | "permissionsBoundary" | "trustConditions">(
  kind: ChangeKind<K>,
) {
  return kind;
}

/** The kinds whose change is a list of items (the others are one value before and after). */
type ListKey = { [K in ChangeKey]-?: NonNullable<BindingChange[K]> extends readonly unknown[] ? K : never }[ChangeKey];
type ItemOf<K extends ListKey> = BindingChange[K] extends readonly (infer T)[] ? T : never;

/** A kind whose change is a list: one line per item, `label: item`. */
function list<K extends ListKey>(
  key: K,
  jsonOrder: number,
  compute: (pair: ReviewPair) => ItemOf<K>[],
  sign: "+" | "-",
  label: string,
  describe: (item: ItemOf<K>) => string,
  summary: (items: readonly ItemOf<K>[]) => string,
): ChangeKind<K> {
  return {
    key,
    jsonOrder,
    compute: compute as unknown as ChangeKind<K>["compute"],
    lines: (items) => (items as unknown as ItemOf<K>[]).map((item) => ({ sign, text: `${label}: ${describe(item)}` })),
    summary: (items) => summary(items as unknown as ItemOf<K>[]),
  };
}

const PERMISSION_KINDS = [
  ["granted", 7, "granted", "Allow", "+"],
  ["revoked", 8, "revoked", "Allow", "-"],
  ["denyAdded", 9, "deny added", "Deny", "+"],
  ["denyRemoved", 10, "deny removed", "Deny", "-"],
] as const;

/** Every kind of change, in print order. */
const CHANGE_KINDS: readonly ChangeKind<ChangeKey>[] = [
  scalar({
    key: "renamedFrom",
    jsonOrder: 0,
    compute: ({ before, after }) => (before.name !== after.name ? before.name : undefined),
    lines: (from, change) => [{ sign: "~", text: `renamed: ${from} -> ${change.name}` }],
    summary: (from) => `renamed from ${from}`,
  }),
  scalar({
    key: "roleArn",
    jsonOrder: 2,
    compute: ({ before, after }) =>
      before.role.arn !== after.role.arn ? { before: before.role.arn, after: after.role.arn } : undefined,
    lines: (arn) => [{ sign: "~", text: `role: ${arn.before} -> ${arn.after}` }],
    summary: () => "role replaced",
  }),
  scalar({
    key: "mode",
    jsonOrder: 1,
    compute: ({ before, after }) =>
      before.mode !== after.mode ? { before: before.mode, after: after.mode } : undefined,
    lines: (mode) => [{ sign: "~", text: `mode: ${mode.before} -> ${mode.after}` }],
    summary: (mode) => `mode ${mode.before} -> ${mode.after}`,
  }),
  list(
    "trustWidened",
    4,
    ({ before, after }) => minusBy(trustOf(after), trustOf(before), trustKey),
    "+",
    "trust widened",
    describeTrust,
    (items) => `trust widened (${items.length})`,
  ),
  list(
    "trustNarrowed",
    5,
    ({ before, after }) => minusBy(trustOf(before), trustOf(after), trustKey),
    "-",
    "trust narrowed",
    describeTrust,
    (items) => `trust narrowed (${items.length})`,
  ),
  ...PERMISSION_KINDS.map(([key, jsonOrder, label, effect, sign]) =>
    list(
      key,
      jsonOrder,
      (pair) =>
        groupTuples(
          (sign === "+" ? pair.permissions.granted : pair.permissions.removed).filter((t) => t.effect === effect),
        ),
      sign,
      label,
      describePermissionGroup,
      (groups) =>
        effect === "Allow"
          ? `${plural(permissionCount(groups), "permission")} ${label}`
          : `${plural(permissionCount(groups), "deny", "denies")} ${sign === "+" ? "added" : "removed"}`,
    ),
  ),
  list(
    "managedPoliciesAttached",
    11,
    ({ before, after }) => minusBy(after.managedPolicies, before.managedPolicies, (p) => p.arn),
    "+",
    "managed policy attached",
    describeManagedPolicy,
    (items) => `${plural(items.length, "managed policy", "managed policies")} attached`,
  ),
  list(
    "managedPoliciesDetached",
    12,
    ({ before, after }) => minusBy(before.managedPolicies, after.managedPolicies, (p) => p.arn),
    "-",
    "managed policy detached",
    describeManagedPolicy,
    (items) => `${plural(items.length, "managed policy", "managed policies")} detached`,
  ),
  list(
    "presetsAdded",
    17,
    ({ before, after }) => someOrNone(minusBy(after.presets ?? [], before.presets ?? [], (p) => p.name)) as never,
    "+",
    "preset added",
    describePreset,
    (items) => `${plural(items.length, "preset")} added`,
  ),
  list(
    "presetsRemoved",
    18,
    ({ before, after }) => someOrNone(minusBy(before.presets ?? [], after.presets ?? [], (p) => p.name)) as never,
    "-",
    "preset removed",
    describePreset,
    (items) => `${plural(items.length, "preset")} removed`,
  ),
  {
    key: "presetVersions",
    jsonOrder: 19,
    compute: (pair) =>
      someOrNone(
        presetPairs(pair)
          .filter(({ before, after }) => before.version !== after.version)
          .map(({ before, after }) => ({ preset: after.name, before: before.version, after: after.version })),
      ),
    lines: (items) =>
      items.map((v) => ({ sign: "~", text: `preset ${v.preset}: version ${v.before} -> ${v.after}` }) as ChangeLine),
    summary: (items) => `${plural(items.length, "preset version")} changed`,
  } satisfies ChangeKind<"presetVersions">,
  {
    key: "presetInputs",
    jsonOrder: 20,
    compute: (pair) => someOrNone(presetInputChanges(pair)),
    lines: (items) =>
      items.map(
        (c) =>
          ({
            sign: "~",
            text: `preset ${c.preset}: ${c.input}: ${describeInput(c.before)} -> ${describeInput(c.after)}`,
          }) as ChangeLine,
      ),
    summary: (items) => `${plural(items.length, "preset input")} changed`,
  } satisfies ChangeKind<"presetInputs">,
  scalar({
    key: "permissionsBoundary",
    jsonOrder: 3,
    compute: ({ before, after }) => {
      const from = before.role.permissionsBoundary ?? null;
      const to = after.role.permissionsBoundary ?? null;
      return from !== to ? { before: from, after: to } : undefined;
    },
    lines: (boundary) => [
      { sign: "~", text: `permissions boundary: ${boundary.before ?? "none"} -> ${boundary.after ?? "none"}` },
    ],
    summary: () => "permissions boundary changed",
  }),
  scalar({
    key: "trustConditions",
    jsonOrder: 21,
    compute: ({ before, after }) => {
      const from = before.trust?.conditions ?? [];
      const to = after.trust?.conditions ?? [];
      return JSON.stringify(from) !== JSON.stringify(to) ? { before: from, after: to } : undefined;
    },
    lines: (conditions) => [
      {
        sign: "~",
        text: `trust conditions: ${describeConditions(conditions.before)} -> ${describeConditions(conditions.after)}`,
      },
    ],
    summary: () => "trust conditions changed",
  }),
  list(
    "newFindings",
    13,
    ({ before, after }) => newActiveFindings(after, before),
    "+",
    "new lint finding",
    describeFinding,
    (items) => plural(items.length, "new lint finding"),
  ),
  list(
    "resolvedFindings",
    14,
    ({ before, after }) => newActiveFindings(before, after),
    "-",
    "lint finding resolved or waived",
    describeFinding,
    (items) => `${plural(items.length, "lint finding")} resolved or waived`,
  ),
  list(
    "waiversAdded",
    15,
    ({ before, after }) => minusBy(after.waivers, before.waivers, waiverKey),
    "+",
    "waiver added",
    (w) => `${w.rule}: ${w.reason}`,
    (items) => `${plural(items.length, "waiver")} added`,
  ),
  list(
    "waiversRemoved",
    16,
    ({ before, after }) => minusBy(before.waivers, after.waivers, waiverKey),
    "-",
    "waiver removed",
    (w) => `${w.rule}: ${w.reason}`,
    (items) => `${plural(items.length, "waiver")} removed`,
  ),
] as readonly ChangeKind<ChangeKey>[];

/** A value of a kind that says something changed: set, and not an empty list. */
function isChange(value: unknown): boolean {
  return value !== undefined && (!Array.isArray(value) || value.length > 0);
}

/** What changed in a binding that is in both reviews; undefined when nothing did. */
export function bindingChange(before: BindingReview, after: BindingReview): BindingChange | undefined {
  const pair = new ReviewPair(before, after);
  const values = CHANGE_KINDS.map((kind) => ({ kind, value: kind.compute(pair) }));
  if (!values.some(({ value }) => isChange(value))) return undefined;
  const change: Record<string, unknown> = { name: after.name };
  for (const { kind, value } of [...values].sort((a, b) => a.kind.jsonOrder - b.kind.jsonOrder)) {
    // Scalars are left out when unchanged; lists are always there.
    if (value !== undefined) change[kind.key] = value;
  }
  return change as unknown as BindingChange;
}

/** One line per change of a binding that is in both base and head, most important first. */
export function changeLines(change: BindingChange): ChangeLine[] {
  return CHANGE_KINDS.flatMap((kind) => (isChange(change[kind.key]) ? kind.lines(change[kind.key]!, change) : []));
}

/** `trust widened (1), 2 permissions granted, 1 new lint finding`: the row of a summary table. */
export function describeChangeCounts(change: BindingChange): string {
  return CHANGE_KINDS.flatMap((kind) => (isChange(change[kind.key]) ? [kind.summary(change[kind.key]!)] : [])).join(
    ", ",
  );
}

/** Every (mechanism, cluster, ServiceAccount) the role trusts, `both` through both; then the roles of trust.roles. */
export function trustOf(binding: BindingReview): TrustReview[] {
  const mechanisms: TrustMechanism[] = binding.mode === "both" ? ["irsa", "pod-identity"] : [binding.mode];
  return [
    ...binding.serviceAccounts.flatMap((sa) => mechanisms.map((mechanism) => ({ ...sa, mechanism }))),
    ...(binding.trust?.roles ?? []).map((role) => ({ mechanism: "assume-role" as const, role: role.arn })),
  ];
}

function describeConditions(conditions: readonly ConditionReview[]): string {
  return conditions.length === 0 ? "none" : conditions.map(describeCondition).join(" and ");
}
