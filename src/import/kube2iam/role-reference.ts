/**
 * What an `iam.amazonaws.com/role` value names: kube2iam and kiam take a value that starts with
 * `arn:` as the role's ARN, and prefix anything else with their base ARN
 * (`arn:aws:iam::<account>:role/`), so a name may carry a path (`shared/metrics-publisher`).
 */

/** A role, resolved: its account may be unknown when the value is a name and no base ARN is known. */
export interface RoleReference {
  readonly partition: string;
  /** Twelve digits, or undefined: the cluster's account is then assumed. */
  readonly account?: string;
  /** IAM path, `/` or `/shared/`. */
  readonly path: string;
  readonly name: string;
}

const ROLE_ARN = /^arn:(aws|aws-cn|aws-us-gov):iam::(\d{12}):role(\/.*)$/;
const BASE_ARN = /^arn:(aws|aws-cn|aws-us-gov):iam::(\d{12}):role(\/(?:.*\/)?)$/;
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
const PATH_PART = /^[\x21-\x7e]+$/;

export interface BaseArn {
  readonly partition: string;
  readonly account: string;
  /** The path the base ARN ends with (kube2iam allows `arn:...:role/team/`). */
  readonly path: string;
}

export function parseBaseArn(value: string): BaseArn | undefined {
  // kube2iam adds the trailing slash when it is missing.
  const match = BASE_ARN.exec(value.endsWith("/") ? value : `${value}/`);
  return match ? { partition: match[1], account: match[2], path: match[3] } : undefined;
}

/** The role a value names, or why it names none. */
export function resolveRole(value: string, base: BaseArn | undefined): RoleReference | { readonly problem: string } {
  if (/^arn:/i.test(value)) {
    const match = ROLE_ARN.exec(value);
    if (!match) return { problem: `"${value}" is not a role ARN (arn:aws:iam::<12 digits>:role/[path/]name)` };
    return split(match[3].slice(1), match[1], match[2], "/") ?? { problem: `"${value}" has no valid role name` };
  }
  // kiam trims a leading slash; kube2iam would make `role//name`, which no role has.
  const relative = value.replace(/^\/+/, "");
  return (
    split(relative, base?.partition ?? "aws", base?.account, base?.path ?? "/") ?? {
      problem: `"${value}" is neither a role ARN nor a role name ([path/]name, letters, digits and +=,.@_-)`,
    }
  );
}

function split(
  rest: string,
  partition: string,
  account: string | undefined,
  basePath: string,
): RoleReference | undefined {
  const parts = rest.split("/");
  const name = parts.pop()!;
  if (!ROLE_NAME.test(name) || !parts.every((part) => PATH_PART.test(part))) return undefined;
  const path = parts.length > 0 ? `${basePath}${parts.join("/")}/` : basePath;
  if (path.length > 512) return undefined;
  return { partition, ...(account !== undefined ? { account } : {}), path, name };
}

export function roleArn(role: RoleReference, fallbackAccount: string): string {
  return `arn:${role.partition}:iam::${role.account ?? fallbackAccount}:role${role.path}${role.name}`;
}
