import { Construct } from "constructs";
import { BindingsModel, usesIrsa } from "../bindings/model";
import { serviceAccountAddress } from "../constructs/addresses";
import { awsAccountProvider, kubernetesClusterProvider } from "../constructs/providers";
import { ServiceAccount } from "../constructs/service-account";
import { IndependentStack } from "./independent-stack";
import type { K8sStackPlan } from "./stack-plan";

export interface K8sStackProps {
  /** The model: the accounts the cluster and its providers refer to. */
  readonly model: BindingsModel;
  /** The stack's cluster and the bindings it writes ServiceAccounts for. */
  readonly plan: K8sStackPlan;
}

/** The ServiceAccounts of one cluster, annotated with their IRSA roles. */
export class K8sStack extends IndependentStack {
  /** The resources the stack makes for a plan (for sharing the synth between threads). */
  static resourceCount(plan: K8sStackPlan): number {
    return plan.bindings.reduce((n, binding) => n + binding.serviceAccounts.length * ServiceAccount.resourceCount, 0);
  }

  constructor(scope: Construct, id: string, props: K8sStackProps) {
    super(scope, id, props.model.backend, props.plan.stateName);
    const { cluster } = props.plan;
    const account = props.model.accounts.get(cluster.account)!;
    const assumeRoleArn = account.providerRoleArn;
    awsAccountProvider(this, "aws", { accountId: account.id, region: cluster.region, assumeRoleArn });
    kubernetesClusterProvider(this, {
      clusterKey: cluster.key,
      clusterName: cluster.name,
      region: cluster.region,
      auth: cluster.kubernetesAuth,
      assumeRoleArn,
    });

    for (const binding of props.plan.bindings) {
      for (const serviceAccount of binding.serviceAccounts) {
        // The address as construct id: one ServiceAccount per namespace/name on a cluster.
        new ServiceAccount(this, serviceAccountAddress(serviceAccount), {
          serviceAccount,
          roleArn: usesIrsa(binding.mode) ? binding.role.arn : undefined,
          annotations: binding.serviceAccount.annotations,
          labels: binding.serviceAccount.labels,
          automountToken: binding.serviceAccount.automountToken,
          adopt: binding.adopt.serviceAccounts,
        });
      }
    }
  }
}
