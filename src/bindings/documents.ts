/**
 * The JSON documents a bindings file names (`policies.<name>.document`): read from beside the
 * bindings file, never from outside its directory, and parsed with positions, so that a problem
 * inside one is reported at that file's line and column. Reading is a function the loader is
 * given: from disk beside the file (`podiam validate`), or from git at a ref (`explain --base`).
 */
import { isUtf8 } from "buffer";
import { readFileSync, realpathSync, statSync } from "fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "path";
import type { Statement } from "../iam/types";
import { ownRecord } from "../util/order";
import { FilePath, Problem } from "./problems";
import { listOf, PolicyDocumentJson, policyDocumentSchema } from "./schema";
import { isSoftIssue, schemaProblems, unreadableKeyProblems } from "./schema-problems";
import { BindingsSource } from "./source";

/** A document's text and the name messages give its file (the bindings file's directory joined with its path). */
export interface DocumentText {
  readonly file: string;
  readonly text: string;
}

/** Reads the document at `path` (relative to the bindings file): its text, or why it cannot. */
export type DocumentReader = (path: string) => DocumentText | { readonly problem: string };

/**
 * Documents on disk, beside `bindingsFile`: a regular file of at most `maxBytes`, UTF-8, whose real
 * path (symbolic links resolved) is inside the real directory of the bindings file.
 */
export function fileDocumentReader(bindingsFile: string, maxBytes: number): DocumentReader {
  const base = dirname(bindingsFile);
  return (path) => {
    const file = join(base, path);
    if (isAbsolute(path) || path.split(/[/\\]/).includes("..")) return { problem: outside(path) };
    let realBase: string;
    let real: string;
    try {
      realBase = realpathSync(base);
      real = realpathSync(resolve(base, path));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return { problem: `cannot read ${file}: ${code === "ENOENT" ? "no such file" : (error as Error).message}` };
    }
    const inside = relative(realBase, real);
    if (inside === "" || inside.startsWith(`..${sep}`) || inside === ".." || isAbsolute(inside))
      return { problem: `${outside(path)} (it leads to ${real})` };
    try {
      // Looked at before it is opened: opening a FIFO waits for a writer, a device never ends.
      const stat = statSync(real);
      if (!stat.isFile()) return { problem: `cannot read ${file}: it is not a regular file` };
      if (stat.size > maxBytes)
        return {
          problem: `cannot read ${file}: it is larger than ${maxBytes / 1024 / 1024} MB, not a policy document`,
        };
      const bytes = readFileSync(real);
      if (!isUtf8(bytes)) return { problem: `cannot read ${file}: it is not UTF-8 text` };
      return { file, text: bytes.toString("utf8") };
    } catch (error) {
      return { problem: `cannot read ${file}: ${(error as Error).message}` };
    }
  };
}

function outside(path: string): string {
  return `${JSON.stringify(path)} is outside the bindings file's directory: keep policy documents beside the bindings file`;
}

/** No document can be read (a bindings text without a file): each one names why. */
export const noDocuments: DocumentReader = () => ({
  problem: "policy documents are read from beside a bindings file, and this text has none",
});

/** A document's statements in podiam's shape, with where each is, or the problems that stop it. */
export interface LoadedDocument {
  readonly statements?: readonly Statement[];
  /** Each statement's path in the document (`Statement`, or `Statement[i]`). */
  readonly statementPaths?: readonly FilePath[];
  /** The document, parsed with positions; absent when it could not be read. */
  readonly source?: BindingsSource;
  readonly problems: readonly Problem[];
}

/**
 * Reads and checks the document of `policies.<key>.document`. Its problems are positioned in the
 * document itself; a document that cannot be read is reported at the `document:` line.
 */
export function loadPolicyDocument(
  main: BindingsSource,
  reader: DocumentReader,
  path: string,
  at: FilePath,
): LoadedDocument {
  const read = reader(path);
  if ("problem" in read) return { problems: [main.problem(at, read.problem)] };
  const source = new BindingsSource(read.file, read.text);
  const syntax = source.yamlProblems();
  if (syntax.length > 0) return { problems: syntax.map((p) => ({ ...p, path: "(json)" })), source };
  let data: unknown;
  try {
    data = JSON.parse(source.text);
  } catch (error) {
    return { problems: [notJson(source, error as Error)], source };
  }
  const problems: Problem[] = [...unreadableKeyProblems(source, policyDocumentSchema, data)];
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    problems.push(
      source.problem([], 'is not an IAM policy: expected a JSON object with "Version": "2012-10-17" and "Statement"'),
    );
    return { problems, source };
  }
  const result = policyDocumentSchema.safeParse(data);
  if (!result.success) {
    problems.push(...schemaProblems(source, policyDocumentSchema, data, result.error.issues));
    if (!result.error.issues.every(isSoftIssue)) return { problems, source };
  }
  const document = data as PolicyDocumentJson;
  const single = !Array.isArray(document.Statement);
  const statements = single ? [document.Statement as DocumentStatement] : (document.Statement as DocumentStatement[]);
  return {
    statements: statements.map(statementOfJson),
    statementPaths: statements.map((_, i) => (single ? ["Statement"] : ["Statement", i])),
    source,
    problems,
  };
}

export type DocumentStatement = Extract<PolicyDocumentJson["Statement"], { Effect: unknown }>;

/** An IAM JSON statement in podiam's shape: lists, camelCase, the Sid kept. */
export function statementOfJson(statement: DocumentStatement): Statement {
  return {
    ...(statement.Sid ? { sid: statement.Sid } : {}),
    effect: statement.Effect,
    ...(statement.Action !== undefined ? { actions: listOf(statement.Action) } : {}),
    ...(statement.NotAction !== undefined ? { notActions: listOf(statement.NotAction) } : {}),
    ...(statement.Resource !== undefined ? { resources: listOf(statement.Resource) } : {}),
    ...(statement.NotResource !== undefined ? { notResources: listOf(statement.NotResource) } : {}),
    ...(statement.Condition !== undefined
      ? {
          conditions: ownRecord(
            Object.entries(statement.Condition).map(([operator, block]) => [
              operator,
              ownRecord(Object.entries(block)),
            ]),
          ),
        }
      : {}),
  };
}

/** JSON.parse's complaint, at the offset it names when it names one (YAML took the text, JSON did not). */
function notJson(source: BindingsSource, error: Error): Problem {
  const offset = /position (\d+)/.exec(error.message)?.[1];
  const { line, column } = source.positionAt(offset === undefined ? 0 : Number(offset));
  return {
    file: source.file,
    line,
    column,
    path: "(json)",
    severity: "error",
    message: `is not JSON (${error.message.split("\n")[0]}): an IAM policy document is a JSON object with "Version" and "Statement"`,
  };
}
