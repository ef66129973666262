import { Construct } from "constructs";
import type { Statement } from "../iam/types";
import { dependsOn, managedPolicyKeys, named, Renamable, resourceAddress, ResourceName } from "./addresses";
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
   * tool) is detached at the next apply.
   */
  readonly exclusivePolicyAttachments: boolean;
  /** Import an existing role of this name instead of creating it. */
  readonly adoptRole: boolean;
}

/**
 * A workload's IAM role: trust, its own policy, and managed policy attachments under stable keys.
 * Every value is a literal (names and ARNs are computed), with depends_on for the order, so the
 * plan a reviewer reads shows the real role name and policy ARN on every attachment.
 */
export class WorkloadRole extends Construct {
  /** The resources it makes for these props (for sharing the synth between threads). */
  static resourceCount(
    props: Pick<WorkloadRoleProps, "managedPolicies" | "ownPolicy" | "presetPolicies" | "exclusivePolicyAttachments">,
  ): number {
    return (
      1 +
      (props.ownPolicy ? 2 : 0) +
      2 * props.presetPolicies.length +
      props.managedPolicies.length +
      (props.exclusivePolicyAttachments ? 1 : 0)
    );
  }

  readonly role: IamRole;
  readonly policy?: WorkloadPolicy;

  constructor(scope: Construct, id: string, props: WorkloadRoleProps) {
    super(scope, id);
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
      }),
      nameOf(),
    );
    dependsOn(this.role, props.dependsOn);
    if (props.adoptRole) this.role.importFrom(props.name);
    const roleAddress = resourceAddress(this.role);

    const attached: string[] = [];
    const attachments: string[] = [];
    const attach = (id: string, name: ResourceName, policyArn: string, after: string[]) => {
      const attachment = named(
        new IamRolePolicyAttachment(this, id, {
          role: props.name,
          policyArn,
        }),
        name,
      );
      dependsOn(attachment, after);
      attached.push(policyArn);
      attachments.push(resourceAddress(attachment));
    };

    if (props.ownPolicy) {
      this.policy = new WorkloadPolicy(this, "policy", {
        address: nameOf(),
        name: props.name,
        path: props.path,
        arn: props.ownPolicy.arn,
        statements: props.ownPolicy.statements,
        description: props.description,
        tags: props.tags,
      });
      if (props.ownPolicy.adopt) this.policy.policy.importFrom(props.ownPolicy.arn);
      attach("policy-attachment", nameOf(), this.policy.arn, [roleAddress, resourceAddress(this.policy.policy)]);
    }
    // Preset names never hold "_", which every managed policy key does: the names never meet.
    for (const preset of props.presetPolicies) {
      const id = `preset-${preset.addressParts.join("-")}`;
      const policy = new WorkloadPolicy(this, id, {
        address: nameOf(...preset.addressParts),
        name: preset.name,
        path: props.path,
        arn: preset.arn,
        statements: preset.statements,
        description: preset.description,
        tags: props.tags,
      });
      attach(`${id}-attachment`, nameOf(...preset.addressParts), policy.arn, [
        roleAddress,
        resourceAddress(policy.policy),
      ]);
    }
    for (const [arn, key] of managedPolicyKeys(props.managedPolicies))
      attach(`managed-${key}`, nameOf(key), arn, [roleAddress, ...(props.managedPolicyDependsOn?.[arn] ?? [])]);

    // The individual attachments give each policy its own line in a plan; this resource removes
    // whatever else is attached, so hand-made drift does not survive the next apply. It comes
    // after the attachments, so that it never sees a policy of ours as one to detach.
    if (props.exclusivePolicyAttachments) {
      const exclusive = named(
        new IamRolePolicyAttachmentsExclusive(this, "exclusive-attachments", {
          roleName: props.name,
          policyArns: attached,
        }),
        nameOf(),
      );
      dependsOn(exclusive, [roleAddress, ...attachments]);
    }
  }
}
