/**
 * Wording helpers shared by every message podiam prints: "did you mean", a short rendering of a
 * value found in the file, and lists cut to a few items.
 */

/**
 * The known key closest to `key` (edit distance at most 2, or equal ignoring case), when the two
 * share more than they differ: "<<" is not a typo of "id".
 */
export function suggest(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of known) {
    const distance = candidate.toLowerCase() === key.toLowerCase() ? 0 : editDistance(key, candidate);
    if (distance < bestDistance && distance < Math.min(key.length, candidate.length)) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Edits (insert, delete, substitute, swap two neighbours) from `a` to `b`; 3 stands for "3 or more". */
function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** A short, quoted rendering of a value for a message. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return "nothing (an empty value)";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") {
    const shown = value.length > 60 ? `${value.slice(0, 57)}...` : value;
    return JSON.stringify(shown);
  }
  if (typeof value === "number") return `the number ${value}`;
  return String(value);
}

/** "a, b, c and 4 more": at most `max` items, then how many were left out. */
export function listSome(items: readonly string[], max = 5): string {
  if (items.length <= max) return items.join(", ");
  return `${items.slice(0, max).join(", ")} and ${items.length - max} more`;
}

/** `"a", "b" and "c"`; beyond five names, `"a", ... and N more`. */
export function listNames(names: readonly string[]): string {
  const quoted = names.map((name) => `"${name}"`);
  if (quoted.length > 5) return listSome(quoted, 5);
  return `${quoted.slice(0, -1).join(", ")} and ${quoted[quoted.length - 1]}`;
}

/** The most characters of one value (a run without spaces) a message shows, and of a whole message. */
const SHOWN_WORD_MAX = 120;
const SHOWN_MESSAGE_MAX = 2000;

/**
 * A message, bounded: a value from the file may be megabytes long (a pasted document, a hostile
 * file), and a message that echoes it whole buries the one line the reader needs. Each run of
 * characters without a space is cut to its start, and the whole message to its first part, each
 * with how much was left out.
 */
export function boundedMessage(message: string): string {
  const keep = SHOWN_WORD_MAX - 20;
  let bounded = message.replace(
    new RegExp(`\\S{${SHOWN_WORD_MAX + 1},}`, "g"),
    (word) => `${word.slice(0, keep)}...(${word.length - keep} more characters)`,
  );
  if (bounded.length > SHOWN_MESSAGE_MAX) {
    const head = SHOWN_MESSAGE_MAX - 40;
    bounded = `${bounded.slice(0, head)}...(${bounded.length - head} more characters)`;
  }
  return bounded;
}
