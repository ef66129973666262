import { Construct } from "constructs";
import type { ServiceAccountRef } from "../iam/types";
import { ROLE_ARN_ANNOTATION } from "../kubernetes/annotations";
import { named, serviceAccountAddress } from "./addresses";
import { ServiceAccountV1 } from "./cdk";
import { terraformLiteralMap } from "./terraform-literal";

export interface ServiceAccountProps {
  readonly serviceAccount: ServiceAccountRef;
  /**
   * The IRSA role the ServiceAccount's pods assume (annotation eks.amazonaws.com/role-arn).
   * @default no annotation (Pod Identity only)
   */
  readonly roleArn?: string;
  /** Annotations besides the role's; none when empty. */
  readonly annotations: Readonly<Record<string, string>>;
  /** Labels; none when empty. */
  readonly labels: Readonly<Record<string, string>>;
  /** automount_service_account_token. */
  readonly automountToken: boolean;
  /** Import the existing ServiceAccount instead of creating it. */
  readonly adopt: boolean;
}

/** A Kubernetes ServiceAccount, annotated with its IRSA role. */
export class ServiceAccount extends Construct {
  static readonly resourceCount = 1;

  constructor(scope: Construct, id: string, props: ServiceAccountProps) {
    super(scope, id);
    const annotations: Record<string, string> = { ...props.annotations };
    if (props.roleArn !== undefined) annotations[ROLE_ARN_ANNOTATION] = props.roleArn;
    const resource = named(
      new ServiceAccountV1(this, "service-account", {
        metadata: {
          name: props.serviceAccount.name,
          namespace: props.serviceAccount.namespace,
          annotations: terraformLiteralMap(annotations),
          labels: terraformLiteralMap(props.labels),
        },
        automountServiceAccountToken: props.automountToken,
      }),
      serviceAccountAddress(props.serviceAccount),
    );
    if (props.adopt) resource.importFrom(`${props.serviceAccount.namespace}/${props.serviceAccount.name}`);
  }
}
