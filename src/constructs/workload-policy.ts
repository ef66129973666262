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
}

/** A binding's statements as one customer-managed policy, its JSON a literal in the output. */
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
      }),
      props.address,
    );
  }
}
