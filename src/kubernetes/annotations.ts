/** Annotations with a meaning for EKS. */

/** The ServiceAccount annotation IRSA's webhook reads; podiam sets it from the binding's role. */
export const ROLE_ARN_ANNOTATION = "eks.amazonaws.com/role-arn";
