import { Construct } from "constructs";
import { presetPolicies } from "../bindings/binding-presets";
import { bindingTrustPolicy } from "../bindings/binding-trust";
import {
  Account,
  Binding,
  BindingsModel,
  Cluster,
  FilePolicy,
  filePoliciesInAccount,
  usesIrsa,
  usesPodIdentity,
} from "../bindings/model";
import { customerPolicyArn } from "../iam/arns";
import { renderPolicy } from "../iam/policy-document";
import {
  address,
  forget,
  named,
  Renamable,
  resourceAddress,
  ResourceName,
  serviceAccountAddress,
} from "../constructs/addresses";
import { Lazy, TerraformOutput, type TerraformProvider } from "../constructs/cdk";
import { OidcProvider } from "../constructs/oidc-provider";
import { PodIdentityAssociation } from "../constructs/pod-identity-association";
import { awsAccountProvider } from "../constructs/providers";
import { WorkloadPolicy } from "../constructs/workload-policy";
import { OwnPolicy, RolePresetPolicy, WorkloadRole, workloadRoleAddresses } from "../constructs/workload-role";
import { IndependentStack } from "./independent-stack";
import type { IamStackPlan } from "./stack-plan";

export interface IamStackProps {
  /** The model: the clusters and accounts the bindings refer to. */
  readonly model: BindingsModel;
  /** The stack's account and the bindings it holds. */
  readonly plan: IamStackPlan;
}

/**
 * Everything IAM and EKS in one account: OIDC providers for the clusters its IRSA roles trust,
 * the file's policies its roles attach, the roles with their policies, Pod Identity associations
 * (also for roles made elsewhere), and an output of every role's ARN.
 */
export class IamStack extends IndependentStack {
  /** The resources the stack makes for a plan (for sharing the synth between threads). */
  static resourceCount(model: BindingsModel, plan: IamStackPlan): number {
    const own = plan.stack === undefined;
    const providers = own
      ? trustedClusters(model, plan.accountBindings).reduce(
          (n, cluster) => n + OidcProvider.resourceCount({ mode: cluster.oidcProvider }),
          0,
        )
      : 0;
    const shared = own
      ? providers + filePoliciesInAccount(model, plan.account.alias).length + podIdentityCount(plan.accountBindings)
      : 0;
    return managedRoles(plan.bindings).reduce(
      (n, binding) =>
        n +
        WorkloadRole.resourceCount({
          managedPolicies: binding.managedPolicies,
          ownPolicy: binding.statements.length > 0 ? ownPolicyOf(plan.account, binding) : undefined,
          presetPolicies: rolePresetPolicies(plan.account, binding),
          exclusivePolicyAttachments: binding.role.exclusivePolicyAttachments,
        }),
      shared,
    );
  }

  private readonly model: BindingsModel;
  private readonly account: Account;
  private readonly regionalProviders = new Map<string, TerraformProvider>();
  private readonly oidcProviders = new Map<string, OidcProvider>();
  /** The address of each file policy this stack makes, by its ARN: attachments wait for it. */
  private readonly filePolicyAddresses: Record<string, readonly string[]> = {};

  constructor(scope: Construct, id: string, props: IamStackProps) {
    super(scope, id, props.model.backend, props.plan.stateName);
    this.model = props.model;
    const plan = props.plan;
    this.account = plan.account;
    const own = plan.stack === undefined;
    awsAccountProvider(this, "aws", {
      accountId: this.account.id,
      region: this.account.region,
      assumeRoleArn: this.account.providerRoleArn,
    });
    // A team stack only reads the issuers its roles' trust needs: the providers are the account stack's.
    this.addOidcProviders(own ? plan.accountBindings : plan.bindings, own);
    if (own) for (const policy of filePoliciesInAccount(this.model, this.account.alias)) this.addFilePolicy(policy);
    const here = new Set(plan.bindings);
    for (const binding of own ? plan.accountBindings : plan.bindings) {
      // A role made elsewhere: nothing in IAM, only its associations.
      const role = here.has(binding) && !binding.role.external ? this.addWorkloadRole(binding) : undefined;
      // The associations are the account's, whichever stack holds the role (see IamStackPlan).
      if (own && usesPodIdentity(binding.mode)) this.addPodIdentity(binding, role);
    }
    this.addRoleArnsOutput(managedRoles(plan.bindings), plan.stack);
    // What moved to another stack: that stack imports it; this one lets go of it, keeping it in AWS.
    for (const binding of managedRoles(plan.movedOut)) forget(this, this.addressesOf(binding));
  }

  /** Every address a binding's IAM resources have had in a stack, under each of its names, both layouts. */
  private addressesOf(binding: Binding): string[] {
    return workloadRoleAddresses({
      address: { name: binding.name, previousNames: binding.previousNames },
      ownPolicy: binding.statements.length > 0,
      presetPolicies: rolePresetPolicies(this.account, binding),
      managedPolicies: binding.managedPolicies,
    });
  }

  /**
   * A policy of the file, once in this account however many roles attach it; addressed by its key
   * (`policies__<key>`), so that a rename (previousNames) moves it. No binding is named `policies`
   * beside a preset of a file policy's name (the checks say so), so no address meets a preset's.
   */
  private addFilePolicy(policy: FilePolicy): void {
    const root: Renamable = {
      name: address("policies", policy.key),
      previousNames: policy.previousNames.map((name) => address("policies", name)),
    };
    const arn = customerPolicyArn(this.account.partition, this.account.id, policy.path, policy.name);
    const made = new WorkloadPolicy(this, `policy-${policy.key}`, {
      address: new ResourceName(root),
      name: policy.name,
      path: policy.path,
      arn,
      statements: policy.statements,
      description: policy.description,
      tags: this.model.tags,
      // Shared by bindings whose exclusive attachments detach it when it leaves the file.
      createBeforeDestroy: true,
    });
    this.filePolicyAddresses[arn] = [resourceAddress(made.policy)];
  }

  /**
   * One OIDC provider per cluster that an IRSA role of these bindings trusts; in a team stack
   * (`makes` false) only referenced, its issuer read where the file does not give it.
   */
  private addOidcProviders(bindings: readonly Binding[], makes: boolean): void {
    for (const cluster of trustedClusters(this.model, bindings)) {
      this.oidcProviders.set(
        cluster.key,
        new OidcProvider(this, `oidc-provider-${cluster.key}`, {
          cluster: { name: cluster.key, previousNames: cluster.previousNames },
          clusterName: cluster.name,
          issuer:
            cluster.oidcIssuer !== undefined
              ? { url: cluster.oidcIssuer }
              : { readWith: this.providerFor(cluster.region) },
          mode: makes ? cluster.oidcProvider : "existing",
          partition: this.account.partition,
          accountId: this.account.id,
          tags: this.model.tags,
        }),
      );
    }
  }

  private addWorkloadRole(binding: Binding): WorkloadRole {
    const trust = bindingTrustPolicy(this.model, binding, {
      unknownIssuerHost: (cluster) => this.oidcProviders.get(cluster.key)!.issuerHost,
    });
    const irsaProviders = usesIrsa(binding.mode) ? binding.clusters.map((key) => this.oidcProviders.get(key)!) : [];
    return new WorkloadRole(this, `binding-${binding.name}`, {
      address: { name: binding.name, previousNames: binding.previousNames },
      name: binding.role.name,
      path: binding.role.path,
      trustPolicy: renderPolicy(trust),
      description: binding.role.description,
      maxSessionDuration: binding.role.maxSessionDuration,
      permissionsBoundary: binding.role.permissionsBoundary,
      tags: binding.role.tags,
      managedPolicies: binding.managedPolicies,
      managedPolicyDependsOn: this.filePolicyAddresses,
      ownPolicy: binding.statements.length > 0 ? ownPolicyOf(this.account, binding) : undefined,
      presetPolicies: rolePresetPolicies(this.account, binding),
      dependsOn: irsaProviders.flatMap((provider) => (provider.address ? [provider.address] : [])),
      exclusivePolicyAttachments: binding.role.exclusivePolicyAttachments,
      adoptRole: binding.adopt.role,
      // It was in another stack (previousStacks), which forgets it: this one takes it over as it is.
      importAll: binding.previousStacks.length > 0,
    });
  }

  /** One association per (cluster, ServiceAccount), through the provider of the cluster's region. */
  private addPodIdentity(binding: Binding, role: WorkloadRole | undefined): void {
    for (const cluster of binding.clusters.map((key) => this.model.clusters.get(key)!)) {
      for (const serviceAccount of binding.serviceAccounts) {
        // Construct ids are the addresses: unique, where joining names with "-" would not be.
        new PodIdentityAssociation(
          this,
          `pod-identity-${address(cluster.key, serviceAccountAddress(serviceAccount))}`,
          {
            cluster: { name: cluster.key, previousNames: cluster.previousNames },
            clusterName: cluster.name,
            serviceAccount,
            roleArn: binding.role.arn,
            provider: this.providerFor(cluster.region),
            tags: binding.role.tags,
            dependsOn: role ? [resourceAddress(role.role)] : [],
          },
        );
      }
    }
  }

  private addRoleArnsOutput(bindings: readonly Binding[], stack: string | undefined): void {
    named(
      new TerraformOutput(this, "role-arns", {
        // Lazy: TerraformOutput inspects a plain value with util.isArray, deprecated since Node 22
        // (a DeprecationWarning on stderr on Node 24); a token it passes through untouched.
        value: Lazy.anyValue({ produce: () => Object.fromEntries(bindings.map((b) => [b.name, b.role.arn])) }),
        description: `ARN of every workload role in account ${this.account.alias} (${this.account.id})${stack !== undefined ? `, stack ${stack}` : ""}, by binding name`,
      }),
      "role_arns",
    );
  }

  /** The default provider for the account's region; an aliased one, made once, for another region. */
  private providerFor(region: string): TerraformProvider | undefined {
    if (region === this.account.region) return undefined;
    let provider = this.regionalProviders.get(region);
    if (!provider) {
      provider = awsAccountProvider(this, `aws-${region}`, {
        accountId: this.account.id,
        region,
        assumeRoleArn: this.account.providerRoleArn,
        alias: region,
      });
      this.regionalProviders.set(region, provider);
    }
    return provider;
  }
}

/** The bindings whose role podiam makes (not one made elsewhere). */
function managedRoles(bindings: readonly Binding[]): Binding[] {
  return bindings.filter((binding) => !binding.role.external);
}

/** The Pod Identity associations of these bindings: one per (cluster, ServiceAccount). */
function podIdentityCount(bindings: readonly Binding[]): number {
  return bindings
    .filter((binding) => usesPodIdentity(binding.mode))
    .reduce(
      (n, binding) =>
        n + binding.clusters.length * binding.serviceAccounts.length * PodIdentityAssociation.resourceCount,
      0,
    );
}

/** The clusters the IRSA roles among these bindings trust, by key; a role made elsewhere has its own trust. */
function trustedClusters(model: BindingsModel, bindings: readonly Binding[]): Cluster[] {
  const keys = new Set(
    managedRoles(bindings)
      .filter((b) => usesIrsa(b.mode))
      .flatMap((b) => b.clusters),
  );
  return [...keys].sort().map((key) => model.clusters.get(key)!);
}

function ownPolicyOf(account: Account, binding: Binding): OwnPolicy {
  return {
    arn: customerPolicyArn(account.partition, account.id, binding.role.path, binding.role.name),
    statements: binding.statements,
    adopt: binding.adopt.policy,
  };
}

/** The policies of the binding's presets, named after its role, in the role's path. */
function rolePresetPolicies(account: Account, binding: Binding): RolePresetPolicy[] {
  return presetPolicies(binding).map((policy) => ({
    addressParts: policy.addressParts,
    name: policy.name,
    arn: customerPolicyArn(account.partition, account.id, binding.role.path, policy.name),
    statements: policy.statements,
    description: `podiam preset ${policy.preset}${policy.part > 1 ? `, part ${policy.part}` : ""}`,
  }));
}
