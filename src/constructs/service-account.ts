import { Construct } from "constructs";
import { ServiceAccountV1 } from "@cdktf/provider-kubernetes/lib/service-account-v1";
import { ROLE_ARN_ANNOTATION, ServiceAccountRef } from "../bindings/model";
import { named, serviceAccountAddress } from "./addresses";
import { terraformLiteralMap } from "./terraform-literal";

export interface ServiceAccountProps {
  readonly serviceAccount: ServiceAccountRef;
  /**
   * The IRSA role the ServiceAccount's pods assume (annotation eks.amazonaws.com/role-arn).
   * @default no annotation (Pod Identity only)
   */
  readonly roleArn?: string;
  /** @default none */
  readonly annotations?: Readonly<Record<string, string>>;
  /** @default none */
  readonly labels?: Readonly<Record<string, string>>;
  /** automount_service_account_token. @default true */
  readonly automountToken?: boolean;
  /** Import the existing ServiceAccount instead of creating it. @default false */
  readonly adopt?: boolean;
}

/** A Kubernetes ServiceAccount, annotated with its IRSA role. */
export class ServiceAccount extends Construct {
  constructor(scope: Construct, id: string, props: ServiceAccountProps) {
    super(scope, id);
    const annotations: Record<string, string> = { ...props.annotations };
    if (props.roleArn !== undefined) annotations[ROLE_ARN_ANNOTATION] = props.roleArn;
    const resource = named(
      new ServiceAccountV1(this, "service-account", {
        metadata: {
          name: props.serviceAccount.name,
          namespace: props.serviceAccount.namespace,
          ...(Object.keys(annotations).length > 0 ? { annotations: terraformLiteralMap(annotations) } : {}),
          ...(props.labels && Object.keys(props.labels).length > 0
            ? { labels: terraformLiteralMap(props.labels) }
            : {}),
        },
        automountServiceAccountToken: props.automountToken ?? true,
      }),
      serviceAccountAddress(props.serviceAccount),
    );
    if (props.adopt) resource.importFrom(`${props.serviceAccount.namespace}/${props.serviceAccount.name}`);
  }
}
