/**
 * The YAML text of a bindings file, parsed with source positions, so that any problem found later
 * (on the plain data or on the model) can be reported at FILE:LINE:COLUMN.
 */
import {
  Alias,
  Composer,
  CST,
  Document,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  Node,
  Parser,
  visit,
} from "yaml";
import { boundedMessage } from "../util/text";
import { FilePath, Problem, renderPath, Severity } from "./problems";

/** Beyond this many alias expansions the file is rejected: a guard against "billion laughs". */
export const MAX_ALIAS_EXPANSIONS = 1000;

/**
 * Deeper than this the file is rejected before it is composed: yaml composes (and toJS converts)
 * recursively, so a hostile file could exhaust the stack. A bindings file needs about ten levels.
 */
export const MAX_NESTING_DEPTH = 64;

export interface Position {
  readonly line: number;
  readonly column: number;
}

export class BindingsSource {
  /** The file's one document; empty when the text is nested too deeply to compose safely. */
  readonly document: Document.Parsed;
  /** Offset of the first collection nested deeper than MAX_NESTING_DEPTH, if any. */
  readonly tooDeepAt: number | undefined;
  /** Offset of the start of a second document (after `---`), if any: podiam reads one. */
  readonly secondDocumentAt: number | undefined;
  private readonly lines = new LineCounter();
  /** Documents the file names (policies.<name>.document): paths under `at` are theirs. */
  private readonly documents: { readonly at: FilePath; readonly source: BindingsSource }[] = [];
  /** The file's text, without a leading byte order mark: editors do not count it as a column. */
  readonly text: string;

  constructor(
    /** The file name as the user gave it; used verbatim in messages. */
    readonly file: string,
    text: string,
  ) {
    this.text = text.replace(/^\uFEFF/, "");
    // Parse to tokens first (the parser is iterative), measure their depth, and only then compose.
    const tokens = [...new Parser(this.lines.addNewLine).parse(this.text)];
    this.tooDeepAt = firstTooDeep(tokens, MAX_NESTING_DEPTH);
    const composer = new Composer({ prettyErrors: false, uniqueKeys: true, strict: true });
    const documents = [...composer.compose(this.tooDeepAt === undefined ? tokens : [], true, this.text.length)];
    this.document = documents[0];
    this.secondDocumentAt = documents[1]?.range[0];
  }

  /**
   * What stops the file from being read as data: YAML syntax errors, nesting too deep, a second
   * document, keys that are lists or mappings. Empty when the file can be converted safely.
   */
  yamlProblems(): Problem[] {
    const at = (offset: number, message: string): Problem => ({
      file: this.file,
      ...this.positionAt(offset),
      path: "(yaml)",
      severity: "error",
      message: boundedMessage(message),
    });
    if (this.tooDeepAt !== undefined) {
      return [
        at(
          this.tooDeepAt,
          `nested more than ${MAX_NESTING_DEPTH} levels deep; a bindings file needs about ten: check the indentation and brackets`,
        ),
      ];
    }
    const problems = this.document.errors.map((error) =>
      at(error.pos[0], this.yamlErrorMessage(error.code, error.pos[0], error.message)),
    );
    if (this.secondDocumentAt !== undefined) {
      problems.push(
        at(
          this.secondDocumentAt,
          "a second YAML document (after ---); podiam reads one document per file: remove it, or move it to its own file",
        ),
      );
    }
    // After a syntax error the document is a guess; what follows would only repeat it.
    if (problems.length > 0) return problems;
    visit(this.document, {
      Pair: (_, pair) => {
        if (isMap(pair.key) || isSeq(pair.key)) {
          problems.push(
            at(
              rangeStart(pair.key) ?? 0,
              `a ${isMap(pair.key) ? "mapping" : "list"} used as a key; keys are plain names`,
            ),
          );
        }
      },
      // Tags such as !!binary, !!set or !!timestamp would turn values into Buffers, Sets and Dates.
      Node: (_, node) => {
        if (node.tag !== undefined && !PLAIN_TAGS.has(node.tag)) {
          problems.push(
            at(
              this.tagStart(rangeStart(node) ?? 0),
              `the tag ${shortTag(node.tag)} is not supported in a bindings file; remove it and write a plain value`,
            ),
          );
        }
      },
    });
    return problems;
  }

  private yamlErrorMessage(code: string, offset: number, message: string): string {
    if (code === "DUPLICATE_KEY") {
      const key = this.keyAt(offset);
      return `${key !== undefined ? `the key ${JSON.stringify(key)}` : "this key"} is already set above in the same mapping; keep one`;
    }
    return message.split("\n")[0];
  }

  /** A node's range starts at its value; its tag is written just before it. */
  private tagStart(valueStart: number): number {
    const before = this.text.slice(Math.max(0, valueStart - 1024), valueStart);
    const tag = /!\S*\s*$/.exec(before);
    return tag ? valueStart - before.length + tag.index : valueStart;
  }

  /** The text of the scalar key that starts at `offset`. */
  private keyAt(offset: number): string | undefined {
    let found: string | undefined;
    visit(this.document, {
      Pair: (_, pair) => {
        if (rangeStart(pair.key) === offset) {
          found = keyText(pair.key);
          return visit.BREAK;
        }
        return undefined;
      },
    });
    return found;
  }

  positionAt(offset: number): Position {
    const { line, col } = this.lines.linePos(Math.max(0, Math.min(offset, this.text.length)));
    return { line, column: col };
  }

  /**
   * Where `path` is in the file. `at: "key"` points at the key of the last segment (for unknown or
   * misplaced keys); otherwise at its value. Where the path does not exist (a missing key), the
   * nearest existing ancestor.
   */
  positionOf(path: FilePath, at: "key" | "value" = "value"): Position {
    const document = this.documentOf(path);
    if (document) return document.source.positionOf(document.rest, at);
    let node: unknown = this.document.contents;
    let best: number | undefined = rangeStart(node);
    for (let i = 0; i < path.length; i++) {
      node = this.resolve(node);
      const segment = path[i];
      const last = i === path.length - 1;
      if (isMap(node)) {
        const pair = node.items.find((item) => isPair(item) && keyText(item.key) === String(segment));
        if (!pair) break;
        if (last && at === "key") return this.positionAt(rangeStart(pair.key) ?? best ?? 0);
        // `key:` with nothing after it: point at the key, not at the empty space after the colon.
        best = (isEmptyValue(pair.value) ? undefined : rangeStart(pair.value)) ?? rangeStart(pair.key) ?? best;
        node = pair.value;
      } else if (isSeq(node) && typeof segment === "number" && segment < node.items.length) {
        node = node.items[segment];
        best = rangeStart(node) ?? best;
      } else {
        break;
      }
    }
    return this.positionAt(best ?? 0);
  }

  /** Whether `path` was written in the file (as opposed to coming from defaults). */
  has(path: FilePath): boolean {
    const document = this.documentOf(path);
    if (document) return document.source.has(document.rest);
    return this.document.hasIn(path);
  }

  /**
   * A document the file names, parsed on its own: a problem at a path under `at` (the path of the
   * `document:` key) is reported in it, at its own line and column, with its path in it.
   */
  attachDocument(at: FilePath, source: BindingsSource): void {
    this.documents.push({ at, source });
  }

  private documentOf(path: FilePath): { source: BindingsSource; rest: FilePath } | undefined {
    const found = this.documents.find(
      ({ at }) => path.length > at.length && at.every((segment, i) => path[i] === segment),
    );
    return found ? { source: found.source, rest: path.slice(found.at.length) } : undefined;
  }

  problem(
    path: FilePath,
    message: string,
    options: { at?: "key" | "value"; severity?: Severity; rule?: string } = {},
  ): Problem {
    const document = this.documentOf(path);
    if (document) return document.source.problem(document.rest, message, options);
    const { line, column } = this.positionOf(path, options.at);
    return {
      file: this.file,
      line,
      column,
      path: boundedMessage(renderPath(this.asWritten(path))),
      message: boundedMessage(message),
      severity: options.severity ?? "error",
      ...(options.rule ? { rule: options.rule } : {}),
    };
  }

  /**
   * The path as the file writes it: an element of a list written as one string (`actions:
   * s3:GetObject`, a one-element list) is the string itself.
   */
  private asWritten(path: FilePath): FilePath {
    const last = path[path.length - 1];
    if (typeof last !== "number" || this.document.hasIn(path)) return path;
    const parent = this.resolve(this.document.getIn(path.slice(0, -1), true));
    return isScalar(parent) && last === 0 ? path.slice(0, -1) : path;
  }

  private resolve(node: unknown): unknown {
    // An alias stands for its anchor's node; follow a bounded chain of them.
    for (let hops = 0; isAlias(node) && hops < 100; hops++) node = (node as Alias).resolve(this.document);
    return node;
  }
}

/** Tags of plain JSON-like values; any other tag is refused. */
const PLAIN_TAGS = new Set(
  ["str", "int", "float", "bool", "null", "map", "seq"].map((name) => `tag:yaml.org,2002:${name}`),
);

function shortTag(tag: string): string {
  return tag.startsWith("tag:yaml.org,2002:") ? `!!${tag.slice("tag:yaml.org,2002:".length)}` : tag;
}

/**
 * The offset of the first block or flow collection nested deeper than `limit`, walking the tokens
 * with an explicit stack (never recursion: the input may be hostile).
 */
export function firstTooDeep(tokens: readonly CST.Token[], limit: number): number | undefined {
  let first: number | undefined;
  const pending: { token: CST.Token | null | undefined; depth: number }[] = tokens.map((token) => ({
    token,
    depth: 0,
  }));
  while (pending.length > 0) {
    const { token, depth } = pending.pop()!;
    if (!token) continue;
    if (token.type === "document") {
      pending.push({ token: token.value, depth });
    } else if (token.type === "block-map" || token.type === "block-seq" || token.type === "flow-collection") {
      if (depth >= limit) {
        if (first === undefined || token.offset < first) first = token.offset;
        continue;
      }
      for (const item of token.items) {
        if ("key" in item) pending.push({ token: item.key, depth: depth + 1 });
        pending.push({ token: item.value, depth: depth + 1 });
      }
    }
  }
  return first;
}

function isEmptyValue(node: unknown): boolean {
  if (node === null || node === undefined) return true;
  return isScalar(node) && node.value === null && !!node.range && node.range[0] === node.range[1];
}

function rangeStart(node: unknown): number | undefined {
  return node && typeof node === "object" && "range" in node ? (node as Node).range?.[0] : undefined;
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return undefined;
}
