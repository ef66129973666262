import { Construct } from "constructs";
import type { ITerraformDependable } from "cdktf";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { IamRolePolicyAttachmentsExclusive } from "@cdktf/provider-aws/lib/iam-role-policy-attachments-exclusive";
import type { Statement } from "../bindings/model";
import { address, managedPolicyKey, named } from "./addresses";
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
  /** What the role must wait for: the OIDC providers its trust policy names. @default nothing */
  readonly dependsOn?: readonly ITerraformDependable[];
  /**
   * Own the role's managed policy attachments: any policy attached elsewhere (by hand, another
   * tool) is detached at the next apply.
   * @default true
   */
  readonly exclusivePolicyAttachments?: boolean;
  /** Import an existing role of this name instead of creating it. @default false */
  readonly adoptRole?: boolean;
  /** Import an existing customer-managed policy of this ARN instead of creating it. @default none */
  readonly adoptPolicyArn?: string;
}

/** A workload's IAM role: trust, its own policy, and managed policy attachments under stable keys. */
export class WorkloadRole extends Construct {
  readonly role: IamRole;
  readonly policy?: WorkloadPolicy;

  constructor(scope: Construct, id: string, props: WorkloadRoleProps) {
    super(scope, id);
    this.role = named(
      new IamRole(this, "role", {
        name: props.name,
        path: props.path ?? "/",
        assumeRolePolicy: props.trustPolicy,
        ...(props.description !== undefined ? { description: terraformLiteral(props.description) } : {}),
        maxSessionDuration: props.maxSessionDuration ?? 3600,
        ...(props.permissionsBoundary !== undefined ? { permissionsBoundary: props.permissionsBoundary } : {}),
        ...literalTags(props.tags),
        ...(props.dependsOn && props.dependsOn.length > 0 ? { dependsOn: [...props.dependsOn] } : {}),
      }),
      props.address,
    );
    if (props.adoptRole) this.role.importFrom(props.name);

    const attached: string[] = [];
    const attachments: IamRolePolicyAttachment[] = [];
    if (props.statements && props.statements.length > 0) {
      this.policy = new WorkloadPolicy(this, "policy", {
        address: props.address,
        name: props.name,
        path: props.path ?? "/",
        statements: props.statements,
        ...(props.description !== undefined ? { description: props.description } : {}),
        ...(props.tags ? { tags: props.tags } : {}),
      });
      attachments.push(
        named(new IamRolePolicyAttachment(this, "policy-attachment", { role: this.role.name, policyArn: this.policy.policy.arn }), props.address),
      );
      if (props.adoptPolicyArn) this.policy.policy.importFrom(props.adoptPolicyArn);
      attached.push(this.policy.policy.arn);
    }
    for (const arn of props.managedPolicies ?? []) {
      const key = managedPolicyKey(arn);
      attachments.push(
        named(new IamRolePolicyAttachment(this, `managed-${key}`, { role: this.role.name, policyArn: arn }), address(props.address, key)),
      );
      attached.push(arn);
    }
    // The individual attachments give each policy its own line in a plan; this resource removes
    // whatever else is attached, so hand-made drift does not survive the next apply.
    if (props.exclusivePolicyAttachments ?? true) {
      named(
        new IamRolePolicyAttachmentsExclusive(this, "exclusive-attachments", {
          roleName: this.role.name,
          policyArns: attached,
          // After the attachments, so that it never sees a policy of ours as one to detach.
          ...(attachments.length > 0 ? { dependsOn: attachments } : {}),
        }),
        props.address,
      );
    }
  }
}
