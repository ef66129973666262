/**
 * Terraform reads every string in its JSON syntax as a template: `${...}` and `%{...}` would be
 * evaluated. Text from the bindings file (IAM policy variables such as `${aws:username}`, a
 * description, a tag, an annotation) must reach AWS and Kubernetes as written, so every literal
 * string a construct takes from its props goes through here (`$${`, `%%{`).
 */
export function terraformLiteral(text: string): string {
  // A function replacement: in a replacement string, "$$" would itself mean one "$".
  return text.replace(/([$%])\{/g, (_, sigil: string) => `${sigil}${sigil}{`);
}

/** A map of literal text (tags, labels, annotations), escaped and sorted; undefined when empty. */
export function terraformLiteralMap(
  map: Readonly<Record<string, string>> | undefined,
): Record<string, string> | undefined {
  const entries = Object.entries(map ?? {});
  if (entries.length === 0) return undefined;
  return Object.fromEntries(
    entries
      .map(([key, value]) => [terraformLiteral(key), terraformLiteral(value)])
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
}

/** `{ tags }` for a resource's props, or nothing when there are none. */
export function literalTags(tags: Readonly<Record<string, string>> | undefined): { tags?: Record<string, string> } {
  const literal = terraformLiteralMap(tags);
  return literal ? { tags: literal } : {};
}
