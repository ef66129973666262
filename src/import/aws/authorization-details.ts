/**
 * `aws iam get-account-authorization-details` output (RoleDetailList, Policies) read into a typed,
 * checked model of the account's roles and customer-managed policies. Documents are decoded
 * whatever the producer (objects from the CLI, URL-encoded strings from the raw API and most SDK
 * dumps); every problem is positioned in the file; a page of a paginated output is refused, since
 * the roles on the other pages would silently not be imported.
 *
 * Stable API (other importers use it, e.g. `podiam import kube2iam --authorization-details`):
 * `readAuthorizationDetails`, `parseAuthorizationDetails`, `findRole`, `AuthorizationDetails`,
 * `AccountRole`, `CustomerManagedPolicy`, `InlinePolicy`.
 *
 * Not in this output, because IAM's `RoleDetail` has no such members: a role's
 * `MaxSessionDuration` and `Description` (they are on `Role`, from `get-role`/`list-roles`). An
 * importer must say that podiam's defaults apply to them.
 */
import type { FilePath, Problem } from "../../bindings/problems";
import {
  decodeDocument,
  InputProblems,
  isRecord,
  kindOf,
  optionalList,
  readJsonInput,
  requiredString,
  type JsonInput,
} from "./json-input";

export interface InlinePolicy {
  readonly name: string;
  /** The decoded policy document (Version, Statement). */
  readonly document: Readonly<Record<string, unknown>>;
  /** Where it is in the file: `RoleDetailList[3].RolePolicyList[0]`. */
  readonly at: FilePath;
}

export interface AccountRole {
  /** RoleName, exactly (IAM compares names case-insensitively; the exact spelling is kept). */
  readonly name: string;
  /** Path, `/` or `/…/`. */
  readonly path: string;
  readonly arn: string;
  /** The partition and account of the ARN (`aws`, `111122223333`). */
  readonly partition: string;
  readonly accountId: string;
  /** The decoded trust policy (AssumeRolePolicyDocument). */
  readonly trust: Readonly<Record<string, unknown>>;
  /** RolePolicyList, in the file's order. */
  readonly inlinePolicies: readonly InlinePolicy[];
  /** AttachedManagedPolicies' ARNs, in the file's order. */
  readonly attachedPolicyArns: readonly string[];
  /** Tags as a record (IAM keys are unique per role). */
  readonly tags: Readonly<Record<string, string>>;
  readonly permissionsBoundaryArn?: string;
  /** InstanceProfileList is not empty: an EC2 role. */
  readonly instanceProfiles: number;
  /** RoleLastUsed.LastUsedDate as written; undefined when IAM has no record of use (`{}`). */
  readonly lastUsedDate?: string;
  /** Where it is in the file: `RoleDetailList[3]`. */
  readonly at: FilePath;
}

export interface CustomerManagedPolicy {
  readonly arn: string;
  readonly name: string;
  readonly path: string;
  readonly defaultVersionId: string;
  /** The default version's decoded document: the one IAM enforces (not v1, not the last listed). */
  readonly document: Readonly<Record<string, unknown>>;
  readonly attachmentCount?: number;
  readonly permissionsBoundaryUsageCount?: number;
  /** Where it is in the file: `Policies[2]`. */
  readonly at: FilePath;
}

export interface AuthorizationDetails {
  readonly file: string;
  readonly roles: readonly AccountRole[];
  /** Customer-managed (and, with --filter AWSManagedPolicy, AWS managed) policies by ARN. */
  readonly policies: ReadonlyMap<string, CustomerManagedPolicy>;
  /**
   * Whether the file has a Policies list at all: with `--filter Role` alone it is empty, and
   * customer-managed documents are unknown (the policies can then only be referenced by ARN).
   */
  readonly policiesListed: boolean;
  /** For positioned messages about the file's contents later on. */
  readonly input: JsonInput;
}

export interface AuthorizationDetailsResult {
  /** Undefined when the file has errors (all of them are in problems). */
  readonly details?: AuthorizationDetails;
  readonly problems: readonly Problem[];
}

/** Read FILE (or the given text as FILE). */
export function readAuthorizationDetails(file: string, text?: string): AuthorizationDetailsResult {
  const read = readJsonInput(file, text);
  if (!read.input) return { problems: read.problems };
  return parseAuthorizationDetails(read.input);
}

/** A role by its name (case-insensitively, as IAM compares them) or by its ARN. */
export function findRole(details: AuthorizationDetails, nameOrArn: string): AccountRole | undefined {
  if (nameOrArn.startsWith("arn:")) return details.roles.find((role) => role.arn === nameOrArn);
  const wanted = nameOrArn.toLowerCase();
  return details.roles.find((role) => role.name.toLowerCase() === wanted);
}

const ROLE_ARN = /^arn:(aws|aws-cn|aws-us-gov):iam::(\d{12}):role(\/(?:[\u0021-\u007E]+\/)?)?([\w+=,.@-]{1,64})$/;
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
const ROLE_PATH = /^(\/|\/[\u0021-\u007E]+\/)$/;

export function parseAuthorizationDetails(input: JsonInput): AuthorizationDetailsResult {
  const problems = new InputProblems(input);
  const data = input.data;
  if (!isRecord(data)) {
    problems.error(
      [],
      `is ${kindOf(data)}; expected the output of aws iam get-account-authorization-details (an object with RoleDetailList)`,
    );
    return { problems: problems.list };
  }
  if (data.RoleDetailList === undefined) {
    problems.error(
      [],
      "has no RoleDetailList: is this the output of aws iam get-account-authorization-details (run it with --filter Role LocalManagedPolicy)?",
    );
    return { problems: problems.list };
  }
  if (data.IsTruncated === true || data.NextToken !== undefined) {
    problems.error(
      [data.IsTruncated === true ? "IsTruncated" : "NextToken"],
      "this is one page of the account's details (--no-paginate or --max-items): the roles on the other pages would silently not be imported; run aws iam get-account-authorization-details without --no-paginate/--max-items (the CLI then joins all pages)",
    );
  }
  const roles = readRoles(problems, data);
  const policies = readPolicies(problems, data);
  if (problems.hasErrors) return { problems: problems.list };
  return {
    details: {
      file: input.file,
      roles: roles ?? [],
      policies: policies ?? new Map(),
      policiesListed: Array.isArray(data.Policies) && data.Policies.length > 0,
      input,
    },
    problems: problems.list,
  };
}

function readRoles(problems: InputProblems, data: Record<string, unknown>): AccountRole[] | undefined {
  const list = optionalList(problems, data, "RoleDetailList", []);
  if (!list) return undefined;
  const roles: AccountRole[] = [];
  const byName = new Map<string, number>();
  list.forEach((item, i) => {
    const at: FilePath = ["RoleDetailList", i];
    const role = readRole(problems, item, at);
    if (!role) return;
    const key = role.name.toLowerCase();
    const earlier = byName.get(key);
    if (earlier !== undefined) {
      problems.error(
        [...at, "RoleName"],
        `the role ${JSON.stringify(role.name)} is already RoleDetailList[${earlier}] (IAM role names are unique, case-insensitively): are two outputs joined into one file? Keep one entry per role`,
      );
      return;
    }
    byName.set(key, i);
    roles.push(role);
  });
  return roles;
}

function readRole(problems: InputProblems, item: unknown, at: FilePath): AccountRole | undefined {
  if (!isRecord(item)) {
    problems.error(at, `is ${kindOf(item)}, expected a RoleDetail object`);
    return undefined;
  }
  const before = problems.list.length;
  const name = requiredString(problems, item, "RoleName", at);
  const arn = requiredString(problems, item, "Arn", at);
  const path = typeof item.Path === "string" ? item.Path : "/";
  if (name !== undefined && !ROLE_NAME.test(name))
    problems.error(
      [...at, "RoleName"],
      `${JSON.stringify(name)} is not an IAM role name (1 to 64 letters, digits and _+=,.@-)`,
    );
  if (item.Path !== undefined && (typeof item.Path !== "string" || !ROLE_PATH.test(item.Path)))
    problems.error([...at, "Path"], `${JSON.stringify(item.Path)} is not an IAM path (/ or /…/)`);
  const arnParts = arn !== undefined ? ROLE_ARN.exec(arn) : null;
  if (arn !== undefined && !arnParts) problems.error([...at, "Arn"], `${JSON.stringify(arn)} is not a role ARN`);
  else if (arnParts && name !== undefined && (arnParts[4] !== name || (arnParts[3] ?? "/") !== path))
    problems.error(
      [...at, "Arn"],
      `${JSON.stringify(arn)} does not end in the role's Path and RoleName (${path}${name})`,
    );
  const trust = decodeDocument(item.AssumeRolePolicyDocument);
  if (item.AssumeRolePolicyDocument === undefined)
    problems.error(at, "has no AssumeRolePolicyDocument (the trust policy)");
  else if (trust.problem) problems.error([...at, "AssumeRolePolicyDocument"], trust.problem);
  const inlinePolicies = readInlinePolicies(problems, item, at);
  const attachedPolicyArns = readAttached(problems, item, at);
  const tags = readTags(problems, item, at);
  const boundary = readBoundary(problems, item, at);
  const profiles = optionalList(problems, item, "InstanceProfileList", at);
  const lastUsed =
    isRecord(item.RoleLastUsed) && typeof item.RoleLastUsed.LastUsedDate === "string"
      ? item.RoleLastUsed.LastUsedDate
      : undefined;
  if (
    problems.list.length > before ||
    !name ||
    !arnParts ||
    !trust.document ||
    !inlinePolicies ||
    !attachedPolicyArns ||
    !tags
  )
    return undefined;
  return {
    name,
    path,
    arn: arn as string,
    partition: arnParts[1],
    accountId: arnParts[2],
    trust: trust.document,
    inlinePolicies,
    attachedPolicyArns,
    tags,
    ...(boundary !== undefined ? { permissionsBoundaryArn: boundary } : {}),
    instanceProfiles: profiles?.length ?? 0,
    ...(lastUsed !== undefined ? { lastUsedDate: lastUsed } : {}),
    at,
  };
}

function readInlinePolicies(
  problems: InputProblems,
  role: Record<string, unknown>,
  at: FilePath,
): InlinePolicy[] | undefined {
  const list = optionalList(problems, role, "RolePolicyList", at);
  if (!list) return undefined;
  const policies: InlinePolicy[] = [];
  const seen = new Set<string>();
  list.forEach((item, i) => {
    const here: FilePath = [...at, "RolePolicyList", i];
    if (!isRecord(item)) return problems.error(here, `is ${kindOf(item)}, expected {PolicyName, PolicyDocument}`);
    const name = requiredString(problems, item, "PolicyName", here);
    const decoded = decodeDocument(item.PolicyDocument);
    if (item.PolicyDocument === undefined) problems.error(here, "has no PolicyDocument");
    else if (decoded.problem) problems.error([...here, "PolicyDocument"], decoded.problem);
    if (name !== undefined && seen.has(name))
      problems.error([...here, "PolicyName"], `the inline policy ${JSON.stringify(name)} is listed twice`);
    if (name === undefined || !decoded.document) return;
    seen.add(name);
    policies.push({ name, document: decoded.document, at: here });
  });
  return policies;
}

function readAttached(problems: InputProblems, role: Record<string, unknown>, at: FilePath): string[] | undefined {
  const list = optionalList(problems, role, "AttachedManagedPolicies", at);
  if (!list) return undefined;
  const arns: string[] = [];
  list.forEach((item, i) => {
    const here: FilePath = [...at, "AttachedManagedPolicies", i];
    if (!isRecord(item)) return problems.error(here, `is ${kindOf(item)}, expected {PolicyName, PolicyArn}`);
    const arn = requiredString(problems, item, "PolicyArn", here);
    if (arn === undefined) return;
    if (!/^arn:(aws|aws-cn|aws-us-gov):iam::(\d{12}|aws):policy\//.test(arn))
      return problems.error([...here, "PolicyArn"], `${JSON.stringify(arn)} is not a managed policy ARN`);
    if (arns.includes(arn)) return problems.error([...here, "PolicyArn"], `${arn} is attached twice`);
    arns.push(arn);
  });
  return arns;
}

function readTags(
  problems: InputProblems,
  role: Record<string, unknown>,
  at: FilePath,
): Record<string, string> | undefined {
  const list = optionalList(problems, role, "Tags", at);
  if (!list) return undefined;
  const tags: Record<string, string> = {};
  list.forEach((item, i) => {
    const here: FilePath = [...at, "Tags", i];
    if (!isRecord(item) || typeof item.Key !== "string" || typeof item.Value !== "string")
      return problems.error(here, "is not a tag {Key, Value} of two strings");
    if (Object.prototype.hasOwnProperty.call(tags, item.Key))
      return problems.error([...here, "Key"], `the tag ${JSON.stringify(item.Key)} is listed twice`);
    tags[item.Key] = item.Value;
  });
  return tags;
}

function readBoundary(problems: InputProblems, role: Record<string, unknown>, at: FilePath): string | undefined {
  const boundary = role.PermissionsBoundary;
  if (boundary === undefined || boundary === null) return undefined;
  const here: FilePath = [...at, "PermissionsBoundary"];
  if (!isRecord(boundary)) {
    problems.error(here, `is ${kindOf(boundary)}, expected {PermissionsBoundaryType, PermissionsBoundaryArn}`);
    return undefined;
  }
  return requiredString(problems, boundary, "PermissionsBoundaryArn", here);
}

function readPolicies(
  problems: InputProblems,
  data: Record<string, unknown>,
): Map<string, CustomerManagedPolicy> | undefined {
  const list = optionalList(problems, data, "Policies", []);
  if (!list) return undefined;
  const policies = new Map<string, CustomerManagedPolicy>();
  list.forEach((item, i) => {
    const at: FilePath = ["Policies", i];
    if (!isRecord(item)) return problems.error(at, `is ${kindOf(item)}, expected a ManagedPolicyDetail object`);
    const before = problems.list.length;
    const arn = requiredString(problems, item, "Arn", at);
    const name = requiredString(problems, item, "PolicyName", at);
    const defaultVersionId = requiredString(problems, item, "DefaultVersionId", at);
    const versions = optionalList(problems, item, "PolicyVersionList", at);
    if (arn !== undefined && policies.has(arn))
      return problems.error(
        [...at, "Arn"],
        `the policy ${arn} is already Policies[${policies.get(arn)?.at[1]}]; keep one entry per policy`,
      );
    if (!versions || defaultVersionId === undefined || problems.list.length > before || !arn || !name) return;
    const index = versions.findIndex((v) => isRecord(v) && v.VersionId === defaultVersionId);
    if (index < 0) {
      return problems.error(
        [...at, "PolicyVersionList"],
        `has no version ${defaultVersionId} (the DefaultVersionId): the document IAM enforces is unknown`,
      );
    }
    const version = versions[index] as Record<string, unknown>;
    const here: FilePath = [...at, "PolicyVersionList", index, "Document"];
    const decoded = decodeDocument(version.Document);
    if (decoded.problem || !decoded.document)
      return problems.error(
        version.Document === undefined ? here.slice(0, -1) : here,
        decoded.problem ?? "has no Document",
      );
    policies.set(arn, {
      arn,
      name,
      path: typeof item.Path === "string" ? item.Path : "/",
      defaultVersionId,
      document: decoded.document,
      ...(typeof item.AttachmentCount === "number" ? { attachmentCount: item.AttachmentCount } : {}),
      ...(typeof item.PermissionsBoundaryUsageCount === "number"
        ? { permissionsBoundaryUsageCount: item.PermissionsBoundaryUsageCount }
        : {}),
      at,
    });
  });
  return policies;
}
