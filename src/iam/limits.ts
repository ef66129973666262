/** IAM and Kubernetes limits the loader enforces, so that Terraform never meets them at apply. */
export const ROLE_NAME_MAX = 64;
export const ROLE_PATH_MAX = 512;
export const MANAGED_POLICY_LENGTH_MAX = 6144;
export const ROLE_TRUST_POLICY_LENGTH_DEFAULT = 2048;
export const MANAGED_POLICIES_PER_ROLE_DEFAULT = 10;
export const TAGS_PER_ROLE_MAX = 50;
export const TAG_KEY_MAX = 128;
export const TAG_VALUE_MAX = 256;
/** A namespace is an RFC 1123 label. */
export const K8S_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
export const K8S_LABEL_MAX = 63;
/** A ServiceAccount name is an RFC 1123 subdomain. */
export const K8S_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
export const K8S_SUBDOMAIN_MAX = 253;
export const ROLE_NAME = /^[\w+=,.@-]+$/;
/** IAM allows any printable character; braces are left out, so no path can read as a Terraform template. */
export const ROLE_PATH = /^\/([\x21-\x7a\x7c\x7e]*\/)?$/;

/**
 * Roles in one IAM stack beyond which `terraform plan` gets slow. Measured offline (BENCHMARKS.md):
 * about 5 s plus 25 ms per role, 17 s at 500; a real plan also refreshes every resource against IAM.
 */
export const SLOW_PLAN_ROLES_PER_STACK = 500;
export const PLAN_SECONDS_BASE = 4.9;
export const PLAN_SECONDS_PER_ROLE = 0.025;
