/**
 * What the role eksctl made for an entry may do, in the bindings file's terms: the managed ARNs,
 * the inline document's statements, and the well-known flags (their managed policies by ARN, their
 * inline statements as policies of the file, attached by name, one per flag).
 */
import { sanitisedName } from "../binding-names";
import { statementsOfDocument } from "../policy-statements";
import type { ClusterIamServiceAccount, PodIdentityAssociation } from "./cluster-config-schema";
import { EksctlStatement, WELL_KNOWN_FLAGS, WellKnownFlag, wellKnownGrant } from "./well-known-policies";

/** The file-level policy that holds a well-known flag's inline statements. */
export function wellKnownPolicyName(flag: WellKnownFlag): string {
  return `eksctl-${sanitisedName(flag).replace(/-c-s-i-/, "-csi-")}`;
}

export interface Permissions {
  readonly data?: Record<string, unknown>;
  /** eksctl's inline policy suffixes, for the note. */
  readonly inline: readonly string[];
  readonly problem?: string;
}

/** Managed ARNs, the inline document's statements, and the well-known flags (as the file's policies). */
export function permissionsOf(
  entry: { readonly irsa: ClusterIamServiceAccount } | { readonly pia: PodIdentityAssociation },
  partition: string,
  filePolicies: Map<WellKnownFlag, Record<string, unknown>>,
): Permissions {
  const managedArns = "irsa" in entry ? (entry.irsa.attachPolicyARNs ?? []) : (entry.pia.permissionPolicyARNs ?? []);
  const document = "irsa" in entry ? entry.irsa.attachPolicy : entry.pia.permissionPolicy;
  const wellKnown = "irsa" in entry ? entry.irsa.wellKnownPolicies : entry.pia.wellKnownPolicies;
  const managed: string[] = [];
  const add = (value: string) => {
    if (!managed.includes(value)) managed.push(value);
  };
  managedArns.forEach(add);
  const inline: string[] = [];
  for (const flag of WELL_KNOWN_FLAGS) {
    if (wellKnown?.[flag] !== true) continue;
    const grant = wellKnownGrant(flag, partition);
    grant.managed.forEach(add);
    if (grant.inline.length > 0) {
      add(wellKnownPolicyName(flag));
      inline.push(...grant.inline.map((i) => i.suffix));
      if (!filePolicies.has(flag))
        filePolicies.set(flag, {
          description: `eksctl wellKnownPolicies.${flag}, as eksctl grants it`,
          statements: grant.inline.flatMap((i) => i.statements.map(statementOfEksctl)),
        });
    }
  }
  const data: Record<string, unknown> = {};
  if (managed.length > 0) data.managed = managed;
  if (document !== undefined) {
    const imported = statementsOfDocument(document);
    if (imported.problem !== undefined) return { inline, problem: imported.problem };
    data.statements = imported.statements;
    const suffix = "pia" in entry && entry.pia.permissionPolicyName ? entry.pia.permissionPolicyName : "Policy1";
    inline.unshift(suffix);
  }
  return { data, inline };
}

function statementOfEksctl(statement: EksctlStatement): Record<string, unknown> {
  const data: Record<string, unknown> = {
    actions: [...statement.Action],
    resources: typeof statement.Resource === "string" ? [statement.Resource] : [...statement.Resource],
  };
  if (statement.Condition) {
    data.conditions = Object.fromEntries(
      Object.entries(statement.Condition).map(([operator, block]) => [
        operator,
        Object.fromEntries(Object.entries(block).map(([k, v]) => [k, typeof v === "string" ? v : [...v]])),
      ]),
    );
  }
  return data;
}
