/**
 * What IAM accepts as tags and descriptions: checked before Terraform sends them, so that no file
 * `validate` accepts fails at apply.
 */

/**
 * IAM's tag key and value (API reference, Tag: https://docs.aws.amazon.com/IAM/latest/APIReference/API_Tag.html):
 * key 1-128 characters of `[\p{L}\p{Z}\p{N}_.:/=+\-@]`, value 0-256 of the same. EKS takes the
 * same for the tags of Pod Identity associations. The `aws:` prefix is AWS's own.
 */
const TAG_CHARACTERS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
export const TAG_KEY_MAX = 128;
export const TAG_VALUE_MAX = 256;

/** Why IAM refuses `key` as a tag key, or undefined. */
export function tagKeyProblem(key: string): string | undefined {
  if (key.length === 0) return "a tag key cannot be empty";
  if ([...key].length > TAG_KEY_MAX) return `tag key "${key}" is longer than ${TAG_KEY_MAX} characters`;
  if (!TAG_CHARACTERS.test(key))
    return `tag key "${key}" has a character IAM refuses; tags take letters, digits, spaces and _ . : / = + - @`;
  if (key.toLowerCase().startsWith("aws:")) return `tag key "${key}": the aws: prefix is reserved by AWS`;
  return undefined;
}

/** Why IAM refuses `value` as the value of tag `key`, or undefined. */
export function tagValueProblem(key: string, value: string): string | undefined {
  if ([...value].length > TAG_VALUE_MAX) return `tag "${key}" has a value longer than ${TAG_VALUE_MAX} characters`;
  if (!TAG_CHARACTERS.test(value))
    return `tag "${key}" has a character IAM refuses in its value; tags take letters, digits, spaces and _ . : / = + - @`;
  return undefined;
}

/**
 * IAM's role description (API reference, CreateRole: https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html):
 * at most 1,000 characters of `[\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]`, which leaves out
 * typographic quotes (’ “ ”), dashes (–) and anything past Latin-1. The role's policies take the
 * same description.
 */
// eslint-disable-next-line no-control-regex -- tab, line feed and carriage return are what IAM allows
const DESCRIPTION_CHARACTERS = /^[\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]*$/;
export const DESCRIPTION_MAX = 1000;

/** Why IAM refuses the characters of `description`, or undefined (its length is the schema's). */
export function descriptionProblem(description: string): string | undefined {
  const bad = [...description].find((c) => !DESCRIPTION_CHARACTERS.test(c));
  if (bad !== undefined) {
    const code = bad.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
    return `has "${bad}" (U+${code}), which IAM refuses in a description: it takes ASCII and Latin-1 only; write plain quotes and dashes (' " -)`;
  }
  return undefined;
}
