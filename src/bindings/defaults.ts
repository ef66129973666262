/**
 * Every default of the file, in one place: the model builder applies them and the schema documents
 * them (its `default` metadata reads these constants), so the two never disagree. Constructs have
 * none of their own: the model always supplies the value.
 */
import { MANAGED_POLICIES_PER_ROLE_DEFAULT, ROLE_TRUST_POLICY_LENGTH_DEFAULT } from "../iam/limits";

export const DEFAULTS = {
  partition: "aws",
  mode: "irsa",
  oidcProvider: "create",
  kubernetesAuth: "token",
  roleNamePrefix: "",
  rolePath: "/",
  /** IAM's own default and minimum, in seconds. */
  maxSessionDuration: 3600,
  exclusivePolicyAttachments: true,
  effect: "Allow",
  serviceAccountCreate: true,
  automountToken: true,
  useLockfile: true,
  managedPoliciesPerRole: MANAGED_POLICIES_PER_ROLE_DEFAULT,
  roleTrustPolicyLength: ROLE_TRUST_POLICY_LENGTH_DEFAULT,
  adopt: false,
} as const;
