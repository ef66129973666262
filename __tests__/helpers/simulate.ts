/**
 * Test helper: evaluates a role's trust policy (a JSON string, as podiam renders it or as it
 * stands in a synthesized stack) with @cloud-copilot/iam-simulate, for the requests STS sees when
 * a pod assumes the role through IRSA or EKS Pod Identity.
 *
 * AGPL: tests only, never import this (or the simulator) from src/.
 *
 * Two details of the simulator shape this helper:
 * - `runUnsafeSimulation`, because the validated `runSimulation` drops context keys it does not
 *   know for the action, which include the `<issuer>:sub` / `<issuer>:aud` keys of IRSA.
 * - `runUnsafeSimulation` (0.1.173) loads the resource policy without metadata and then crashes
 *   reading `metadata().name`; a policy wrapped as iam-policy's plain `ValidatedPolicy` object
 *   (`__validated: true`) carries its metadata through `loadPolicy`.
 */
import { runUnsafeSimulation } from "@cloud-copilot/iam-simulate";

export type Decision = "Allowed" | "Denied";

/** The account id of an ARN (`arn:partition:service:region:ACCOUNT:...`). */
function accountOf(arn: string): string {
  const account = arn.split(":")[4];
  if (!account) throw new Error(`no account in ${arn}`);
  return account;
}

function simulate(
  trustPolicy: string,
  principal: string,
  action: string,
  roleArn: string,
  context: Record<string, string | string[]>,
  identityPolicies: { name: string; policy: unknown }[] = [],
): Decision {
  const result = runUnsafeSimulation(
    {
      request: {
        principal,
        action,
        resource: { resource: roleArn, accountId: accountOf(roleArn) },
        contextVariables: context,
      },
      identityPolicies,
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: {
        __validated: true,
        policyDocument: JSON.parse(trustPolicy),
        metadata: { name: "trust-policy" },
        errors: [],
      },
    },
    {},
  );
  return result === "Allowed" ? "Allowed" : "Denied";
}

export interface IrsaRequest {
  /** The role being assumed. */
  readonly roleArn: string;
  /** The federated principal: `arn:aws:iam::<role account>:oidc-provider/<issuer host>`. */
  readonly providerArn: string;
  /** The token's `sub`; omitted: the request carries no `:sub` key. */
  readonly sub?: string;
  /** The token's `aud`; omitted: the request carries no `:aud` key. */
  readonly aud?: string;
  /**
   * Prefix of the `:sub`/`:aud` keys. STS always names them after the token's issuer, i.e. the
   * provider's; override only to probe a statement's scoping. @default the provider's issuer host
   */
  readonly keyHost?: string;
  /** More request context (aws:SourceIp, ...), for trust.conditions. @default none */
  readonly context?: Record<string, string>;
}

/** `sts:AssumeRoleWithWebIdentity` with a projected ServiceAccount token. */
export function simulateIrsa(trustPolicy: string, request: IrsaRequest): Decision {
  const marker = ":oidc-provider/";
  const at = request.providerArn.indexOf(marker);
  if (at < 0) throw new Error(`not an OIDC provider ARN: ${request.providerArn}`);
  const host = request.keyHost ?? request.providerArn.slice(at + marker.length);
  const context: Record<string, string> = { ...request.context };
  if (request.sub !== undefined) context[`${host}:sub`] = request.sub;
  if (request.aud !== undefined) context[`${host}:aud`] = request.aud;
  return simulate(trustPolicy, request.providerArn, "sts:AssumeRoleWithWebIdentity", request.roleArn, context);
}

export interface PodIdentityRequest {
  readonly roleArn: string;
  /** `sts:AssumeRole` or `sts:TagSession`: EKS Pod Identity needs both. */
  readonly action: string;
  /** `arn:aws:eks:<region>:<account>:cluster/<name>`: the session tag eks-cluster-arn and aws:SourceArn. */
  readonly clusterArn: string;
  readonly namespace: string;
  readonly serviceAccount: string;
  /** aws:SourceAccount. @default the cluster ARN's account */
  readonly sourceAccount?: string;
  /** @default pods.eks.amazonaws.com */
  readonly principal?: string;
  /** More request context (aws:SourceIp, ...), for trust.conditions. @default none */
  readonly context?: Record<string, string>;
}

/**
 * The request the EKS Auth service makes: service principal pods.eks.amazonaws.com, with the
 * session tags it sets (all of them, not only those podiam conditions on) and the source keys.
 */
export function simulatePodIdentity(trustPolicy: string, request: PodIdentityRequest): Decision {
  const clusterName = request.clusterArn.slice(request.clusterArn.indexOf(":cluster/") + ":cluster/".length);
  const tags: Record<string, string> = {
    "eks-cluster-arn": request.clusterArn,
    "eks-cluster-name": clusterName,
    "kubernetes-namespace": request.namespace,
    "kubernetes-service-account": request.serviceAccount,
    "kubernetes-pod-name": `${request.serviceAccount}-7d9f8b6c5-x2x9z`,
    "kubernetes-pod-uid": "0d4c3a8e-5b1f-4e7a-9c2d-3f6e8a1b2c4d",
  };
  const context: Record<string, string | string[]> = {
    ...request.context,
    "aws:SourceAccount": request.sourceAccount ?? accountOf(request.clusterArn),
    "aws:SourceArn": request.clusterArn,
    "aws:TagKeys": Object.keys(tags),
  };
  for (const [key, value] of Object.entries(tags)) context[`aws:RequestTag/${key}`] = value;
  return simulate(trustPolicy, request.principal ?? "pods.eks.amazonaws.com", request.action, request.roleArn, context);
}

/** A podiam statement (policies.statements[] shape) as IAM JSON. */
function iamStatement(statement: {
  effect?: string;
  actions?: readonly string[];
  notActions?: readonly string[];
  resources?: readonly string[];
  notResources?: readonly string[];
  conditions?: unknown;
}): Record<string, unknown> {
  return {
    Effect: statement.effect ?? "Allow",
    ...(statement.actions ? { Action: statement.actions } : {}),
    ...(statement.notActions ? { NotAction: statement.notActions } : {}),
    ...(statement.resources ? { Resource: statement.resources } : {}),
    ...(statement.notResources ? { NotResource: statement.notResources } : {}),
    ...(statement.conditions ? { Condition: statement.conditions } : {}),
  };
}

export interface IdentityRequest {
  readonly action: string;
  readonly resource: string;
  readonly context?: Record<string, string | string[]>;
  /** @default arn:aws:iam::111122223333:role/pod */
  readonly principal?: string;
}

/**
 * Whether a role's identity policy (podiam statements) allows a request in its own account, as
 * IAM would decide it with no other policy in play. For KMS, the key policy trusts the account.
 */
export function simulateIdentity(
  statements: readonly Parameters<typeof iamStatement>[0][],
  request: IdentityRequest,
): Decision {
  const principal = request.principal ?? "arn:aws:iam::111122223333:role/pod";
  const account = accountOf(principal);
  const keyPolicy = request.action.toLowerCase().startsWith("kms:")
    ? {
        resourcePolicy: {
          __validated: true,
          metadata: { name: "key-policy" },
          errors: [],
          policyDocument: {
            Version: "2012-10-17",
            Statement: [
              { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: "kms:*", Resource: "*" },
            ],
          },
        },
      }
    : {};
  const result = runUnsafeSimulation(
    {
      request: {
        principal,
        action: request.action,
        resource: { resource: request.resource, accountId: request.resource.split(":")[4] || account },
        contextVariables: request.context ?? {},
      },
      identityPolicies: [{ name: "pod", policy: { Version: "2012-10-17", Statement: statements.map(iamStatement) } }],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      ...keyPolicy,
    } as Parameters<typeof runUnsafeSimulation>[0],
    {},
  );
  return result === "Allowed" ? "Allowed" : "Denied";
}

export interface AssumeRoleRequest {
  /** The role being assumed. */
  readonly roleArn: string;
  /** The role whose session calls sts:AssumeRole (STS sets aws:PrincipalArn to it). */
  readonly callerRoleArn: string;
  /** `sts:AssumeRole` or `sts:TagSession`. @default sts:AssumeRole */
  readonly action?: string;
  /**
   * Whether the caller's own policy allows the action on the role: needed whenever the trust
   * names the caller's account rather than the caller (and for any cross-account call).
   * @default true
   */
  readonly callerAllows?: boolean;
  /** More request context (aws:SourceIp, ...). @default none */
  readonly context?: Record<string, string>;
}

/** `sts:AssumeRole` by a session of another role (trust.roles), as STS sees it. */
export function simulateAssumeRole(trustPolicy: string, request: AssumeRoleRequest): Decision {
  const [, partition, , , account, resource] = request.callerRoleArn.split(":");
  const roleName = resource.slice(resource.lastIndexOf("/") + 1);
  const session = `arn:${partition}:sts::${account}:assumed-role/${roleName}/session`;
  const action = request.action ?? "sts:AssumeRole";
  const identity =
    request.callerAllows === false
      ? []
      : [
          {
            name: "caller",
            policy: {
              Version: "2012-10-17",
              Statement: [{ Effect: "Allow", Action: action, Resource: request.roleArn }],
            },
          },
        ];
  const context = {
    ...request.context,
    "aws:PrincipalArn": request.callerRoleArn,
    "aws:PrincipalAccount": account,
  };
  return simulate(trustPolicy, session, action, request.roleArn, context, identity);
}
