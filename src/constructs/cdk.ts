/**
 * cdktf and its providers, in one place: every other file imports them from here. HashiCorp
 * archived CDKTF; moving to the community fork (cdktn, a rename) then changes this file and
 * package.json. Providers by deep path only: the packages' barrels load every resource type
 * (seconds and hundreds of MB per process).
 */
export {
  App,
  DefaultTokenResolver,
  Fn,
  Lazy,
  StringConcat,
  LocalBackend,
  S3Backend,
  TerraformLocal,
  TerraformOutput,
  TerraformResource,
  TerraformElement as TerraformElementClass,
  TerraformStack,
  Token,
  Tokenization,
} from "cdktf";
export type { S3BackendConfig, TerraformElement, TerraformProvider } from "cdktf";

export { AwsProvider } from "@cdktf/provider-aws/lib/provider";
export { DataAwsEksCluster } from "@cdktf/provider-aws/lib/data-aws-eks-cluster";
export { DataAwsEksClusterAuth } from "@cdktf/provider-aws/lib/data-aws-eks-cluster-auth";
export { EksPodIdentityAssociation } from "@cdktf/provider-aws/lib/eks-pod-identity-association";
export { IamOpenidConnectProvider } from "@cdktf/provider-aws/lib/iam-openid-connect-provider";
export { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
export { IamRole } from "@cdktf/provider-aws/lib/iam-role";
export { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
export { IamRolePolicyAttachmentsExclusive } from "@cdktf/provider-aws/lib/iam-role-policy-attachments-exclusive";

export { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
export { ServiceAccountV1 } from "@cdktf/provider-kubernetes/lib/service-account-v1";
