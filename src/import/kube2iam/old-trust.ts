/**
 * An application role's current trust, read for the migration: the roles that may
 * `sts:AssumeRole` it today (the nodes' instance role for kube2iam, kiam's server role) are kept in
 * `trust.roles` so that the daemon keeps working until the pods restart with IRSA. What podiam's
 * trust cannot say is reported: `ec2.amazonaws.com` (a habit from kube2iam's README, not needed),
 * conditions on the AWS principal (`sts:ExternalId`), principals that are not exact role ARNs.
 * A principal kept without its condition would widen the trust, so such a principal is not kept.
 */
import { isRecord } from "../aws/json-input";

export interface KeptRole {
  readonly arn: string;
}

export interface OldTrust {
  /** Exact role ARNs that may sts:AssumeRole the role today, without conditions. */
  readonly roles: readonly KeptRole[];
  /** IRSA subjects (`system:serviceaccount:ns:name`) the role already trusts, per issuer host. */
  readonly irsaSubjects: ReadonlyMap<string, readonly string[]>;
  /** What is not carried, each a sentence: narrowed means podiam's trust admits less. */
  readonly narrowed: readonly string[];
}

const ROLE_PRINCIPAL = /^arn:(aws|aws-cn|aws-us-gov):iam::\d{12}:role\/(?:[\x21-\x7e]+\/)?[\w+=,.@-]{1,64}$/;
const OIDC_PROVIDER = /^arn:[a-z-]+:iam::\d{12}:oidc-provider\/(.+)$/;

const list = (value: unknown): unknown[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

export function readOldTrust(trust: Readonly<Record<string, unknown>>): OldTrust {
  const roles = new Map<string, KeptRole>();
  const irsaSubjects = new Map<string, string[]>();
  const narrowed: string[] = [];
  for (const statement of list(trust.Statement)) {
    if (!isRecord(statement)) continue;
    const actions = list(statement.Action).filter((a): a is string => typeof a === "string");
    if (statement.Effect !== "Allow") {
      narrowed.push(
        `a ${String(statement.Effect)} statement of the trust (${JSON.stringify(statement)}) is not carried: podiam's trust has none`,
      );
      continue;
    }
    const principal = statement.Principal;
    const conditions = isRecord(statement.Condition) ? statement.Condition : undefined;
    if (!isRecord(principal)) {
      narrowed.push(
        `the trust statement with Principal ${JSON.stringify(principal)} is not carried: podiam admits exact role ARNs only`,
      );
      continue;
    }
    for (const service of list(principal.Service)) {
      narrowed.push(
        service === "ec2.amazonaws.com"
          ? "the trust's ec2.amazonaws.com statement is dropped (kube2iam's README habit; kube2iam and kiam assume the role as the node's or server's role, never as EC2)"
          : `the trust's Service principal ${JSON.stringify(service)} is dropped (podiam's trust admits ServiceAccounts and trust.roles only)`,
      );
    }
    for (const federated of list(principal.Federated)) {
      const provider = typeof federated === "string" ? OIDC_PROVIDER.exec(federated) : null;
      if (!provider || !actions.includes("sts:AssumeRoleWithWebIdentity")) {
        narrowed.push(`the trust's Federated principal ${JSON.stringify(federated)} is dropped`);
        continue;
      }
      const host = provider[1];
      const subjects: string[] = [];
      for (const [operator, block] of Object.entries(conditions ?? {})) {
        if (!isRecord(block)) continue;
        for (const value of list(block[`${host}:sub`])) {
          if (typeof value === "string") subjects.push(operator === "StringEquals" ? value : `${value} (${operator})`);
        }
      }
      irsaSubjects.set(host, [...(irsaSubjects.get(host) ?? []), ...subjects]);
    }
    for (const aws of list(principal.AWS)) {
      const text = typeof aws === "string" ? aws : JSON.stringify(aws);
      if (!ROLE_PRINCIPAL.test(text)) {
        narrowed.push(
          `the trust's AWS principal ${JSON.stringify(text)} is not kept: trust.roles takes exact role ARNs only (no account roots, wildcards, users, or the unique id IAM shows for a deleted role)`,
        );
        continue;
      }
      if (!actions.some((action) => action === "sts:AssumeRole" || action === "sts:*" || action === "*")) {
        narrowed.push(`the trust's AWS principal ${text} may only ${actions.join(", ")}: not kept`);
        continue;
      }
      if (conditions && Object.keys(conditions).length > 0) {
        narrowed.push(
          `the trust lets ${text} assume the role only with the condition ${JSON.stringify(conditions)}; trust.roles cannot carry it (trust.conditions would apply to IRSA too), and keeping ${text} without it would widen the trust: not kept, so kube2iam/kiam stop getting this role at the first apply; annotate its ServiceAccount and restart its pods in the same change`,
        );
        continue;
      }
      roles.set(text, { arn: text });
    }
  }
  return {
    roles: [...roles.values()].sort((a, b) => (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0)),
    irsaSubjects,
    narrowed,
  };
}
