/**
 * Terraform reads every string in its JSON syntax as a template: `${...}` and `%{...}` would be
 * evaluated. IAM policy variables such as `${aws:username}` must reach IAM as written, so literal
 * text is escaped (`$${`, `%%{`).
 */
export function terraformLiteral(text: string): string {
  // A function replacement: in a replacement string, "$$" would itself mean one "$".
  return text.replace(/([$%])\{/g, (_, sigil: string) => `${sigil}${sigil}{`);
}
