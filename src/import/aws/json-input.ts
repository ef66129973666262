/**
 * The JSON files `podiam import aws` reads (AWS CLI outputs), parsed with positions so that every
 * problem in them is reported at FILE:LINE:COLUMN with the path of the offending value. JSON is
 * YAML, so the bindings file's positioned reader serves here too (duplicate keys, nesting depth).
 */
import { readFileSync } from "fs";
import { BindingsSource } from "../../bindings/source";
import type { FilePath, Problem } from "../../bindings/problems";

export interface JsonInput {
  readonly file: string;
  /** The parsed value (plain data); undefined when the file could not be parsed. */
  readonly data: unknown;
  readonly source: BindingsSource;
}

/** Read and parse FILE; problems say why it could not be read or parsed. */
export function readJsonInput(file: string, text?: string): { input?: JsonInput; problems: Problem[] } {
  let content = text;
  if (content === undefined) {
    try {
      content = readFileSync(file, "utf8");
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message;
      return {
        problems: [{ file, line: 1, column: 1, path: "(file)", severity: "error", message: `cannot read: ${reason}` }],
      };
    }
  }
  const source = new BindingsSource(file, content);
  const problems = source.yamlProblems();
  if (problems.length > 0) return { problems };
  if (!/^\s*[[{]/.test(source.text)) {
    return { problems: [source.problem([], "is not JSON: an AWS CLI output (--output json) starts with { or [")] };
  }
  return { input: { file, data: source.document.toJS({ maxAliasCount: 0 }), source }, problems: [] };
}

/** Collects positioned problems while a reader walks an input's plain data. */
export class InputProblems {
  readonly list: Problem[] = [];
  constructor(private readonly input: JsonInput) {}

  error(path: FilePath, message: string): void {
    this.list.push(this.input.source.problem(path, message));
  }

  warning(path: FilePath, message: string): void {
    this.list.push(this.input.source.problem(path, message, { severity: "warning" }));
  }

  get hasErrors(): boolean {
    return this.list.some((p) => p.severity === "error");
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** What kind of JSON value this is, for messages ("a string", "a list"). */
export function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  return `a ${typeof value}`;
}

/** A required string member; a problem (and undefined) when it is absent or not a non-empty string. */
export function requiredString(
  problems: InputProblems,
  object: Record<string, unknown>,
  key: string,
  at: FilePath,
): string | undefined {
  const value = object[key];
  if (typeof value === "string" && value !== "") return value;
  problems.error(
    value === undefined ? at : [...at, key],
    value === undefined ? `has no ${key}` : `${key} is ${kindOf(value)}, expected a non-empty string`,
  );
  return undefined;
}

/** An optional list member: [] when absent, undefined (with a problem) when it is not a list. */
export function optionalList(
  problems: InputProblems,
  object: Record<string, unknown>,
  key: string,
  at: FilePath,
): readonly unknown[] | undefined {
  const value = object[key];
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value;
  problems.error([...at, key], `is ${kindOf(value)}, expected a list`);
  return undefined;
}

/**
 * An IAM policy document as AWS tools print it: an object (the CLI, which decodes them), JSON text,
 * or the raw API's URL-encoded JSON (RFC 3986). Percent-decoding leaves `+` as it is, as Python's
 * `unquote` (botocore) and Go's `url.PathUnescape` (eksctl) do: `+` is a literal in these documents.
 */
export function decodeDocument(value: unknown): {
  readonly document?: Record<string, unknown>;
  readonly problem?: string;
} {
  let parsed: unknown = value;
  if (typeof value === "string") {
    const text = value.trimStart().startsWith("{") ? value : percentDecoded(value);
    if (text === undefined) return { problem: "is a string that is neither JSON nor URL-encoded JSON (bad % escape)" };
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      return { problem: `is a string that is neither JSON nor URL-encoded JSON (${(error as Error).message})` };
    }
  }
  if (!isRecord(parsed))
    return { problem: `is ${kindOf(parsed)}, expected a policy document (an object with Statement)` };
  if (parsed.Statement === undefined) return { problem: "is a policy document without Statement" };
  if (!isRecord(parsed.Statement) && !Array.isArray(parsed.Statement))
    return { problem: `has a Statement that is ${kindOf(parsed.Statement)}, expected a statement or a list of them` };
  return { document: parsed };
}

function percentDecoded(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}
