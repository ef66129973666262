/**
 * What every importer produces: a bindings file as plain data (in the shape of bindings.yaml, keys
 * in the order they should be written), the notes a reviewer must see (what was narrowed, what
 * could not be carried over, what is left to fill in), and per-ServiceAccount counts. One writer
 * turns it into YAML with each note as a comment where it applies; the same notes go to stderr.
 */
import { Document, isMap, isNode, isPair, isScalar, isSeq, Node, Pair } from "yaml";
import type { Io } from "../io";

export type ImportNoteKind =
  /** The imported binding admits less than the source did (a reviewer sees what will tighten). */
  | "narrowed"
  /** Something of the source that podiam cannot express; it is not in the file. */
  | "not-carried"
  /** A value the importer could not know: written as a TODO(podiam) value that validate refuses. */
  | "todo"
  /** An object of the source that is not imported at all (not a workload role, an EKS add-on). */
  | "skipped"
  /** Worth knowing; nothing is lost. */
  | "hint";

export interface ImportNote {
  /** Where in the written file the note belongs, as a path of keys and indexes; [] is the file itself. */
  readonly at: readonly (string | number)[];
  readonly kind: ImportNoteKind;
  readonly message: string;
  /** Where it came from in the input: `cluster.yaml:12:5`, `role eks-payments-api`. */
  readonly source?: string;
}

/** Per ServiceAccount of the source: imported as it was, imported narrower, or not imported. */
export interface ImportCounts {
  readonly whole: number;
  readonly narrowed: number;
  readonly notImported: number;
}

export interface ImportResult {
  /** `eksctl`, `aws`, `kube2iam`: named in the file's header. */
  readonly tool: string;
  /** The input files, as given on the command line. */
  readonly inputs: readonly string[];
  /** The bindings file, as plain data (version, accounts, clusters, defaults, policies, bindings). */
  readonly file: Readonly<Record<string, unknown>>;
  readonly notes: readonly ImportNote[];
  readonly counts: ImportCounts;
}

const KIND_LABEL: Readonly<Record<ImportNoteKind, string>> = {
  narrowed: "NARROWED",
  "not-carried": "NOT CARRIED OVER",
  todo: "TODO",
  skipped: "SKIPPED",
  hint: "NOTE",
};

function noteText(note: ImportNote): string {
  return `${KIND_LABEL[note.kind]}: ${note.message}${note.source ? ` (${note.source})` : ""}`;
}

export function countsLine(counts: ImportCounts): string {
  return `${counts.whole} ServiceAccount(s) imported as they are, ${counts.narrowed} narrowed, ${counts.notImported} not imported`;
}

/** The imported file as YAML: a header, then every note as a comment above the line it is about. */
export function renderImportedFile(result: ImportResult): string {
  const doc = new Document(result.file);
  const header = [
    `Written by podiam import ${result.tool} from ${result.inputs.join(", ")}.`,
    countsLine(result.counts) + ".",
    "Review every NARROWED, NOT CARRIED OVER and TODO comment, then run podiam validate and plan.",
  ];
  const fileNotes: string[] = [];
  for (const note of result.notes) {
    const node = nearestNode(doc, note.at);
    if (node === undefined) fileNotes.push(noteText(note));
    else addComment(node, noteText(note));
  }
  doc.commentBefore = [...header, ...(fileNotes.length > 0 ? ["", ...fileNotes] : [])].map(commentLine).join("\n");
  return doc.toString({ lineWidth: 0 });
}

/** Notes as lines for stderr, then the counts. */
export function printImportNotes(io: Io, result: ImportResult): void {
  for (const note of result.notes) io.err(`podiam import ${result.tool}: ${noteText(note)}\n`);
  io.err(`podiam import ${result.tool}: ${countsLine(result.counts)}\n`);
}

/** YAML comments are one line each: a note's own line breaks become separate comment lines. */
function commentLine(text: string): string {
  return text
    .split("\n")
    .map((line) => (line === "" ? "" : ` ${line}`))
    .join("\n");
}

/** The node at `path`, or the deepest existing node above it; undefined for the root. */
function nearestNode(doc: Document, path: readonly (string | number)[]): Node | Pair | undefined {
  let found: Node | Pair | undefined;
  let current: unknown = doc.contents;
  for (const key of path) {
    if (isMap(current)) {
      const pair = current.items.find((item) => isScalar(item.key) && item.key.value === key);
      if (!pair) break;
      found = pair;
      current = pair.value;
    } else if (isSeq(current) && typeof key === "number" && key < current.items.length) {
      const item = current.items[key];
      if (!isNode(item)) break;
      found = item;
      current = item;
    } else break;
  }
  return found;
}

function addComment(target: Node | Pair, text: string): void {
  // A pair's comment goes on its key, so that it is written above `key: value`.
  const node = isPair(target) ? (isNode(target.key) ? target.key : undefined) : target;
  if (!node) return;
  node.commentBefore = node.commentBefore ? `${node.commentBefore}\n${commentLine(text)}` : commentLine(text);
}
