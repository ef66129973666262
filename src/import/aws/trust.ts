/**
 * A role's trust policy read back into what podiam expresses: which EKS clusters may hand the role
 * to which ServiceAccounts (IRSA, from the `sub` conditions), whether EKS Pod Identity may
 * (`pods.eks.amazonaws.com`; which ServiceAccounts only the associations say), and everything else
 * the trust admits, so that the importer can say what it narrows. A role with neither an EKS
 * web-identity statement nor the Pod Identity principal is not a workload role.
 */
import { serviceAccountEntryProblem, serviceAccountRefProblem } from "../../kubernetes/names";
import type { AccountRole } from "./authorization-details";
import type { EksCluster } from "./clusters";
import { isRecord } from "./json-input";

/** What an IRSA statement admits: an issuer and ServiceAccounts (exact, podiam patterns, or neither). */
export interface IrsaStatement {
  readonly index: number;
  /** The issuer host and path as in the provider ARN (`oidc.eks.eu-west-1.amazonaws.com/id/X`). */
  readonly issuerHost: string;
  /** The account of the OIDC provider (the role's own for IRSA; another would not work). */
  readonly providerAccountId: string;
  /** The given cluster of that issuer; undefined when no --cluster file has it. */
  readonly cluster?: EksCluster;
  /** `namespace/name`, from StringEquals values (and StringLike values without wildcards). */
  readonly serviceAccounts: readonly string[];
  /** `namespace/*` and `namespace/prefix*`: StringLike values podiam can write as wildcards. */
  readonly patterns: readonly string[];
  /** `sub` values podiam cannot express (a wildcard in the namespace, `?`, `*` inside, another form). */
  readonly unexpressible: readonly string[];
  /**
   * Conditions besides sub and aud whose values a condition cannot hold (null, objects, an empty
   * list): dropping one would widen the trust, so the role is not imported.
   */
  readonly unreadableConditions: readonly string[];
  /** False when the statement has no `sub` condition: every ServiceAccount of the cluster. */
  readonly hasSubject: boolean;
  /** The `aud` values (empty when there is no `aud` condition). */
  readonly audiences: readonly string[];
  /** Conditions on other keys: `{operator: {key: values}}`. */
  readonly otherConditions: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** Principals of the statement besides the EKS provider (dropped: a narrowing). */
  readonly otherPrincipals: readonly string[];
  /** Exact values written with StringLike (sub or aud): the same match as podiam's StringEquals. */
  readonly exactWithStringLike: boolean;
}

export interface PodIdentityStatement {
  readonly index: number;
  /** Conditions of the statement (podiam writes its own, per association). */
  readonly conditions?: Readonly<Record<string, unknown>>;
  /** Whether sts:TagSession is allowed besides sts:AssumeRole (EKS needs it unless session tags are off). */
  readonly tagSession: boolean;
  readonly otherPrincipals: readonly string[];
}

/** A statement that is neither: kept out of the imported trust (a narrowing), or mapped to trust.roles. */
export interface OtherStatement {
  readonly index: number;
  /** What it admits, in words, for the note. */
  readonly description: string;
  /** Exact role ARNs allowed sts:AssumeRole and sts:TagSession without conditions: podiam's trust.roles. */
  readonly trustRoles?: readonly string[];
}

export interface TrustAnalysis {
  readonly irsa: readonly IrsaStatement[];
  readonly podIdentity: readonly PodIdentityStatement[];
  readonly others: readonly OtherStatement[];
  /** Deny statements: podiam's trust has none, so a role with one cannot be imported without widening. */
  readonly denies: readonly number[];
  /** A web-identity statement of an issuer that is not EKS (GitHub Actions, Cognito): not a workload. */
  readonly foreignWebIdentity: readonly string[];
}

export function isWorkloadRole(analysis: TrustAnalysis): boolean {
  return analysis.irsa.length > 0 || analysis.podIdentity.length > 0;
}

const SUBJECT_PREFIX = "system:serviceaccount:";
const POD_IDENTITY_PRINCIPAL = "pods.eks.amazonaws.com";
/** EKS-hosted issuers; self-managed ones are recognised by a --cluster file with that issuer. */
const EKS_ISSUER_HOST = /^oidc\.eks\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\/id\/[A-Za-z0-9]+$/;
function list(value: unknown): unknown[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function strings(value: unknown): string[] {
  return list(value).filter((v): v is string => typeof v === "string");
}

function allows(actions: readonly string[], action: string): boolean {
  return actions.some((a) => a === "*" || a === "sts:*" || a.toLowerCase() === action.toLowerCase());
}

/** `system:serviceaccount:ns:name` as podiam writes it, with the kind of match it is. */
export function subjectOf(value: string, like: boolean): { exact?: string; pattern?: string } {
  if (!value.startsWith(SUBJECT_PREFIX)) return {};
  const rest = value.slice(SUBJECT_PREFIX.length);
  const colon = rest.indexOf(":");
  if (colon < 0) return {};
  const namespace = rest.slice(0, colon);
  const name = rest.slice(colon + 1);
  // The rules of a binding's serviceAccounts entry: what passes them is what the file can hold.
  const wild = like && /[*?]/.test(name);
  if (!wild) return serviceAccountRefProblem(namespace, name) === undefined ? { exact: `${namespace}/${name}` } : {};
  return serviceAccountEntryProblem(namespace, name) === undefined ? { pattern: `${namespace}/${name}` } : {};
}

export function analyseTrust(role: AccountRole, clusters: readonly EksCluster[]): TrustAnalysis {
  const irsa: IrsaStatement[] = [];
  const podIdentity: PodIdentityStatement[] = [];
  const others: OtherStatement[] = [];
  const denies: number[] = [];
  const foreignWebIdentity: string[] = [];
  const statements = list(role.trust.Statement);
  statements.forEach((statement, index) => {
    if (!isRecord(statement)) {
      others.push({ index, description: "a statement that is not an object" });
      return;
    }
    if (statement.Effect !== "Allow") {
      denies.push(index);
      return;
    }
    const actions = strings(statement.Action);
    const principal = isRecord(statement.Principal) ? statement.Principal : {};
    const federated = strings(principal.Federated);
    const services = strings(principal.Service);
    const aws = strings(principal.AWS);
    const described = [
      ...federated.map((p) => `Federated ${p}`),
      ...services.map((p) => `Service ${p}`),
      ...aws.map((p) => `AWS ${p}`),
      ...(typeof statement.Principal === "string" ? [`Principal ${statement.Principal}`] : []),
      ...(statement.NotPrincipal !== undefined ? ["NotPrincipal"] : []),
      ...(statement.NotAction !== undefined ? ["NotAction"] : []),
    ];
    const eksProvider = federated.find((arn) => issuerOfProvider(arn, clusters) !== undefined);
    if (eksProvider && allows(actions, "sts:AssumeRoleWithWebIdentity") && statement.NotAction === undefined) {
      irsa.push(
        irsaStatement(
          index,
          statement,
          eksProvider,
          clusters,
          described.filter((d) => d !== `Federated ${eksProvider}`),
        ),
      );
      return;
    }
    if (services.includes(POD_IDENTITY_PRINCIPAL) && allows(actions, "sts:AssumeRole")) {
      podIdentity.push({
        index,
        ...(isRecord(statement.Condition) ? { conditions: statement.Condition } : {}),
        tagSession: allows(actions, "sts:TagSession"),
        otherPrincipals: described.filter((d) => d !== `Service ${POD_IDENTITY_PRINCIPAL}`),
      });
      return;
    }
    for (const arn of federated) if (/:oidc-provider\//.test(arn)) foreignWebIdentity.push(arn);
    const exactRoles = aws.filter((arn) => /^arn:[a-z-]+:iam::\d{12}:role\/\S+$/.test(arn) && !arn.includes("*"));
    const mappable =
      exactRoles.length > 0 &&
      exactRoles.length === described.length &&
      statement.Condition === undefined &&
      allows(actions, "sts:AssumeRole") &&
      allows(actions, "sts:TagSession");
    others.push({
      index,
      description: `${described.join(", ") || "no principal"} (${actions.join(", ") || "no action"}${statement.Condition !== undefined ? `, with conditions ${JSON.stringify(statement.Condition)}` : ""})`,
      ...(mappable ? { trustRoles: exactRoles } : {}),
    });
  });
  return { irsa, podIdentity, others, denies, foreignWebIdentity };
}

/** The issuer host of an OIDC provider ARN when it is an EKS cluster's (hosted, or a given cluster's). */
export function issuerOfProvider(arn: string, clusters: readonly EksCluster[]): string | undefined {
  const match = /^arn:[a-z-]+:iam::\d{12}:oidc-provider\/(.+)$/.exec(arn);
  if (!match) return undefined;
  const host = match[1];
  return EKS_ISSUER_HOST.test(host) || clusters.some((c) => c.issuerHost === host) ? host : undefined;
}

function irsaStatement(
  index: number,
  statement: Record<string, unknown>,
  provider: string,
  clusters: readonly EksCluster[],
  otherPrincipals: string[],
): IrsaStatement {
  const host = issuerOfProvider(provider, clusters)!;
  const providerAccountId = /:iam::(\d{12}):/.exec(provider)![1];
  const serviceAccounts = new Set<string>();
  const patterns = new Set<string>();
  const unexpressible: string[] = [];
  const audiences: string[] = [];
  const otherConditions: Record<string, Record<string, unknown>> = {};
  const unreadableConditions: string[] = [];
  let hasSubject = false;
  let exactWithStringLike = false;
  const conditions = isRecord(statement.Condition) ? statement.Condition : {};
  for (const [operator, block] of Object.entries(conditions)) {
    if (!isRecord(block)) continue;
    for (const [key, value] of Object.entries(block)) {
      if (key === `${host}:sub`) {
        hasSubject = true;
        const like = operator === "StringLike";
        for (const other of list(value).filter((v) => typeof v !== "string"))
          unexpressible.push(`${operator} ${JSON.stringify(other)}`);
        for (const subject of strings(value)) {
          const parsed = operator === "StringEquals" || like ? subjectOf(subject, like) : {};
          if (parsed.exact) {
            serviceAccounts.add(parsed.exact);
            if (like) exactWithStringLike = true;
          } else if (parsed.pattern) patterns.add(parsed.pattern);
          else unexpressible.push(`${operator} ${subject}`);
        }
      } else if (key === `${host}:aud` && (operator === "StringEquals" || operator === "StringLike")) {
        audiences.push(...strings(value));
        if (operator === "StringLike") exactWithStringLike = true;
      } else if (isConditionValue(value)) {
        otherConditions[operator] = { ...(otherConditions[operator] ?? {}), [key]: value };
      } else unreadableConditions.push(`${operator} ${key}: ${JSON.stringify(value) ?? String(value)}`);
    }
  }
  const cluster = clusters.find((c) => c.issuerHost === host);
  return {
    index,
    issuerHost: host,
    providerAccountId,
    ...(cluster ? { cluster } : {}),
    serviceAccounts: [...serviceAccounts].sort(),
    patterns: [...patterns].sort(),
    unexpressible,
    unreadableConditions,
    hasSubject,
    audiences,
    otherConditions,
    otherPrincipals,
    exactWithStringLike,
  };
}

/** What IAM takes as a condition's value: a string, number or boolean, or a non-empty list of them. */
function isConditionValue(value: unknown): boolean {
  const scalar = (v: unknown) => typeof v === "string" || typeof v === "number" || typeof v === "boolean";
  return scalar(value) || (Array.isArray(value) && value.length > 0 && value.every(scalar));
}
