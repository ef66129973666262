/**
 * Kubernetes manifests as `kubectl get ... -o yaml` (or `-o json`) prints them: a `List` (or a
 * `<Kind>List` from the API), one object, or several YAML documents, in any mix. Every object
 * keeps where it was, so that each problem found later is reported at FILE:LINE:COLUMN.
 */
import { Composer, Document, isNode, LineCounter, Parser } from "yaml";
import { renderPath, type FilePath, type Problem, type Severity } from "../../bindings/problems";
import { firstTooDeep } from "../../bindings/source";
import { boundedMessage } from "../../util/text";

/**
 * kubectl output nests about fifteen levels (a CronJob's containers' env); far beyond that the
 * input is hostile and composing it (recursive in the yaml library) could exhaust the stack.
 */
const MAX_NESTING_DEPTH = 100;
/** kubectl output uses no aliases; a few are tolerated, a "billion laughs" is not. */
const MAX_ALIAS_EXPANSIONS = 1000;

/** One Kubernetes object of the input, as plain data, with a way to point into it. */
export interface ManifestObject {
  /** The object as plain data (a mapping with at least `kind`). */
  readonly data: Readonly<Record<string, unknown>>;
  readonly kind: string;
  /** A problem at `path` inside this object (the nearest written ancestor where it is absent). */
  problem(path: FilePath, message: string, severity?: Severity): Problem;
  /** `FILE:LINE:COLUMN` of `path` inside this object, for notes. */
  where(path?: FilePath): string;
}

export interface ReadManifests {
  readonly objects: readonly ManifestObject[];
  /** Why (part of) the file cannot be read; any of them stops the import. */
  readonly problems: readonly Problem[];
}

const LIST_KIND = /^[A-Za-z0-9]*List$/;

export function readManifests(file: string, rawText: string): ReadManifests {
  const text = rawText.replace(/^\uFEFF/, "");
  const lines = new LineCounter();
  const positionAt = (offset: number) => {
    const { line, col } = lines.linePos(Math.max(0, Math.min(offset, text.length)));
    return { line, column: col };
  };
  const problemAt = (offset: number, path: string, message: string, severity: Severity = "error"): Problem => ({
    file,
    ...positionAt(offset),
    path,
    message: boundedMessage(message),
    severity,
  });

  // Tokens first (the parser is iterative), their depth measured, and only then composed.
  const tokens = [...new Parser(lines.addNewLine).parse(text)];
  const tooDeep = firstTooDeep(tokens, MAX_NESTING_DEPTH);
  if (tooDeep !== undefined) {
    return {
      objects: [],
      problems: [
        problemAt(
          tooDeep,
          "(yaml)",
          `nested more than ${MAX_NESTING_DEPTH} levels deep; kubectl output is far shallower: is this the output of kubectl get -o yaml?`,
        ),
      ],
    };
  }
  const documents = [
    ...new Composer({ prettyErrors: false, uniqueKeys: true }).compose(tokens, true, text.length),
  ] as Document.Parsed[];
  const problems: Problem[] = [];
  for (const document of documents) {
    for (const error of document.errors) {
      problems.push(problemAt(error.pos[0], "(yaml)", `not YAML or JSON: ${error.message.split("\n")[0]}`));
    }
  }
  if (problems.length > 0) return { objects: [], problems };

  const objects: ManifestObject[] = [];
  documents.forEach((document, index) => {
    // A document's paths are written `items[3].spec...`; from the second document on, with its number.
    const prefix = documents.length > 1 ? `(document ${index + 1}) ` : "";
    const nodeOffset = (path: FilePath): number => {
      for (let length = path.length; length >= 0; length--) {
        const node = document.getIn(path.slice(0, length), true);
        if (isNode(node) && node.range) return node.range[0];
      }
      return document.range[0];
    };
    const pathText = (path: FilePath) => `${prefix}${renderPath(path)}`;
    let data: unknown;
    try {
      data = document.toJS({ maxAliasCount: MAX_ALIAS_EXPANSIONS });
    } catch (error) {
      problems.push(
        problemAt(document.range[0], pathText([]), `cannot be read: ${(error as Error).message.split("\n")[0]}`),
      );
      return;
    }
    // An empty document (a trailing `---`, a file of comments) holds nothing.
    if (data === null || data === undefined) return;
    const objectAt = (value: unknown, path: FilePath): void => {
      if (!isPlainObject(value) || typeof value.kind !== "string" || value.kind === "") {
        problems.push(
          problemAt(
            nodeOffset(path),
            pathText(path),
            `is not a Kubernetes object (a mapping with apiVersion and kind): give the output of kubectl get deploy,sts,ds,cronjob,job,pod -A -o yaml`,
          ),
        );
        return;
      }
      const kind = value.kind;
      if (LIST_KIND.test(kind) && path.length === 0) {
        if (!Array.isArray(value.items)) {
          problems.push(
            problemAt(nodeOffset([...path, "items"]), pathText([...path, "items"]), `a ${kind} needs items (a list)`),
          );
          return;
        }
        value.items.forEach((item, i) => objectAt(item, [...path, "items", i]));
        return;
      }
      objects.push({
        data: value,
        kind,
        problem: (inner, message, severity = "error") =>
          problemAt(nodeOffset([...path, ...inner]), pathText([...path, ...inner]), message, severity),
        where: (inner = []) => {
          const { line, column } = positionAt(nodeOffset([...path, ...inner]));
          return `${file}:${line}:${column}`;
        },
      });
    };
    objectAt(data, []);
  });
  if (problems.length === 0 && objects.length === 0) {
    problems.push(
      problemAt(
        0,
        "(root)",
        "holds no Kubernetes objects: give the output of kubectl get deploy,sts,ds,cronjob,job,pod -A -o yaml",
      ),
    );
  }
  return { objects, problems };
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
