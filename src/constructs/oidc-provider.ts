import { Fn, TerraformLocal, TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { DataAwsEksCluster } from "@cdktf/provider-aws/lib/data-aws-eks-cluster";
import { IamOpenidConnectProvider } from "@cdktf/provider-aws/lib/iam-openid-connect-provider";
import type { Partition } from "../bindings/model";
import { issuerHost, oidcProviderArn } from "../iam/arns";
import { STS_AUDIENCE } from "../iam/trust-policy";
import { named, resourceAddress } from "./addresses";
import { literalTags } from "./terraform-literal";

export interface OidcProviderProps {
  /** Cluster key: the provider's Terraform name. */
  readonly clusterKey: string;
  /** EKS cluster name, to read the issuer when it is not given. */
  readonly clusterName: string;
  /**
   * The cluster's issuer URL.
   * @default read from aws_eks_cluster at plan time
   */
  readonly issuer?: string;
  /** Provider for the cluster's region, when the issuer is read from the cluster. */
  readonly clusterRegionProvider?: TerraformProvider;
  /**
   * create: manage the IAM OIDC provider here; existing: only reference it by its computed ARN;
   * adopt: import the existing one (by ARN) and manage it from then on.
   */
  readonly mode: "create" | "existing" | "adopt";
  readonly partition: Partition;
  /** The account this provider lives in (the account of the roles that trust it). */
  readonly accountId: string;
  /** @default no tags */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * The IAM OIDC identity provider of one cluster in one account: what IRSA trust policies name as
 * their Federated principal.
 */
export class OidcProvider extends Construct {
  /** The issuer host (literal, or a Terraform expression when read at plan time). */
  readonly issuerHost: string;
  /** The provider's ARN, computed (literal when the issuer is known). */
  readonly arn: string;
  /** The managed resource, when this stack creates (or adopts) it. */
  readonly resource?: IamOpenidConnectProvider;
  /** Its address, for the depends_on of the roles that trust it; undefined when it exists elsewhere. */
  readonly address?: string;
  /** Whether the issuer is a literal in the output (trust policies are then reviewable JSON). */
  readonly issuerKnown: boolean;

  constructor(scope: Construct, id: string, props: OidcProviderProps) {
    super(scope, id);
    let issuer: string;
    if (props.issuer !== undefined) {
      issuer = props.issuer;
      this.issuerHost = issuerHost(props.issuer);
      this.issuerKnown = true;
    } else {
      const cluster = named(
        new DataAwsEksCluster(this, "cluster", { name: props.clusterName, provider: props.clusterRegionProvider }),
        props.clusterKey,
      );
      issuer = cluster.identity.get(0).oidc.get(0).issuer;
      const host = named(
        new TerraformLocal(this, "issuer-host", Fn.replace(issuer, "https://", "")),
        `oidc_issuer_host_${props.clusterKey}`,
      );
      this.issuerHost = host.asString;
      this.issuerKnown = false;
    }
    this.arn = oidcProviderArn(props.partition, props.accountId, this.issuerHost);
    if (props.mode !== "existing") {
      this.resource = named(
        new IamOpenidConnectProvider(this, "provider", {
          url: issuer,
          clientIdList: [STS_AUDIENCE],
          ...literalTags(props.tags),
        }),
        props.clusterKey,
      );
      if (props.mode === "adopt") this.resource.importFrom(this.arn);
      this.address = resourceAddress(this.resource);
    }
  }
}
