/**
 * Trust relationships: who may assume a workload role. Pure functions from clusters and
 * ServiceAccounts to a policy document, so they can be size-checked in the loader, rendered into
 * the stacks and evaluated by a policy simulator in the tests.
 */
import { oidcProviderArn } from "./arns";
import { oneOrMany, PolicyDocument, policyDocument, PolicyStatement } from "./policy-document";
import type { Partition, ServiceAccountRef } from "./types";

/** The audience EKS projects into IRSA tokens, and the client id of every IRSA OIDC provider. */
export const STS_AUDIENCE = "sts.amazonaws.com";
export const POD_IDENTITY_PRINCIPAL = "pods.eks.amazonaws.com";

export interface IrsaTrust {
  /** Issuer host (the issuer URL without https://), or a Terraform expression that yields it at plan time. */
  readonly issuerHost: string;
  readonly serviceAccounts: readonly ServiceAccountRef[];
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
  for (const trust of props.irsa ?? [])
    statements.push(irsaTrustStatement(props.partition, props.roleAccountId, trust));
  for (const trust of props.podIdentity ?? []) {
    for (const sa of trust.serviceAccounts)
      statements.push(podIdentityTrustStatement(trust.clusterAccountId, trust.clusterArn, sa));
  }
  return policyDocument(statements);
}
