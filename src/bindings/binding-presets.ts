/**
 * A binding's presets (`policies.presets`), from the inputs the schema accepted to the model: each
 * compiled with what a preset may know of the binding (the role's account, the binding's clusters
 * by their EKS names), and split into the customer-managed policies of its own that the IAM stack
 * makes, the checks count and size, and explain names. The adapter between the model and the pure
 * presets of src/presets, as binding-trust.ts is for trust policies.
 */
import { MANAGED_POLICY_LENGTH_MAX } from "../iam/limits";
import { policyLength, renderPolicy } from "../iam/policy-document";
import type { Statement } from "../iam/types";
import { workloadPolicy } from "../iam/workload-policy";
import { compilePreset, packStatements, presetByName, type PresetContext } from "../presets";
import { compare } from "../util/order";
import type { Account, Binding, Cluster, PresetUse } from "./model";

/** What a preset may know of a binding: its role's account, and its clusters (sorted by key). */
export function presetContext(
  roleAccount: Account,
  clusters: readonly Cluster[],
  accounts: ReadonlyMap<string, Account>,
): PresetContext {
  return {
    partition: roleAccount.partition,
    accountId: roleAccount.id,
    region: roleAccount.region,
    clusters: [...clusters]
      .sort((a, b) => compare(a.key, b.key))
      .map((cluster) => ({
        key: cluster.key,
        name: cluster.name,
        region: cluster.region,
        accountId: accounts.get(cluster.account)!.id,
      })),
  };
}

/**
 * The presets of `policies.presets` as the schema parsed them (every name known, every input
 * valid), compiled, sorted by name.
 */
export function presetUses(
  presets: Readonly<Record<string, unknown>> | undefined,
  context: PresetContext,
): PresetUse[] {
  return (
    Object.keys(presets ?? {})
      // An unknown name is the schema's problem (which leaves the binding in the model).
      .filter((name) => presets![name] !== undefined && presetByName(name) !== undefined)
      .sort(compare)
      .map((name) => {
        const preset = presetByName(name)!;
        const inputs = presets![name];
        return {
          name,
          version: preset.version,
          upstream: preset.upstream,
          inputs: normalInputs(inputs),
          statements: compilePreset(name, inputs, context),
          waivers: [...(preset.waivers ?? [])].sort((a, b) => compare(a.rule, b.rule)),
          ...(preset.defaultServiceAccount ? { defaultServiceAccount: { ...preset.defaultServiceAccount } } : {}),
        };
      })
  );
}

/** Keys sorted, values as written: list indexes stay the file's, for the lint's positions. */
function normalInputs(inputs: unknown): Record<string, unknown> {
  const record = (inputs ?? {}) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(record).sort(compare)) if (record[key] !== undefined) out[key] = record[key];
  return out;
}

/** One customer-managed policy of a preset: the whole preset, or one part of it when it is too long for one. */
export interface PresetPolicy {
  readonly preset: string;
  /** 1 for the first (or only) policy of the preset, 2 for the next... */
  readonly part: number;
  /** IAM name: `<role name>-<preset>`, then `<role name>-<preset>-2`, ... */
  readonly name: string;
  /** What its Terraform name adds to the binding's: `[<preset>]`, then `[<preset>, "2"]`, ... */
  readonly addressParts: readonly string[];
  readonly statements: readonly Statement[];
}

/** The length of statements as the policy they render to, without whitespace (as IAM counts). */
export function policyLengthOf(statements: readonly Statement[]): number {
  return policyLength(renderPolicy(workloadPolicy(statements)));
}

/** The statements of a preset that alone exceed a managed policy's 6,144 characters (long input lists). */
export function oversizedPresetStatements(preset: PresetUse): { readonly sid?: string; readonly length: number }[] {
  return preset.statements
    .map((statement) => ({ sid: statement.sid, length: policyLengthOf([statement]) }))
    .filter((s) => s.length > MANAGED_POLICY_LENGTH_MAX);
}

const policiesCache = new WeakMap<Binding, readonly PresetPolicy[]>();

/**
 * Every preset policy of a binding, presets by name, parts in order: each preset's statements, in
 * order, in as few policies as fit 6,144 characters each. The checks report a statement too long
 * for any policy (oversizedPresetStatements) before this is asked for a stack.
 */
export function presetPolicies(binding: Binding): readonly PresetPolicy[] {
  let policies = policiesCache.get(binding);
  if (policies) return policies;
  policies = binding.presets.flatMap((preset) =>
    packStatements(preset.statements, policyLengthOf, MANAGED_POLICY_LENGTH_MAX).map((statements, i) => ({
      preset: preset.name,
      part: i + 1,
      name: `${binding.role.name}-${preset.name}${i === 0 ? "" : `-${i + 1}`}`,
      addressParts: i === 0 ? [preset.name] : [preset.name, String(i + 1)],
      statements,
    })),
  );
  policiesCache.set(binding, policies);
  return policies;
}
