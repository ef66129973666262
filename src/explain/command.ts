/**
 * `podiam explain`: what each ServiceAccount may do, for review; with --base, only what changed.
 * The report goes to stdout (a pull-request comment, a terminal); problems go to stderr.
 */
import { loadBindings, loadBindingsFile } from "../bindings/load";
import { Io, printProblems } from "../io";
import { lint } from "../rules/lint";
import { ExplainError, readBase } from "./base";
import { diffReviews } from "./diff";
import { iamCatalog } from "./iam-catalog";
import { EXPLAIN_JSON_VERSION, renderDiffJson, renderReviewJson } from "./render-json";
import { renderDiffMarkdown, renderReviewMarkdown } from "./render-markdown";
import { renderDiffText, renderReviewText } from "./render-text";
import { emptyReview, ExplainCatalog, reviewOf, ReviewModel } from "./review";

export const EXPLAIN_FORMATS = ["text", "markdown", "json"] as const;
export type ExplainFormat = (typeof EXPLAIN_FORMATS)[number];

export interface ExplainOptions {
  readonly base?: string;
  readonly format?: ExplainFormat;
  readonly catalog?: ExplainCatalog;
  /** Markdown only: most characters of output (a GitHub comment takes 65,536). */
  readonly maxLength?: number;
}

/** Runs explain; returns the exit status (1 when the file, or the base, cannot be explained). */
export function explain(io: Io, file: string, options: ExplainOptions = {}): number {
  const catalog = options.catalog ?? iamCatalog;
  const format = options.format ?? "text";
  const loaded = loadBindingsFile(file);
  printProblems(io, loaded.problems);
  if (!loaded.model || !loaded.source) {
    io.err(`${file}: has errors; fix them (podiam validate) before explaining it\n`);
    return 1;
  }
  const head = reviewOf(file, loaded.model, lint(loaded.model, loaded.source), catalog);
  if (options.base === undefined) {
    io.out(
      format === "json"
        ? renderReviewJson(head)
        : format === "markdown"
          ? renderReviewMarkdown(head, options)
          : renderReviewText(head),
    );
    return 0;
  }

  let base: ReviewModel;
  let baseLabel: string;
  try {
    const text = readBase(options.base, file);
    baseLabel = text.label;
    const saved = text.text === undefined ? undefined : savedReview(text.text, text.label);
    if (text.text === undefined) {
      base = emptyReview(text.label);
    } else if (saved) {
      base = saved;
    } else {
      const result = loadBindings(text.text, text.label, text.readDocument ? { readDocument: text.readDocument } : {});
      if (!result.model || !result.source) {
        // A broken base cannot say what changed; guessing (an empty base) would show every binding as new.
        printProblems(io, result.problems);
        io.err(
          `${text.label}: the base has errors, so what changed cannot be told; explain without --base, or pass another --base\n`,
        );
        return 1;
      }
      base = reviewOf(text.label, result.model, lint(result.model, result.source), catalog);
    }
  } catch (error) {
    if (error instanceof ExplainError) {
      io.err(`podiam explain: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
  const diff = diffReviews(base, head, baseLabel);
  io.out(
    format === "json"
      ? renderDiffJson(diff)
      : format === "markdown"
        ? renderDiffMarkdown(diff, head, options)
        : renderDiffText(diff),
  );
  return 0;
}

/**
 * A base saved as `podiam explain --format json` (kind "review"): what the base granted as the
 * podiam of its day compiled it. The only base that can show a preset's version change, since a
 * bindings file is compiled by this podiam's presets.
 */
function savedReview(text: string, label: string): ReviewModel | undefined {
  if (!text.trimStart().startsWith("{")) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined; // a bindings file in YAML's flow style, read as such
  }
  const saved = json as { kind?: unknown; version?: unknown; bindings?: unknown };
  if (saved === null || typeof saved !== "object" || saved.kind !== "review") return undefined;
  if (saved.version !== EXPLAIN_JSON_VERSION || !Array.isArray(saved.bindings))
    throw new ExplainError(
      `${label} is an explain review of JSON version ${String(saved.version)}; this podiam reads version ${EXPLAIN_JSON_VERSION}: save it again with podiam explain --format json`,
    );
  return { file: label, bindings: saved.bindings as ReviewModel["bindings"] };
}
