/**
 * The YAML text of a bindings file, parsed with source positions, so that any problem found later
 * (on the plain data or on the model) can be reported at FILE:LINE:COLUMN.
 */
import { Alias, Document, isAlias, isMap, isPair, isScalar, isSeq, LineCounter, Node, parseDocument } from "yaml";
import { FilePath, Problem, renderPath, Severity } from "./problems";

/** Beyond this many alias expansions the file is rejected: a guard against "billion laughs". */
export const MAX_ALIAS_EXPANSIONS = 1000;

export interface Position {
  readonly line: number;
  readonly column: number;
}

export class BindingsSource {
  readonly document: Document.Parsed;
  private readonly lines = new LineCounter();

  constructor(
    /** The file name as the user gave it; used verbatim in messages. */
    readonly file: string,
    readonly text: string,
  ) {
    this.document = parseDocument(text, {
      lineCounter: this.lines,
      prettyErrors: false,
      uniqueKeys: true,
      strict: true,
    });
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
        best = rangeStart(pair.value) ?? rangeStart(pair.key) ?? best;
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
    return this.document.hasIn(path);
  }

  problem(path: FilePath, message: string, options: { at?: "key" | "value"; severity?: Severity; rule?: string } = {}): Problem {
    const { line, column } = this.positionOf(path, options.at);
    return {
      file: this.file,
      line,
      column,
      path: renderPath(path),
      message,
      severity: options.severity ?? "error",
      ...(options.rule ? { rule: options.rule } : {}),
    };
  }

  private resolve(node: unknown): unknown {
    // An alias stands for its anchor's node; follow a bounded chain of them.
    for (let hops = 0; isAlias(node) && hops < 100; hops++) node = (node as Alias).resolve(this.document);
    return node;
  }
}

function rangeStart(node: unknown): number | undefined {
  return node && typeof node === "object" && "range" in node ? (node as Node).range?.[0] : undefined;
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return undefined;
}
