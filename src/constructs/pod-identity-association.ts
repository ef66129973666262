import { Construct } from "constructs";
import type { TerraformProvider } from "cdktf";
import { EksPodIdentityAssociation } from "@cdktf/provider-aws/lib/eks-pod-identity-association";
import type { ServiceAccountRef } from "../bindings/model";
import { address, dependsOn, named, serviceAccountAddress } from "./addresses";
import { literalTags } from "./terraform-literal";

export interface PodIdentityAssociationProps {
  readonly clusterKey: string;
  readonly clusterName: string;
  readonly serviceAccount: ServiceAccountRef;
  readonly roleArn: string;
  /** Provider for the cluster's region. @default the stack's default aws provider */
  readonly provider?: TerraformProvider;
  /** @default no tags */
  readonly tags?: Readonly<Record<string, string>>;
  /** Addresses to wait for: the role, which EKS checks exists. @default nothing */
  readonly dependsOn?: readonly string[];
}

/** EKS Pod Identity: the cluster hands the role to pods of one ServiceAccount. */
export class PodIdentityAssociation extends Construct {
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
      address(props.clusterKey, serviceAccountAddress(props.serviceAccount)),
    );
    dependsOn(association, props.dependsOn ?? []);
  }
}
