/**
 * Trust relationships: who may assume a workload role. Pure functions from clusters and
 * ServiceAccounts to a policy document, so they can be size-checked in the loader, rendered into
 * the stacks and evaluated by a policy simulator in the tests.
 */
import { oidcProviderArn } from "./arns";
import { ConditionBlock, oneOrMany, PolicyDocument, policyDocument, PolicyStatement } from "./policy-document";
import type { Conditions, Partition, ServiceAccountRef } from "./types";

/** The audience EKS projects into IRSA tokens, and the client id of every IRSA OIDC provider. */
export const STS_AUDIENCE = "sts.amazonaws.com";
export const POD_IDENTITY_PRINCIPAL = "pods.eks.amazonaws.com";

export interface IrsaTrust {
  /** Issuer host (the issuer URL without https://), or a Terraform expression that yields it at plan time. */
  readonly issuerHost: string;
  /** Exact ServiceAccounts: one StringEquals statement (none when empty). */
  readonly serviceAccounts: readonly ServiceAccountRef[];
  /**
   * Patterns, each a name that ends with `*` (`*` alone: the whole namespace): one StringLike
   * statement of their own. @default none
   */
  readonly serviceAccountPatterns?: readonly ServiceAccountRef[];
}

export interface PodIdentityTrust {
  readonly clusterArn: string;
  /** The cluster's account: the one EKS reports as aws:SourceAccount. */
  readonly clusterAccountId: string;
  readonly serviceAccounts: readonly ServiceAccountRef[];
}

export interface TrustPolicyProps {
  readonly partition: Partition;
  /** The account the role lives in: its OIDC providers are the federated principals. */
  readonly roleAccountId: string;
  /** One statement per trusted cluster (IRSA). */
  readonly irsa?: readonly IrsaTrust[];
  /** One statement per (cluster, ServiceAccount) (EKS Pod Identity). */
  readonly podIdentity?: readonly PodIdentityTrust[];
  /** Exact IAM role ARNs that may sts:AssumeRole (and sts:TagSession) this role. @default none */
  readonly roles?: readonly string[];
  /** Conditions ANDed into every statement: they can only narrow the trust. @default none */
  readonly conditions?: Conditions;
}

export function serviceAccountSubject(sa: ServiceAccountRef): string {
  return `system:serviceaccount:${sa.namespace}:${sa.name}`;
}

/**
 * IRSA: the cluster's OIDC provider may exchange a token whose subject is one of the bound
 * ServiceAccounts and whose audience is STS; nothing else, no other operator.
 */
export function irsaTrustStatement(partition: Partition, roleAccountId: string, trust: IrsaTrust): PolicyStatement {
  return {
    Effect: "Allow",
    Principal: { Federated: oidcProviderArn(partition, roleAccountId, trust.issuerHost) },
    Action: "sts:AssumeRoleWithWebIdentity",
    Condition: {
      StringEquals: {
        [`${trust.issuerHost}:sub`]: oneOrMany(trust.serviceAccounts.map(serviceAccountSubject)),
        [`${trust.issuerHost}:aud`]: STS_AUDIENCE,
      },
    },
  };
}

/**
 * IRSA for ServiceAccount patterns: `StringLike` on the subject, in a statement of its own, so
 * that the exact subjects keep their `StringEquals` (a `*` there would be a literal character).
 * A pattern is `system:serviceaccount:<namespace>:<prefix>*`: the namespace is written out and
 * followed by `:`, which no namespace contains, so `ns:*` never admits `ns2` or `ns-x`; Kubernetes
 * names hold no `*` or `?`, so the prefix matches as written.
 */
export function irsaPatternTrustStatement(
  partition: Partition,
  roleAccountId: string,
  issuerHost: string,
  patterns: readonly ServiceAccountRef[],
): PolicyStatement {
  return {
    Effect: "Allow",
    Principal: { Federated: oidcProviderArn(partition, roleAccountId, issuerHost) },
    Action: "sts:AssumeRoleWithWebIdentity",
    Condition: {
      StringLike: { [`${issuerHost}:sub`]: oneOrMany(patterns.map(serviceAccountSubject)) },
      StringEquals: { [`${issuerHost}:aud`]: STS_AUDIENCE },
    },
  };
}

/**
 * Other IAM roles that may assume this one (`trust.roles`): per account, its root as the principal
 * and `ArnEquals` on `aws:PrincipalArn` with the exact role ARNs, rather than the role ARNs as
 * principals. Two reasons, both in IAM's reference of the Principal element
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-roles):
 * IAM refuses a trust policy that names a role which does not exist yet ("Invalid principal in
 * policy"), so a role ARN as principal would tie the order of applies across stacks and accounts;
 * and IAM stores a role principal as the role's unique id, so a role deleted and made again (a
 * replace in a plan) silently loses the trust. The account with `aws:PrincipalArn`
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalarn)
 * applies in any order and follows the ARN. It admits exactly the listed roles' sessions; as for
 * any account principal, the role's own policy must allow it sts:AssumeRole on this role.
 */
export function roleTrustStatements(roleArns: readonly string[]): PolicyStatement[] {
  const byAccount = new Map<string, string[]>();
  for (const arn of new Set(roleArns)) {
    // arn:<partition>:iam::<account>:role/...: read by position, so that a role ARN of an account id
    // the loader reports as malformed still makes a policy whose size can be checked.
    const [, partition, , , account] = arn.split(":");
    const root = `arn:${partition}:iam::${account}:root`;
    byAccount.set(root, [...(byAccount.get(root) ?? []), arn]);
  }
  return [...byAccount.keys()].sort(compareText).map((root) => ({
    Effect: "Allow",
    Principal: { AWS: root },
    Action: ["sts:AssumeRole", "sts:TagSession"],
    Condition: { ArnEquals: { "aws:PrincipalArn": oneOrMany([...byAccount.get(root)!].sort(compareText)) } },
  }));
}

/**
 * A statement with more conditions ANDed in: an operator it has gets the keys added, another is
 * added after its own. The extra keys never are the statement's own (the loader refuses them).
 */
export function withConditions(statement: PolicyStatement, extra: Conditions | undefined): PolicyStatement {
  if (!extra || Object.keys(extra).length === 0) return statement;
  const merged: Record<string, Record<string, unknown>> = {};
  for (const [operator, block] of Object.entries(statement.Condition ?? {})) merged[operator] = { ...block };
  for (const [operator, block] of Object.entries(extra)) merged[operator] = { ...merged[operator], ...block };
  return { ...statement, Condition: merged as ConditionBlock };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * EKS Pod Identity: one statement per ServiceAccount. Value lists in one statement would admit
 * their cross product (one ServiceAccount's namespace with another's name).
 */
export function podIdentityTrustStatement(
  clusterAccountId: string,
  clusterArn: string,
  sa: ServiceAccountRef,
): PolicyStatement {
  return {
    Effect: "Allow",
    Principal: { Service: POD_IDENTITY_PRINCIPAL },
    Action: ["sts:AssumeRole", "sts:TagSession"],
    Condition: {
      StringEquals: {
        "aws:SourceAccount": clusterAccountId,
        "aws:RequestTag/eks-cluster-arn": clusterArn,
        "aws:RequestTag/kubernetes-namespace": sa.namespace,
        "aws:RequestTag/kubernetes-service-account": sa.name,
      },
    },
  };
}

export function trustPolicy(props: TrustPolicyProps): PolicyDocument {
  const statements: PolicyStatement[] = [];
  for (const trust of props.irsa ?? []) {
    if (trust.serviceAccounts.length > 0)
      statements.push(irsaTrustStatement(props.partition, props.roleAccountId, trust));
    const patterns = trust.serviceAccountPatterns ?? [];
    if (patterns.length > 0)
      statements.push(irsaPatternTrustStatement(props.partition, props.roleAccountId, trust.issuerHost, patterns));
  }
  for (const trust of props.podIdentity ?? []) {
    for (const sa of trust.serviceAccounts)
      statements.push(podIdentityTrustStatement(trust.clusterAccountId, trust.clusterArn, sa));
  }
  statements.push(...roleTrustStatements(props.roles ?? []));
  return policyDocument(statements.map((statement) => withConditions(statement, props.conditions)));
}

/** The session tags and source key of Pod Identity's statements: podiam sets them from the binding. */
const OWN_POD_IDENTITY_KEYS = [
  "aws:SourceAccount",
  "aws:RequestTag/eks-cluster-arn",
  "aws:RequestTag/kubernetes-namespace",
  "aws:RequestTag/kubernetes-service-account",
];

/**
 * Why `key` may not be a condition of `trust.conditions`, or undefined: the keys podiam sets itself
 * from the binding (any issuer's `:sub` and `:aud`, Pod Identity's source account and session
 * tags). Condition keys are case-insensitive in IAM, so they are compared so. A second condition
 * on one of them would either repeat podiam's or contradict it, and only the ServiceAccounts and
 * clusters of the binding say who is trusted.
 */
export function ownTrustConditionKeyProblem(key: string): string | undefined {
  const lower = key.toLowerCase();
  if (/:(sub|aud)$/.test(lower))
    return `"${key}" is a key podiam sets itself: a token's subject and audience come from the binding's clusters and serviceAccounts`;
  const own = OWN_POD_IDENTITY_KEYS.find((k) => k.toLowerCase() === lower);
  if (own)
    return `"${key}" is a key podiam sets itself (${own}): EKS Pod Identity's account and session tags come from the binding's clusters and serviceAccounts`;
  return undefined;
}

/** IAM's condition operators (the base ones, `...IfExists`, `Null`, the set prefixes), as a pattern. */
const CONDITION_OPERATOR =
  /^((ForAllValues|ForAnyValue):)?((String(Not)?Equals(IgnoreCase)?|String(Not)?Like|Numeric(Not)?Equals|Numeric(Less|Greater)Than(Equals)?|Date(Not)?Equals|Date(Less|Greater)Than(Equals)?|Bool|BinaryEquals|(Not)?IpAddress|Arn(Not)?(Equals|Like))(IfExists)?|Null)$/;

/** Why `operator` is not one of IAM's condition operators, or undefined. */
export function conditionOperatorProblem(operator: string): string | undefined {
  if (CONDITION_OPERATOR.test(operator)) return undefined;
  return `"${operator}" is not an IAM condition operator (StringEquals, StringLike, ArnEquals, IpAddress, Bool, NumericLessThan, ..., with IfExists or ForAnyValue: where needed)`;
}
