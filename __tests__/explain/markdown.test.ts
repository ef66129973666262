/** Markdown that GitHub renders as meant: tables keep their columns, cuts leave no block open. */
import { readFileSync } from "fs";
import { join } from "path";
import { loadBindings } from "../../src/bindings/load";
import { diffReviews } from "../../src/explain/diff";
import { iamCatalog } from "../../src/explain/iam-catalog";
import { renderDiffMarkdown, renderReviewMarkdown } from "../../src/explain/render-markdown";
import { reviewOf, ReviewModel } from "../../src/explain/review";
import { lint } from "../../src/rules/lint";
import { ROOT } from "../helpers/synth";

function reviewOfFixture(name: string): ReviewModel {
  const file = join(ROOT, "__tests__", "fixtures", "explain", name);
  const result = loadBindings(readFileSync(file, "utf8"), name);
  return reviewOf(name, result.model!, lint(result.model!, result.source!), iamCatalog);
}

/** Cells of a table row, splitting on pipes that are not escaped. */
function cells(row: string): string[] {
  return row.slice(1, -1).split(/(?<!\\)\|/);
}

function expectBalanced(markdown: string): void {
  const tables = markdown.split("\n\n").filter((block) => block.startsWith("| "));
  expect(tables.length).toBeGreaterThan(0);
  for (const table of tables) {
    const rows = table.split("\n");
    const columns = cells(rows[0]).length;
    for (const row of rows) expect(cells(row)).toHaveLength(columns);
  }
  expect(markdown.match(/<details>/g)?.length ?? 0).toBe(markdown.match(/<\/details>/g)?.length ?? 0);
  expect((markdown.match(/^```/gm)?.length ?? 0) % 2).toBe(0);
}

test("a condition value with a pipe keeps the table's columns", () => {
  const markdown = renderReviewMarkdown(reviewOfFixture("review.yaml"));
  expect(markdown).toContain("weekly\\|monthly/*");
  expectBalanced(markdown);
});

test.each([400, 700, 1500, 3000, 6000])("cut to %i bytes: within the limit, whole sections, a note", (maxLength) => {
  const head = reviewOfFixture("head.yaml");
  const diff = diffReviews(reviewOfFixture("base.yaml"), head, "base.yaml");
  const review = reviewOfFixture("review.yaml");
  const renderings = [
    { full: renderReviewMarkdown(review), cut: renderReviewMarkdown(review, { maxLength }) },
    { full: renderDiffMarkdown(diff, head), cut: renderDiffMarkdown(diff, head, { maxLength }) },
  ];
  for (const { full, cut } of renderings) {
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(maxLength);
    if (Buffer.byteLength(full) <= maxLength) {
      expect(cut).toBe(full);
      continue;
    }
    const note =
      /\n_Cut to fit \d+ bytes: (\d+) more bytes are left out; run `podiam explain --format markdown` \(with the same --base\) for all of it._\n$/;
    expect(cut).toMatch(note);
    // What is kept is the start of the full text, up to a line, and the note counts the rest.
    const kept = cut.replace(note, "");
    expect(full.startsWith(kept)).toBe(true);
    expect(Number(note.exec(cut)![1])).toBe(Buffer.byteLength(full) - Buffer.byteLength(kept));
    expect(kept.match(/<details>/g)?.length ?? 0).toBe(kept.match(/<\/details>/g)?.length ?? 0);
    expect((kept.match(/^```/gm)?.length ?? 0) % 2).toBe(0);
  }
});

test("within the limit, nothing is cut", () => {
  const review = reviewOfFixture("review.yaml");
  expect(renderReviewMarkdown(review, { maxLength: 65000 })).toBe(renderReviewMarkdown(review));
});

test.each([1, 5, 10, 40, 100, 139])("however small the limit (%i bytes), never more bytes than it", (maxLength) => {
  const review = reviewOfFixture("review.yaml");
  // A name of multi-byte characters: bytes, not characters, are what is counted.
  const wide = { ...review, file: "bindings-ü€😀.yaml" };
  for (const text of [renderReviewMarkdown(review, { maxLength }), renderReviewMarkdown(wide, { maxLength })]) {
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(maxLength);
  }
});
