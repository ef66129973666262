import { Construct } from "constructs";
import { issuerHost, oidcProviderArn } from "../iam/arns";
import { STS_AUDIENCE } from "../iam/trust-policy";
import type { Partition } from "../iam/types";
import { named, Renamable, resourceAddress, ResourceName } from "./addresses";
import { DataAwsEksCluster, Fn, IamOpenidConnectProvider, TerraformLocal, type TerraformProvider } from "./cdk";
import { literalTags } from "./terraform-literal";

/** Where the issuer comes from: the file, or the cluster itself at plan time. */
export type OidcIssuerSource =
  | { readonly url: string }
  | {
      /**
       * Read from aws_eks_cluster at plan time, through this provider (the cluster's region).
       * @default the stack's default aws provider
       */
      readonly readWith?: TerraformProvider;
    };

export interface OidcProviderProps {
  /** The cluster key (and the keys it had): the provider's Terraform name. */
  readonly cluster: Renamable;
  /** EKS cluster name, to read the issuer when it is not given. */
  readonly clusterName: string;
  readonly issuer: OidcIssuerSource;
  /**
   * create: manage the IAM OIDC provider here; existing: only reference it by its computed ARN;
   * adopt: import the existing one (by ARN) and manage it from then on.
   */
  readonly mode: "create" | "existing" | "adopt";
  readonly partition: Partition;
  /** The account this provider lives in (the account of the roles that trust it). */
  readonly accountId: string;
  /** Tags of the provider; none when empty. */
  readonly tags: Readonly<Record<string, string>>;
}

/**
 * The IAM OIDC identity provider of one cluster in one account: what IRSA trust policies name as
 * their Federated principal.
 */
export class OidcProvider extends Construct {
  /** The resources it makes for these props: the provider, unless it exists elsewhere. */
  static resourceCount(props: Pick<OidcProviderProps, "mode">): number {
    return props.mode === "existing" ? 0 : 1;
  }

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
    if ("url" in props.issuer) {
      issuer = props.issuer.url;
      this.issuerHost = issuerHost(issuer);
      this.issuerKnown = true;
    } else {
      const cluster = named(
        new DataAwsEksCluster(this, "cluster", { name: props.clusterName, provider: props.issuer.readWith }),
        props.cluster.name,
      );
      issuer = cluster.identity.get(0).oidc.get(0).issuer;
      const host = named(
        new TerraformLocal(this, "issuer-host", Fn.replace(issuer, "https://", "")),
        `oidc_issuer_host_${props.cluster.name}`,
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
        new ResourceName(props.cluster),
      );
      if (props.mode === "adopt") this.resource.importFrom(this.arn);
      this.address = resourceAddress(this.resource);
    }
  }
}
