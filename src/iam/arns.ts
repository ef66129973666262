/**
 * ARNs podiam computes instead of looking up, so that no stack depends on another, and the ARN
 * shapes it accepts in the file.
 */
import type { Partition } from "./types";

export function roleArn(partition: Partition, accountId: string, path: string, name: string): string {
  return `arn:${partition}:iam::${accountId}:role${path}${name}`;
}

export function customerPolicyArn(partition: Partition, accountId: string, path: string, name: string): string {
  return `arn:${partition}:iam::${accountId}:policy${path}${name}`;
}

export function oidcProviderArn(partition: Partition, accountId: string, issuerHost: string): string {
  return `arn:${partition}:iam::${accountId}:oidc-provider/${issuerHost}`;
}

export function eksClusterArn(partition: Partition, region: string, accountId: string, clusterName: string): string {
  return `arn:${partition}:eks:${region}:${accountId}:cluster/${clusterName}`;
}

/** The issuer URL without its scheme: the OIDC provider's name in IAM and the prefix of its condition keys. */
export function issuerHost(issuer: string): string {
  return issuer.replace(/^https:\/\//, "");
}

/** IAM's longest OIDC provider URL (CreateOpenIDConnectProvider, `Url`: 1 to 255 characters). */
export const OIDC_ISSUER_MAX = 255;

/** A host as EKS reports it: lowercase DNS labels, no port, no trailing dot. */
const ISSUER_HOST = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/;

/**
 * Why `issuer` is not an OIDC issuer in the one form EKS reports it (`https://`, a lowercase host,
 * no port, query or fragment, no `.` or `..` path segment, at most 255 characters), or undefined.
 * IAM matches a token's issuer to a provider's URL as written, so only this form is accepted:
 * then two spellings of one issuer can never pass as two clusters.
 */
export function issuerProblem(issuer: string): string | undefined {
  if (!issuer.startsWith("https://"))
    return `"${issuer}" is not an https:// URL; IAM OIDC providers need the cluster's https:// issuer`;
  if (issuer.length > OIDC_ISSUER_MAX)
    return `"${issuer}" is ${issuer.length} characters; IAM allows ${OIDC_ISSUER_MAX} for an OIDC provider's URL`;
  const rest = issuerHost(issuer);
  if (rest.endsWith("/"))
    return `"${issuer}" ends with '/'; write the issuer without the trailing slash, as EKS reports it`;
  const asEksReportsIt = "write the issuer as EKS reports it (aws eks describe-cluster: cluster.identity.oidc.issuer)";
  const [host, ...segments] = rest.split("/");
  if (/^[^/?#]*:[0-9]*$/.test(host)) return `"${issuer}" names a port; ${asEksReportsIt}, without one`;
  if (host.endsWith(".")) return `"${issuer}" ends its host with '.'; ${asEksReportsIt}, without it`;
  if (host !== host.toLowerCase() && ISSUER_HOST.test(host.toLowerCase()))
    return `"${issuer}" has capitals in its host; ${asEksReportsIt}, in lowercase`;
  if (segments.some((segment) => segment === "." || segment === ".."))
    return `"${issuer}" has a "." or ".." path segment; ${asEksReportsIt}, without them`;
  if (!ISSUER_HOST.test(host) || !segments.every((segment) => /^[A-Za-z0-9._~-]+$/.test(segment)))
    return `"${issuer}" is not a URL of the form https://host/path`;
  return undefined;
}

export interface ParsedArn {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly account: string;
  readonly resource: string;
}

const ARN = /^arn:(aws|aws-cn|aws-us-gov):([a-z0-9-]+):([a-z0-9-]*):([0-9]{12}|aws|):(.+)$/;

export function parseArn(arn: string): ParsedArn | undefined {
  const match = ARN.exec(arn);
  if (!match) return undefined;
  const [, partition, service, region, account, resource] = match;
  return { partition, service, region, account, resource };
}

const POLICY_PATH_AND_NAME = /^policy(\/[\x21-\x7e]*)?\/[\w+=,.@-]{1,128}$/;
const ROLE_PATH_AND_NAME = /^role(\/[\x21-\x7e]*)?\/[\w+=,.@-]{1,64}$/;

/** Why `arn` is not the ARN of an IAM managed policy, or undefined when it is one. */
export function policyArnProblem(arn: string): string | undefined {
  const parsed = parseArn(arn);
  if (
    !parsed ||
    parsed.service !== "iam" ||
    parsed.region !== "" ||
    parsed.account === "" ||
    !POLICY_PATH_AND_NAME.test(parsed.resource)
  ) {
    return `"${arn}" is not a managed policy ARN (arn:aws:iam::aws:policy/NAME or arn:aws:iam::123456789012:policy/NAME)`;
  }
  return undefined;
}

/** Why `arn` is not the ARN of an IAM role, or undefined when it is one. */
export function roleArnProblem(arn: string): string | undefined {
  const parsed = parseArn(arn);
  if (
    !parsed ||
    parsed.service !== "iam" ||
    parsed.region !== "" ||
    !/^[0-9]{12}$/.test(parsed.account) ||
    !ROLE_PATH_AND_NAME.test(parsed.resource)
  ) {
    return `"${arn}" is not an IAM role ARN (arn:aws:iam::123456789012:role/NAME)`;
  }
  return undefined;
}

/** `arn:<partition>:iam::aws:policy/<path><name>` */
const AWS_MANAGED_POLICY = /^arn:(aws|aws-cn|aws-us-gov):iam::aws:policy\/(.*)$/;

/** Whether the ARN names an AWS managed policy (account `aws`), in any partition. */
export function isAwsManagedPolicyArn(arn: string): boolean {
  return AWS_MANAGED_POLICY.test(arn);
}

/** The partition of an AWS managed policy ARN; undefined for any other ARN. */
export function awsManagedPolicyPartition(arn: string): string | undefined {
  return AWS_MANAGED_POLICY.exec(arn)?.[1];
}

/** The last segment of an ARN's resource: a role's or a policy's name. */
export function arnLastSegment(arn: string): string {
  return arn.slice(arn.lastIndexOf("/") + 1);
}

/** Why `resource` is neither `*` nor an ARN (`arn:partition:service:region:account:resource`), or undefined. */
export function resourceArnProblem(resource: string): string | undefined {
  if (resource === "*" || /^arn:[^:]*:[^:]*:[^:]*:[^:]*:.+$/.test(resource)) return undefined;
  return `"${resource}" is not a resource ARN or *`;
}
