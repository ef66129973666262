/** Orders that are the same on every machine and locale, so that output is byte for byte stable. */

/** Code-point order of two strings. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A record of these entries that neither loses nor inherits a key: no prototype, so a key named
 * `__proto__`, `constructor` or `toString` is a key like any other.
 */
export function ownRecord<T>(entries: Iterable<readonly [string, T]>): Record<string, T> {
  const record = Object.create(null) as Record<string, T>;
  for (const [key, value] of entries) {
    Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return record;
}

/** A copy of the record with its keys in code-point order (a record that loses and inherits no key). */
export function sortedRecord<T>(record: Readonly<Record<string, T>>): Record<string, T> {
  return ownRecord(Object.entries(record).sort(([a], [b]) => compare(a, b)));
}
