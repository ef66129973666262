/**
 * `aws eks describe-pod-identity-association` outputs (one `{"association": {...}}` or a JSON array
 * of them, as `... | jq -s .` makes), and the `list-pod-identity-associations` form, which has no
 * role ARNs: its entries only say that an association exists, so that one without a describe
 * output is reported rather than silently missing.
 */
import type { FilePath, Problem } from "../../bindings/problems";
import { InputProblems, isRecord, kindOf, readJsonInput, requiredString, type JsonInput } from "./json-input";

export interface PodIdentityAssociation {
  readonly clusterName: string;
  readonly namespace: string;
  readonly serviceAccount: string;
  readonly roleArn: string;
  readonly associationId?: string;
  readonly tags: Readonly<Record<string, string>>;
  /** Set when an EKS add-on owns the association: the add-on API manages it, not podiam. */
  readonly ownerArn?: string;
  /** Role chaining to a role podiam has no notion of. */
  readonly targetRoleArn?: string;
  readonly externalId?: string;
  readonly disableSessionTags: boolean;
  /** A session policy (JSON text), intersected with the role's permissions. */
  readonly policy?: string;
  /** `FILE:LINE:COLUMN` of the association, for notes. */
  readonly source: string;
}

/** An association the list output names: no role ARN. */
export interface ListedAssociation {
  readonly clusterName: string;
  readonly namespace: string;
  readonly serviceAccount: string;
  readonly associationId?: string;
  readonly ownerArn?: string;
  readonly source: string;
}

export interface AssociationsResult {
  readonly associations: readonly PodIdentityAssociation[];
  readonly listed: readonly ListedAssociation[];
  readonly problems: readonly Problem[];
}

export function readAssociations(file: string, text?: string): AssociationsResult {
  const read = readJsonInput(file, text);
  if (!read.input) return { associations: [], listed: [], problems: read.problems };
  const input = read.input;
  const problems = new InputProblems(input);
  const data = input.data;
  const associations: PodIdentityAssociation[] = [];
  const listed: ListedAssociation[] = [];
  if (Array.isArray(data)) {
    data.forEach((item, i) => {
      if (isRecord(item) && isRecord(item.association)) {
        const association = readAssociation(problems, input, item.association, [i, "association"]);
        if (association) associations.push(association);
      } else
        problems.error(
          [i],
          `is ${kindOf(item)} without association: expected a describe-pod-identity-association output`,
        );
    });
  } else if (isRecord(data) && isRecord(data.association)) {
    const association = readAssociation(problems, input, data.association, ["association"]);
    if (association) associations.push(association);
  } else if (isRecord(data) && Array.isArray(data.associations)) {
    data.associations.forEach((item, i) => {
      const at: FilePath = ["associations", i];
      if (!isRecord(item)) return problems.error(at, `is ${kindOf(item)}, expected an association summary`);
      const clusterName = requiredString(problems, item, "clusterName", at);
      const namespace = requiredString(problems, item, "namespace", at);
      const serviceAccount = requiredString(problems, item, "serviceAccount", at);
      if (!clusterName || !namespace || !serviceAccount) return;
      listed.push({
        clusterName,
        namespace,
        serviceAccount,
        ...(typeof item.associationId === "string" ? { associationId: item.associationId } : {}),
        ...(typeof item.ownerArn === "string" ? { ownerArn: item.ownerArn } : {}),
        source: where(input, at),
      });
    });
    if (typeof data.nextToken === "string")
      problems.error(["nextToken"], "this is one page of the list (--max-items): run the list without --max-items");
  } else {
    problems.error(
      [],
      `is ${kindOf(data)}; expected aws eks describe-pod-identity-association output ({"association": {...}}), a JSON array of them, or aws eks list-pod-identity-associations output`,
    );
  }
  return problems.hasErrors
    ? { associations: [], listed: [], problems: problems.list }
    : { associations, listed, problems: problems.list };
}

function where(input: JsonInput, at: FilePath): string {
  const { line, column } = input.source.positionOf(at);
  return `${input.file}:${line}:${column}`;
}

function readAssociation(
  problems: InputProblems,
  input: JsonInput,
  item: Record<string, unknown>,
  at: FilePath,
): PodIdentityAssociation | undefined {
  const before = problems.list.length;
  const clusterName = requiredString(problems, item, "clusterName", at);
  const namespace = requiredString(problems, item, "namespace", at);
  const serviceAccount = requiredString(problems, item, "serviceAccount", at);
  const roleArn = requiredString(problems, item, "roleArn", at);
  if (roleArn !== undefined && !/^arn:(aws|aws-cn|aws-us-gov):iam::\d{12}:role\//.test(roleArn))
    problems.error([...at, "roleArn"], `${JSON.stringify(roleArn)} is not a role ARN`);
  const tags: Record<string, string> = {};
  if (item.tags !== undefined && item.tags !== null) {
    if (!isRecord(item.tags) || Object.values(item.tags).some((v) => typeof v !== "string"))
      problems.error([...at, "tags"], "is not a map of strings");
    else Object.assign(tags, item.tags);
  }
  const optional = (key: string): string | undefined => {
    const value = item[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value === "string") return value;
    problems.error([...at, key], `is ${kindOf(value)}, expected a string`);
    return undefined;
  };
  const ownerArn = optional("ownerArn");
  const targetRoleArn = optional("targetRoleArn");
  const externalId = optional("externalId");
  const policy = optional("policy");
  const associationId = optional("associationId");
  if (item.disableSessionTags !== undefined && typeof item.disableSessionTags !== "boolean")
    problems.error([...at, "disableSessionTags"], `is ${kindOf(item.disableSessionTags)}, expected true or false`);
  if (problems.list.length > before || !clusterName || !namespace || !serviceAccount || !roleArn) return undefined;
  return {
    clusterName,
    namespace,
    serviceAccount,
    roleArn,
    ...(associationId !== undefined ? { associationId } : {}),
    tags,
    ...(ownerArn !== undefined ? { ownerArn } : {}),
    ...(targetRoleArn !== undefined ? { targetRoleArn } : {}),
    ...(externalId !== undefined ? { externalId } : {}),
    disableSessionTags: item.disableSessionTags === true,
    ...(policy !== undefined ? { policy } : {}),
    source: where(input, at),
  };
}
