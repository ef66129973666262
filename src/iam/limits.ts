/** IAM's limits the loader enforces, so that Terraform never meets them at apply. */
export const ROLE_NAME_MAX = 64;
export const ROLE_PATH_MAX = 512;
export const MANAGED_POLICY_LENGTH_MAX = 6144;
export const ROLE_TRUST_POLICY_LENGTH_DEFAULT = 2048;
export const MANAGED_POLICIES_PER_ROLE_DEFAULT = 10;
export const TAGS_PER_ROLE_MAX = 50;
export const ROLE_NAME = /^[\w+=,.@-]+$/;
/** IAM allows any printable character; braces are left out, so no path can read as a Terraform template. */
export const ROLE_PATH = /^\/([\x21-\x7a\x7c\x7e]*\/)?$/;
