/**
 * The privilege-escalation paths IAM003 looks for: published research on what an AWS identity
 * can do to gain more than it was given, each path with the sources that describe it.
 *
 * Sources (the snapshot read is in each URL where the source is a repository):
 * - Rhino Security Labs, AWS IAM privilege escalation methods:
 *   https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/ (the 28 methods
 *   of RhinoSecurityLabs/AWS-IAM-Privilege-Escalation)
 * - pathfinding.cloud by Datadog: https://pathfinding.cloud/ (and the newer scenarios of
 *   DataDog/pathfinding-labs)
 * - PMapper's edge checks (nccgroup/PMapper, principalmapper/graphing/*_edges.py, gathering.py)
 * - Cloudsplaining's PRIVILEGE_ESCALATION_METHODS and ACTIONS_THAT_RETURN_CREDENTIALS
 *   (salesforce/cloudsplaining, cloudsplaining/shared/constants.py)
 * - Bishop Fox iam-vulnerable (modules/free-resources/privesc-paths/*.tf)
 * - HackTricks Cloud, AWS privilege escalation
 * - AWS documentation, where it says what a service does with a passed role
 *
 * How a path is matched (IAM003-privilege-escalation.ts):
 * - `actions`: all are needed together, granted by any Allow statements of the role (its own and
 *   its AWS managed policies), each on at least one resource of its type.
 * - `passedToService`: for paths with iam:PassRole, the services the role must be passable to; a
 *   PassRole whose iam:PassedToService condition admits none of them does not complete the path.
 * - `scope: "every"`: the path runs code in, or opens, a resource that already exists (a function,
 *   an instance, a key): it is only as bad as that resource, which a lint cannot see, so it counts
 *   only when its actions are granted on every resource of their type. `"any"`: granted anywhere
 *   is enough (a policy on the pod's own role is the escalation).
 *
 * Left out: sts:AssumeRole on every role (IAM005's finding), and Rhino's #23
 * codestar:CreateProjectFromTemplate, an API IAM never listed (CodeStar was discontinued in 2024).
 */

export interface EscalationSource {
  readonly name: string;
  readonly url: string;
}

export interface EscalationPath {
  /** pathfinding.cloud's id where it has one (`iam-001`...), else a descriptive one. */
  readonly id: string;
  readonly title: string;
  readonly category:
    "self-escalation" | "principal-access" | "new-passrole" | "existing-passrole" | "kubernetes" | "data-access";
  /** Needed together. */
  readonly actions: readonly string[];
  /** For paths with iam:PassRole: the services the passed role goes to. */
  readonly passedToService?: readonly string[];
  readonly scope: "any" | "every";
  /** The first is the one findings cite. */
  readonly sources: readonly EscalationSource[];
}

export const ESCALATION_PATHS: readonly EscalationPath[] = [
  {
    id: "iam-create-policy-version",
    title: "Rewrite a customer managed policy attached to oneself with a new default version",
    category: "self-escalation",
    actions: ["iam:CreatePolicyVersion"],
    scope: "any",
    sources: [
      {
        name: "Rhino Security Labs: method 1: Creating a new policy version",
        url: "https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/",
      },
      {
        name: "pathfinding.cloud (Datadog): iam-001: iam:CreatePolicyVersion",
        url: "https://pathfinding.cloud/paths/iam-001",
      },
      {
        name: 'Cloudsplaining: PRIVILEGE_ESCALATION_METHODS["CreateNewPolicyVersion"]',
        url: "https://github.com/salesforce/cloudsplaining/blob/5012eab1f7429ef3702e8f8379ed0a207ba77804/cloudsplaining/shared/constants.py#L117",
      },
      {
        name: "Bishop Fox iam-vulnerable: privesc1-CreateNewPolicyVersion",
        url: "https://github.com/BishopFox/iam-vulnerable/blob/0f298666f9b7cfa01488b86912afdb211773188a/modules/free-resources/privesc-paths/privesc1-CreateNewPolicyVersion.tf",
      },
      {
        name: "PMapper (NCC Group): gathering.py: iam:CreatePolicyVersion",
        url: "https://github.com/nccgroup/PMapper/blob/91d2e60102bdadf346d77b60d90ddaa4a678f037/principalmapper/graphing/gathering.py#L813",
      },
      {
        name: "HackTricks Cloud: iam:CreatePolicyVersion",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-iam-privesc/index.html",
      },
    ],
  },
  {
    id: "iam-set-default-policy-version",
    title: "Make an older, broader version of an attached policy the default",
    category: "self-escalation",
    actions: ["iam:SetDefaultPolicyVersion"],
    scope: "any",
    sources: [
      {
        name: "Rhino Security Labs: method 2: Setting the default policy version to an existing version",
        url: "https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/",
      },
      {
        name: 'Cloudsplaining: PRIVILEGE_ESCALATION_METHODS["SetExistingDefaultPolicyVersion"]',
        url: "https://github.com/salesforce/cloudsplaining/blob/5012eab1f7429ef3702e8f8379ed0a207ba77804/cloudsplaining/shared/constants.py#L118",
      },
      {
        name: "Bishop Fox iam-vulnerable: privesc2-SetExistingDefaultPolicyVersion",
        url: "https://github.com/BishopFox/iam-vulnerable/blob/0f298666f9b7cfa01488b86912afdb211773188a/modules/free-resources/privesc-paths/privesc2-SetExistingDefaultPolicyVersion.tf",
      },
      {
        name: "HackTricks Cloud: iam:SetDefaultPolicyVersion",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-iam-privesc/index.html",
      },
    ],
  },
  {
    id: "iam-attach-user-policy",
    title: "Attach a managed policy (AdministratorAccess) to a user",
    category: "self-escalation",
    actions: ["iam:AttachUserPolicy"],
    scope: "any",
    sources: [
      {
        name: "Rhino Security Labs: method 7: Attaching a policy to a user",
        url: "https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/",
      },
      {
        name: "pathfinding.cloud (Datadog): iam-008: iam:AttachUserPolicy",
        url: "https://pathfinding.cloud/paths/iam-008",
      },
      {
        name: 'Cloudsplaining: PRIVILEGE_ESCALATION_METHODS["AttachUserPolicy"]',
        url: "https://github.com/salesforce/cloudsplaining/blob/5012eab1f7429ef3702e8f8379ed0a207ba77804/cloudsplaining/shared/constants.py#L119",
      },
      {
        name: "Bishop Fox iam-vulnerable: privesc7-AttachUserPolicy",
        url: "https://github.com/BishopFox/iam-vulnerable/blob/0f298666f9b7cfa01488b86912afdb211773188a/modules/free-resources/privesc-paths/privesc7-AttachUserPolicy.tf",
      },
      {
        name: "PMapper (NCC Group): gathering.py: iam:AttachUserPolicy",
        url: "https://github.com/nccgroup/PMapper/blob/91d2e60102bdadf346d77b60d90ddaa4a678f037/principalmapper/graphing/gathering.py#L789",
      },
      {
        name: "HackTricks Cloud: iam:AttachUserPolicy || iam:AttachGroupPolicy",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-iam-privesc/index.html",
      },
    ],
  },
  {
    id: "iam-attach-group-policy",
    title: "Attach a managed policy (AdministratorAccess) to a group",
    category: "self-escalation",
    actions: ["iam:AttachGroupPolicy"],
    scope: "any",
    sources: [
      {
        name: "Rhino Security Labs: method 8: Attaching a policy to a group",
        url: "https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/",
      },
      {
        name: "pathfinding.cloud (Datadog): iam-010: iam:AttachGroupPolicy",
        url: "https://pathfinding.cloud/paths/iam-010",
      },
      {
        name: 'Cloudsplaining: PRIVILEGE_ESCALATION_METHODS["AttachGroupPolicy"]',
        url: "https://github.com/salesforce/cloudsplaining/blob/5012eab1f7429ef3702e8f8379ed0a207ba77804/cloudsplaining/shared/constants.py#L120",
      },
      {
        name: "Bishop Fox iam-vulnerable: privesc8-AttachGroupPolicy",
        url: "https://github.com/BishopFox/iam-vulnerable/blob/0f298666f9b7cfa01488b86912afdb211773188a/modules/free-resources/privesc-paths/privesc8-AttachGroupPolicy.tf",
      },
      {
        name: "PMapper (NCC Group): gathering.py: iam:AttachGroupPolicy",
        url: "https://github.com/nccgroup/PMapper/blob/91d2e60102bdadf346d77b60d90ddaa4a678f037/principalmapper/graphing/gathering.py#L826",
      },
      {
        name: "HackTricks Cloud: iam:AttachUserPolicy || iam:AttachGroupPolicy",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-iam-privesc/index.html",
      },
    ],
  },
  {
    id: "iam-attach-role-policy",
    title: "Attach a managed policy (AdministratorAccess) to a role",
    category: "self-escalation",
    actions: ["iam:AttachRolePolicy"],
    scope: "any",
    sources: [
      {
        name: "Rhino Security Labs: method 9: Attaching a policy to a role",
        url: "https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/",
      },
      {
        name: "pathfinding.cloud (Datadog): iam-009: iam:AttachRolePolicy",
        url: "https://pathfinding.cloud/paths/iam-009",
      },
      {
        name: 'Cloudsplaining: PRIVILEGE_ESCALATION_METHODS["AttachRolePolicy"]',
        url: "https://github.com/salesforce/cloudsplaining/blob/5012eab1f7429ef3702e8f8379ed0a207ba77804/cloudsplaining/shared/constants.py#L121",
      },
      {
        name: "Bishop Fox iam-vulnerable: privesc9-AttachRolePolicy",
        url: "https://github.com/BishopFox/iam-vulnerable/blob/0f298666f9b7cfa01488b86912afdb211773188a/modules/free-resources/privesc-paths/privesc9-AttachRolePolicy.tf",
      },
      {
        name: "PMapper (NCC Group): gathering.py: iam:AttachRolePolicy",
        url: "https://github.com/nccgroup/PMapper/blob/91d2e60102bdadf346d77b60d90ddaa4a678f037/principalmapper/graphing/gathering.py#L791",
      },
      {
        name: "HackTricks Cloud: iam:AttachRolePolicy, (sts:AssumeRole | iam:CreateRole) | iam:PutUserPolicy | iam:PutGroupPolicy | iam:PutRolePolicy",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-iam-privesc/index.html",
      },
    ],
  },
  {
    id: "iam-put-user-policy",
    title: "Write an inline policy (Action * on *) on a user",
    category: "self-escalation",
    actions: ["iam:PutUserPolicy"],
    scope: "any",
    sources: [
      {
        name: "Rhino Security Labs: method 10: Creating/updating an inline policy for a user",
        url: "https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/",
      },
      {
        name: "pathfinding.cloud (Datadog): iam-007: iam:PutUserPolicy",
        url: "https://pathfinding.cloud/paths/iam-007",
      },
      {
        name: 'Cloudsplaining: PRIVILEGE_ESCALATION_METHODS["PutUserPolicy"]',
        url: "https://github.com/salesforce/cloudsplaining/blob/5012eab1f7429ef3702e8f8379ed0a207ba77804/cloudsplaining/shared/constants.py#L122",
      },
      {
        name: "Bishop Fox iam-vulnerable: privesc10-PutUserPolicy",
        url: "https://github.com/BishopFox/iam-vulnerable/blob/0f298666f9b7cfa01488b86912afdb211773188a/modules/free-resources/privesc-paths/privesc10-PutUserPolicy.tf",
      },
      {
        name: "PMapper (NCC Group): gathering.py: action = iam:PutUserPolicy",
        url: "https://github.com/nccgroup/PMapper/blob/91d2e60102bdadf346d77b60d90ddaa4a678f037/principalmapper/graphing/gathering.py#L779",
      },
      {
        name: "HackTricks Cloud: iam:AttachRolePolicy, (sts:AssumeRole | iam:CreateRole) | iam:PutUserPolicy | iam:PutGroupPolicy | iam:PutRolePolicy",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-iam-privesc/index.html",
      },
    ],
  },
  {
    id: "iam-put-group-policy",
    title: "Write an inline policy (Action * on *) on a group",
    category: "self-escalation",
    actions: ["iam:PutGroupPolicy"],
    scope: "any",
    sources: [
      {
        name: "Rhino Security Labs: method 11: Creating/updating an inline policy for a group",
        url: "https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/",
      },
      {
        name: "pathfinding.cloud (Datadog): iam-011: iam:PutGroupPolicy",
        url: "https://pathfinding.cloud/paths/iam-011",
      },
      {
        name: 'Cloudsplaining: PRIVILEGE_ESCALATION_METHODS["PutGroupPolicy"]',
        url: "https://github.com/salesforce/cloudsplaining/blob/5012eab1f7429ef3702e8f8379ed0a207ba77804/cloudsplaining/shared/constants.py#L123",
      },
      {
        name: "Bishop Fox iam-vulnerable: privesc11-PutGroupPolicy",
        url: "https://github.com/BishopFox/iam-vulnerable/blob/0f298666f9b7cfa01488b86912afdb211773188a/modules/free-resources/privesc-paths/privesc11-PutGroupPolicy.tf",
      },
      {
        name: "PMapper (NCC Group): gathering.py: iam:PutGroupPolicy",
        url: "https://github.com/nccgroup/PMapper/blob/91d2e60102bdadf346d77b60d90ddaa4a678f037/principalmapper/graphing/gathering.py#L822",
      },
      {
        name: "HackTricks Cloud: iam:AttachRolePolicy, (sts:AssumeRole | iam:CreateRole) | iam:PutUserPolicy | iam:PutGroupPolicy | iam:PutRolePolicy",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-iam-privesc/index.html",
      },
    ],
  },
  {
    id: "iam-put-role-policy",
    title: "Write an inline policy (Action * on *) on a role",
    category: "self-escalation",
    actions: ["iam:PutRolePolicy"],
    scope: "any",
    sources: [
      {
        name: "Rhino Security Labs: method 12: Creating/updating an inline policy for a role",
        url: "https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/",
      },
      {
        name: "pathfinding.cloud (Datadog): iam-005: iam:PutRolePolicy",
        url: "https://pathfinding.cloud/paths/iam-005",
      },
      {
        name: 'Cloudsplaining: PRIVILEGE_ESCALATION_METHODS["PutRolePolicy"]',
        url: "https://github.com/salesforce/cloudsplaining/blob/5012eab1f7429ef3702e8f8379ed0a207ba77804/cloudsplaining/shared/constants.py#L124",
      },
      {
        name: "Bishop Fox iam-vulnerable: privesc12-PutRolePolicy",
        url: "https://github.com/BishopFox/iam-vulnerable/blob/0f298666f9b7cfa01488b86912afdb211773188a/modules/free-resources/privesc-paths/privesc12-PutRolePolicy.tf",
      },
      {
        name: "PMapper (NCC Group): gathering.py: action = iam:PutRolePolicy",
        url: "https://github.com/nccgroup/PMapper/blob/91d2e60102bdadf346d77b60d90ddaa4a678f037/principalmapper/graphing/gathering.py#L781",
      },
      {
        name: "HackTricks Cloud: iam:AttachRolePolicy, (sts:AssumeRole | iam:CreateRole) | iam:PutUserPolicy | iam:PutGroupPolicy | iam:PutRolePolicy",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-iam-privesc/index.html",
      },
    ],
  },
  {
    id: "iam-update-assume-role-policy",
    title: "Rewrite a role's trust policy to trust oneself, then assume the role",
    category: "principal-access",
    actions: ["iam:UpdateAssumeRolePolicy"],
    scope: "any",
    sources: [
      {
        name: "Rhino Security Labs: method 14: Updating the AssumeRolePolicyDocument of a role",
        url: "https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/",
      },
      {
        name: "pathfinding.cloud (Datadog): iam-012: iam:UpdateAssumeRolePolicy",
        url: "https://pathfinding.cloud/paths/iam-012",
      },
      {
        name: 'Cloudsplaining: PRIVILEGE_ESCALATION_METHODS["UpdateRolePolicyToAssumeIt"]',
        url: "https://github.com/salesforce/cloudsplaining/blob/5012eab1f7429ef3702e8f8379ed0a207ba77804/cloudsplaining/shared/constants.py#L126",
      },
      {
        name: "Bishop Fox iam-vulnerable: privesc14-UpdatingAssumeRolePolicy",
        url: "https://github.com/BishopFox/iam-vulnerable/blob/0f298666f9b7cfa01488b86912afdb211773188a/modules/free-resources/privesc-paths/privesc14-UpdatingAssumeRolePolicy.tf",
      },
      {
        name: "PMapper (NCC Group): iam_edges.py: iam:UpdateAssumeRolePolicy",
        url: "https://github.com/nccgroup/PMapper/blob/91d2e60102bdadf346d77b60d90ddaa4a678f037/principalmapper/graphing/iam_edges.py#L131",
      },
      {
        name: "HackTricks Cloud: iam:UpdateAssumeRolePolicy",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-iam-privesc/index.html",
      },
    ],
  },
  {
    id: "iam-create-access-key",
    title: "Mint an access key for another IAM user",
    category: "principal-access",
    actions: ["iam:CreateAccessKey"],
    scope: "any",
    sources: [
      {
        name: "Rhino Security Labs: method 4: Creating a new user access key",
        url: "https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/",
      },
      {
        name: "pathfinding.cloud (Datadog): iam-002: iam:CreateAccessKey",
        url: "https://pathfinding.cloud/paths/iam-002",
      },
      {
        name: 'Cloudsplaining: PRIVILEGE_ESCALATION_METHODS["CreateAccessKey"]',
        url: "https://github.com/salesforce/cloudsplaining/blob/5012eab1f7429ef3702e8f8379ed0a207ba77804/cloudsplaining/shared/constants.py#L112",
      },
      {
        name: "Bishop Fox iam-vulnerable: privesc4-CreateAccessKey",
        url: "https://github.com/BishopFox/iam-vulnerable/blob/0f298666f9b7cfa01488b86912afdb211773188a/modules/free-resources/privesc-paths/privesc4-CreateAccessKey.tf",
      },
      {
        name: "PMapper (NCC Group): iam_edges.py: iam:CreateAccessKey",
        url: "https://github.com/nccgroup/PMapper/blob/91d2e60102bdadf346d77b60d90ddaa4a678f037/principalmapper/graphing/iam_edges.py#L70",
      },
      {
        name: "HackTricks Cloud: iam:CreateAccessKey, (iam:DeleteAccessKey)",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-iam-privesc/index.html",
      },
    ],
  },
  {
    id: "iam-delete-and-create-access-key",
    title: "Delete one of a user's two keys, then mint a new one",
    category: "principal-access",
    actions: ["iam:CreateAccessKey", "iam:DeleteAccessKey"],
    scope: "any",
    sources: [
      {
        name: "pathfinding.cloud (Datadog): iam-003: iam:CreateAccessKey + iam:DeleteAccessKey",
        url: "https://pathfinding.cloud/paths/iam-003",
      },
      {
        name: 'Cloudsplaining: PRIVILEGE_ESCALATION_METHODS["CreateAndRotateAccessKey"]',
        url: "https://github.com/salesforce/cloudsplaining/blob/5012eab1f7429ef3702e8f8379ed0a207ba77804/cloudsplaining/shared/constants.py#L230",
      },
      {
        name: "PMapper (NCC Group): iam_edges.py: iam:DeleteAccessKey",
        url: "https://github.com/nccgroup/PMapper/blob/91d2e60102bdadf346d77b60d90ddaa4a678f037/principalmapper/graphing/iam_edges.py#L83",
      },
      {
        name: "HackTricks Cloud: iam:CreateAccessKey, (iam:DeleteAccessKey)",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-iam-privesc/index.html",
      },
    ],
  },
  {
    id: "iam-create-login-profile",
    title: "Set a console password on a user that has none",
    category: "principal-access",
    actions: ["iam:CreateLoginProfile"],
    scope: "any",
    sources: [
      {
        name: "Rhino Security Labs: method 5: Creating a new login profile",
        url: "https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/",
      },
      {
        name: "pathfinding.cloud (Datadog): iam-004: iam:CreateLoginProfile",
        url: "https://pathfinding.cloud/paths/iam-004",
      },
      {
        name: 'Cloudsplaining: PRIVILEGE_ESCALATION_METHODS["CreateLoginProfile"]',
        url: "https://github.com/salesforce/cloudsplaining/blob/5012eab1f7429ef3702e8f8379ed0a207ba77804/cloudsplaining/shared/constants.py#L113",
      },
      {
        name: "Bishop Fox iam-vulnerable: privesc5-CreateLoginProfile",
        url: "https://github.com/BishopFox/iam-vulnerable/blob/0f298666f9b7cfa01488b86912afdb211773188a/modules/free-resources/privesc-paths/privesc5-CreateLoginProfile.tf",
      },
      {
        name: "PMapper (NCC Group): iam_edges.py: iam:CreateLoginProfile",
        url: "https://github.com/nccgroup/PMapper/blob/91d2e60102bdadf346d77b60d90ddaa4a678f037/principalmapper/graphing/iam_edges.py#L116",
      },
      {
        name: "HackTricks Cloud: iam:CreateLoginProfile | iam:UpdateLoginProfile",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-iam-privesc/index.html",
      },
    ],
  },
  {
    id: "iam-update-login-profile",
    title: "Reset the console password of a user",
    category: "principal-access",
    actions: ["iam:UpdateLoginProfile"],
    scope: "any",
    sources: [
      {
        name: "Rhino Security Labs: method 6: Updating an existing login profile",
        url: "https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/",
      },
      {
        name: "pathfinding.cloud (Datadog): iam-006: iam:UpdateLoginProfile",
        url: "https://pathfinding.cloud/paths/iam-006",
      },
      {
        name: 'Cloudsplaining: PRIVILEGE_ESCALATION_METHODS["UpdateLoginProfile"]',
        url: "https://github.com/salesforce/cloudsplaining/blob/5012eab1f7429ef3702e8f8379ed0a207ba77804/cloudsplaining/shared/constants.py#L114",
      },
      {
        name: "Bishop Fox iam-vulnerable: privesc6-UpdateLoginProfile",
        url: "https://github.com/BishopFox/iam-vulnerable/blob/0f298666f9b7cfa01488b86912afdb211773188a/modules/free-resources/privesc-paths/privesc6-UpdateLoginProfile.tf",
      },
      {
        name: "PMapper (NCC Group): iam_edges.py: iam:UpdateLoginProfile",
        url: "https://github.com/nccgroup/PMapper/blob/91d2e60102bdadf346d77b60d90ddaa4a678f037/principalmapper/graphing/iam_edges.py#L108",
      },
      {
        name: "HackTricks Cloud: iam:CreateLoginProfile | iam:UpdateLoginProfile",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-iam-privesc/index.html",
      },
    ],
  },
  {
    id: "iam-add-user-to-group",
    title: "Add a user (one whose credentials the pod has) to a privileged group",
    category: "self-escalation",
    actions: ["iam:AddUserToGroup"],
    scope: "any",
    sources: [
      {
        name: "Rhino Security Labs: method 13: Adding a user to a group",
        url: "https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/",
      },
      {
        name: "pathfinding.cloud (Datadog): iam-013: iam:AddUserToGroup",
        url: "https://pathfinding.cloud/paths/iam-013",
      },
      {
        name: 'Cloudsplaining: PRIVILEGE_ESCALATION_METHODS["AddUserToGroup"]',
        url: "https://github.com/salesforce/cloudsplaining/blob/5012eab1f7429ef3702e8f8379ed0a207ba77804/cloudsplaining/shared/constants.py#L115",
      },
      {
        name: "Bishop Fox iam-vulnerable: privesc13-AddUserToGroup",
        url: "https://github.com/BishopFox/iam-vulnerable/blob/0f298666f9b7cfa01488b86912afdb211773188a/modules/free-resources/privesc-paths/privesc13-AddUserToGroup.tf",
      },
      {
        name: "HackTricks Cloud: iam:AddUserToGroup",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-iam-privesc/index.html",
      },
    ],
  },
  {
    id: "iam-update-access-key",
    title: "Re-activate an inactive access key of another user",
    category: "principal-access",
    actions: ["iam:UpdateAccessKey"],
    scope: "any",
    sources: [
      {
        name: "Cloudsplaining: ACTIONS_THAT_RETURN_CREDENTIALS: iam:updateaccesskey",
        url: "https://github.com/salesforce/cloudsplaining/blob/5012eab1f7429ef3702e8f8379ed0a207ba77804/cloudsplaining/shared/constants.py#L342",
      },
      {
        name: "HackTricks Cloud: iam:UpdateAccessKey",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-iam-privesc/index.html",
      },
    ],
  },
  {
    id: "iam-create-service-specific-credential",
    title: "Mint a service-specific credential (CodeCommit HTTPS Git, Keyspaces, Bedrock API key) for a user",
    category: "principal-access",
    actions: ["iam:CreateServiceSpecificCredential"],
    scope: "any",
    sources: [
      {
        name: "Cloudsplaining: ACTIONS_THAT_RETURN_CREDENTIALS: iam:createservicespecificcredential",
        url: "https://github.com/salesforce/cloudsplaining/blob/5012eab1f7429ef3702e8f8379ed0a207ba77804/cloudsplaining/shared/constants.py#L340",
      },
      {
        name: "HackTricks Cloud: iam:CreateServiceSpecificCredential | iam:ResetServiceSpecificCredential",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-iam-privesc/index.html",
      },
    ],
  },
  {
    id: "iam-reset-service-specific-credential",
    title: "Reset (and so learn) the password of a user's service-specific credential",
    category: "principal-access",
    actions: ["iam:ResetServiceSpecificCredential"],
    scope: "any",
    sources: [
      {
        name: "Cloudsplaining: ACTIONS_THAT_RETURN_CREDENTIALS: iam:resetservicespecificcredential",
        url: "https://github.com/salesforce/cloudsplaining/blob/5012eab1f7429ef3702e8f8379ed0a207ba77804/cloudsplaining/shared/constants.py#L341",
      },
      {
        name: "HackTricks Cloud: iam:CreateServiceSpecificCredential | iam:ResetServiceSpecificCredential",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-iam-privesc/index.html",
      },
    ],
  },
  {
    id: "iam-upload-ssh-public-key",
    title: "Upload an SSH key for a user: CodeCommit over SSH as that user",
    category: "principal-access",
    actions: ["iam:UploadSSHPublicKey"],
    scope: "any",
    sources: [
      {
        name: "HackTricks Cloud: iam:UploadSSHPublicKey || iam:DeactivateMFADevice",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-iam-privesc/index.html",
      },
    ],
  },
  {
    id: "iam-put-role-permissions-boundary",
    title: "Replace the permissions boundary of a role with a permissive one",
    category: "self-escalation",
    actions: ["iam:PutRolePermissionsBoundary"],
    scope: "any",
    sources: [
      {
        name: "HackTricks Cloud: iam:PutRolePermissionsBoundary",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-iam-privesc/index.html",
      },
      {
        name: "AWS documentation: access_policies_boundaries",
        url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html",
      },
    ],
  },
  {
    id: "iam-delete-role-permissions-boundary",
    title: "Remove the permissions boundary of a role",
    category: "self-escalation",
    actions: ["iam:DeleteRolePermissionsBoundary"],
    scope: "any",
    sources: [
      {
        name: "AWS documentation: API_DeleteRolePermissionsBoundary",
        url: "https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteRolePermissionsBoundary.html",
      },
      {
        name: "AWS documentation: access_policies_boundaries",
        url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html",
      },
    ],
  },
  {
    id: "iam-put-user-permissions-boundary",
    title: "Replace the permissions boundary of a user with a permissive one",
    category: "self-escalation",
    actions: ["iam:PutUserPermissionsBoundary"],
    scope: "any",
    sources: [
      {
        name: "HackTricks Cloud: iam:PutUserPermissionsBoundary",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-iam-privesc/index.html",
      },
      {
        name: "AWS documentation: access_policies_boundaries",
        url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html",
      },
    ],
  },
  {
    id: "iam-delete-user-permissions-boundary",
    title: "Remove the permissions boundary of a user",
    category: "self-escalation",
    actions: ["iam:DeleteUserPermissionsBoundary"],
    scope: "any",
    sources: [
      {
        name: "AWS documentation: API_DeleteUserPermissionsBoundary",
        url: "https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteUserPermissionsBoundary.html",
      },
      {
        name: "AWS documentation: access_policies_boundaries",
        url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html",
      },
    ],
  },
  {
    id: "iam-014-attachrolepolicy-then-assumerole",
    title: "iam:AttachRolePolicy on another principal, then sts:AssumeRole to use it",
    category: "principal-access",
    actions: ["iam:AttachRolePolicy", "sts:AssumeRole"],
    scope: "any",
    sources: [
      {
        name: "pathfinding.cloud (Datadog): iam-014: iam:AttachRolePolicy + sts:AssumeRole",
        url: "https://pathfinding.cloud/paths/iam-014",
      },
    ],
  },
  {
    id: "iam-015-attachuserpolicy-then-createaccesskey",
    title: "iam:AttachUserPolicy on another principal, then iam:CreateAccessKey to use it",
    category: "principal-access",
    actions: ["iam:AttachUserPolicy", "iam:CreateAccessKey"],
    scope: "any",
    sources: [
      {
        name: "pathfinding.cloud (Datadog): iam-015: iam:AttachUserPolicy + iam:CreateAccessKey",
        url: "https://pathfinding.cloud/paths/iam-015",
      },
      {
        name: 'Cloudsplaining: PRIVILEGE_ESCALATION_METHODS["AttachUserPolicyThenCreateAccessKey"]',
        url: "https://github.com/salesforce/cloudsplaining/blob/5012eab1f7429ef3702e8f8379ed0a207ba77804/cloudsplaining/shared/constants.py#L231",
      },
    ],
  },
  {
    id: "iam-016-createpolicyversion-then-assumerole",
    title: "iam:CreatePolicyVersion on another principal, then sts:AssumeRole to use it",
    category: "principal-access",
    actions: ["iam:CreatePolicyVersion", "sts:AssumeRole"],
    scope: "any",
    sources: [
      {
        name: "pathfinding.cloud (Datadog): iam-016: iam:CreatePolicyVersion + sts:AssumeRole",
        url: "https://pathfinding.cloud/paths/iam-016",
      },
      {
        name: 'Cloudsplaining: PRIVILEGE_ESCALATION_METHODS["CreatePolicyVersionThenAssumeRole"]',
        url: "https://github.com/salesforce/cloudsplaining/blob/5012eab1f7429ef3702e8f8379ed0a207ba77804/cloudsplaining/shared/constants.py#L232",
      },
    ],
  },
  {
    id: "iam-017-putrolepolicy-then-assumerole",
    title: "iam:PutRolePolicy on another principal, then sts:AssumeRole to use it",
    category: "principal-access",
    actions: ["iam:PutRolePolicy", "sts:AssumeRole"],
    scope: "any",
    sources: [
      {
        name: "pathfinding.cloud (Datadog): iam-017: iam:PutRolePolicy + sts:AssumeRole",
        url: "https://pathfinding.cloud/paths/iam-017",
      },
    ],
  },
  {
    id: "iam-018-putuserpolicy-then-createaccesskey",
    title: "iam:PutUserPolicy on another principal, then iam:CreateAccessKey to use it",
    category: "principal-access",
    actions: ["iam:PutUserPolicy", "iam:CreateAccessKey"],
    scope: "any",
    sources: [
      {
        name: 'pathfinding.cloud (Datadog): iam-018: "iam:PutUserPolicy + iam:CreateAccessKey"',
        url: "https://pathfinding.cloud/paths/iam-018",
      },
      {
        name: 'Cloudsplaining: PRIVILEGE_ESCALATION_METHODS["PutUserPolicyThenCreateAccessKey"]',
        url: "https://github.com/salesforce/cloudsplaining/blob/5012eab1f7429ef3702e8f8379ed0a207ba77804/cloudsplaining/shared/constants.py#L233",
      },
    ],
  },
  {
    id: "iam-019-attachrolepolicy-then-updateassumerolepolicy",
    title: "iam:AttachRolePolicy on another principal, then iam:UpdateAssumeRolePolicy to use it",
    category: "principal-access",
    actions: ["iam:AttachRolePolicy", "iam:UpdateAssumeRolePolicy"],
    scope: "any",
    sources: [
      {
        name: "pathfinding.cloud (Datadog): iam-019: iam:AttachRolePolicy + iam:UpdateAssumeRolePolicy",
        url: "https://pathfinding.cloud/paths/iam-019",
      },
      {
        name: 'Cloudsplaining: PRIVILEGE_ESCALATION_METHODS["AttachRolePolicyThenUpdateAssumeRolePolicy"]',
        url: "https://github.com/salesforce/cloudsplaining/blob/5012eab1f7429ef3702e8f8379ed0a207ba77804/cloudsplaining/shared/constants.py#L234",
      },
    ],
  },
  {
    id: "iam-020-createpolicyversion-then-updateassumerolepolicy",
    title: "iam:CreatePolicyVersion on another principal, then iam:UpdateAssumeRolePolicy to use it",
    category: "principal-access",
    actions: ["iam:CreatePolicyVersion", "iam:UpdateAssumeRolePolicy"],
    scope: "any",
    sources: [
      {
        name: 'pathfinding.cloud (Datadog): iam-020: "iam:CreatePolicyVersion + iam:UpdateAssumeRolePolicy"',
        url: "https://pathfinding.cloud/paths/iam-020",
      },
      {
        name: 'Cloudsplaining: PRIVILEGE_ESCALATION_METHODS["CreatePolicyVersionThenUpdateAssumeRolePolicy"]',
        url: "https://github.com/salesforce/cloudsplaining/blob/5012eab1f7429ef3702e8f8379ed0a207ba77804/cloudsplaining/shared/constants.py#L235",
      },
    ],
  },
  {
    id: "iam-021-putrolepolicy-then-updateassumerolepolicy",
    title: "iam:PutRolePolicy on another principal, then iam:UpdateAssumeRolePolicy to use it",
    category: "principal-access",
    actions: ["iam:PutRolePolicy", "iam:UpdateAssumeRolePolicy"],
    scope: "any",
    sources: [
      {
        name: "pathfinding.cloud (Datadog): iam-021: iam:PutRolePolicy + iam:UpdateAssumeRolePolicy",
        url: "https://pathfinding.cloud/paths/iam-021",
      },
      {
        name: 'Cloudsplaining: PRIVILEGE_ESCALATION_METHODS["PutRolePolicyThenUpdateAssumeRolePolicy"]',
        url: "https://github.com/salesforce/cloudsplaining/blob/5012eab1f7429ef3702e8f8379ed0a207ba77804/cloudsplaining/shared/constants.py#L236",
      },
    ],
  },
  {
    id: "ec2-001-passrole-runinstances",
    title: "Launch an instance with an instance profile of a privileged role, read its credentials",
    category: "new-passrole",
    actions: ["iam:PassRole", "ec2:RunInstances"],
    passedToService: ["ec2.amazonaws.com"],
    scope: "any",
    sources: [
      {
        name: "Rhino Security Labs: method 3: Creating an EC2 instance with an existing instance profile",
        url: "https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/",
      },
      {
        name: "pathfinding.cloud (Datadog): ec2-001: iam:PassRole + ec2:RunInstances",
        url: "https://pathfinding.cloud/paths/ec2-001",
      },
      {
        name: 'Cloudsplaining: PRIVILEGE_ESCALATION_METHODS["CreateEC2WithExistingIP"]',
        url: "https://github.com/salesforce/cloudsplaining/blob/5012eab1f7429ef3702e8f8379ed0a207ba77804/cloudsplaining/shared/constants.py#L128",
      },
      {
        name: "Bishop Fox iam-vulnerable: privesc3-CreateEC2WithExistingIP",
        url: "https://github.com/BishopFox/iam-vulnerable/blob/0f298666f9b7cfa01488b86912afdb211773188a/modules/free-resources/privesc-paths/privesc3-CreateEC2WithExistingIP.tf",
      },
      {
        name: "PMapper (NCC Group): ec2_edges.py: ec2:RunInstances",
        url: "https://github.com/nccgroup/PMapper/blob/91d2e60102bdadf346d77b60d90ddaa4a678f037/principalmapper/graphing/ec2_edges.py#L122",
      },
      {
        name: "HackTricks Cloud: iam:PassRole, ec2:RunInstances",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-ec2-privesc/index.html",
      },
    ],
  },
  {
    id: "ec2-runinstances-then-associate-profile",
    title: "Launch an instance without a profile, then associate a privileged instance profile",
    category: "new-passrole",
    actions: ["iam:PassRole", "ec2:RunInstances", "ec2:AssociateIamInstanceProfile"],
    passedToService: ["ec2.amazonaws.com"],
    scope: "any",
    sources: [
      {
        name: "Bishop Fox iam-vulnerable: privesc3-CreateEC2WithExistingIP",
        url: "https://github.com/BishopFox/iam-vulnerable/blob/0f298666f9b7cfa01488b86912afdb211773188a/modules/free-resources/privesc-paths/privesc3-CreateEC2WithExistingIP.tf",
      },
      {
        name: "PMapper (NCC Group): ec2_edges.py: ec2:AssociateIamInstanceProfile",
        url: "https://github.com/nccgroup/PMapper/blob/91d2e60102bdadf346d77b60d90ddaa4a678f037/principalmapper/graphing/ec2_edges.py#L162",
      },
    ],
  },
  {
    id: "ec2-associate-instance-profile",
    title: "Associate a privileged instance profile with an instance the pod already controls",
    category: "new-passrole",
    actions: ["iam:PassRole", "ec2:AssociateIamInstanceProfile"],
    passedToService: ["ec2.amazonaws.com"],
    scope: "any",
    sources: [
      {
        name: "HackTricks Cloud: iam:PassRole with (ec2:AssociateIamInstanceProfile and ec2:DisassociateIamInstanceProfile) or ec2:ReplaceIamInstanceProfileAssociation",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-ec2-privesc/index.html",
      },
    ],
  },
  {
    id: "ec2-replace-instance-profile-association",
    title: "Swap the instance profile of an instance the pod controls for a privileged one",
    category: "new-passrole",
    actions: ["iam:PassRole", "ec2:ReplaceIamInstanceProfileAssociation"],
    passedToService: ["ec2.amazonaws.com"],
    scope: "any",
    sources: [
      {
        name: "HackTricks Cloud: iam:PassRole with (ec2:AssociateIamInstanceProfile and ec2:DisassociateIamInstanceProfile) or ec2:ReplaceIamInstanceProfileAssociation",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-ec2-privesc/index.html",
      },
    ],
  },
  {
    id: "iam-add-role-to-instance-profile",
    title: "Put a privileged role into an instance profile used by an instance the pod controls",
    category: "new-passrole",
    actions: ["iam:PassRole", "iam:AddRoleToInstanceProfile"],
    passedToService: ["ec2.amazonaws.com"],
    scope: "any",
    sources: [
      {
        name: "PMapper (NCC Group): ec2_edges.py: iam:AddRoleToInstanceProfile",
        url: "https://github.com/nccgroup/PMapper/blob/91d2e60102bdadf346d77b60d90ddaa4a678f037/principalmapper/graphing/ec2_edges.py#L106",
      },
      {
        name: "HackTricks Cloud: iam:PassRole, iam:AddRoleToInstanceProfile",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-ec2-privesc/index.html",
      },
    ],
  },
  {
    id: "iam-swap-role-in-instance-profile",
    title: "Remove the role of an instance profile and add a privileged one",
    category: "new-passrole",
    actions: ["iam:PassRole", "iam:RemoveRoleFromInstanceProfile", "iam:AddRoleToInstanceProfile"],
    passedToService: ["ec2.amazonaws.com"],
    scope: "any",
    sources: [
      {
        name: "HackTricks Cloud: iam:PassRole, iam:AddRoleToInstanceProfile",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-ec2-privesc/index.html",
      },
    ],
  },
  {
    id: "ec2-003-passrole-requestspotinstances",
    title: "Request a spot instance with a privileged instance profile",
    category: "new-passrole",
    actions: ["iam:PassRole", "ec2:RequestSpotInstances"],
    passedToService: ["ec2.amazonaws.com"],
    scope: "any",
    sources: [
      {
        name: "pathfinding.cloud (Datadog): ec2-003: iam:PassRole + ec2:RequestSpotInstances",
        url: "https://pathfinding.cloud/paths/ec2-003",
      },
      {
        name: 'Cloudsplaining: PRIVILEGE_ESCALATION_METHODS["PassExistingRoleToNewEC2SpotInstance"]',
        url: "https://github.com/salesforce/cloudsplaining/blob/5012eab1f7429ef3702e8f8379ed0a207ba77804/cloudsplaining/shared/constants.py#L205",
      },
      {
        name: "HackTricks Cloud: ec2:RequestSpotInstances, iam:PassRole",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-ec2-privesc/index.html",
      },
    ],
  },
  {
    id: "ec2-002-modify-userdata-restart",
    title: "Rewrite the user data of a stopped instance with a privileged profile and restart it",
    category: "existing-passrole",
    actions: ["ec2:ModifyInstanceAttribute", "ec2:StopInstances", "ec2:StartInstances"],
    scope: "every",
    sources: [
      {
        name: "pathfinding.cloud (Datadog): ec2-002: ec2:ModifyInstanceAttribute + ec2:StopInstances + ec2:StartInstances",
        url: "https://pathfinding.cloud/paths/ec2-002",
      },
      {
        name: 'Cloudsplaining: PRIVILEGE_ESCALATION_METHODS["ModifyEC2InstanceUserDataThenRestart"]',
        url: "https://github.com/salesforce/cloudsplaining/blob/5012eab1f7429ef3702e8f8379ed0a207ba77804/cloudsplaining/shared/constants.py#L168",
      },
      {
        name: "HackTricks Cloud: ec2:ModifyInstanceAttribute",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-ec2-privesc/index.html",
      },
    ],
  },
  {
    id: "ec2-004-launch-template-version",
    title: "Add a launch-template version with new user data and make it the default (Auto Scaling launches it)",
    category: "existing-passrole",
    actions: ["ec2:CreateLaunchTemplateVersion", "ec2:ModifyLaunchTemplate"],
    scope: "every",
    sources: [
      {
        name: 'pathfinding.cloud (Datadog): ec2-004: "ec2:CreateLaunchTemplateVersion + ec2:ModifyLaunchTemplate"',
        url: "https://pathfinding.cloud/paths/ec2-004",
      },
      {
        name: 'Cloudsplaining: PRIVILEGE_ESCALATION_METHODS["ModifyExistingEC2LaunchTemplate"]',
        url: "https://github.com/salesforce/cloudsplaining/blob/5012eab1f7429ef3702e8f8379ed0a207ba77804/cloudsplaining/shared/constants.py#L169",
      },
      {
        name: "HackTricks Cloud: ec2:CreateLaunchTemplateVersion, ec2:CreateLaunchTemplate, ec2:ModifyLaunchTemplate",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-ec2-privesc/index.html",
      },
    ],
  },
  {
    id: "ec2instanceconnect-003-send-ssh-public-key",
    title: "Push a one-minute SSH key to an instance with a privileged profile",
    category: "existing-passrole",
    actions: ["ec2-instance-connect:SendSSHPublicKey"],
    scope: "every",
    sources: [
      {
        name: "pathfinding.cloud (Datadog): ec2instanceconnect-003: ec2-instance-connect:SendSSHPublicKey",
        url: "https://pathfinding.cloud/paths/ec2instanceconnect-003",
      },
      {
        name: 'Cloudsplaining: PRIVILEGE_ESCALATION_METHODS["EC2InstanceConnectSendSSHPublicKey"]',
        url: "https://github.com/salesforce/cloudsplaining/blob/5012eab1f7429ef3702e8f8379ed0a207ba77804/cloudsplaining/shared/constants.py#L170",
      },
      {
        name: "Bishop Fox iam-vulnerable: privesc-ec2InstanceConnect",
        url: "https://github.com/BishopFox/iam-vulnerable/blob/0f298666f9b7cfa01488b86912afdb211773188a/modules/free-resources/privesc-paths/privesc-ec2InstanceConnect.tf",
      },
      {
        name: "HackTricks Cloud: ec2-instance-connect:SendSSHPublicKey",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-ec2-privesc/index.html",
      },
    ],
  },
  {
    id: "ec2instanceconnect-serial-console",
    title: "Push an SSH key to the serial console of an instance",
    category: "existing-passrole",
    actions: ["ec2-instance-connect:SendSerialConsoleSSHPublicKey"],
    scope: "every",
    sources: [
      {
        name: "Bishop Fox iam-vulnerable: privesc-ec2InstanceConnect",
        url: "https://github.com/BishopFox/iam-vulnerable/blob/0f298666f9b7cfa01488b86912afdb211773188a/modules/free-resources/privesc-paths/privesc-ec2InstanceConnect.tf",
      },
      {
        name: "HackTricks Cloud: ec2-instance-connect:SendSerialConsoleSSHPublicKey",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-ec2-privesc/index.html",
      },
    ],
  },
  {
    id: "autoscaling-create-launch-configuration",
    title: "Create a launch configuration with a privileged instance profile and an Auto Scaling group from it",
    category: "new-passrole",
    actions: ["iam:PassRole", "autoscaling:CreateLaunchConfiguration", "autoscaling:CreateAutoScalingGroup"],
    passedToService: ["ec2.amazonaws.com"],
    scope: "any",
    sources: [
      {
        name: "PMapper (NCC Group): autoscaling_edges.py: autoscaling:CreateLaunchConfiguration",
        url: "https://github.com/nccgroup/PMapper/blob/91d2e60102bdadf346d77b60d90ddaa4a678f037/principalmapper/graphing/autoscaling_edges.py#L185",
      },
      {
        name: "HackTricks Cloud: (autoscaling:CreateLaunchConfiguration | ec2:CreateLaunchTemplate),  iam:PassRole, (autoscaling:CreateAutoScalingGroup | autoscaling:UpdateAutoScalingGroup)",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-ec2-privesc/index.html",
      },
    ],
  },
  {
    id: "autoscaling-existing-launch-configuration",
    title: "Create an Auto Scaling group from an existing launch configuration that has a privileged profile",
    category: "existing-passrole",
    actions: ["autoscaling:CreateAutoScalingGroup"],
    scope: "every",
    sources: [
      {
        name: "PMapper (NCC Group): autoscaling_edges.py: autoscaling:CreateAutoScalingGroup",
        url: "https://github.com/nccgroup/PMapper/blob/91d2e60102bdadf346d77b60d90ddaa4a678f037/principalmapper/graphing/autoscaling_edges.py#L159",
      },
    ],
  },
  {
    id: "ec2-launch-template-autoscaling",
    title: "Create a launch template with a privileged instance profile and an Auto Scaling group from it",
    category: "new-passrole",
    actions: ["iam:PassRole", "ec2:CreateLaunchTemplate", "autoscaling:CreateAutoScalingGroup"],
    passedToService: ["ec2.amazonaws.com"],
    scope: "any",
    sources: [
      {
        name: "HackTricks Cloud: (autoscaling:CreateLaunchConfiguration | ec2:CreateLaunchTemplate),  iam:PassRole, (autoscaling:CreateAutoScalingGroup | autoscaling:UpdateAutoScalingGroup)",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-ec2-privesc/index.html",
      },
    ],
  },
  {
    id: "lambda-001-passrole-create-invoke",
    title: "Create a function with a privileged execution role and invoke it",
    category: "new-passrole",
    actions: ["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"],
    passedToService: ["lambda.amazonaws.com"],
    scope: "any",
    sources: [
      {
        name: "Rhino Security Labs: method 15: Passing a role to a new Lambda function, then invoking it",
        url: "https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/",
      },
      {
        name: "pathfinding.cloud (Datadog): lambda-001: iam:PassRole + lambda:CreateFunction + lambda:InvokeFunction",
        url: "https://pathfinding.cloud/paths/lambda-001",
      },
      {
        name: 'Cloudsplaining: PRIVILEGE_ESCALATION_METHODS["PassExistingRoleToNewLambdaThenInvoke"]',
        url: "https://github.com/salesforce/cloudsplaining/blob/5012eab1f7429ef3702e8f8379ed0a207ba77804/cloudsplaining/shared/constants.py#L129",
      },
      {
        name: "Bishop Fox iam-vulnerable: privesc15-PassExistingRoleToNewLambdaThenInvoke",
        url: "https://github.com/BishopFox/iam-vulnerable/blob/0f298666f9b7cfa01488b86912afdb211773188a/modules/free-resources/privesc-paths/privesc15-PassExistingRoleToNewLambdaThenInvoke.tf",
      },
      {
        name: "PMapper (NCC Group): lambda_edges.py: lambda:CreateFunction",
        url: "https://github.com/nccgroup/PMapper/blob/91d2e60102bdadf346d77b60d90ddaa4a678f037/principalmapper/graphing/lambda_edges.py#L128",
      },
      {
        name: "HackTricks Cloud: iam:PassRole, lambda:CreateFunction, lambda:InvokeFunction",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-lambda-privesc/index.html",
      },
    ],
  },
  {
    id: "lambda-002-passrole-create-event-source",
    title: "Create a function with a privileged role and trigger it from an event source (DynamoDB stream)",
    category: "new-passrole",
    actions: ["iam:PassRole", "lambda:CreateFunction", "lambda:CreateEventSourceMapping"],
    passedToService: ["lambda.amazonaws.com"],
    scope: "any",
    sources: [
      {
        name: "Rhino Security Labs: method 17: Passing a role to a new Lambda function, then triggering it with DynamoDB",
        url: "https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/",
      },
      {
        name: "pathfinding.cloud (Datadog): lambda-002: iam:PassRole + lambda:CreateFunction + lambda:CreateEventSourceMapping",
        url: "https://pathfinding.cloud/paths/lambda-002",
      },
      {
        name: 'Cloudsplaining: PRIVILEGE_ESCALATION_METHODS["PassExistingRoleToNewLambdaThenTriggerWithExistingDynamo"]',
        url: "https://github.com/salesforce/cloudsplaining/blob/5012eab1f7429ef3702e8f8379ed0a207ba77804/cloudsplaining/shared/constants.py#L141",
      },
      {
        name: "Bishop Fox iam-vulnerable: privesc16-PassRoleToNewLambdaThenTriggerWithNewDynamo",
        url: "https://github.com/BishopFox/iam-vulnerable/blob/0f298666f9b7cfa01488b86912afdb211773188a/modules/free-resources/privesc-paths/privesc16-PassRoleToNewLambdaThenTriggerWithNewDynamo.tf",
      },
      {
        name: "HackTricks Cloud: iam:PassRole, lambda:CreateFunction, lambda:CreateEventSourceMapping",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-lambda-privesc/index.html",
      },
    ],
  },
  {
    id: "lambda-006-passrole-create-add-permission",
    title: "Create a function with a privileged role and let another account invoke it",
    category: "new-passrole",
    actions: ["iam:PassRole", "lambda:CreateFunction", "lambda:AddPermission"],
    passedToService: ["lambda.amazonaws.com"],
    scope: "any",
    sources: [
      {
        name: "Rhino Security Labs: method 16: Passing a role to a new Lambda function, then invoking it cross-account",
        url: "https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/",
      },
      {
        name: "pathfinding.cloud (Datadog): lambda-006: iam:PassRole + lambda:CreateFunction + lambda:AddPermission",
        url: "https://pathfinding.cloud/paths/lambda-006",
      },
      {
        name: 'Cloudsplaining: PRIVILEGE_ESCALATION_METHODS["PassExistingRoleToNewLambdaThenAddPermission"]',
        url: "https://github.com/salesforce/cloudsplaining/blob/5012eab1f7429ef3702e8f8379ed0a207ba77804/cloudsplaining/shared/constants.py#L225",
      },
      {
        name: "HackTricks Cloud: iam:PassRole, lambda:CreateFunction, lambda:AddPermission",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-lambda-privesc/index.html",
      },
    ],
  },
  {
    id: "lambda-passrole-create-function-url",
    title: "Create a function with a privileged role and a public function URL, then call it",
    category: "new-passrole",
    actions: ["iam:PassRole", "lambda:CreateFunction", "lambda:CreateFunctionUrlConfig", "lambda:InvokeFunctionUrl"],
    passedToService: ["lambda.amazonaws.com"],
    scope: "any",
    sources: [
      {
        name: "HackTricks Cloud: iam:PassRole, lambda:CreateFunction, lambda:CreateFunctionUrlConfig, lambda:InvokeFunctionUrl",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-lambda-privesc/index.html",
      },
    ],
  },
  {
    id: "lambda-passrole-create-function",
    title: "Create a function with a privileged role (PMapper's edge: invocation left to other means)",
    category: "new-passrole",
    actions: ["iam:PassRole", "lambda:CreateFunction"],
    passedToService: ["lambda.amazonaws.com"],
    scope: "any",
    sources: [
      {
        name: "PMapper (NCC Group): lambda_edges.py: lambda:CreateFunction",
        url: "https://github.com/nccgroup/PMapper/blob/91d2e60102bdadf346d77b60d90ddaa4a678f037/principalmapper/graphing/lambda_edges.py#L128",
      },
    ],
  },
  {
    id: "lambda-003-update-function-code",
    title: "Replace the code of an existing function that has a privileged role",
    category: "existing-passrole",
    actions: ["lambda:UpdateFunctionCode"],
    scope: "every",
    sources: [
      {
        name: "Rhino Security Labs: method 18: Updating the code of an existing Lambda function",
        url: "https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/",
      },
      {
        name: "pathfinding.cloud (Datadog): lambda-003: lambda:UpdateFunctionCode",
        url: "https://pathfinding.cloud/paths/lambda-003",
      },
      {
        name: 'Cloudsplaining: PRIVILEGE_ESCALATION_METHODS["EditExistingLambdaFunctionWithRole"]',
        url: "https://github.com/salesforce/cloudsplaining/blob/5012eab1f7429ef3702e8f8379ed0a207ba77804/cloudsplaining/shared/constants.py#L160",
      },
      {
        name: "Bishop Fox iam-vulnerable: privesc17-EditExistingLambdaFunctionWithRole",
        url: "https://github.com/BishopFox/iam-vulnerable/blob/0f298666f9b7cfa01488b86912afdb211773188a/modules/free-resources/privesc-paths/privesc17-EditExistingLambdaFunctionWithRole.tf",
      },
      {
        name: "PMapper (NCC Group): lambda_edges.py: lambda:UpdateFunctionCode",
        url: "https://github.com/nccgroup/PMapper/blob/91d2e60102bdadf346d77b60d90ddaa4a678f037/principalmapper/graphing/lambda_edges.py#L152",
      },
      {
        name: "HackTricks Cloud: lambda:UpdateFunctionCode",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-lambda-privesc/index.html",
      },
    ],
  },
  {
    id: "lambda-004-update-code-invoke",
    title: "Replace a function's code and invoke it",
    category: "existing-passrole",
    actions: ["lambda:UpdateFunctionCode", "lambda:InvokeFunction"],
    scope: "every",
    sources: [
      {
        name: "pathfinding.cloud (Datadog): lambda-004: lambda:UpdateFunctionCode + lambda:InvokeFunction",
        url: "https://pathfinding.cloud/paths/lambda-004",
      },
      {
        name: 'Cloudsplaining: PRIVILEGE_ESCALATION_METHODS["UpdateAndInvokeLambdaFunction"]',
        url: "https://github.com/salesforce/cloudsplaining/blob/5012eab1f7429ef3702e8f8379ed0a207ba77804/cloudsplaining/shared/constants.py#L172",
      },
    ],
  },
  {
    id: "lambda-005-update-code-add-permission",
    title: "Replace a function's code and grant oneself (or another account) invoke",
    category: "existing-passrole",
    actions: ["lambda:UpdateFunctionCode", "lambda:AddPermission"],
    scope: "every",
    sources: [
      {
        name: "pathfinding.cloud (Datadog): lambda-005: lambda:UpdateFunctionCode + lambda:AddPermission",
        url: "https://pathfinding.cloud/paths/lambda-005",
      },
      {
        name: 'Cloudsplaining: PRIVILEGE_ESCALATION_METHODS["UpdateLambdaFunctionAndAddPermission"]',
        url: "https://github.com/salesforce/cloudsplaining/blob/5012eab1f7429ef3702e8f8379ed0a207ba77804/cloudsplaining/shared/constants.py#L173",
      },
    ],
  },
  {
    id: "lambda-update-function-configuration",
    title: "Add a malicious layer or environment (e.g. AWS_LAMBDA_EXEC_WRAPPER) to an existing function",
    category: "existing-passrole",
    actions: ["lambda:UpdateFunctionConfiguration"],
    scope: "every",
    sources: [
      {
        name: "Rhino Security Labs: method 26: Adding a malicious Lambda layer to an existing Lambda function",
        url: "https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation-part-2/",
      },
      {
        name: "HackTricks Cloud: lambda:UpdateFunctionConfiguration",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-lambda-privesc/index.html",
      },
    ],
  },
  {
    id: "lambda-swap-execution-role",
    title: "Give an existing function a privileged role and new code (PMapper)",
    category: "new-passrole",
    actions: ["iam:PassRole", "lambda:UpdateFunctionConfiguration", "lambda:UpdateFunctionCode"],
    passedToService: ["lambda.amazonaws.com"],
    scope: "any",
    sources: [
      {
        name: "PMapper (NCC Group): lambda_edges.py: lambda:UpdateFunctionConfiguration",
        url: "https://github.com/nccgroup/PMapper/blob/91d2e60102bdadf346d77b60d90ddaa4a678f037/principalmapper/graphing/lambda_edges.py#L184",
      },
    ],
  },
  {
    id: "glue-001-passrole-create-dev-endpoint",
    title: "Create a Glue development endpoint with a privileged role and SSH into it",
    category: "new-passrole",
    actions: ["iam:PassRole", "glue:CreateDevEndpoint"],
    passedToService: ["glue.amazonaws.com"],
    scope: "any",
    sources: [
      {
        name: "Rhino Security Labs: method 19: Passing a role to a Glue Development Endpoint",
        url: "https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/",
      },
      {
        name: "pathfinding.cloud (Datadog): glue-001: iam:PassRole + glue:CreateDevEndpoint",
        url: "https://pathfinding.cloud/paths/glue-001",
      },
      {
        name: 'Cloudsplaining: PRIVILEGE_ESCALATION_METHODS["PassExistingRoleToNewGlueDevEndpoint"]',
        url: "https://github.com/salesforce/cloudsplaining/blob/5012eab1f7429ef3702e8f8379ed0a207ba77804/cloudsplaining/shared/constants.py#L146",
      },
      {
        name: "Bishop Fox iam-vulnerable: privesc18-PassExistingRoleToNewGlueDevEndpoint",
        url: "https://github.com/BishopFox/iam-vulnerable/blob/0f298666f9b7cfa01488b86912afdb211773188a/modules/free-resources/privesc-paths/privesc18-PassExistingRoleToNewGlueDevEndpoint.tf",
      },
      {
        name: "HackTricks Cloud: iam:PassRole, glue:CreateDevEndpoint, (glue:GetDevEndpoint | glue:GetDevEndpoints)",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-glue-privesc/index.html",
      },
    ],
  },
  {
    id: "glue-002-update-dev-endpoint",
    title: "Add one's SSH key to an existing development endpoint",
    category: "existing-passrole",
    actions: ["glue:UpdateDevEndpoint"],
    scope: "every",
    sources: [
      {
        name: "Rhino Security Labs: method 20: Updating an existing Glue Dev Endpoint",
        url: "https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/",
      },
      {
        name: "pathfinding.cloud (Datadog): glue-002: glue:UpdateDevEndpoint",
        url: "https://pathfinding.cloud/paths/glue-002",
      },
      {
        name: 'Cloudsplaining: PRIVILEGE_ESCALATION_METHODS["UpdateExistingGlueDevEndpoint"]',
        url: "https://github.com/salesforce/cloudsplaining/blob/5012eab1f7429ef3702e8f8379ed0a207ba77804/cloudsplaining/shared/constants.py#L159",
      },
      {
        name: "Bishop Fox iam-vulnerable: privesc19-UpdateExistingGlueDevEndpoint",
        url: "https://github.com/BishopFox/iam-vulnerable/blob/0f298666f9b7cfa01488b86912afdb211773188a/modules/free-resources/privesc-paths/privesc19-UpdateExistingGlueDevEndpoint.tf",
      },
      {
        name: "HackTricks Cloud: glue:UpdateDevEndpoint, (glue:GetDevEndpoint | glue:GetDevEndpoints)",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-glue-privesc/index.html",
      },
    ],
  },
  {
    id: "glue-003-passrole-createjob-startjobrun",
    title: "Create a Glue job with a privileged role and run it",
    category: "new-passrole",
    actions: ["iam:PassRole", "glue:CreateJob", "glue:StartJobRun"],
    passedToService: ["glue.amazonaws.com"],
    scope: "any",
    sources: [
      {
        name: 'pathfinding.cloud (Datadog): glue-003: "iam:PassRole + glue:CreateJob + glue:StartJobRun"',
        url: "https://pathfinding.cloud/paths/glue-003",
      },
      {
        name: 'Cloudsplaining: PRIVILEGE_ESCALATION_METHODS["PassExistingRoleToNewGlueJobThenRun"]',
        url: "https://github.com/salesforce/cloudsplaining/blob/5012eab1f7429ef3702e8f8379ed0a207ba77804/cloudsplaining/shared/constants.py#L221",
      },
      {
        name: "HackTricks Cloud: iam:PassRole, (glue:CreateJob | glue:UpdateJob), (glue:StartJobRun | glue:CreateTrigger)",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-glue-privesc/index.html",
      },
    ],
  },
  {
    id: "glue-004-passrole-createjob-createtrigger",
    title: "Create a Glue job with a privileged role and a trigger that runs it",
    category: "new-passrole",
    actions: ["iam:PassRole", "glue:CreateJob", "glue:CreateTrigger"],
    passedToService: ["glue.amazonaws.com"],
    scope: "any",
    sources: [
      {
        name: 'pathfinding.cloud (Datadog): glue-004: "iam:PassRole + glue:CreateJob + glue:CreateTrigger"',
        url: "https://pathfinding.cloud/paths/glue-004",
      },
      {
        name: 'Cloudsplaining: PRIVILEGE_ESCALATION_METHODS["PassExistingRoleToNewGlueJobViaTrigger"]',
        url: "https://github.com/salesforce/cloudsplaining/blob/5012eab1f7429ef3702e8f8379ed0a207ba77804/cloudsplaining/shared/constants.py#L222",
      },
      {
        name: "HackTricks Cloud: iam:PassRole, (glue:CreateJob | glue:UpdateJob), (glue:StartJobRun | glue:CreateTrigger)",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-glue-privesc/index.html",
      },
    ],
  },
  {
    id: "glue-005-passrole-updatejob-startjobrun",
    title: "Update a Glue job with a privileged role and run it",
    category: "new-passrole",
    actions: ["iam:PassRole", "glue:UpdateJob", "glue:StartJobRun"],
    passedToService: ["glue.amazonaws.com"],
    scope: "any",
    sources: [
      {
        name: 'pathfinding.cloud (Datadog): glue-005: "iam:PassRole + glue:UpdateJob + glue:StartJobRun"',
        url: "https://pathfinding.cloud/paths/glue-005",
      },
      {
        name: 'Cloudsplaining: PRIVILEGE_ESCALATION_METHODS["PassExistingRoleToUpdatedGlueJobThenRun"]',
        url: "https://github.com/salesforce/cloudsplaining/blob/5012eab1f7429ef3702e8f8379ed0a207ba77804/cloudsplaining/shared/constants.py#L223",
      },
      {
        name: "HackTricks Cloud: iam:PassRole, (glue:CreateJob | glue:UpdateJob), (glue:StartJobRun | glue:CreateTrigger)",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-glue-privesc/index.html",
      },
    ],
  },
  {
    id: "glue-006-passrole-updatejob-createtrigger",
    title: "Update a Glue job with a privileged role and a trigger that runs it",
    category: "new-passrole",
    actions: ["iam:PassRole", "glue:UpdateJob", "glue:CreateTrigger"],
    passedToService: ["glue.amazonaws.com"],
    scope: "any",
    sources: [
      {
        name: "pathfinding.cloud (Datadog): glue-006: iam:PassRole + glue:UpdateJob + glue:CreateTrigger",
        url: "https://pathfinding.cloud/paths/glue-006",
      },
      {
        name: 'Cloudsplaining: PRIVILEGE_ESCALATION_METHODS["PassExistingRoleToUpdatedGlueJobViaTrigger"]',
        url: "https://github.com/salesforce/cloudsplaining/blob/5012eab1f7429ef3702e8f8379ed0a207ba77804/cloudsplaining/shared/constants.py#L224",
      },
      {
        name: "HackTricks Cloud: iam:PassRole, (glue:CreateJob | glue:UpdateJob), (glue:StartJobRun | glue:CreateTrigger)",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-glue-privesc/index.html",
      },
    ],
  },
  {
    id: "glue-update-job",
    title: "Replace the script of an existing Glue job (its role runs it on its next scheduled run)",
    category: "existing-passrole",
    actions: ["glue:UpdateJob"],
    scope: "every",
    sources: [
      {
        name: "HackTricks Cloud: iam:PassRole, (glue:CreateJob | glue:UpdateJob), (glue:StartJobRun | glue:CreateTrigger)",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-glue-privesc/index.html",
      },
    ],
  },
  {
    id: "glue-007-passrole-create-session-run-statement",
    title: "Open a Glue interactive session with a privileged role and run code in it",
    category: "new-passrole",
    actions: ["iam:PassRole", "glue:CreateSession", "glue:RunStatement"],
    passedToService: ["glue.amazonaws.com"],
    scope: "any",
    sources: [
      {
        name: "pathfinding-labs (Datadog): glue-007: glue-007-iam-passrole+glue-createsession+glue-runstatement",
        url: "https://github.com/DataDog/pathfinding-labs/blob/28cbf9aa530cdfa1035fe17e0b06673d99044dfb/modules/scenarios/single-account/privesc-one-hop/to-admin/glue-007-iam-passrole+glue-createsession+glue-runstatement/scenario.yaml",
      },
    ],
  },
  {
    id: "cloudformation-001-passrole-create-stack",
    title: "Create a stack with a privileged service role (the template creates anything)",
    category: "new-passrole",
    actions: ["iam:PassRole", "cloudformation:CreateStack"],
    passedToService: ["cloudformation.amazonaws.com"],
    scope: "any",
    sources: [
      {
        name: "Rhino Security Labs: method 21: Passing a role to CloudFormation",
        url: "https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/",
      },
      {
        name: "pathfinding.cloud (Datadog): cloudformation-001: iam:PassRole + cloudformation:CreateStack",
        url: "https://pathfinding.cloud/paths/cloudformation-001",
      },
      {
        name: 'Cloudsplaining: PRIVILEGE_ESCALATION_METHODS["PassExistingRoleToCloudFormation"]',
        url: "https://github.com/salesforce/cloudsplaining/blob/5012eab1f7429ef3702e8f8379ed0a207ba77804/cloudsplaining/shared/constants.py#L150",
      },
      {
        name: "Bishop Fox iam-vulnerable: privesc20-PassExistingRoleToCloudFormation",
        url: "https://github.com/BishopFox/iam-vulnerable/blob/0f298666f9b7cfa01488b86912afdb211773188a/modules/free-resources/privesc-paths/privesc20-PassExistingRoleToCloudFormation.tf",
      },
      {
        name: "PMapper (NCC Group): cloudformation_edges.py: cloudformation:CreateStack",
        url: "https://github.com/nccgroup/PMapper/blob/91d2e60102bdadf346d77b60d90ddaa4a678f037/principalmapper/graphing/cloudformation_edges.py#L131",
      },
      {
        name: "HackTricks Cloud: iam:PassRole, cloudformation:CreateStack",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-cloudformation-privesc/index.html",
      },
    ],
  },
  {
    id: "cloudformation-002-update-stack",
    title: "Update an existing stack that has a privileged service role",
    category: "existing-passrole",
    actions: ["cloudformation:UpdateStack"],
    scope: "every",
    sources: [
      {
        name: "pathfinding.cloud (Datadog): cloudformation-002: cloudformation:UpdateStack",
        url: "https://pathfinding.cloud/paths/cloudformation-002",
      },
      {
        name: "Bishop Fox iam-vulnerable: privesc-cloudFormationUpdateStack",
        url: "https://github.com/BishopFox/iam-vulnerable/blob/0f298666f9b7cfa01488b86912afdb211773188a/modules/free-resources/privesc-paths/privesc-cloudFormationUpdateStack.tf",
      },
      {
        name: "PMapper (NCC Group): cloudformation_edges.py: cloudformation:UpdateStack",
        url: "https://github.com/nccgroup/PMapper/blob/91d2e60102bdadf346d77b60d90ddaa4a678f037/principalmapper/graphing/cloudformation_edges.py#L153",
      },
      {
        name: "HackTricks Cloud: cloudformation:UpdateStack (and, where needed, cloudformation:SetStackPolicy)",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-cloudformation-privesc/index.html",
      },
    ],
  },
  {
    id: "cloudformation-passrole-update-stack",
    title: "Update any stack, passing it a privileged service role",
    category: "new-passrole",
    actions: ["iam:PassRole", "cloudformation:UpdateStack"],
    passedToService: ["cloudformation.amazonaws.com"],
    scope: "any",
    sources: [
      {
        name: "PMapper (NCC Group): cloudformation_edges.py: and pass the role to access",
        url: "https://github.com/nccgroup/PMapper/blob/91d2e60102bdadf346d77b60d90ddaa4a678f037/principalmapper/graphing/cloudformation_edges.py#L180",
      },
      {
        name: "HackTricks Cloud: iam:PassRole, cloudformation:UpdateStack (and, where needed, cloudformation:SetStackPolicy)",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-cloudformation-privesc/index.html",
      },
    ],
  },
  {
    id: "cloudformation-005-change-set",
    title: "Create and execute a change set on a stack that has a privileged service role",
    category: "existing-passrole",
    actions: ["cloudformation:CreateChangeSet", "cloudformation:ExecuteChangeSet"],
    scope: "every",
    sources: [
      {
        name: "pathfinding.cloud (Datadog): cloudformation-005: cloudformation:CreateChangeSet + cloudformation:ExecuteChangeSet",
        url: "https://pathfinding.cloud/paths/cloudformation-005",
      },
      {
        name: 'Cloudsplaining: PRIVILEGE_ESCALATION_METHODS["ExecuteCloudFormationChangeSet"]',
        url: "https://github.com/salesforce/cloudsplaining/blob/5012eab1f7429ef3702e8f8379ed0a207ba77804/cloudsplaining/shared/constants.py#L167",
      },
      {
        name: "PMapper (NCC Group): cloudformation_edges.py: cloudformation:CreateChangeSet",
        url: "https://github.com/nccgroup/PMapper/blob/91d2e60102bdadf346d77b60d90ddaa4a678f037/principalmapper/graphing/cloudformation_edges.py#L193",
      },
      {
        name: "HackTricks Cloud: cloudformation:CreateChangeSet, cloudformation:ExecuteChangeSet (and, where needed, cloudformation:SetStackPolicy)",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-cloudformation-privesc/index.html",
      },
    ],
  },
  {
    id: "cloudformation-passrole-change-set",
    title: "Create and execute a change set passing a privileged service role",
    category: "new-passrole",
    actions: ["iam:PassRole", "cloudformation:CreateChangeSet", "cloudformation:ExecuteChangeSet"],
    passedToService: ["cloudformation.amazonaws.com"],
    scope: "any",
    sources: [
      {
        name: "HackTricks Cloud: iam:PassRole, cloudformation:CreateChangeSet, cloudformation:ExecuteChangeSet (and, where needed, cloudformation:SetStackPolicy)",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-cloudformation-privesc/index.html",
      },
    ],
  },
  {
    id: "cloudformation-003-passrole-stackset",
    title: "Create a stack set with a privileged execution/administration role and deploy instances",
    category: "new-passrole",
    actions: ["iam:PassRole", "cloudformation:CreateStackSet", "cloudformation:CreateStackInstances"],
    passedToService: ["cloudformation.amazonaws.com"],
    scope: "any",
    sources: [
      {
        name: "pathfinding.cloud (Datadog): cloudformation-003: iam:PassRole + cloudformation:CreateStackSet + cloudformation:CreateStackInstances",
        url: "https://pathfinding.cloud/paths/cloudformation-003",
      },
      {
        name: 'Cloudsplaining: PRIVILEGE_ESCALATION_METHODS["PassExistingRoleToNewCloudFormationStackSet"]',
        url: "https://github.com/salesforce/cloudsplaining/blob/5012eab1f7429ef3702e8f8379ed0a207ba77804/cloudsplaining/shared/constants.py#L189",
      },
      {
        name: "HackTricks Cloud: iam:PassRole, (cloudformation:CreateStackSet | cloudformation:UpdateStackSet)",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-cloudformation-privesc/index.html",
      },
    ],
  },
  {
    id: "cloudformation-004-passrole-update-stackset",
    title: "Update a stack set, passing a privileged role",
    category: "new-passrole",
    actions: ["iam:PassRole", "cloudformation:UpdateStackSet"],
    passedToService: ["cloudformation.amazonaws.com"],
    scope: "any",
    sources: [
      {
        name: "pathfinding.cloud (Datadog): cloudformation-004: iam:PassRole + cloudformation:UpdateStackSet",
        url: "https://pathfinding.cloud/paths/cloudformation-004",
      },
      {
        name: 'Cloudsplaining: PRIVILEGE_ESCALATION_METHODS["PassRoleToUpdateCloudFormationStackSet"]',
        url: "https://github.com/salesforce/cloudsplaining/blob/5012eab1f7429ef3702e8f8379ed0a207ba77804/cloudsplaining/shared/constants.py#L194",
      },
    ],
  },
  {
    id: "cloudformation-update-stackset",
    title: "Update an existing stack set with its existing execution role",
    category: "existing-passrole",
    actions: ["cloudformation:UpdateStackSet"],
    scope: "every",
    sources: [
      {
        name: "HackTricks Cloud: cloudformation:UpdateStackSet",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-cloudformation-privesc/index.html",
      },
    ],
  },
  {
    id: "codebuild-001-passrole-create-project-startbuild",
    title: "Create a CodeBuild project with a privileged service role and start a build",
    category: "new-passrole",
    actions: ["iam:PassRole", "codebuild:CreateProject", "codebuild:StartBuild"],
    passedToService: ["codebuild.amazonaws.com"],
    scope: "any",
    sources: [
      {
        name: "pathfinding.cloud (Datadog): codebuild-001: iam:PassRole + codebuild:CreateProject + codebuild:StartBuild",
        url: "https://pathfinding.cloud/paths/codebuild-001",
      },
      {
        name: 'Cloudsplaining: PRIVILEGE_ESCALATION_METHODS["PassExistingRoleToNewCodeBuildProjectThenBuild"]',
        url: "https://github.com/salesforce/cloudsplaining/blob/5012eab1f7429ef3702e8f8379ed0a207ba77804/cloudsplaining/shared/constants.py#L195",
      },
      {
        name: "Bishop Fox iam-vulnerable: privesc-codeBuildCreateProjectPassRole",
        url: "https://github.com/BishopFox/iam-vulnerable/blob/0f298666f9b7cfa01488b86912afdb211773188a/modules/free-resources/privesc-paths/privesc-codeBuildCreateProjectPassRole.tf",
      },
      {
        name: "PMapper (NCC Group): codebuild_edges.py: codebuild:CreateProject",
        url: "https://github.com/nccgroup/PMapper/blob/91d2e60102bdadf346d77b60d90ddaa4a678f037/principalmapper/graphing/codebuild_edges.py#L216",
      },
      {
        name: "HackTricks Cloud: iam:PassRole, codebuild:CreateProject, (codebuild:StartBuild | codebuild:StartBuildBatch)",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-codebuild-privesc/index.html",
      },
    ],
  },
  {
    id: "codebuild-004-passrole-create-project-startbuildbatch",
    title: "Create a CodeBuild project with a privileged service role and start a batch build",
    category: "new-passrole",
    actions: ["iam:PassRole", "codebuild:CreateProject", "codebuild:StartBuildBatch"],
    passedToService: ["codebuild.amazonaws.com"],
    scope: "any",
    sources: [
      {
        name: "pathfinding.cloud (Datadog): codebuild-004: iam:PassRole + codebuild:CreateProject + codebuild:StartBuildBatch",
        url: "https://pathfinding.cloud/paths/codebuild-004",
      },
      {
        name: 'Cloudsplaining: PRIVILEGE_ESCALATION_METHODS["PassExistingRoleToNewCodeBuildProjectThenBuildBatch"]',
        url: "https://github.com/salesforce/cloudsplaining/blob/5012eab1f7429ef3702e8f8379ed0a207ba77804/cloudsplaining/shared/constants.py#L200",
      },
      {
        name: "Bishop Fox iam-vulnerable: privesc-codeBuildCreateProjectPassRole",
        url: "https://github.com/BishopFox/iam-vulnerable/blob/0f298666f9b7cfa01488b86912afdb211773188a/modules/free-resources/privesc-paths/privesc-codeBuildCreateProjectPassRole.tf",
      },
      {
        name: "PMapper (NCC Group): codebuild_edges.py: codebuild:CreateProject",
        url: "https://github.com/nccgroup/PMapper/blob/91d2e60102bdadf346d77b60d90ddaa4a678f037/principalmapper/graphing/codebuild_edges.py#L216",
      },
      {
        name: "HackTricks Cloud: iam:PassRole, codebuild:CreateProject, (codebuild:StartBuild | codebuild:StartBuildBatch)",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-codebuild-privesc/index.html",
      },
    ],
  },
  {
    id: "codebuild-002-start-build",
    title: "Start a build of an existing project with a buildspec override (its role runs the commands)",
    category: "existing-passrole",
    actions: ["codebuild:StartBuild"],
    scope: "every",
    sources: [
      {
        name: "pathfinding.cloud (Datadog): codebuild-002: codebuild:StartBuild",
        url: "https://pathfinding.cloud/paths/codebuild-002",
      },
      {
        name: "PMapper (NCC Group): codebuild_edges.py: codebuild:StartBuild",
        url: "https://github.com/nccgroup/PMapper/blob/91d2e60102bdadf346d77b60d90ddaa4a678f037/principalmapper/graphing/codebuild_edges.py#L170",
      },
      {
        name: "HackTricks Cloud: codebuild:StartBuild | codebuild:StartBuildBatch",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-codebuild-privesc/index.html",
      },
    ],
  },
  {
    id: "codebuild-003-start-build-batch",
    title: "Start a batch build of an existing project with a buildspec override",
    category: "existing-passrole",
    actions: ["codebuild:StartBuildBatch"],
    scope: "every",
    sources: [
      {
        name: "pathfinding.cloud (Datadog): codebuild-003: codebuild:StartBuildBatch",
        url: "https://pathfinding.cloud/paths/codebuild-003",
      },
      {
        name: "PMapper (NCC Group): codebuild_edges.py: codebuild:StartBuildBatch",
        url: "https://github.com/nccgroup/PMapper/blob/91d2e60102bdadf346d77b60d90ddaa4a678f037/principalmapper/graphing/codebuild_edges.py#L186",
      },
      {
        name: "HackTricks Cloud: codebuild:StartBuild | codebuild:StartBuildBatch",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-codebuild-privesc/index.html",
      },
    ],
  },
  {
    id: "codebuild-update-project-startbuild",
    title: "Change an existing project (source/buildspec) and start a build; the project keeps its role",
    category: "existing-passrole",
    actions: ["codebuild:UpdateProject", "codebuild:StartBuild"],
    scope: "every",
    sources: [
      {
        name: "HackTricks Cloud: codebuild:UpdateProject, (codebuild:StartBuild | codebuild:StartBuildBatch)",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-codebuild-privesc/index.html",
      },
    ],
  },
  {
    id: "codebuild-passrole-update-project-startbuild",
    title: "Give an existing project a privileged service role and start a build",
    category: "new-passrole",
    actions: ["iam:PassRole", "codebuild:UpdateProject", "codebuild:StartBuild"],
    passedToService: ["codebuild.amazonaws.com"],
    scope: "any",
    sources: [
      {
        name: "PMapper (NCC Group): codebuild_edges.py: codebuild:UpdateProject",
        url: "https://github.com/nccgroup/PMapper/blob/91d2e60102bdadf346d77b60d90ddaa4a678f037/principalmapper/graphing/codebuild_edges.py#L256",
      },
      {
        name: "HackTricks Cloud: iam:PassRole, codebuild:UpdateProject, (codebuild:StartBuild | codebuild:StartBuildBatch)",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-codebuild-privesc/index.html",
      },
    ],
  },
  {
    id: "codebuild-update-project-startbuildbatch",
    title: "Change an existing project (source/buildspec) and start a batch build; the project keeps its role",
    category: "existing-passrole",
    actions: ["codebuild:UpdateProject", "codebuild:StartBuildBatch"],
    scope: "every",
    sources: [
      {
        name: "HackTricks Cloud: codebuild:UpdateProject, (codebuild:StartBuild | codebuild:StartBuildBatch)",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-codebuild-privesc/index.html",
      },
    ],
  },
  {
    id: "codebuild-passrole-update-project-startbuildbatch",
    title: "Give an existing project a privileged service role and start a batch build",
    category: "new-passrole",
    actions: ["iam:PassRole", "codebuild:UpdateProject", "codebuild:StartBuildBatch"],
    passedToService: ["codebuild.amazonaws.com"],
    scope: "any",
    sources: [
      {
        name: "PMapper (NCC Group): codebuild_edges.py: codebuild:UpdateProject",
        url: "https://github.com/nccgroup/PMapper/blob/91d2e60102bdadf346d77b60d90ddaa4a678f037/principalmapper/graphing/codebuild_edges.py#L256",
      },
      {
        name: "HackTricks Cloud: iam:PassRole, codebuild:UpdateProject, (codebuild:StartBuild | codebuild:StartBuildBatch)",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-codebuild-privesc/index.html",
      },
    ],
  },
  {
    id: "ssm-002-send-command",
    title: "Run commands on a managed instance whose profile is privileged",
    category: "existing-passrole",
    actions: ["ssm:SendCommand"],
    scope: "every",
    sources: [
      { name: "pathfinding.cloud (Datadog): ssm-002: ssm:SendCommand", url: "https://pathfinding.cloud/paths/ssm-002" },
      {
        name: "Bishop Fox iam-vulnerable: privesc-ssmSendCommand",
        url: "https://github.com/BishopFox/iam-vulnerable/blob/0f298666f9b7cfa01488b86912afdb211773188a/modules/free-resources/privesc-paths/privesc-ssmSendCommand.tf",
      },
      {
        name: "PMapper (NCC Group): ssm_edges.py: ssm:SendCommand",
        url: "https://github.com/nccgroup/PMapper/blob/91d2e60102bdadf346d77b60d90ddaa4a678f037/principalmapper/graphing/ssm_edges.py#L91",
      },
      {
        name: "HackTricks Cloud: ssm:SendCommand",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-ssm-privesc/index.html",
      },
    ],
  },
  {
    id: "ssm-001-start-session",
    title: "Open a shell (Session Manager) on a managed instance whose profile is privileged",
    category: "existing-passrole",
    actions: ["ssm:StartSession"],
    scope: "every",
    sources: [
      {
        name: "pathfinding.cloud (Datadog): ssm-001: ssm:StartSession",
        url: "https://pathfinding.cloud/paths/ssm-001",
      },
      {
        name: "Bishop Fox iam-vulnerable: privesc-ssmStartSession",
        url: "https://github.com/BishopFox/iam-vulnerable/blob/0f298666f9b7cfa01488b86912afdb211773188a/modules/free-resources/privesc-paths/privesc-ssmStartSession.tf",
      },
      {
        name: "PMapper (NCC Group): ssm_edges.py: ssm:StartSession",
        url: "https://github.com/nccgroup/PMapper/blob/91d2e60102bdadf346d77b60d90ddaa4a678f037/principalmapper/graphing/ssm_edges.py#L104",
      },
      {
        name: "HackTricks Cloud: ssm:StartSession",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-ssm-privesc/index.html",
      },
    ],
  },
  {
    id: "ssm-resume-session",
    title: "Reconnect to another principal's disconnected session",
    category: "existing-passrole",
    actions: ["ssm:ResumeSession"],
    scope: "every",
    sources: [
      {
        name: "HackTricks Cloud: ssm:ResumeSession",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-ssm-privesc/index.html",
      },
    ],
  },
  {
    id: "ssm-create-association",
    title: "Create a State Manager association that runs a document (commands) on instances",
    category: "existing-passrole",
    actions: ["ssm:CreateAssociation"],
    scope: "every",
    sources: [
      {
        name: "HackTricks Cloud: Using ssm:CreateAssociation",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-ssm-privesc/index.html",
      },
    ],
  },
  {
    id: "ssm-update-document",
    title: "Rewrite a command document that associations or automation already run, and make it the default",
    category: "existing-passrole",
    actions: ["ssm:UpdateDocument", "ssm:UpdateDocumentDefaultVersion"],
    scope: "every",
    sources: [
      {
        name: "HackTricks Cloud: ssm:UpdateDocument, ssm:UpdateDocumentDefaultVersion, (ssm:ListDocuments | ssm:GetDocument)",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-ssm-privesc/index.html",
      },
    ],
  },
  {
    id: "ssm-maintenance-window-task",
    title: "Register a Run Command task and targets in an existing maintenance window",
    category: "existing-passrole",
    actions: ["ssm:RegisterTaskWithMaintenanceWindow", "ssm:RegisterTargetWithMaintenanceWindow"],
    scope: "every",
    sources: [
      {
        name: "HackTricks Cloud: ssm:RegisterTaskWithMaintenanceWindow, ssm:RegisterTargetWithMaintenanceWindow, (ssm:DescribeMaintenanceWindows | ec2:DescribeInstances)",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-ssm-privesc/index.html",
      },
    ],
  },
  {
    id: "ssm-passrole-start-automation-execution",
    title: "Start an Automation runbook with a privileged AutomationAssumeRole",
    category: "new-passrole",
    actions: ["iam:PassRole", "ssm:StartAutomationExecution"],
    passedToService: ["ssm.amazonaws.com"],
    scope: "any",
    sources: [
      {
        name: "AWS documentation: automation-walk-security-delegated",
        url: "https://docs.aws.amazon.com/systems-manager/latest/userguide/automation-walk-security-delegated.html",
      },
      {
        name: "AWS documentation: automation-walk-security-assume",
        url: "https://docs.aws.amazon.com/systems-manager/latest/userguide/automation-walk-security-assume.html",
      },
      {
        name: "blog: Embedded AssumeRole in Automation documents",
        url: "http://nanalakshmanan.com/blog/Embedded-Assume-Role/",
      },
    ],
  },
  {
    id: "sagemaker-001-passrole-create-notebook",
    title: "Create a notebook instance with a privileged role (open it with a presigned URL or a lifecycle script)",
    category: "new-passrole",
    actions: ["iam:PassRole", "sagemaker:CreateNotebookInstance"],
    passedToService: ["sagemaker.amazonaws.com"],
    scope: "any",
    sources: [
      {
        name: "Rhino Security Labs: method 27: Passing a role to a new SageMaker Jupyter notebook",
        url: "https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation-part-2/",
      },
      {
        name: "pathfinding.cloud (Datadog): sagemaker-001: iam:PassRole + sagemaker:CreateNotebookInstance",
        url: "https://pathfinding.cloud/paths/sagemaker-001",
      },
      {
        name: 'Cloudsplaining: PRIVILEGE_ESCALATION_METHODS["PassExistingRoleToNewSageMakerNotebookInstance"]',
        url: "https://github.com/salesforce/cloudsplaining/blob/5012eab1f7429ef3702e8f8379ed0a207ba77804/cloudsplaining/shared/constants.py#L226",
      },
      {
        name: "Bishop Fox iam-vulnerable: privesc-sageMakerCreateNotebookPassRole",
        url: "https://github.com/BishopFox/iam-vulnerable/blob/0f298666f9b7cfa01488b86912afdb211773188a/modules/free-resources/privesc-paths/privesc-sageMakerCreateNotebookPassRole.tf",
      },
      {
        name: "PMapper (NCC Group): sagemaker_edges.py: sagemaker:CreateNotebookInstance",
        url: "https://github.com/nccgroup/PMapper/blob/91d2e60102bdadf346d77b60d90ddaa4a678f037/principalmapper/graphing/sagemaker_edges.py#L94",
      },
      {
        name: "HackTricks Cloud: iam:PassRole , sagemaker:CreateNotebookInstance, sagemaker:CreatePresignedNotebookInstanceUrl",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-sagemaker-privesc/index.html",
      },
    ],
  },
  {
    id: "sagemaker-002-passrole-training-job",
    title: "Run a training job (own container) with a privileged role",
    category: "new-passrole",
    actions: ["iam:PassRole", "sagemaker:CreateTrainingJob"],
    passedToService: ["sagemaker.amazonaws.com"],
    scope: "any",
    sources: [
      {
        name: "pathfinding.cloud (Datadog): sagemaker-002: iam:PassRole + sagemaker:CreateTrainingJob",
        url: "https://pathfinding.cloud/paths/sagemaker-002",
      },
      {
        name: 'Cloudsplaining: PRIVILEGE_ESCALATION_METHODS["PassExistingRoleToNewSageMakerTrainingJob"]',
        url: "https://github.com/salesforce/cloudsplaining/blob/5012eab1f7429ef3702e8f8379ed0a207ba77804/cloudsplaining/shared/constants.py#L227",
      },
      {
        name: "Bishop Fox iam-vulnerable: privesc-sageMakerCreateTrainingJob",
        url: "https://github.com/BishopFox/iam-vulnerable/blob/0f298666f9b7cfa01488b86912afdb211773188a/modules/free-resources/privesc-paths/privesc-sageMakerCreateTrainingJob.tf",
      },
      {
        name: "PMapper (NCC Group): sagemaker_edges.py: sagemaker:CreateTrainingJob",
        url: "https://github.com/nccgroup/PMapper/blob/91d2e60102bdadf346d77b60d90ddaa4a678f037/principalmapper/graphing/sagemaker_edges.py#L111",
      },
      {
        name: "HackTricks Cloud: sagemaker:CreateTrainingJob, iam:PassRole",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-sagemaker-privesc/index.html",
      },
    ],
  },
  {
    id: "sagemaker-003-passrole-processing-job",
    title: "Run a processing job (own container) with a privileged role",
    category: "new-passrole",
    actions: ["iam:PassRole", "sagemaker:CreateProcessingJob"],
    passedToService: ["sagemaker.amazonaws.com"],
    scope: "any",
    sources: [
      {
        name: "pathfinding.cloud (Datadog): sagemaker-003: iam:PassRole + sagemaker:CreateProcessingJob",
        url: "https://pathfinding.cloud/paths/sagemaker-003",
      },
      {
        name: 'Cloudsplaining: PRIVILEGE_ESCALATION_METHODS["PassExistingRoleToNewSageMakerProcessingJob"]',
        url: "https://github.com/salesforce/cloudsplaining/blob/5012eab1f7429ef3702e8f8379ed0a207ba77804/cloudsplaining/shared/constants.py#L228",
      },
      {
        name: "Bishop Fox iam-vulnerable: privesc-sageMakerCreateProcessingJob",
        url: "https://github.com/BishopFox/iam-vulnerable/blob/0f298666f9b7cfa01488b86912afdb211773188a/modules/free-resources/privesc-paths/privesc-sageMakerCreateProcessingJob.tf",
      },
      {
        name: "PMapper (NCC Group): sagemaker_edges.py: sagemaker:CreateProcessingJob",
        url: "https://github.com/nccgroup/PMapper/blob/91d2e60102bdadf346d77b60d90ddaa4a678f037/principalmapper/graphing/sagemaker_edges.py#L127",
      },
      {
        name: "HackTricks Cloud: sagemaker:CreateProcessingJob, iam:PassRole",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-sagemaker-privesc/index.html",
      },
    ],
  },
  {
    id: "sagemaker-passrole-hyperparameter-tuning-job",
    title: "Run a hyper-parameter tuning job (own container) with a privileged role",
    category: "new-passrole",
    actions: ["iam:PassRole", "sagemaker:CreateHyperParameterTuningJob"],
    passedToService: ["sagemaker.amazonaws.com"],
    scope: "any",
    sources: [
      {
        name: "HackTricks Cloud: sagemaker:CreateHyperParameterTuningJob, iam:PassRole",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-sagemaker-privesc/index.html",
      },
    ],
  },
  {
    id: "sagemaker-004-presigned-notebook-url",
    title: "Open an existing notebook instance (its role) through a presigned URL",
    category: "existing-passrole",
    actions: ["sagemaker:CreatePresignedNotebookInstanceUrl"],
    scope: "every",
    sources: [
      {
        name: "Rhino Security Labs: method 28: Gaining access to an existing SageMaker Jupyter notebook",
        url: "https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation-part-2/",
      },
      {
        name: "pathfinding.cloud (Datadog): sagemaker-004: sagemaker:CreatePresignedNotebookInstanceUrl",
        url: "https://pathfinding.cloud/paths/sagemaker-004",
      },
      {
        name: 'Cloudsplaining: PRIVILEGE_ESCALATION_METHODS["CreatePresignedSageMakerNotebookUrl"]',
        url: "https://github.com/salesforce/cloudsplaining/blob/5012eab1f7429ef3702e8f8379ed0a207ba77804/cloudsplaining/shared/constants.py#L174",
      },
      {
        name: "Bishop Fox iam-vulnerable: privesc-sageMakerCreatePresignedNotebookURL",
        url: "https://github.com/BishopFox/iam-vulnerable/blob/0f298666f9b7cfa01488b86912afdb211773188a/modules/free-resources/privesc-paths/privesc-sageMakerCreatePresignedNotebookURL.tf",
      },
      {
        name: "HackTricks Cloud: sagemaker:CreatePresignedNotebookInstanceUrl",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-sagemaker-privesc/index.html",
      },
    ],
  },
  {
    id: "sagemaker-005-notebook-lifecycle-config",
    title: "Attach a lifecycle script to an existing notebook instance and restart it",
    category: "existing-passrole",
    actions: [
      "sagemaker:CreateNotebookInstanceLifecycleConfig",
      "sagemaker:StopNotebookInstance",
      "sagemaker:UpdateNotebookInstance",
      "sagemaker:StartNotebookInstance",
    ],
    scope: "every",
    sources: [
      {
        name: "pathfinding.cloud (Datadog): sagemaker-005: sagemaker:CreateNotebookInstanceLifecycleConfig + sagemaker:StopNotebookInstance + sagemaker:UpdateNotebookInstance + sagemaker:StartNotebookInstance",
        url: "https://pathfinding.cloud/paths/sagemaker-005",
      },
      {
        name: 'Cloudsplaining: PRIVILEGE_ESCALATION_METHODS["UpdateSageMakerNotebookLifecycleConfig"]',
        url: "https://github.com/salesforce/cloudsplaining/blob/5012eab1f7429ef3702e8f8379ed0a207ba77804/cloudsplaining/shared/constants.py#L175",
      },
    ],
  },
  {
    id: "sagemaker-presigned-domain-url",
    title: "Open SageMaker Studio as an existing user profile (its execution role)",
    category: "existing-passrole",
    actions: ["sagemaker:CreatePresignedDomainUrl"],
    scope: "every",
    sources: [
      {
        name: "HackTricks Cloud: sagemaker:CreatePresignedDomainUrl",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-sagemaker-privesc/index.html",
      },
    ],
  },
  {
    id: "datapipeline-001-passrole-pipeline",
    title: "Create, define and activate a pipeline that runs commands with a privileged role",
    category: "new-passrole",
    actions: [
      "iam:PassRole",
      "datapipeline:CreatePipeline",
      "datapipeline:PutPipelineDefinition",
      "datapipeline:ActivatePipeline",
    ],
    passedToService: ["datapipeline.amazonaws.com", "ec2.amazonaws.com"],
    scope: "any",
    sources: [
      {
        name: "Rhino Security Labs: method 22: Passing a role to Data Pipeline",
        url: "https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/",
      },
      {
        name: "pathfinding.cloud (Datadog): datapipeline-001: iam:PassRole + datapipeline:CreatePipeline + datapipeline:PutPipelineDefinition",
        url: "https://pathfinding.cloud/paths/datapipeline-001",
      },
      {
        name: 'Cloudsplaining: PRIVILEGE_ESCALATION_METHODS["PassExistingRoleToNewDataPipeline"]',
        url: "https://github.com/salesforce/cloudsplaining/blob/5012eab1f7429ef3702e8f8379ed0a207ba77804/cloudsplaining/shared/constants.py#L154",
      },
      {
        name: "Bishop Fox iam-vulnerable: privesc21-PassExistingRoleToNewDataPipeline",
        url: "https://github.com/BishopFox/iam-vulnerable/blob/0f298666f9b7cfa01488b86912afdb211773188a/modules/free-resources/privesc-paths/privesc21-PassExistingRoleToNewDataPipeline.tf",
      },
      {
        name: "HackTricks Cloud: iam:PassRole, datapipeline:CreatePipeline, datapipeline:PutPipelineDefinition, datapipeline:ActivatePipeline",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-datapipeline-privesc/index.html",
      },
    ],
  },
  {
    id: "ecs-004-passrole-registertaskdefinition-runtask",
    title: "Register a task definition with a privileged task role and run it (RunTask)",
    category: "new-passrole",
    actions: ["iam:PassRole", "ecs:RegisterTaskDefinition", "ecs:RunTask"],
    passedToService: ["ecs-tasks.amazonaws.com"],
    scope: "any",
    sources: [
      {
        name: "pathfinding.cloud (Datadog): ecs-004: iam:PassRole + ecs:RegisterTaskDefinition + ecs:RunTask",
        url: "https://pathfinding.cloud/paths/ecs-004",
      },
      {
        name: 'Cloudsplaining: PRIVILEGE_ESCALATION_METHODS["PassExistingRoleToNewECSTaskViaRunTask"]',
        url: "https://github.com/salesforce/cloudsplaining/blob/5012eab1f7429ef3702e8f8379ed0a207ba77804/cloudsplaining/shared/constants.py#L219",
      },
      {
        name: "HackTricks Cloud: iam:PassRole, ecs:RegisterTaskDefinition, ecs:RunTask",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-ecs-privesc/index.html",
      },
    ],
  },
  {
    id: "ecs-005-passrole-registertaskdefinition-starttask",
    title: "Register a task definition with a privileged task role and start it on a container instance (StartTask)",
    category: "new-passrole",
    actions: ["iam:PassRole", "ecs:RegisterTaskDefinition", "ecs:StartTask"],
    passedToService: ["ecs-tasks.amazonaws.com"],
    scope: "any",
    sources: [
      {
        name: "pathfinding.cloud (Datadog): ecs-005: iam:PassRole + ecs:RegisterTaskDefinition + ecs:StartTask",
        url: "https://pathfinding.cloud/paths/ecs-005",
      },
      {
        name: 'Cloudsplaining: PRIVILEGE_ESCALATION_METHODS["PassExistingRoleToNewECSTaskViaStartTask"]',
        url: "https://github.com/salesforce/cloudsplaining/blob/5012eab1f7429ef3702e8f8379ed0a207ba77804/cloudsplaining/shared/constants.py#L220",
      },
      {
        name: "HackTricks Cloud: iam:PassRole, ecs:RegisterTaskDefinition, ecs:StartTask",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-ecs-privesc/index.html",
      },
    ],
  },
  {
    id: "ecs-003-passrole-registertaskdefinition-createservice",
    title: "Register a task definition with a privileged task role and run it as a service",
    category: "new-passrole",
    actions: ["iam:PassRole", "ecs:RegisterTaskDefinition", "ecs:CreateService"],
    passedToService: ["ecs-tasks.amazonaws.com"],
    scope: "any",
    sources: [
      {
        name: "pathfinding.cloud (Datadog): ecs-003: iam:PassRole + ecs:RegisterTaskDefinition + ecs:CreateService",
        url: "https://pathfinding.cloud/paths/ecs-003",
      },
      {
        name: 'Cloudsplaining: PRIVILEGE_ESCALATION_METHODS["PassExistingRoleToNewECSService"]',
        url: "https://github.com/salesforce/cloudsplaining/blob/5012eab1f7429ef3702e8f8379ed0a207ba77804/cloudsplaining/shared/constants.py#L218",
      },
      {
        name: "HackTricks Cloud: iam:PassRole, ecs:RegisterTaskDefinition, (ecs:UpdateService|ecs:CreateService)",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-ecs-privesc/index.html",
      },
    ],
  },
  {
    id: "ecs-002-passrole-createcluster-registertaskdefinition-runtask",
    title: "Register a task definition with a privileged task role and run it (RunTask) in a new cluster",
    category: "new-passrole",
    actions: ["iam:PassRole", "ecs:CreateCluster", "ecs:RegisterTaskDefinition", "ecs:RunTask"],
    passedToService: ["ecs-tasks.amazonaws.com"],
    scope: "any",
    sources: [
      {
        name: "pathfinding.cloud (Datadog): ecs-002: iam:PassRole + ecs:CreateCluster + ecs:RegisterTaskDefinition + ecs:RunTask",
        url: "https://pathfinding.cloud/paths/ecs-002",
      },
      {
        name: 'Cloudsplaining: PRIVILEGE_ESCALATION_METHODS["PassExistingRoleToNewECSClusterRunTask"]',
        url: "https://github.com/salesforce/cloudsplaining/blob/5012eab1f7429ef3702e8f8379ed0a207ba77804/cloudsplaining/shared/constants.py#L212",
      },
      {
        name: "HackTricks Cloud: iam:PassRole, ecs:RegisterTaskDefinition, ecs:RunTask",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-ecs-privesc/index.html",
      },
    ],
  },
  {
    id: "ecs-001-passrole-createcluster-registertaskdefinition-createservice",
    title: "Register a task definition with a privileged task role and run it as a service in a new cluster",
    category: "new-passrole",
    actions: ["iam:PassRole", "ecs:CreateCluster", "ecs:RegisterTaskDefinition", "ecs:CreateService"],
    passedToService: ["ecs-tasks.amazonaws.com"],
    scope: "any",
    sources: [
      {
        name: "pathfinding.cloud (Datadog): ecs-001: iam:PassRole + ecs:CreateCluster + ecs:RegisterTaskDefinition + ecs:CreateService",
        url: "https://pathfinding.cloud/paths/ecs-001",
      },
      {
        name: 'Cloudsplaining: PRIVILEGE_ESCALATION_METHODS["PassExistingRoleToNewECSClusterServiceTask"]',
        url: "https://github.com/salesforce/cloudsplaining/blob/5012eab1f7429ef3702e8f8379ed0a207ba77804/cloudsplaining/shared/constants.py#L206",
      },
      {
        name: "HackTricks Cloud: iam:PassRole, ecs:RegisterTaskDefinition, (ecs:UpdateService|ecs:CreateService)",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-ecs-privesc/index.html",
      },
    ],
  },
  {
    id: "ecs-008-passrole-runtask-override",
    title: "Run an existing task definition with a command override and a privileged task role",
    category: "new-passrole",
    actions: ["iam:PassRole", "ecs:RunTask"],
    passedToService: ["ecs-tasks.amazonaws.com"],
    scope: "any",
    sources: [
      {
        name: "pathfinding-labs (Datadog): ecs-008: ecs-008-iam-passrole+ecs-runtask",
        url: "https://github.com/DataDog/pathfinding-labs/blob/28cbf9aa530cdfa1035fe17e0b06673d99044dfb/modules/scenarios/single-account/privesc-one-hop/to-admin/ecs-008-iam-passrole+ecs-runtask/scenario.yaml",
      },
      {
        name: "HackTricks Cloud: iam:PassRole, ecs:RunTask",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-ecs-privesc/index.html",
      },
    ],
  },
  {
    id: "ecs-009-passrole-starttask-override",
    title:
      "Start an existing task definition on a container instance with a command override and a privileged task role",
    category: "new-passrole",
    actions: ["iam:PassRole", "ecs:StartTask"],
    passedToService: ["ecs-tasks.amazonaws.com"],
    scope: "any",
    sources: [
      {
        name: "pathfinding-labs (Datadog): ecs-009: ecs-009-iam-passrole+ecs-starttask",
        url: "https://github.com/DataDog/pathfinding-labs/blob/28cbf9aa530cdfa1035fe17e0b06673d99044dfb/modules/scenarios/single-account/privesc-one-hop/to-admin/ecs-009-iam-passrole+ecs-starttask/scenario.yaml",
      },
    ],
  },
  {
    id: "ecs-007-register-container-instance-starttask",
    title: "Register a controlled EC2 instance into a cluster and start tasks with a privileged role on it",
    category: "new-passrole",
    actions: ["iam:PassRole", "ecs:RegisterContainerInstance", "ecs:StartTask", "ecs:DeregisterContainerInstance"],
    passedToService: ["ecs-tasks.amazonaws.com"],
    scope: "any",
    sources: [
      {
        name: "pathfinding-labs (Datadog): ecs-007: ecs-007-iam-passrole+ecs-starttask+ecs-registercontainerinstance",
        url: "https://github.com/DataDog/pathfinding-labs/blob/28cbf9aa530cdfa1035fe17e0b06673d99044dfb/modules/scenarios/single-account/privesc-one-hop/to-admin/ecs-007-iam-passrole+ecs-starttask+ecs-registercontainerinstance/scenario.yaml",
      },
      {
        name: "HackTricks Cloud: ecs:RegisterContainerInstance, ecs:DeregisterContainerInstance, ecs:StartTask, iam:PassRole",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-ecs-privesc/index.html",
      },
    ],
  },
  {
    id: "ecs-passrole-update-service",
    title: "Register a task definition with a privileged role and point an existing service at it",
    category: "new-passrole",
    actions: ["iam:PassRole", "ecs:RegisterTaskDefinition", "ecs:UpdateService"],
    passedToService: ["ecs-tasks.amazonaws.com"],
    scope: "any",
    sources: [
      {
        name: "HackTricks Cloud: iam:PassRole, ecs:RegisterTaskDefinition, (ecs:UpdateService|ecs:CreateService)",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-ecs-privesc/index.html",
      },
    ],
  },
  {
    id: "ecs-006-execute-command",
    title: "Exec into a running task (ECS Exec) and use its task role",
    category: "existing-passrole",
    actions: ["ecs:ExecuteCommand", "ecs:DescribeTasks"],
    scope: "every",
    sources: [
      {
        name: "pathfinding-labs (Datadog): ecs-006: ecs-006-ecs-executecommand+describetasks",
        url: "https://github.com/DataDog/pathfinding-labs/blob/28cbf9aa530cdfa1035fe17e0b06673d99044dfb/modules/scenarios/single-account/privesc-one-hop/to-admin/ecs-006-ecs-executecommand+describetasks/scenario.yaml",
      },
      {
        name: 'Cloudsplaining: PRIVILEGE_ESCALATION_METHODS["ECSExecuteCommandOnRunningTask"]',
        url: "https://github.com/salesforce/cloudsplaining/blob/5012eab1f7429ef3702e8f8379ed0a207ba77804/cloudsplaining/shared/constants.py#L171",
      },
      {
        name: "HackTricks Cloud: ecs:ExecuteCommand, ecs:DescribeTasks, and optionally a task-launching action",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-ecs-privesc/index.html",
      },
    ],
  },
  {
    id: "apprunner-001-passrole-create-service",
    title: "Create an App Runner service (own image) with a privileged instance role",
    category: "new-passrole",
    actions: ["iam:PassRole", "apprunner:CreateService"],
    passedToService: ["apprunner.amazonaws.com"],
    scope: "any",
    sources: [
      {
        name: "pathfinding.cloud (Datadog): apprunner-001: iam:PassRole + apprunner:CreateService",
        url: "https://pathfinding.cloud/paths/apprunner-001",
      },
      {
        name: 'Cloudsplaining: PRIVILEGE_ESCALATION_METHODS["PassExistingRoleToNewAppRunnerService"]',
        url: "https://github.com/salesforce/cloudsplaining/blob/5012eab1f7429ef3702e8f8379ed0a207ba77804/cloudsplaining/shared/constants.py#L182",
      },
      {
        name: "HackTricks Cloud: iam:PassRole, apprunner:CreateService",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-apprunner-privesc/index.html",
      },
    ],
  },
  {
    id: "apprunner-002-update-service",
    title: "Point an existing App Runner service (with its instance role) at one's own image or code",
    category: "existing-passrole",
    actions: ["apprunner:UpdateService"],
    scope: "every",
    sources: [
      {
        name: "pathfinding.cloud (Datadog): apprunner-002: apprunner:UpdateService",
        url: "https://pathfinding.cloud/paths/apprunner-002",
      },
    ],
  },
  {
    id: "bedrock-001-passrole-code-interpreter",
    title: "Create a Bedrock AgentCore code interpreter with a privileged execution role and run code in it",
    category: "new-passrole",
    actions: [
      "iam:PassRole",
      "bedrock-agentcore:CreateCodeInterpreter",
      "bedrock-agentcore:StartCodeInterpreterSession",
      "bedrock-agentcore:InvokeCodeInterpreter",
    ],
    passedToService: ["bedrock-agentcore.amazonaws.com"],
    scope: "any",
    sources: [
      {
        name: "pathfinding.cloud (Datadog): bedrock-001: iam:PassRole + bedrock-agentcore:CreateCodeInterpreter + bedrock-agentcore:StartCodeInterpreterSession",
        url: "https://pathfinding.cloud/paths/bedrock-001",
      },
      {
        name: 'Cloudsplaining: PRIVILEGE_ESCALATION_METHODS["PassExistingRoleToNewBedrockCodeInterpreter"]',
        url: "https://github.com/salesforce/cloudsplaining/blob/5012eab1f7429ef3702e8f8379ed0a207ba77804/cloudsplaining/shared/constants.py#L183",
      },
    ],
  },
  {
    id: "bedrock-002-code-interpreter-session",
    title: "Start a session on an existing code interpreter with an execution role and run code",
    category: "existing-passrole",
    actions: ["bedrock-agentcore:StartCodeInterpreterSession", "bedrock-agentcore:InvokeCodeInterpreter"],
    scope: "every",
    sources: [
      {
        name: "pathfinding.cloud (Datadog): bedrock-002: bedrock-agentcore:StartCodeInterpreterSession + bedrock-agentcore:InvokeCodeInterpreter",
        url: "https://pathfinding.cloud/paths/bedrock-002",
      },
      {
        name: 'Cloudsplaining: PRIVILEGE_ESCALATION_METHODS["AccessExistingBedrockCodeInterpreterSession"]',
        url: "https://github.com/salesforce/cloudsplaining/blob/5012eab1f7429ef3702e8f8379ed0a207ba77804/cloudsplaining/shared/constants.py#L163",
      },
      {
        name: "HackTricks Cloud: bedrock-agentcore:StartCodeInterpreterSession + bedrock-agentcore:InvokeCodeInterpreter - Code Interpreter Execution-Role Pivot",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-bedrock-privesc/index.html",
      },
    ],
  },
  {
    id: "eks-create-access-entry-associate-policy",
    title:
      "Map an IAM principal into a cluster and give it AmazonEKSClusterAdminPolicy: cluster-admin, then every pod's role",
    category: "kubernetes",
    actions: ["eks:CreateAccessEntry", "eks:AssociateAccessPolicy"],
    scope: "any",
    sources: [
      {
        name: "HackTricks Cloud: section eks:CreateAccessEntry, eks:AssociateAccessPolicy",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-eks-privesc/index.html",
      },
      {
        name: "AWS documentation: access-policies",
        url: "https://docs.aws.amazon.com/eks/latest/userguide/access-policies.html",
      },
    ],
  },
  {
    id: "eks-associate-access-policy",
    title:
      "Associate AmazonEKSClusterAdminPolicy with an access entry that already exists (the pod's own, a node role's)",
    category: "kubernetes",
    actions: ["eks:AssociateAccessPolicy"],
    scope: "any",
    sources: [
      {
        name: "HackTricks Cloud: section eks:CreateAccessEntry, eks:AssociateAccessPolicy",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-eks-privesc/index.html",
      },
      {
        name: "AWS documentation: API_AssociateAccessPolicy",
        url: "https://docs.aws.amazon.com/eks/latest/APIReference/API_AssociateAccessPolicy.html",
      },
    ],
  },
  {
    id: "eks-create-access-entry-kubernetes-group",
    title: "Create an access entry in a custom Kubernetes group that RBAC binds to a powerful ClusterRole",
    category: "kubernetes",
    actions: ["eks:CreateAccessEntry"],
    scope: "any",
    sources: [
      {
        name: "HackTricks Cloud: section eks:CreateAccessEntry",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-eks-privesc/index.html",
      },
    ],
  },
  {
    id: "eks-update-access-entry",
    title: "Rewrite the Kubernetes groups of an existing access entry",
    category: "kubernetes",
    actions: ["eks:UpdateAccessEntry"],
    scope: "any",
    sources: [
      {
        name: "HackTricks Cloud: section eks:UpdateAccessEntry",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-eks-privesc/index.html",
      },
      {
        name: "AWS documentation: API_UpdateAccessEntry",
        url: "https://docs.aws.amazon.com/eks/latest/APIReference/API_UpdateAccessEntry.html",
      },
    ],
  },
  {
    id: "eks-passrole-create-pod-identity-association",
    title: "Bind any passable role to a ServiceAccount the pod can run as (EKS Pod Identity)",
    category: "new-passrole",
    actions: ["iam:PassRole", "eks:CreatePodIdentityAssociation", "iam:GetRole"],
    passedToService: ["pods.eks.amazonaws.com"],
    scope: "any",
    sources: [
      {
        name: "HackTricks Cloud: section eks:CreatePodIdentityAssociation",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-eks-privesc/index.html",
      },
      {
        name: "AWS documentation: API_CreatePodIdentityAssociation",
        url: "https://docs.aws.amazon.com/eks/latest/APIReference/API_CreatePodIdentityAssociation.html",
      },
    ],
  },
  {
    id: "eks-passrole-update-pod-identity-association",
    title: "Re-point an existing Pod Identity association at a privileged role (or a cross-account target role)",
    category: "new-passrole",
    actions: ["iam:PassRole", "eks:UpdatePodIdentityAssociation"],
    passedToService: ["pods.eks.amazonaws.com"],
    scope: "any",
    sources: [
      {
        name: "HackTricks Cloud: section eks:UpdatePodIdentityAssociation",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-eks-privesc/index.html",
      },
      {
        name: "AWS documentation: API_UpdatePodIdentityAssociation",
        url: "https://docs.aws.amazon.com/eks/latest/APIReference/API_UpdatePodIdentityAssociation.html",
      },
    ],
  },
  {
    id: "eks-passrole-create-nodegroup",
    title: "Add a managed node group with a privileged node role (and read the credentials of pods scheduled on it)",
    category: "new-passrole",
    actions: ["iam:PassRole", "eks:CreateNodegroup"],
    passedToService: ["eks.amazonaws.com"],
    scope: "any",
    sources: [
      {
        name: "HackTricks Cloud: section eks:CreateNodegroup / eks:CreateFargateProfile",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-eks-privesc/index.html",
      },
    ],
  },
  {
    id: "eks-passrole-create-fargate-profile",
    title: "Add a Fargate profile with a privileged pod execution role",
    category: "new-passrole",
    actions: ["iam:PassRole", "eks:CreateFargateProfile"],
    passedToService: ["eks-fargate-pods.amazonaws.com"],
    scope: "any",
    sources: [
      {
        name: "HackTricks Cloud: section eks:CreateNodegroup / eks:CreateFargateProfile",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-eks-privesc/index.html",
      },
    ],
  },
  {
    id: "kms-put-key-policy",
    title: "Rewrite a key's policy (give oneself or another account kms:*)",
    category: "data-access",
    actions: ["kms:PutKeyPolicy"],
    scope: "every",
    sources: [
      {
        name: "HackTricks Cloud: kms:ListKeys,kms:PutKeyPolicy, (kms:ListKeyPolicies, kms:GetKeyPolicy)",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-kms-privesc/index.html",
      },
    ],
  },
  {
    id: "kms-create-grant",
    title: "Grant oneself Decrypt (or any grant operation) on a key",
    category: "data-access",
    actions: ["kms:CreateGrant"],
    scope: "every",
    sources: [
      {
        name: "HackTricks Cloud: kms:CreateGrant",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-kms-privesc/index.html",
      },
    ],
  },
  {
    id: "secretsmanager-put-resource-policy",
    title: "Rewrite a secret's resource policy (let oneself or another account read it)",
    category: "data-access",
    actions: ["secretsmanager:PutResourcePolicy"],
    scope: "every",
    sources: [
      {
        name: "HackTricks Cloud: secretsmanager:GetResourcePolicy, secretsmanager:PutResourcePolicy, (secretsmanager:ListSecrets)",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-secrets-manager-privesc/index.html",
      },
    ],
  },
  {
    id: "codestar-passrole-create-project",
    title: "Create a CodeStar project passing a privileged role",
    category: "new-passrole",
    actions: ["codestar:CreateProject", "iam:PassRole"],
    passedToService: ["codestar.amazonaws.com"],
    scope: "any",
    sources: [
      {
        name: "Rhino Security Labs: method 24: Passing a role to a new CodeStar project",
        url: "https://rhinosecuritylabs.com/aws/escalating-aws-iam-privileges-undocumented-codestar-api/",
      },
      {
        name: "HackTricks Cloud: iam:PassRole, codestar:CreateProject",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-codestar-privesc/iam-passrole-codestar-createproject.html",
      },
    ],
  },
  {
    id: "codestar-create-project-associate-team-member",
    title: "Create a CodeStar project and make oneself its owner (gets the project's generated policy)",
    category: "self-escalation",
    actions: ["codestar:CreateProject", "codestar:AssociateTeamMember"],
    scope: "any",
    sources: [
      {
        name: "Rhino Security Labs: method 25: Creating a new CodeStar project and associating a team member",
        url: "https://rhinosecuritylabs.com/aws/escalating-aws-iam-privileges-undocumented-codestar-api/",
      },
      {
        name: "HackTricks Cloud: codestar:CreateProject, codestar:AssociateTeamMember",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-codestar-privesc/codestar-createproject-codestar-associateteammember.html",
      },
    ],
  },
  {
    id: "states-passrole-create-state-machine-start",
    title: "Create a state machine with a privileged role (it can call any AWS API) and start it",
    category: "new-passrole",
    actions: ["iam:PassRole", "states:CreateStateMachine", "states:StartExecution"],
    passedToService: ["states.amazonaws.com"],
    scope: "any",
    sources: [
      {
        name: "HackTricks Cloud: states:CreateStateMachine & iam:PassRole & (states:StartExecution | states:StartSyncExecution)",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-stepfunctions-privesc/index.html",
      },
    ],
  },
  {
    id: "states-update-state-machine",
    title: "Rewrite an existing state machine that has a privileged role",
    category: "existing-passrole",
    actions: ["states:UpdateStateMachine"],
    scope: "every",
    sources: [
      {
        name: "HackTricks Cloud: states:UpdateStateMachine & (not always required) iam:PassRole",
        url: "https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-stepfunctions-privesc/index.html",
      },
    ],
  },
];
