/**
 * `--role-names FILE`: the names of the roles CloudFormation generated for eksctl (a ClusterConfig
 * without `roleName` cannot say them). A YAML or JSON mapping from `namespace/name` (the
 * ServiceAccount, as in iam.serviceAccounts or iam.podIdentityAssociations) to the role's name or
 * ARN, e.g. the stack's `Role1` output:
 *
 *     backend/s3-reader: arn:aws:iam::111122223333:role/eksctl-prod-eu-1-addon-iamserviceaccount-back-Role1-Xq3LmN8pRt2v
 *     orders/consumer: eksctl-prod-us-1-podidentityrole-orders-consu-Role1-Ab3dE5gH7jK9
 */
import { isUtf8 } from "buffer";
import { readFileSync, statSync } from "fs";
import { Problem, sortProblems } from "../../bindings/problems";
import { BindingsSource, MAX_ALIAS_EXPANSIONS } from "../../bindings/source";
import { describeValue } from "../../util/text";

/** A role, as named by an ARN or a bare name. */
export interface KnownRole {
  readonly name: string;
  /** The role's path, when an ARN gave one other than `/`. */
  readonly path?: string;
  /** The role's account, when an ARN gave it. */
  readonly accountId?: string;
  readonly partition?: string;
}

/** A role name given for a ServiceAccount, and where it was given. */
export interface GivenRoleName extends KnownRole {
  /** FILE:LINE:COLUMN of the entry. */
  readonly where: string;
  /** The entry's position, for problems found once the ClusterConfig is read. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** The entry's path in the role-names file, for problems found later. */
  readonly key: string;
}

export interface ReadRoleNames {
  readonly names: ReadonlyMap<string, GivenRoleName>;
  readonly problems: readonly Problem[];
  readonly source?: BindingsSource;
}

const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
const ROLE_ARN = /^arn:(aws|aws-cn|aws-us-gov):iam::(\d{12}):role(\/(?:[\x21-\x7E]*\/)?)([\w+=,.@-]{1,64})$/;
const SERVICE_ACCOUNT_KEY = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?\/[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

/** A role ARN's parts, or undefined when it is not one. */
export function parseRoleArn(arn: string): KnownRole | undefined {
  const match = ROLE_ARN.exec(arn);
  if (!match) return undefined;
  const [, partition, accountId, path, name] = match;
  return { name, accountId, partition, ...(path !== "/" ? { path } : {}) };
}

export function readRoleNamesFile(file: string): ReadRoleNames {
  const refuse = (message: string): ReadRoleNames => ({
    names: new Map(),
    problems: [{ file, line: 1, column: 1, path: "(file)", severity: "error", message }],
  });
  try {
    const stat = statSync(file);
    if (!stat.isFile()) return refuse("cannot read the role names: it is not a regular file");
    if (stat.size > 8 * 1024 * 1024) return refuse("cannot read the role names: it is larger than 8 MB");
    const bytes = readFileSync(file);
    if (!isUtf8(bytes)) return refuse("cannot read the role names: it is not UTF-8 text");
    return readRoleNames(bytes.toString("utf8"), file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return refuse(`cannot read the role names: ${code === "ENOENT" ? "no such file" : (error as Error).message}`);
  }
}

export function readRoleNames(text: string, file: string): ReadRoleNames {
  let source: BindingsSource;
  try {
    source = new BindingsSource(file, text);
  } catch (error) {
    return {
      names: new Map(),
      problems: [{ file, line: 1, column: 1, path: "(yaml)", severity: "error", message: (error as Error).message }],
    };
  }
  const syntax = source.yamlProblems();
  if (syntax.length > 0) return { names: new Map(), problems: sortProblems(syntax), source };
  let data: unknown;
  try {
    data = source.document.toJS({ maxAliasCount: MAX_ALIAS_EXPANSIONS });
  } catch (error) {
    return {
      names: new Map(),
      problems: [source.problem([], `cannot read the YAML: ${(error as Error).message}`)],
      source,
    };
  }
  if (data === null || data === undefined) return { names: new Map(), problems: [], source };
  if (typeof data !== "object" || Array.isArray(data)) {
    return {
      names: new Map(),
      problems: [
        source.problem(
          [],
          `expected a mapping of namespace/name to a role name or ARN (e.g. backend/s3-reader: arn:aws:iam::111122223333:role/...), got ${describeValue(data)}`,
        ),
      ],
      source,
    };
  }
  const names = new Map<string, GivenRoleName>();
  const problems: Problem[] = [];
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    if (!SERVICE_ACCOUNT_KEY.test(key)) {
      problems.push(source.problem([key], `"${key}" is not a ServiceAccount as namespace/name`, { at: "key" }));
      continue;
    }
    const position = source.positionOf([key], "key");
    const where = `${file}:${position.line}:${position.column}`;
    const entry = { where, key, file, line: position.line, column: position.column };
    if (typeof value !== "string") {
      problems.push(source.problem([key], `expected a role name or a role ARN, got ${describeValue(value)}`));
      continue;
    }
    const fromArn = parseRoleArn(value);
    if (fromArn) names.set(key, { ...fromArn, ...entry });
    else if (value.startsWith("arn:"))
      problems.push(
        source.problem([key], `${describeValue(value)} is not an IAM role ARN (arn:aws:iam::<account>:role/<name>)`),
      );
    else if (ROLE_NAME.test(value)) names.set(key, { name: value, ...entry });
    else
      problems.push(
        source.problem([key], `${describeValue(value)} is not an IAM role name (1-64 of letters, digits and +=,.@_-)`),
      );
  }
  return { names, problems: sortProblems(problems), source };
}

/**
 * Entries that cannot be used: a ServiceAccount the ClusterConfig does not have (a typo), or one
 * whose role the ClusterConfig names already (roleName, attachRoleARN, roleARN).
 */
export function unusableRoleNames(
  names: ReadonlyMap<string, GivenRoleName>,
  namedInConfig: ReadonlyMap<string, string | undefined>,
): Problem[] {
  const problems: Problem[] = [];
  for (const given of names.values()) {
    const problem = (message: string): Problem => ({
      file: given.file,
      line: given.line,
      column: given.column,
      path: given.key,
      severity: "error",
      message,
    });
    if (!namedInConfig.has(given.key))
      problems.push(
        problem(
          `the ClusterConfig has no ServiceAccount ${given.key} in iam.serviceAccounts or iam.podIdentityAssociations`,
        ),
      );
    else {
      const named = namedInConfig.get(given.key);
      if (named !== undefined && named !== given.name)
        problems.push(
          problem(`the ClusterConfig names this ServiceAccount's role already (${named}): remove the entry`),
        );
    }
  }
  return sortProblems(problems);
}
