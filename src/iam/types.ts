/**
 * The small types IAM documents are made of. They live here, in the leaf, so that the model,
 * presets and constructs all speak them without `src/iam` knowing any of those.
 */

export type Partition = "aws" | "aws-cn" | "aws-us-gov";

/** A Kubernetes ServiceAccount, by namespace and name. */
export interface ServiceAccountRef {
  readonly namespace: string;
  readonly name: string;
}

export type ConditionValue = string | number | boolean;

/** operator -> condition key -> value or values, as IAM writes them. */
export type Conditions = Readonly<Record<string, Readonly<Record<string, ConditionValue | readonly ConditionValue[]>>>>;

/** One policy statement, as podiam writes it (camelCase lists; IAM's JSON is policy-document.ts). */
export interface Statement {
  readonly sid?: string;
  readonly effect: "Allow" | "Deny";
  readonly actions?: readonly string[];
  readonly notActions?: readonly string[];
  readonly resources?: readonly string[];
  readonly notResources?: readonly string[];
  readonly conditions?: Conditions;
}
