/**
 * A role's permissions as a binding's `policies`: its inline documents as statements, AWS managed
 * and customer-managed policies by ARN, except the customer-managed policy podiam itself would
 * make for the binding (named like the role, in its path), which becomes statements with
 * `adopt.policy`, so the first apply takes it over instead of failing with EntityAlreadyExists.
 *
 * Why other customer-managed policies stay by ARN rather than become the file's `policies.<name>`:
 * a file policy is an `aws_iam_policy` podiam creates, and podiam has no adoption for file
 * policies, so the first apply would fail on the existing policy of that name (or, under another
 * name, make a second copy). By ARN, the first plan attaches what is already attached: no change;
 * the policy stays with whoever manages it today, and explain shows it by ARN.
 */
import { statementsOfDocument } from "../policy-statements";
import type { AccountRole, AuthorizationDetails } from "./authorization-details";

export interface RolePolicies {
  /** Managed policy ARNs to attach (sorted). */
  readonly managed: readonly string[];
  /** Each inline document's statements (the same objects as in `statements`), and their text before any Sid was renamed. */
  readonly inline: readonly {
    readonly name: string;
    readonly statements: readonly Record<string, unknown>[];
    readonly key: string;
  }[];
  /** The binding's statements (inline documents, and the adopted own policy's). */
  readonly statements: readonly Record<string, unknown>[];
  /** The existing policy at the binding's own-policy ARN is adopted. */
  readonly adoptPolicy: boolean;
  /** Customer-managed ARNs kept by ARN. */
  readonly customerByArn: readonly string[];
  /** Documents podiam cannot hold: not carried (a narrowing of permissions, never a widening). */
  readonly problems: readonly string[];
  /** Sids renamed because two documents used the same one (a policy takes each Sid once). */
  readonly renamedSids: readonly string[];
  /**
   * The role has a policy at the ARN of the binding's own policy whose document the file lacks
   * (exported with --filter Role alone): podiam cannot adopt it, and would make one of that name.
   */
  readonly ownPolicyUnknown: boolean;
  /** The policies attached to the role once imported (the binding's own counts as one). */
  readonly attachedCount: number;
}

export function ownPolicyArn(role: AccountRole): string {
  return `arn:${role.partition}:iam::${role.accountId}:policy${role.path}${role.name}`;
}

export function rolePolicies(role: AccountRole, details: AuthorizationDetails): RolePolicies {
  const problems: string[] = [];
  const statements: Record<string, unknown>[] = [];
  const inline: { name: string; statements: Record<string, unknown>[]; key: string }[] = [];
  const add = (what: string, document: unknown) => {
    const converted = statementsOfDocument(document);
    if (converted.problem !== undefined) problems.push(`${what} ${converted.problem}`);
    else statements.push(...(converted.statements ?? []));
    return converted.statements;
  };
  for (const policy of role.inlinePolicies) {
    const converted = add(`the inline policy ${policy.name}`, policy.document);
    if (converted) inline.push({ name: policy.name, statements: [...converted], key: JSON.stringify(converted) });
  }
  const own = ownPolicyArn(role);
  const ownPolicy = details.policies.get(own);
  const adoptPolicy = ownPolicy !== undefined && (role.attachedPolicyArns.includes(own) || statements.length > 0);
  if (adoptPolicy) add(`the policy ${own} (version ${ownPolicy.defaultVersionId})`, ownPolicy.document);
  const managed = role.attachedPolicyArns.filter((arn) => !(adoptPolicy && arn === own)).sort();
  const renamedSids = uniqueSids(statements);
  const adopted = adoptPolicy && statements.length > 0;
  return {
    managed,
    inline,
    statements,
    adoptPolicy: adopted,
    customerByArn: managed.filter((arn) => !/:iam::aws:policy\//.test(arn)),
    problems,
    renamedSids,
    ownPolicyUnknown: ownPolicy === undefined && role.attachedPolicyArns.includes(own) && statements.length > 0,
    attachedCount: managed.length + (statements.length > 0 ? 1 : 0),
  };
}

/** Sids made unique where documents merged into one policy repeat one: `Read`, `Read2`. */
function uniqueSids(statements: Record<string, unknown>[]): string[] {
  const seen = new Set<string>();
  const renamed: string[] = [];
  for (const statement of statements) {
    const sid = statement.sid;
    if (typeof sid !== "string") continue;
    let unique = sid;
    for (let n = 2; seen.has(unique); n++) unique = `${sid}${n}`;
    if (unique !== sid) {
      statement.sid = unique;
      renamed.push(`${sid} -> ${unique}`);
    }
    seen.add(unique);
  }
  return renamed;
}
