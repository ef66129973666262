/**
 * IAM's action patterns (`s3:Get*`, `*`): how they split and match, case-insensitively, with `*`
 * and `?` as wildcards. Pure; the catalogue of actions they match against is src/catalog.
 */

/** Splits `service:Action`; undefined when there is no colon. */
export function splitAction(action: string): { service: string; name: string } | undefined {
  const colon = action.indexOf(":");
  if (colon <= 0) return undefined;
  return { service: action.slice(0, colon).toLowerCase(), name: action.slice(colon + 1) };
}

/** Whether a pattern (an action, or an ARN) holds an IAM wildcard. */
export function isWildcard(pattern: string): boolean {
  return pattern.includes("*") || pattern.includes("?");
}

const patternCache = new Map<string, RegExp>();
/** IAM's wildcard match (`*`, `?`), case-insensitive, as a regexp over `service:action`. */
export function wildcardRegExp(pattern: string): RegExp {
  let re = patternCache.get(pattern);
  if (!re) {
    const source = pattern
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replace(/\*/g, ".*")
      .replace(/\?/g, ".");
    re = new RegExp(`^${source}$`, "i");
    patternCache.set(pattern, re);
  }
  return re;
}

/** Whether an action pattern (`s3:Get*`, `*`) matches an action (`s3:GetObject`). */
export function actionMatches(pattern: string, action: string): boolean {
  return wildcardRegExp(pattern).test(action);
}

/**
 * `*`, `*:*` (both flagged by lint IAM001, not malformed) or service:Action with wildcards. IAM
 * matches the prefix and the name case-insensitively (`IAM:listaccesskeys` is `iam:ListAccessKeys`),
 * so either may be written in any case.
 */
const ACTION = /^(\*|\*:\*|[A-Za-z0-9-]+:[A-Za-z0-9*?]+)$/;

/** Why `action` is not written as IAM writes actions, or undefined. */
export function actionSyntaxProblem(action: string): string | undefined {
  if (ACTION.test(action)) return undefined;
  return `"${action}" is not an IAM action (service:Action, for example s3:GetObject)`;
}
