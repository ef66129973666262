/**
 * The providers of the generated stacks: aws per account (and per extra region), kubernetes per
 * cluster, reaching the API server as the eks-oidc repository does.
 */
import { Construct } from "constructs";
import { AwsProvider, DataAwsEksCluster, DataAwsEksClusterAuth, Fn, KubernetesProvider } from "./cdk";
import { named } from "./addresses";

export interface AwsAccountProviderProps {
  /** The account's id: credentials of any other account fail at plan (allowed_account_ids). */
  readonly accountId: string;
  readonly region: string;
  /** The role the provider assumes (assume_role). @default none: the ambient credentials */
  readonly assumeRoleArn?: string;
  /** Provider alias, for a second region in one stack. @default none (the default provider) */
  readonly alias?: string;
}

/**
 * The aws provider of one account: assume_role when the account names a provider role, and
 * allowed_account_ids so that credentials of another account fail at plan, before any change.
 */
export function awsAccountProvider(scope: Construct, id: string, props: AwsAccountProviderProps): AwsProvider {
  return new AwsProvider(scope, id, {
    region: props.region,
    allowedAccountIds: [props.accountId],
    ...(props.assumeRoleArn ? { assumeRole: [{ roleArn: props.assumeRoleArn }] } : {}),
    ...(props.alias ? { alias: props.alias } : {}),
  });
}

export interface KubernetesClusterProviderProps {
  /** The cluster key: the Terraform name of the data sources that read the cluster. */
  readonly clusterKey: string;
  /** The EKS cluster name. */
  readonly clusterName: string;
  readonly region: string;
  /** token: aws_eks_cluster_auth at plan time; exec: `aws eks get-token` where Terraform runs. */
  readonly auth: "token" | "exec";
  /** The role `aws eks get-token` assumes (exec only). @default none: the ambient credentials */
  readonly assumeRoleArn?: string;
}

/** The kubernetes provider of one cluster: endpoint and CA from aws_eks_cluster, a token or `aws eks get-token`. */
export function kubernetesClusterProvider(scope: Construct, props: KubernetesClusterProviderProps): KubernetesProvider {
  const eks = named(new DataAwsEksCluster(scope, "cluster", { name: props.clusterName }), props.clusterKey);
  const connection = {
    host: eks.endpoint,
    clusterCaCertificate: Fn.base64decode(eks.certificateAuthority.get(0).data),
  };
  if (props.auth === "exec") {
    const roleArgs = props.assumeRoleArn ? ["--role-arn", props.assumeRoleArn] : [];
    return new KubernetesProvider(scope, "kubernetes", {
      ...connection,
      exec: [
        {
          apiVersion: "client.authentication.k8s.io/v1beta1",
          command: "aws",
          args: ["eks", "get-token", "--cluster-name", props.clusterName, "--region", props.region, ...roleArgs],
        },
      ],
    });
  }
  const auth = named(new DataAwsEksClusterAuth(scope, "cluster-auth", { name: props.clusterName }), props.clusterKey);
  return new KubernetesProvider(scope, "kubernetes", { ...connection, token: auth.token });
}
