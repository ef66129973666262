/**
 * The review comment's diagram renders: every Mermaid block explain writes is parsed by Mermaid's
 * own parser (mermaid 11 under jsdom, in a child process: it is ESM only), with Mermaid's default
 * limits, for the example, a --base diff and a file of 1,000 bindings. Past the limits the
 * diagram draws what fits and says what it left out.
 */
import { spawnSync } from "child_process";
import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { run } from "../../src/cli";
import { MERMAID_MAX_EDGES, MERMAID_MAX_TEXT } from "../../src/explain/mermaid";
import { generateBindingsYaml } from "../helpers/generate";
import { ROOT } from "../helpers/synth";

const CHECKER = join(__dirname, "..", "helpers", "check-mermaid.mjs");
const FIXTURES = join(ROOT, "__tests__", "fixtures", "explain");

interface Checked {
  readonly name: string;
  readonly ok: boolean;
  readonly type?: string;
  readonly error?: string;
}

function check(diagrams: readonly { name: string; text: string }[]): { status: number | null; results: Checked[] } {
  const result = spawnSync(process.execPath, [CHECKER], { input: JSON.stringify(diagrams), encoding: "utf8" });
  if (!result.stdout) throw new Error(`the checker failed: ${result.stderr}`);
  return { status: result.status, results: JSON.parse(result.stdout) };
}

function markdown(...args: string[]): string {
  let out = "";
  const code = run(["explain", ...args, "--format", "markdown"], { out: (t) => (out += t), err: () => undefined });
  expect(code).toBe(0);
  return out;
}

/** The bodies of the ```mermaid blocks. */
function mermaidBlocks(text: string): string[] {
  return [...text.matchAll(/^(`{3,})mermaid\n([\s\S]*?)\n\1$/gm)].map((m) => m[2]);
}

function edges(diagram: string): number {
  return diagram.split("\n").filter((line) => line.includes("-->")).length;
}

const big = join(mkdtempSync(join(tmpdir(), "podiam-mermaid-")), "bindings.yaml");
writeFileSync(big, generateBindingsYaml({ bindings: 1000 }));
let bigReview: string | undefined;
/** explain --format markdown of the 1,000 bindings, once: it takes a few seconds. */
const bigMarkdown = () => (bigReview ??= markdown("-f", big));

test("the checker fails on what Mermaid refuses: a syntax error, 501 edges, 50,001 characters", () => {
  const chain = ["flowchart LR", ...Array.from({ length: 501 }, (_, i) => `  n${i} --> n${i + 1}`)].join("\n");
  const long = `flowchart LR\n  a["${"x".repeat(MERMAID_MAX_TEXT)}"]`;
  const { status, results } = check([
    { name: "syntax", text: "flowchart LR\n  a[unclosed --> b" },
    { name: "edges", text: chain },
    { name: "long", text: long },
    { name: "fine", text: "flowchart LR\n  a --> b" },
  ]);
  expect(status).toBe(1);
  expect(results.map((r) => [r.name, r.ok])).toEqual([
    ["syntax", false],
    ["edges", false],
    ["long", false],
    ["fine", true],
  ]);
  expect(results[1].error).toMatch(/Edge limit exceeded/);
});

test("the diagrams of the example, of a --base diff and of 1,000 bindings parse, within Mermaid's limits", () => {
  const documents = {
    example: markdown("-f", join(ROOT, "bindings.yaml")),
    review: markdown("-f", join(FIXTURES, "review.yaml")),
    diff: markdown("-f", join(FIXTURES, "head.yaml"), "--base", join(FIXTURES, "base.yaml")),
    "1000 bindings": bigMarkdown(),
    "1000 bindings, all new (--base of none)": markdown("-f", big, "--base", join(FIXTURES, "base.yaml")),
  };
  const diagrams = Object.entries(documents).map(([name, text]) => {
    const blocks = mermaidBlocks(text);
    expect({ name, blocks: blocks.length }).toEqual({ name, blocks: 1 });
    return { name, text: blocks[0] };
  });
  for (const { name, text } of diagrams) {
    expect({ name, within: text.length <= MERMAID_MAX_TEXT && edges(text) <= MERMAID_MAX_EDGES }).toEqual({
      name,
      within: true,
    });
  }
  const { status, results } = check(diagrams);
  expect(results).toEqual(diagrams.map(({ name }) => ({ name, ok: true, type: "flowchart-v2" })));
  expect(status).toBe(0);
});

test("1,000 bindings: the diagram draws the first that fit and says, in it and under it, what it left out", () => {
  const text = bigMarkdown();
  const [diagram] = mermaidBlocks(text);
  const note = /leftOut\["(\d+) more bindings \(\d+ ServiceAccounts\) not drawn, from ([a-z0-9-]+) on: /.exec(diagram);
  expect(note).not.toBeNull();
  const under =
    /_The diagram draws (\d+) of 1000 bindings \(Mermaid draws at most 500 edges and 50000 characters\); the (\d+) from `([a-z0-9-]+)` on are in the table above\._/.exec(
      text,
    );
  expect(under).not.toBeNull();
  const [, drawn, leftOut, from] = under!;
  expect(Number(drawn) + Number(leftOut)).toBe(1000);
  expect([note![1], note![2]]).toEqual([leftOut, from]);
  expect(Number(drawn)).toBeGreaterThan(0);
  // Every binding is still in the summary table.
  expect(text.split("\n").filter((line) => /^\| `[a-z0-9-]+` \| (irsa|pod-identity|both) \|/.test(line))).toHaveLength(
    1000,
  );
  // The same input, the same diagram.
  expect(mermaidBlocks(markdown("-f", big))[0]).toBe(diagram);
});

test("a diagram within the limits says nothing was left out", () => {
  const text = markdown("-f", join(ROOT, "bindings.yaml"));
  expect(text).not.toContain("leftOut");
  expect(text).not.toContain("The diagram draws");
});
