import { Construct } from "constructs";
import type { ServiceAccountRef } from "../iam/types";
import { dependsOn, named, Renamable, ResourceName, serviceAccountAddress } from "./addresses";
import { EksPodIdentityAssociation, type TerraformProvider } from "./cdk";
import { literalTags } from "./terraform-literal";

export interface PodIdentityAssociationProps {
  /** The cluster key (and the keys it had): the first part of the association's Terraform name. */
  readonly cluster: Renamable;
  /** The EKS cluster name. */
  readonly clusterName: string;
  readonly serviceAccount: ServiceAccountRef;
  /** The role the cluster hands to the ServiceAccount's pods. */
  readonly roleArn: string;
  /** Provider for the cluster's region. @default the stack's default aws provider */
  readonly provider?: TerraformProvider;
  /** Tags of the association; none when empty. */
  readonly tags: Readonly<Record<string, string>>;
  /** Addresses to wait for: the role, which EKS checks exists. */
  readonly dependsOn: readonly string[];
}

/** EKS Pod Identity: the cluster hands the role to pods of one ServiceAccount. */
export class PodIdentityAssociation extends Construct {
  static readonly resourceCount = 1;

  constructor(scope: Construct, id: string, props: PodIdentityAssociationProps) {
    super(scope, id);
    const association = named(
      new EksPodIdentityAssociation(this, "association", {
        clusterName: props.clusterName,
        namespace: props.serviceAccount.namespace,
        serviceAccount: props.serviceAccount.name,
        roleArn: props.roleArn,
        ...(props.provider ? { provider: props.provider } : {}),
        ...literalTags(props.tags),
      }),
      // Not the binding's name: a ServiceAccount has one role per cluster, and moving it to another
      // binding (or renaming the binding) updates the association in place.
      new ResourceName(props.cluster, [serviceAccountAddress(props.serviceAccount)]),
    );
    dependsOn(association, props.dependsOn);
  }
}
