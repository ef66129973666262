/**
 * bindings.yaml -> validated model: YAML with positions, then shape, references and limits.
 * Every problem is collected and returned; nothing here throws on bad input.
 */
import { readFileSync, statSync } from "fs";
import { isUtf8 } from "buffer";
import { buildModel } from "./build-model";
import { DocumentReader, fileDocumentReader } from "./documents";
import { bindingsFileSchema } from "./schema";
import { unreadableKeyProblems } from "./schema-problems";
import { checkModel } from "./checks";
import { BindingsModel } from "./model";
import { hasErrors, Problem, sortProblems } from "./problems";
import { BindingsSource, MAX_ALIAS_EXPANSIONS } from "./source";
import { unfinishedValueProblems } from "./unfinished";

export interface LoadResult {
  /** Present when there are no errors. */
  readonly model?: BindingsModel;
  /** Errors and warnings, in file order. */
  readonly problems: readonly Problem[];
  readonly source?: BindingsSource;
}

/**
 * Largest bindings file podiam reads: 10,000 bindings are about 8 MB of YAML. Anything larger is
 * refused before it is read, so a wrong -f (a disk image, a log) costs no memory and no minutes.
 */
export const MAX_FILE_BYTES = 32 * 1024 * 1024;

export function loadBindingsFile(file: string): LoadResult {
  const cannotRead = (reason: string): LoadResult => ({
    problems: [
      {
        file,
        line: 1,
        column: 1,
        path: "(root)",
        severity: "error",
        message: `cannot read the bindings file: ${reason} (set -f FILE or BINDINGS_FILE)`,
      },
    ],
  });
  let bytes: Buffer;
  try {
    // Looked at before it is opened: opening a FIFO waits for a writer, a device never ends.
    const stat = statSync(file);
    if (stat.isDirectory()) return cannotRead("it is a directory");
    if (!stat.isFile()) return cannotRead("it is not a regular file (a device, a pipe or a socket)");
    if (stat.size > MAX_FILE_BYTES) {
      return cannotRead(
        `it is ${(stat.size / 1024 / 1024).toFixed(0)} MB; podiam reads bindings files of at most ${MAX_FILE_BYTES / 1024 / 1024} MB (10,000 bindings are about 8 MB)`,
      );
    }
    bytes = readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return cannotRead(
      code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : (error as Error).message,
    );
  }
  if (bytes.length > MAX_FILE_BYTES) return cannotRead(`it is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`);
  const text = bytes.toString("utf8");
  if (!isUtf8(bytes)) {
    // The lenient decoding put U+FFFD where the first invalid byte was.
    return { problems: [notTextProblem(file, text, text.indexOf("\uFFFD"), "is not UTF-8 text; save it as UTF-8")] };
  }
  return loadBindings(text, file);
}

/** Control characters YAML does not allow (all but tab, line feed and carriage return). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export interface LoadOptions {
  /**
   * How the policy documents the file names are read.
   * @default from disk, beside `file` (never outside its directory)
   */
  readonly readDocument?: DocumentReader;
}

export function loadBindings(text: string, file = "bindings.yaml", options: LoadOptions = {}): LoadResult {
  const control = CONTROL_CHARACTER.exec(text);
  if (control) {
    const code = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0");
    return {
      problems: [
        notTextProblem(
          file,
          text,
          control.index,
          `has a control character (U+${code}): it looks binary, not YAML text`,
        ),
      ],
    };
  }
  let source: BindingsSource;
  try {
    source = new BindingsSource(file, text);
  } catch (error) {
    return {
      problems: [
        {
          file,
          line: 1,
          column: 1,
          path: "(root)",
          severity: "error",
          message: `cannot parse the file as YAML: ${(error as Error).message}`,
        },
      ],
    };
  }
  const syntax = source.yamlProblems();
  if (syntax.length > 0) return { problems: sortProblems(syntax), source };

  let data: unknown;
  try {
    data = source.document.toJS({ maxAliasCount: MAX_ALIAS_EXPANSIONS });
  } catch (error) {
    const message = /alias/i.test((error as Error).message)
      ? `too many alias expansions (more than ${MAX_ALIAS_EXPANSIONS}): the file looks like an alias bomb; write the values out`
      : `cannot read the YAML: ${(error as Error).message}`;
    return { problems: [{ file, line: 1, column: 1, path: "(yaml)", severity: "error", message }], source };
  }

  const draft = buildModel(source, data, options.readDocument ?? fileDocumentReader(file, MAX_FILE_BYTES));
  // A value left to fill in is reported as that alone, not also as a malformed name or ARN.
  const unfinished = unfinishedValueProblems(source, data);
  const unfinishedAt = new Set(unfinished.map((p) => p.path));
  const problems = [
    ...unreadableKeyProblems(source, bindingsFileSchema, data),
    ...draft.problems,
    ...checkModel(source, draft.model),
  ].filter((p) => !unfinishedAt.has(p.path));
  const sorted = sortProblems([...unfinished, ...problems]);
  return hasErrors(sorted) ? { problems: sorted, source } : { model: draft.model, problems: sorted, source };
}

function notTextProblem(file: string, text: string, offset: number, what: string): Problem {
  const before = text.slice(0, Math.max(0, offset)).split("\n");
  return {
    file,
    line: before.length,
    column: before[before.length - 1].length + 1,
    path: "(yaml)",
    severity: "error",
    message: `the file ${what}`,
  };
}
