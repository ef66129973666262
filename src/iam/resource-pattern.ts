/**
 * IAM's resource patterns (`arn:aws:iam::*:role/*`) against the ARN templates of the Service
 * Authorization Reference (`arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}`): whether a
 * pattern covers every ARN a template stands for, or may match at least one. Pure; which templates
 * an action has is src/catalog.
 *
 * How IAM matches (Resource element page): `*` (any run of characters, `/` and `:` included) and
 * `?` (one character) in any segment; a `*` that ends a segment may expand beyond its colons; an
 * ARN written with fewer than six segments ending in `*` is completed with `*`. Matching is done
 * case-insensitively here, as the policy simulator does: for "covers" and "may match" that is the
 * broader, safer reading.
 */

/** A glob token: a literal character, `?` (exactly one character) or `*` (any run). */
type Token = { readonly literal: string } | "?" | "*";

/** Tokens of a glob; with `placeholders`, each `${Name}` of a template stands for any non-empty text. */
function tokens(glob: string, placeholders = false): Token[] {
  const raw: Token[] = [];
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (placeholders && c === "$" && glob[i + 1] === "{" && glob.indexOf("}", i) > i) {
      raw.push("?", "*");
      i = glob.indexOf("}", i);
    } else if (c === "*" || c === "?") raw.push(c);
    else raw.push({ literal: c.toLowerCase() });
  }
  // A run of wildcards means "at least as many characters as its `?`s": write it as `?`s, then one `*`.
  const out: Token[] = [];
  for (let i = 0; i < raw.length;) {
    if (typeof raw[i] === "object") {
      out.push(raw[i++]);
      continue;
    }
    let ones = 0;
    let star = false;
    for (; i < raw.length && typeof raw[i] !== "object"; i++) {
      if (raw[i] === "?") ones++;
      else star = true;
    }
    for (let k = 0; k < ones; k++) out.push("?");
    if (star) out.push("*");
  }
  return out;
}

function literalOf(token: Token): string | undefined {
  return typeof token === "object" ? token.literal : undefined;
}

/** Every text `inner` can match is matched by `outer` (L(inner) ⊆ L(outer)). */
function includes(outer: readonly Token[], inner: readonly Token[]): boolean {
  const memo = new Map<number, boolean>();
  const go = (i: number, j: number): boolean => {
    const key = i * (inner.length + 1) + j;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let result: boolean;
    if (i === outer.length) result = j === inner.length;
    else if (outer[i] === "*") result = go(i + 1, j) || (j < inner.length && go(i, j + 1));
    else if (j === inner.length) result = false;
    else if (outer[i] === "?") result = inner[j] !== "*" && go(i + 1, j + 1);
    else result = literalOf(inner[j]) === literalOf(outer[i]) && go(i + 1, j + 1);
    memo.set(key, result);
    return result;
  };
  return go(0, 0);
}

/** Some text is matched by both (L(a) ∩ L(b) ≠ ∅). */
function intersects(a: readonly Token[], b: readonly Token[]): boolean {
  const memo = new Map<number, boolean>();
  const go = (i: number, j: number): boolean => {
    const key = i * (b.length + 1) + j;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let result: boolean;
    if (i < a.length && a[i] === "*") result = go(i + 1, j) || (j < b.length && go(i, j + 1));
    else if (j < b.length && b[j] === "*") result = go(i, j + 1) || (i < a.length && go(i + 1, j));
    else if (i === a.length || j === b.length) result = i === a.length && j === b.length;
    else {
      const x = literalOf(a[i]);
      const y = literalOf(b[j]);
      result = (x === undefined || y === undefined || x === y) && go(i + 1, j + 1);
    }
    memo.set(key, result);
    return result;
  };
  return go(0, 0);
}

/** The six parts of an ARN or ARN pattern (arn, partition, service, region, account, resource). */
export function arnSegments(arn: string, { completeShort = false } = {}): string[] | undefined {
  if (!arn.startsWith("arn:")) return undefined;
  const parts = arn.split(":");
  if (parts.length < 6) {
    // A pattern ending in `*` with segments left out is completed with `*` (arn:aws:s3:* = every S3 ARN).
    if (!completeShort || !parts[parts.length - 1].endsWith("*")) return undefined;
    while (parts.length < 6) parts.push("*");
  }
  return [...parts.slice(0, 5), parts.slice(5).join(":")];
}

/** What a resource pattern is judged against: one ARN template, and the partition the role acts in. */
export interface ArnTemplateScope {
  /** `arn:${Partition}:secretsmanager:${Region}:${Account}:secret:${SecretId}` */
  readonly template: string;
  /** `aws`: the partition of the role's account. */
  readonly partition: string;
}

/**
 * Whether a resource pattern covers every ARN of the template within one account and region:
 * `*`, `arn:*:*:*:*:*`, `arn:aws:secretsmanager:*:*:secret:*`, `arn:aws:iam::111122223333:role/*`
 * all cover a role's or a secret's template; `arn:aws:iam::111122223333:role/eks/*` does not. Any
 * value in a region or account placeholder counts ("every secret of that account"); the partition
 * must match the role's.
 */
export function coversTemplate(pattern: string, { template, partition }: ArnTemplateScope): boolean {
  if (pattern === "*") return true;
  const p = arnSegments(pattern, { completeShort: true });
  const t = arnSegments(template);
  if (!p || !t) return false;
  for (let i = 1; i <= 4; i++) {
    const placeholder = /^\$\{[^}]+\}$/.test(t[i]);
    if (i === 1 && placeholder) {
      if (!includes(tokens(p[i]), tokens(partition))) return false;
    } else if (placeholder) {
      // Region and account: any value is "a region", "an account" (every secret of 111122223333 is
      // every secret); only `?`s that fit no account id (twelve digits) match none.
      if (p[i] === "" || (i === 4 && /^\?+$/.test(p[i]) && p[i].length !== 12)) return false;
    } else if (!includes(tokens(p[i]), tokens(t[i], true))) return false;
  }
  return includes(tokens(p[5]), tokens(t[5], true));
}

/** Whether a resource pattern may match at least one ARN of the template (in the role's partition). */
export function mayMatchTemplate(pattern: string, { template, partition }: ArnTemplateScope): boolean {
  if (pattern === "*") return true;
  const p = arnSegments(pattern, { completeShort: true });
  const t = arnSegments(template);
  if (!p || !t) return false;
  const concrete = [t[0], t[1].startsWith("${") ? partition : t[1], ...t.slice(2)];
  for (let i = 1; i <= 5; i++) if (!intersects(tokens(p[i]), tokens(concrete[i], true))) return false;
  return true;
}

/** Whether a glob (a condition value such as `ec2.*`) matches a text, case-sensitively as StringLike does. */
export function globMatches(glob: string, text: string): boolean {
  const source = glob
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, "[\\s\\S]*")
    .replace(/\?/g, "[\\s\\S]");
  return new RegExp(`^${source}$`).test(text);
}
