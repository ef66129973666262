import { Construct } from "constructs";
import { renderPolicy } from "../iam/policy-document";
import type { Statement } from "../iam/types";
import { workloadPolicy } from "../iam/workload-policy";
import { named, type ResourceName } from "./addresses";
import { IamPolicy } from "./cdk";
import { literalTags, terraformLiteral } from "./terraform-literal";

export interface WorkloadPolicyProps {
  /** Terraform name (the binding's name, and the names it had). */
  readonly address: ResourceName;
  /** IAM name of the policy (the role's name). */
  readonly name: string;
  /** IAM path of the policy (the role's path). */
  readonly path: string;
  /** The policy's ARN, computed (`arn:<partition>:iam::<account>:policy<path><name>`). */
  readonly arn: string;
  readonly statements: readonly Statement[];
  /** @default none */
  readonly description?: string;
  /** Tags of the policy; none when empty. */
  readonly tags: Readonly<Record<string, string>>;
  /**
   * Replace it create-before-destroy: then, when the policy leaves the file, Terraform 1.11
   * updates what lists it (the role's exclusive attachments, which detach it) before it deletes
   * the policy; without it, the delete comes first and IAM refuses it (DeleteConflict).
   */
  readonly createBeforeDestroy?: boolean;
}

/**
 * A binding's statements as one customer-managed policy, its JSON a literal in the output. Its
 * description is written when it is created and never changed after: IAM cannot change a
 * policy's description, so a change would replace the policy, which IAM refuses while it is
 * attached (and create-before-destroy refuses too: policy names are unique whatever the path).
 */
export class WorkloadPolicy extends Construct {
  readonly policy: IamPolicy;
  /** The policy's ARN, literal: attachments name it without a reference. */
  readonly arn: string;

  constructor(scope: Construct, id: string, props: WorkloadPolicyProps) {
    super(scope, id);
    this.arn = props.arn;
    this.policy = named(
      new IamPolicy(this, "policy", {
        name: props.name,
        path: props.path,
        policy: terraformLiteral(renderPolicy(workloadPolicy(props.statements))),
        ...(props.description !== undefined ? { description: terraformLiteral(props.description) } : {}),
        ...literalTags(props.tags),
        lifecycle: {
          ignoreChanges: ["description"],
          ...(props.createBeforeDestroy ? { createBeforeDestroy: true } : {}),
        },
      }),
      props.address,
    );
  }
}
