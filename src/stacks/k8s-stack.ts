import { Construct } from "constructs";
import { Binding, BindingsModel, Cluster, usesIrsa } from "../bindings/model";
import { awsAccountProvider, kubernetesClusterProvider } from "../constructs/providers";
import { serviceAccountAddress } from "../constructs/addresses";
import { ServiceAccount } from "../constructs/service-account";
import { IndependentStack } from "./independent-stack";

export interface K8sStackProps {
  readonly model: BindingsModel;
  readonly cluster: Cluster;
  /** Name the stack's state is kept under. @default the stack's name */
  readonly stateName?: string;
}

/** The bindings that podiam writes a ServiceAccount for on this cluster. */
export function serviceAccountBindings(model: BindingsModel, cluster: Cluster): Binding[] {
  return model.bindings.filter((binding) => binding.serviceAccount.create && binding.clusters.includes(cluster.key));
}

/** The ServiceAccounts of one cluster, annotated with their IRSA roles. */
export class K8sStack extends IndependentStack {
  constructor(scope: Construct, id: string, props: K8sStackProps) {
    super(scope, id, props.model.backend, props.stateName ?? id);
    const { model, cluster } = props;
    const account = model.accounts.get(cluster.account)!;
    awsAccountProvider(this, "aws", { account, region: cluster.region });
    kubernetesClusterProvider(this, cluster, account);

    for (const binding of serviceAccountBindings(model, cluster)) {
      for (const serviceAccount of binding.serviceAccounts) {
        // The address as construct id: one ServiceAccount per namespace/name on a cluster.
        new ServiceAccount(this, serviceAccountAddress(serviceAccount), {
          serviceAccount,
          ...(usesIrsa(binding.mode) ? { roleArn: binding.role.arn } : {}),
          annotations: binding.serviceAccount.annotations,
          labels: binding.serviceAccount.labels,
          automountToken: binding.serviceAccount.automountToken,
          adopt: binding.adopt.serviceAccounts,
        });
      }
    }
  }
}
