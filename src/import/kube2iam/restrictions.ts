/**
 * Whether a namespace's restriction lets its pods have a role today. A role the daemon refuses is
 * not a role the pods have: importing it would grant new access (kube2iam.md §2).
 *
 * - kube2iam `iam.amazonaws.com/allowed-roles`: a JSON list; each entry a role ARN, or a name
 *   prefixed with the base ARN; matched against the role's ARN as a glob (only `*`, which also
 *   matches `/`; case-sensitive), or as an unanchored regular expression with
 *   `--namespace-restriction-format=regexp`.
 * - kiam `iam.amazonaws.com/permitted`: one regular expression, matched against the role's ARN,
 *   anchored (kiam v4's default) unless `--disable-strict-namespace-regexp`.
 */
import type { NamespaceRestriction } from "./workloads";

export interface RestrictionSettings {
  /** The base ARN entries that are names are prefixed with (`arn:aws:iam::<account>:role/`). */
  readonly baseArn: string;
  readonly allowedRolesFormat: "glob" | "regexp";
  readonly unanchoredPermitted: boolean;
}

export type RestrictionVerdict =
  { readonly allowed: true; readonly by?: string } | { readonly allowed: false; readonly by: string };

export function restrictionVerdict(
  restriction: NamespaceRestriction,
  arn: string,
  settings: RestrictionSettings,
): RestrictionVerdict | undefined {
  const verdicts: RestrictionVerdict[] = [];
  if (restriction.allowedRoles !== undefined) {
    const entries = restriction.allowedRoles;
    const match = entries.find((entry) =>
      settings.allowedRolesFormat === "regexp"
        ? safeRegExp(entry)?.test(arn) === true
        : globMatches(/^arn:/i.test(entry) ? entry : `${settings.baseArn}${entry.replace(/^\/+/, "")}`, arn),
    );
    const rule = `allowed-roles ${JSON.stringify(entries)} (kube2iam, ${settings.allowedRolesFormat})`;
    verdicts.push(
      match !== undefined ? { allowed: true, by: `${JSON.stringify(match)} of ${rule}` } : { allowed: false, by: rule },
    );
  }
  if (restriction.permitted !== undefined) {
    const flagGroup = /^\(\?[ims]+\)/.exec(restriction.permitted)?.[0] ?? "";
    const body = restriction.permitted.slice(flagGroup.length);
    const source = settings.unanchoredPermitted ? restriction.permitted : `${flagGroup}^(?:${body})$`;
    const rule = `permitted ${JSON.stringify(restriction.permitted)} (kiam, ${settings.unanchoredPermitted ? "unanchored" : "anchored"})`;
    verdicts.push(safeRegExp(source)?.test(arn) === true ? { allowed: true, by: rule } : { allowed: false, by: rule });
  }
  if (verdicts.length === 0) return undefined;
  // Where both tools' annotations are present, each daemon would apply its own: keep the refusal.
  return verdicts.find((verdict) => !verdict.allowed) ?? verdicts[0];
}

/** github.com/ryanuber/go-glob: `*` matches any run of characters, everything else itself. */
export function globMatches(pattern: string, subject: string): boolean {
  const source = pattern
    .split("*")
    .map((part) => part.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"))
    .join(".*");
  return new RegExp(`^${source}$`, "s").test(subject);
}

/**
 * A Go (RE2) expression as a JavaScript RegExp, or undefined where it does not compile. RE2's
 * leading flag group (`(?i)`, `(?s)`, `(?is)`) is JavaScript's flags; the rest of the syntax the
 * annotations use (classes, `\d`, groups, alternation) means the same in both.
 */
export function goRegExp(source: string): RegExp | undefined {
  const flags = /^\(\?([ims]+)\)/.exec(source);
  try {
    return flags ? new RegExp(source.slice(flags[0].length), [...new Set(flags[1])].join("")) : new RegExp(source);
  } catch {
    return undefined;
  }
}

const safeRegExp = goRegExp;
