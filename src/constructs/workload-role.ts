import { Construct } from "constructs";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { IamRolePolicyAttachmentsExclusive } from "@cdktf/provider-aws/lib/iam-role-policy-attachments-exclusive";
import type { Statement } from "../bindings/model";
import { address, dependsOn, managedPolicyKeys, named, resourceAddress } from "./addresses";
import { WorkloadPolicy } from "./workload-policy";
import { literalTags, terraformLiteral } from "./terraform-literal";

export interface WorkloadRoleProps {
  /** Terraform name of the role and its policy (the binding's name). */
  readonly address: string;
  readonly name: string;
  /** @default "/" */
  readonly path?: string;
  /** The trust policy, as rendered JSON (it may hold Terraform expressions for issuers read at plan time). */
  readonly trustPolicy: string;
  /** @default none */
  readonly description?: string;
  /** @default 3600 */
  readonly maxSessionDuration?: number;
  /** @default none */
  readonly permissionsBoundary?: string;
  /** @default no tags */
  readonly tags?: Readonly<Record<string, string>>;
  /** ARNs of managed policies to attach. @default none */
  readonly managedPolicies?: readonly string[];
  /** Statements of the role's own customer-managed policy. @default none (no policy) */
  readonly statements?: readonly Statement[];
  /** ARN the role's own policy gets (computed from the account, path and name). Required with statements. */
  readonly policyArn?: string;
  /** Addresses the role must wait for: the OIDC providers its trust policy names. @default nothing */
  readonly dependsOn?: readonly string[];
  /**
   * Own the role's managed policy attachments: any policy attached elsewhere (by hand, another
   * tool) is detached at the next apply.
   * @default true
   */
  readonly exclusivePolicyAttachments?: boolean;
  /** Import an existing role of this name instead of creating it. @default false */
  readonly adoptRole?: boolean;
  /** Import the existing customer-managed policy (at policyArn) instead of creating it. @default false */
  readonly adoptPolicy?: boolean;
}

/**
 * A workload's IAM role: trust, its own policy, and managed policy attachments under stable keys.
 * Every value is a literal (names and ARNs are computed), with depends_on for the order, so the
 * plan a reviewer reads shows the real role name and policy ARN on every attachment.
 */
export class WorkloadRole extends Construct {
  readonly role: IamRole;
  readonly policy?: WorkloadPolicy;

  constructor(scope: Construct, id: string, props: WorkloadRoleProps) {
    super(scope, id);
    const path = props.path ?? "/";
    this.role = named(
      new IamRole(this, "role", {
        name: props.name,
        path,
        assumeRolePolicy: props.trustPolicy,
        ...(props.description !== undefined ? { description: terraformLiteral(props.description) } : {}),
        maxSessionDuration: props.maxSessionDuration ?? 3600,
        ...(props.permissionsBoundary !== undefined ? { permissionsBoundary: props.permissionsBoundary } : {}),
        ...literalTags(props.tags),
      }),
      props.address,
    );
    dependsOn(this.role, props.dependsOn ?? []);
    if (props.adoptRole) this.role.importFrom(props.name);
    const roleAddress = resourceAddress(this.role);

    const attached: string[] = [];
    const attachments: string[] = [];
    const attach = (key: string | undefined, policyArn: string, after: string[]) => {
      const attachment = named(
        new IamRolePolicyAttachment(this, key ? `managed-${key}` : "policy-attachment", {
          role: props.name,
          policyArn,
        }),
        key ? address(props.address, key) : props.address,
      );
      dependsOn(attachment, after);
      attached.push(policyArn);
      attachments.push(resourceAddress(attachment));
    };

    if (props.statements && props.statements.length > 0) {
      if (props.policyArn === undefined)
        throw new Error(`WorkloadRole ${props.address}: policyArn is required with statements`);
      this.policy = new WorkloadPolicy(this, "policy", {
        address: props.address,
        name: props.name,
        path,
        arn: props.policyArn,
        statements: props.statements,
        ...(props.description !== undefined ? { description: props.description } : {}),
        ...(props.tags ? { tags: props.tags } : {}),
      });
      if (props.adoptPolicy) this.policy.policy.importFrom(props.policyArn);
      attach(undefined, this.policy.arn, [roleAddress, resourceAddress(this.policy.policy)]);
    }
    for (const [arn, key] of managedPolicyKeys(props.managedPolicies ?? [])) attach(key, arn, [roleAddress]);

    // The individual attachments give each policy its own line in a plan; this resource removes
    // whatever else is attached, so hand-made drift does not survive the next apply. It comes
    // after the attachments, so that it never sees a policy of ours as one to detach.
    if (props.exclusivePolicyAttachments ?? true) {
      const exclusive = named(
        new IamRolePolicyAttachmentsExclusive(this, "exclusive-attachments", {
          roleName: props.name,
          policyArns: attached,
        }),
        props.address,
      );
      dependsOn(exclusive, [roleAddress, ...attachments]);
    }
  }
}
