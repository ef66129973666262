/**
 * The providers of the generated stacks: aws per account (and per extra region), kubernetes per
 * cluster, reaching the API server as the eks-oidc repository does.
 */
import { Construct } from "constructs";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { DataAwsEksCluster } from "@cdktf/provider-aws/lib/data-aws-eks-cluster";
import { DataAwsEksClusterAuth } from "@cdktf/provider-aws/lib/data-aws-eks-cluster-auth";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { Fn } from "cdktf";
import type { Account, Cluster } from "../bindings/model";
import { named } from "./addresses";

export interface AwsAccountProviderProps {
  readonly account: Account;
  /** @default the account's region */
  readonly region?: string;
  /** Provider alias, for a second region in one stack. @default none (the default provider) */
  readonly alias?: string;
}

/**
 * The aws provider of one account: assume_role when the account names a provider role, and
 * allowed_account_ids so that credentials of another account fail at plan, before any change.
 */
export function awsAccountProvider(scope: Construct, id: string, props: AwsAccountProviderProps): AwsProvider {
  return new AwsProvider(scope, id, {
    region: props.region ?? props.account.region,
    allowedAccountIds: [props.account.id],
    ...(props.account.providerRoleArn ? { assumeRole: [{ roleArn: props.account.providerRoleArn }] } : {}),
    ...(props.alias ? { alias: props.alias } : {}),
  });
}

/** The kubernetes provider of one cluster: endpoint and CA from aws_eks_cluster, a token or `aws eks get-token`. */
export function kubernetesClusterProvider(scope: Construct, cluster: Cluster, account: Account): KubernetesProvider {
  const eks = named(new DataAwsEksCluster(scope, "cluster", { name: cluster.name }), cluster.key);
  const connection = {
    host: eks.endpoint,
    clusterCaCertificate: Fn.base64decode(eks.certificateAuthority.get(0).data),
  };
  if (cluster.kubernetesAuth === "exec") {
    const roleArgs = account.providerRoleArn ? ["--role-arn", account.providerRoleArn] : [];
    return new KubernetesProvider(scope, "kubernetes", {
      ...connection,
      exec: [
        {
          apiVersion: "client.authentication.k8s.io/v1beta1",
          command: "aws",
          args: ["eks", "get-token", "--cluster-name", cluster.name, "--region", cluster.region, ...roleArgs],
        },
      ],
    });
  }
  const auth = named(new DataAwsEksClusterAuth(scope, "cluster-auth", { name: cluster.name }), cluster.key);
  return new KubernetesProvider(scope, "kubernetes", { ...connection, token: auth.token });
}
