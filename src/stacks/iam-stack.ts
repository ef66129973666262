import { Construct } from "constructs";
import { TerraformOutput, TerraformProvider } from "cdktf";
import { Account, BindingsModel, usesIrsa, usesPodIdentity } from "../bindings/model";
import { customerPolicyArn } from "../iam/arns";
import { bindingTrustPolicy } from "../iam/binding-trust";
import { renderPolicy } from "../iam/policy-document";
import { address, named, resourceAddress, serviceAccountAddress } from "../constructs/addresses";
import { OidcProvider } from "../constructs/oidc-provider";
import { PodIdentityAssociation } from "../constructs/pod-identity-association";
import { awsAccountProvider } from "../constructs/providers";
import { WorkloadRole } from "../constructs/workload-role";
import { IndependentStack } from "./independent-stack";
import { iamMoves } from "./renames";

export interface IamStackProps {
  readonly model: BindingsModel;
  readonly account: Account;
  /** Name the stack's state is kept under. @default the stack's name */
  readonly stateName?: string;
}

/**
 * Everything IAM and EKS in one account: OIDC providers for the clusters its IRSA roles trust,
 * the roles with their policies, Pod Identity associations, and an output of every role's ARN.
 */
export class IamStack extends IndependentStack {
  private readonly regionalProviders = new Map<string, TerraformProvider>();

  constructor(scope: Construct, id: string, props: IamStackProps) {
    super(scope, id, props.model.backend, props.stateName ?? id);
    const { model, account } = props;
    awsAccountProvider(this, "aws", { account });

    const bindings = model.bindings.filter((binding) => binding.account === account.alias);
    const trustedClusters = new Set(bindings.filter((b) => usesIrsa(b.mode)).flatMap((b) => b.clusters));
    const oidcProviders = new Map<string, OidcProvider>();
    for (const key of [...trustedClusters].sort()) {
      const cluster = model.clusters.get(key)!;
      oidcProviders.set(
        key,
        new OidcProvider(this, `oidc-provider-${key}`, {
          clusterKey: key,
          clusterName: cluster.name,
          ...(cluster.oidcIssuer !== undefined
            ? { issuer: cluster.oidcIssuer }
            : { clusterRegionProvider: this.providerFor(account, cluster.region) }),
          mode: cluster.oidcProvider,
          partition: account.partition,
          accountId: account.id,
          tags: model.tags,
        }),
      );
    }

    const roleArns: Record<string, string> = {};
    for (const binding of bindings) {
      const trust = bindingTrustPolicy(model, binding, {
        unknownIssuerHost: (cluster) => oidcProviders.get(cluster.key)!.issuerHost,
      });
      const irsaProviders = usesIrsa(binding.mode) ? binding.clusters.map((key) => oidcProviders.get(key)!) : [];
      const workload = new WorkloadRole(this, `binding-${binding.name}`, {
        address: binding.name,
        name: binding.role.name,
        path: binding.role.path,
        trustPolicy: renderPolicy(trust),
        ...(binding.role.description !== undefined ? { description: binding.role.description } : {}),
        maxSessionDuration: binding.role.maxSessionDuration,
        ...(binding.role.permissionsBoundary !== undefined
          ? { permissionsBoundary: binding.role.permissionsBoundary }
          : {}),
        tags: binding.role.tags,
        managedPolicies: binding.managedPolicies,
        statements: binding.statements,
        policyArn: customerPolicyArn(account.partition, account.id, binding.role.path, binding.role.name),
        dependsOn: irsaProviders.flatMap((provider) => (provider.address ? [provider.address] : [])),
        exclusivePolicyAttachments: binding.role.exclusivePolicyAttachments,
        adoptRole: binding.adopt.role,
        adoptPolicy: binding.adopt.policy,
      });
      if (usesPodIdentity(binding.mode)) {
        for (const cluster of binding.clusters.map((key) => model.clusters.get(key)!)) {
          for (const serviceAccount of binding.serviceAccounts) {
            // Construct ids are the addresses: unique, where joining names with "-" would not be.
            new PodIdentityAssociation(
              this,
              `pod-identity-${address(cluster.key, serviceAccountAddress(serviceAccount))}`,
              {
                clusterKey: cluster.key,
                clusterName: cluster.name,
                serviceAccount,
                roleArn: binding.role.arn,
                provider: this.providerFor(account, cluster.region),
                tags: binding.role.tags,
                dependsOn: [resourceAddress(workload.role)],
              },
            );
          }
        }
      }
      roleArns[binding.name] = binding.role.arn;
    }

    const moves = iamMoves(model, account);
    if (moves.length > 0) this.addOverride("moved", moves);

    named(
      new TerraformOutput(this, "role-arns", {
        value: roleArns,
        description: `ARN of every workload role in account ${account.alias} (${account.id}), by binding name`,
      }),
      "role_arns",
    );
  }

  /** The default provider for the account's region; an aliased one, made once, for another region. */
  private providerFor(account: Account, region: string): TerraformProvider | undefined {
    if (region === account.region) return undefined;
    let provider = this.regionalProviders.get(region);
    if (!provider) {
      provider = awsAccountProvider(this, `aws-${region}`, { account, region, alias: region });
      this.regionalProviders.set(region, provider);
    }
    return provider;
  }
}
