/**
 * zod's issues, turned into problems a person can act on: the value that was found, what was
 * expected, and for an unknown key the known key it was probably meant to be.
 */
import type { z } from "zod";
import { foreignKeyHint } from "./foreign-keys";
import { FilePath, Problem, renderPath } from "./problems";
import type { CheckParams } from "./schema";
import { BindingsSource } from "./source";
import { describeValue, suggest } from "../util/text";

export function schemaProblems(
  source: BindingsSource,
  schema: z.ZodType,
  data: unknown,
  issues: readonly z.core.$ZodIssue[],
): Problem[] {
  const problems: Problem[] = [];
  // A typo of a required key (serviceAcount) is reported once, as the typo, not also as "is required".
  const explained = new Set<string>();
  for (const issue of issues) {
    if (issue.code !== "unrecognized_keys") continue;
    const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
    const missing = missingRequired(knownKeysAt(schema, path), valueAt(data, path).value);
    for (const key of issue.keys) {
      const meant = suggest(key, missing);
      if (meant !== undefined) explained.add(renderPath([...path, meant]));
    }
  }
  for (const issue of issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
    const found = valueAt(data, path);
    switch (issue.code) {
      case "unrecognized_keys":
        for (const key of issue.keys) {
          if (key === "<<") {
            problems.push(
              source.problem([...path, key], "YAML merge keys (<<) are not supported; write the keys out", {
                at: "key",
              }),
            );
            continue;
          }
          const foreign = foreignKeyHint(key);
          if (foreign !== undefined) {
            problems.push(source.problem([...path, key], `unknown key "${key}": ${foreign}`, { at: "key" }));
            continue;
          }
          const known = knownKeysAt(schema, path);
          const hint =
            suggest(key, missingRequired(known, found.value)) ??
            suggest(
              key,
              known.map((k) => k.key),
            );
          problems.push(
            source.problem([...path, key], `unknown key "${key}"${hint ? ` (did you mean "${hint}"?)` : ""}`, {
              at: "key",
            }),
          );
        }
        break;
      case "invalid_key": {
        const key = String(path[path.length - 1]);
        const inner = issue.issues[0]?.message ?? "is not a valid key";
        problems.push(source.problem(path, `"${key}": ${inner}`, { at: "key" }));
        break;
      }
      case "invalid_type":
        if (found.missing && explained.has(renderPath(path))) break;
        if (issue.expected === "never") {
          // A key that may not be set at all (a refused preset): its message says why.
          problems.push(source.problem(path, issue.message, { at: "key" }));
          break;
        }
        if (found.missing) {
          // A field may say why it is required (its schema's message for a missing value).
          const why = isDefaultMessage(issue.message) ? "" : `: ${issue.message}`;
          problems.push(source.problem(path, `is required${requiredHint(issue.expected)}${why}`));
        } else if (isDefaultMessage(issue.message))
          problems.push(
            source.problem(path, `expected ${describeExpected(issue.expected)}, got ${describeValue(found.value)}`),
          );
        else problems.push(source.problem(path, `${issue.message} (got ${describeValue(found.value)})`));
        break;
      case "invalid_value":
        if (found.missing) {
          problems.push(
            source.problem(path, `is required${isDefaultMessage(issue.message) ? "" : `: ${issue.message}`}`),
          );
        } else if (isDefaultMessage(issue.message)) {
          problems.push(
            source.problem(
              path,
              `${describeValue(found.value)} is not one of: ${issue.values.map((v) => String(v)).join(", ")}`,
            ),
          );
        } else {
          problems.push(source.problem(path, `${issue.message} (got ${describeValue(found.value)})`));
        }
        break;
      case "invalid_union": {
        if (found.missing) {
          // A required field that may be one value or a list (serviceAccounts), not written at all.
          if (explained.has(renderPath(path))) break;
          const what = isDefaultMessage(issue.message) ? "" : ` (${issue.message.replace(/^expected /, "")})`;
          problems.push(source.problem(path, `is required${what}`));
          break;
        }
        // The option that took the value's type (the list, for a list): its own problems, where they are.
        const taken = issue.errors.find(
          (errors) => errors.length > 0 && !errors.some((e) => e.code === "invalid_type" && e.path.length === 0),
        );
        if (taken) {
          const inner = taken.map((e) => ({ ...e, path: [...issue.path, ...e.path] }) as z.core.$ZodIssue);
          problems.push(...schemaProblems(source, schema, data, inner));
        } else if (isDefaultMessage(issue.message))
          problems.push(
            source.problem(
              path,
              `expected a string, number, boolean or a list of them, got ${describeValue(found.value)}`,
            ),
          );
        else problems.push(source.problem(path, `${issue.message}, got ${describeValue(found.value)}`));
        break;
      }
      case "too_big":
      case "too_small":
        problems.push(
          source.problem(
            path,
            withValue(found.value, isDefaultMessage(issue.message) ? boundMessage(issue) : issue.message),
          ),
        );
        break;
      case "invalid_format":
        problems.push(source.problem(path, withValue(found.value, issue.message)));
        break;
      case "custom": {
        // Our own checks (schema.ts): the message is complete; `at` says key or value.
        const at = (issue.params as CheckParams | undefined)?.at;
        problems.push(source.problem(path, issue.message, at ? { at } : {}));
        break;
      }
      default:
        problems.push(source.problem(path, issue.message));
    }
  }
  return problems;
}

/** `"Api": a binding name must be ...`, `the number 60 must be at least 3600 ...`: the value, then why it is wrong. */
function withValue(value: unknown, message: string): string {
  if (!isScalar(value)) return message;
  return /^(must|is|are) /.test(message) ? `${describeValue(value)} ${message}` : `${describeValue(value)}: ${message}`;
}

function isDefaultMessage(message: string): boolean {
  return /^(Invalid input|Invalid option|Too big|Too small)/.test(message);
}

/** zod's "Too big: expected number to be <=8192", said plainly. */
function boundMessage(issue: z.core.$ZodIssueTooBig | z.core.$ZodIssueTooSmall): string {
  const big = issue.code === "too_big";
  const bound = Number(big ? issue.maximum : issue.minimum) + (issue.inclusive === false ? (big ? -1 : 1) : 0);
  const unit = issue.origin === "string" ? " characters" : issue.origin === "array" ? " entries" : "";
  return `must be at ${big ? "most" : "least"} ${bound}${unit}`;
}

function requiredHint(expected: string): string {
  return expected === "object" ? " (a mapping)" : expected === "array" ? " (a list)" : "";
}

function describeExpected(expected: string): string {
  switch (expected) {
    case "object":
      return "a mapping (key: value)";
    case "array":
      return "a list";
    case "string":
      return "a string";
    case "number":
      return "a number";
    case "boolean":
      return "true or false";
    default:
      return expected;
  }
}

function isScalar(value: unknown): boolean {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean";
}

function valueAt(data: unknown, path: FilePath): { missing: boolean; value: unknown } {
  let node = data;
  for (const segment of path) {
    if (node === null || typeof node !== "object" || !Object.hasOwn(node, segment))
      return { missing: true, value: undefined };
    node = (node as Record<string | number, unknown>)[segment];
  }
  return { missing: false, value: node };
}

/** Required keys not written: a typo is most likely one of them (serviceAcount -> serviceAccounts). */
function missingRequired(known: readonly { key: string; required: boolean }[], written: unknown): string[] {
  const present = new Set(Object.keys(written !== null && typeof written === "object" ? written : {}));
  return known.filter((k) => k.required && !present.has(k.key)).map((k) => k.key);
}

/** The schema's node at `path` (through optional wrappers, record values, list elements), if any. */
function schemaAt(schema: z.ZodType, path: FilePath): Record<string, unknown> | undefined {
  let node: unknown = schema;
  for (const segment of [...path, undefined]) {
    for (let guard = 0; guard < 10; guard++) {
      const def = (node as { _zod?: { def?: Record<string, unknown> } })?._zod?.def;
      if (!def) return undefined;
      if (def.type === "optional" || def.type === "nullable" || def.type === "default") node = def.innerType;
      else break;
    }
    let def = (node as { _zod: { def: Record<string, unknown> } })._zod.def;
    // One value or a list (a statement or a list of them): the option the segment goes into.
    if (def.type === "union") {
      const options = (def.options as { _zod: { def: Record<string, unknown> } }[]).map((o) => o._zod.def);
      def = options.find((o) => o.type === (typeof segment === "number" ? "array" : "object")) ?? def;
    }
    if (segment === undefined) return def;
    if (def.type === "object") {
      const shape = def.shape as Record<string, unknown>;
      node = Object.hasOwn(shape, String(segment)) ? shape[String(segment)] : undefined;
    } else if (def.type === "record") node = def.valueType;
    else if (def.type === "array") node = def.element;
    else return undefined;
    if (!node) return undefined;
  }
  return undefined;
}

/** The keys the schema knows at `path`, for "did you mean". */
function knownKeysAt(schema: z.ZodType, path: FilePath): { key: string; required: boolean }[] {
  const def = schemaAt(schema, path);
  if (def?.type !== "object") return [];
  return Object.entries(def.shape as Record<string, { _zod: { def: { type: string } } }>).map(([key, field]) => ({
    key,
    required: field._zod.def.type !== "optional",
  }));
}

/**
 * Whether the issue leaves the value of the type the model reads, so that the entry still goes
 * into the model and every other check runs on it too (the file stays invalid): our own format
 * checks (CheckParams.soft), an unknown key (the known ones are read, the typo is reported), a
 * string's format or length, a number's bounds (a bad account id hides nothing behind it).
 */
export function isSoftIssue(issue: z.core.$ZodIssue): boolean {
  switch (issue.code) {
    case "custom":
      return (issue.params as CheckParams | undefined)?.soft === true;
    case "unrecognized_keys":
    case "invalid_format":
      return true;
    case "too_big":
    case "too_small":
      return issue.origin === "string" || issue.origin === "number";
    default:
      return false;
  }
}

/**
 * Keys named `__proto__`: JavaScript treats them as an object's prototype, and zod drops them
 * from what it parses, so a condition, tag, annotation or label of that name would vanish without a
 * word (a conditional Allow would become an unconditional one). They are reported instead, at the
 * key.
 */
export function unreadableKeyProblems(source: BindingsSource, schema: z.ZodType, data: unknown): Problem[] {
  const problems: Problem[] = [];
  const pending: { value: unknown; path: (string | number)[] }[] = [{ value: data, path: [] }];
  // YAML aliases share one value between places (and may point back at their own anchor): each once.
  const seen = new WeakSet<object>();
  while (pending.length > 0) {
    const { value, path } = pending.pop()!;
    if (value === null || typeof value !== "object" || seen.has(value)) continue;
    seen.add(value);
    if (Array.isArray(value)) {
      value.forEach((item, i) => pending.push({ value: item, path: [...path, i] }));
    } else {
      for (const key of Object.keys(value)) {
        // Only where zod reads a map: podiam reads account aliases and cluster keys itself, and
        // reports them as it does any other invalid one; a fixed mapping reports it as unknown.
        const readByZod = path.length > 1 && schemaAt(schema, path)?.type === "record";
        if (key === "__proto__" && readByZod) {
          problems.push(
            source.problem(
              [...path, key],
              'a key named "__proto__" cannot be read: JavaScript, which podiam runs on, takes it for something else and would lose it; rename it',
              { at: "key" },
            ),
          );
        }
        pending.push({ value: (value as Record<string, unknown>)[key], path: [...path, key] });
      }
    }
  }
  return problems;
}
