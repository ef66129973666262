import { Construct } from "constructs";
import type { Statement } from "../iam/types";
import {
  address,
  dependsOn,
  forget,
  managedPolicyKeys,
  named,
  Renamable,
  resourceAddress,
  ResourceName,
} from "./addresses";
import { IamRole, IamRolePolicyAttachment, IamRolePolicyAttachmentsExclusive } from "./cdk";
import { WorkloadPolicy } from "./workload-policy";
import { literalTags, terraformLiteral } from "./terraform-literal";

/** The role's own customer-managed policy: its statements, and the ARN it gets. */
export interface OwnPolicy {
  /** Computed from the account, path and name: attachments name it without a reference. */
  readonly arn: string;
  readonly statements: readonly Statement[];
  /** Import the existing customer-managed policy at `arn` instead of creating it. */
  readonly adopt: boolean;
}

/** A customer-managed policy of a preset the role uses: made, attached and kept like the role's own. */
export interface RolePresetPolicy {
  /** What its Terraform name adds to the role's: `[<preset>]`, `[<preset>, "2"]` for a second part. */
  readonly addressParts: readonly string[];
  /** IAM name (`<role name>-<preset>`). */
  readonly name: string;
  /** Computed from the account, path and name: attachments name it without a reference. */
  readonly arn: string;
  readonly statements: readonly Statement[];
  /** Stable across versions of the preset: IAM replaces a policy whose description changes. */
  readonly description: string;
}

export interface WorkloadRoleProps {
  /** Terraform name of the role and of its policy and attachments: the binding's name, and the names it had. */
  readonly address: Renamable;
  readonly name: string;
  readonly path: string;
  /** The trust policy, as rendered JSON (it may hold Terraform expressions for issuers read at plan time). */
  readonly trustPolicy: string;
  /** @default none */
  readonly description?: string;
  readonly maxSessionDuration: number;
  /** @default none */
  readonly permissionsBoundary?: string;
  /** Tags of the role and its policy; none when empty. */
  readonly tags: Readonly<Record<string, string>>;
  /** ARNs of managed policies to attach. */
  readonly managedPolicies: readonly string[];
  /**
   * Addresses the attachment of a managed policy waits for, by its ARN: the policies the stack
   * makes itself (the file's policies). @default none
   */
  readonly managedPolicyDependsOn?: Readonly<Record<string, readonly string[]>>;
  /** @default none: the role has no policy of its own */
  readonly ownPolicy?: OwnPolicy;
  /** The policies of the presets the role uses, each attached (none: an empty list). */
  readonly presetPolicies: readonly RolePresetPolicy[];
  /** Addresses the role must wait for: the OIDC providers its trust policy names. */
  readonly dependsOn: readonly string[];
  /**
   * Own the role's managed policy attachments: any policy attached elsewhere (by hand, another
   * tool) is detached at the next apply. Then the exclusive attachments attach every policy too,
   * and there is no attachment of its own per policy (see the class).
   */
  readonly exclusivePolicyAttachments: boolean;
  /** Import an existing role of this name instead of creating it. */
  readonly adoptRole: boolean;
  /**
   * Import all of it (the role, the policies it owns, its attachments) instead of creating it:
   * it was made by another stack, which forgets it (a binding that changed stack). @default false
   */
  readonly importAll?: boolean;
}

/** What `workloadRoleAddresses` needs: how the role's resources are named. */
export interface WorkloadRoleNaming {
  readonly address: Renamable;
  /** Whether the role has a policy of its own. */
  readonly ownPolicy: boolean;
  readonly presetPolicies: readonly Pick<RolePresetPolicy, "addressParts">[];
  readonly managedPolicies: readonly string[];
}

/**
 * Every address a WorkloadRole of this naming may have had in a stack: under each name of the
 * binding (oldest first), with and without exclusive attachments, and 0.1's attachments: what a
 * stack the role leaves forgets (`removed` blocks; one for an address not in the state does nothing).
 */
export function workloadRoleAddresses(naming: WorkloadRoleNaming): string[] {
  const addresses: string[] = [];
  for (const name of [...naming.address.previousNames, naming.address.name]) {
    const policies = [
      ...(naming.ownPolicy ? [name] : []),
      ...naming.presetPolicies.map((p) => address(name, ...p.addressParts)),
    ];
    addresses.push(`aws_iam_role.${name}`, ...policies.map((policy) => `aws_iam_policy.${policy}`));
    addresses.push(`aws_iam_role_policy_attachments_exclusive.${name}`);
    const attachments = [
      ...policies,
      ...[...managedPolicyKeys(naming.managedPolicies).values()].map((key) => address(name, key)),
    ];
    addresses.push(...attachments.map((attachment) => `aws_iam_role_policy_attachment.${attachment}`));
  }
  return [...new Set(addresses)];
}

/**
 * A workload's IAM role: trust, its own policy, and the managed policies attached to it. Every
 * value is a literal (names and ARNs are computed), with depends_on for the order, so the plan a
 * reviewer reads shows the real role name and policy ARN.
 *
 * With exclusive attachments (the default) the role, each policy it owns and one
 * `aws_iam_role_policy_attachments_exclusive` are all: that resource attaches every policy it
 * lists that the role lacks and detaches every other (the AWS provider's syncAttachments), so an
 * attachment per policy beside it would add resources and API reads, not guarantees. What that
 * takes, each measured in BENCHMARKS.md (Terraform 1.11.4, hashicorp/aws 5.100.0):
 * - it depends on the policies it attaches: a customer-managed one must exist first;
 * - the policies are create-before-destroy: a policy that leaves the file is detached (the
 *   exclusive attachments' update) before it is deleted;
 * - the role depends on its policies and detaches everything when it is deleted
 *   (force_detach_policies): deleting the exclusive attachments detaches nothing, so the role must
 *   go first, then its policies;
 * - the role is create-before-destroy too: a new role name makes the new role before the old one
 *   goes; a new path alone cannot be applied (names are unique whatever the path), and stops
 *   before anything is deleted, instead of deleting the role and then failing;
 * - the attachments an earlier podiam declared (`<binding>`, `<binding>__<key>`, under every name
 *   the binding had) are forgotten, never destroyed: `removed` blocks, `destroy = false`.
 * Without exclusive attachments, an attachment per policy, as before: nothing else attaches them.
 */
export class WorkloadRole extends Construct {
  /** The resources it makes for these props (for sharing the synth between threads). */
  static resourceCount(
    props: Pick<WorkloadRoleProps, "managedPolicies" | "ownPolicy" | "presetPolicies" | "exclusivePolicyAttachments">,
  ): number {
    const policies = (props.ownPolicy ? 1 : 0) + props.presetPolicies.length;
    return props.exclusivePolicyAttachments ? 1 + policies + 1 : 1 + 2 * policies + props.managedPolicies.length;
  }

  readonly role: IamRole;
  readonly policy?: WorkloadPolicy;

  constructor(scope: Construct, id: string, props: WorkloadRoleProps) {
    super(scope, id);
    const exclusive = props.exclusivePolicyAttachments;
    const nameOf = (...rest: string[]) => new ResourceName(props.address, rest);
    this.role = named(
      new IamRole(this, "role", {
        name: props.name,
        path: props.path,
        assumeRolePolicy: props.trustPolicy,
        ...(props.description !== undefined ? { description: terraformLiteral(props.description) } : {}),
        maxSessionDuration: props.maxSessionDuration,
        ...(props.permissionsBoundary !== undefined ? { permissionsBoundary: props.permissionsBoundary } : {}),
        ...literalTags(props.tags),
        ...(exclusive ? { forceDetachPolicies: true, lifecycle: { createBeforeDestroy: true } } : {}),
      }),
      nameOf(),
    );
    if (props.adoptRole || props.importAll) this.role.importFrom(props.name);
    const roleAddress = resourceAddress(this.role);

    // The policies the role owns, each with the Terraform name its attachment had: [policy, name].
    const owned: [WorkloadPolicy, ResourceName][] = [];
    if (props.ownPolicy) {
      this.policy = new WorkloadPolicy(this, "policy", {
        address: nameOf(),
        name: props.name,
        path: props.path,
        arn: props.ownPolicy.arn,
        statements: props.ownPolicy.statements,
        description: props.description,
        tags: props.tags,
        createBeforeDestroy: exclusive,
      });
      if (props.ownPolicy.adopt || props.importAll) this.policy.policy.importFrom(props.ownPolicy.arn);
      owned.push([this.policy, nameOf()]);
    }
    // Preset names never hold "_", which every managed policy key does: the names never meet.
    for (const preset of props.presetPolicies) {
      const policy = new WorkloadPolicy(this, `preset-${preset.addressParts.join("-")}`, {
        address: nameOf(...preset.addressParts),
        name: preset.name,
        path: props.path,
        arn: preset.arn,
        statements: preset.statements,
        description: preset.description,
        tags: props.tags,
        createBeforeDestroy: exclusive,
      });
      if (props.importAll) policy.policy.importFrom(preset.arn);
      owned.push([policy, nameOf(...preset.addressParts)]);
    }
    const policyAddresses = owned.map(([policy]) => resourceAddress(policy.policy));
    const managed = [...managedPolicyKeys(props.managedPolicies)];
    // Policies of the file this stack makes: attached once they exist, and outlived by the role.
    const madeHere = managed.flatMap(([arn]) => props.managedPolicyDependsOn?.[arn] ?? []);
    dependsOn(this.role, [...props.dependsOn, ...(exclusive ? [...policyAddresses, ...madeHere] : [])]);

    if (!exclusive) {
      const attach = (id: string, name: ResourceName, policyArn: string, after: string[]) => {
        const attachment = named(new IamRolePolicyAttachment(this, id, { role: props.name, policyArn }), name);
        // The provider imports an attachment by <role name>/<policy ARN>.
        if (props.importAll) attachment.importFrom(`${props.name}/${policyArn}`);
        dependsOn(attachment, after);
      };
      owned.forEach(([policy, name], i) =>
        attach(i === 0 && props.ownPolicy ? "policy-attachment" : `${policy.node.id}-attachment`, name, policy.arn, [
          roleAddress,
          policyAddresses[i],
        ]),
      );
      for (const [arn, key] of managed)
        attach(`managed-${key}`, nameOf(key), arn, [roleAddress, ...(props.managedPolicyDependsOn?.[arn] ?? [])]);
      return;
    }

    const exclusiveAttachments = named(
      new IamRolePolicyAttachmentsExclusive(this, "exclusive-attachments", {
        roleName: props.name,
        policyArns: [...owned.map(([policy]) => policy.arn), ...managed.map(([arn]) => arn)],
      }),
      nameOf(),
    );
    exclusiveAttachments.addOverride("depends_on", [roleAddress, ...policyAddresses, ...madeHere]);
    // The provider imports the exclusive attachments by the role's name.
    if (props.importAll) exclusiveAttachments.importFrom(props.name);
    // The attachments of the layout before (podiam 0.1), under every name the binding had.
    const attachments = [...owned.map(([, name]) => name), ...managed.map(([, key]) => nameOf(key))];
    forget(
      this,
      attachments.flatMap((name) =>
        [...name.previous, name.current].map((address) => `aws_iam_role_policy_attachment.${address}`),
      ),
    );
  }
}
