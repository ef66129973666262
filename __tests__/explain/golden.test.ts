/**
 * Golden files: the exact output of `podiam explain` in every format, on the README's example, on
 * a fixture with every shape explain renders, and with --base on a fixture pair; the same for
 * presets (presets-head.yaml, against presets-base.yaml). The golden files
 * are the spec of the output; rewrite them with UPDATE_GOLDEN=1 and read the diff before
 * committing.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "fs";
import { join } from "path";
import { run } from "../../src/cli";
import { ROOT } from "../helpers/synth";

const GOLDEN = join(__dirname, "golden");
const FIXTURES = "__tests__/fixtures/explain";
const UPDATE = process.env.UPDATE_GOLDEN === "1";
const EXTENSIONS = { text: "txt", markdown: "md", json: "json" } as const;

/** Runs the CLI from the repository root, so that file names in the output are relative. */
function explainOutput(args: readonly string[]): { code: number; out: string; err: string } {
  let out = "";
  let err = "";
  const cwd = process.cwd();
  process.chdir(ROOT);
  try {
    const code = run(["explain", ...args], { out: (t) => (out += t), err: (t) => (err += t) });
    return { code, out, err };
  } finally {
    process.chdir(cwd);
  }
}

function expectGolden(name: string, actual: string): void {
  const file = join(GOLDEN, name);
  if (UPDATE || !existsSync(file)) {
    if (!UPDATE) throw new Error(`no golden file ${file}; run with UPDATE_GOLDEN=1 to write it, then read it`);
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  expect(actual).toBe(readFileSync(file, "utf8"));
}

const cases = [
  { name: "example", args: ["-f", "bindings.yaml"] },
  { name: "review", args: ["-f", `${FIXTURES}/review.yaml`] },
  { name: "diff", args: ["-f", `${FIXTURES}/head.yaml`, "--base", `${FIXTURES}/base.yaml`] },
  { name: "presets", args: ["-f", `${FIXTURES}/presets-head.yaml`] },
  { name: "presets-diff", args: ["-f", `${FIXTURES}/presets-head.yaml`, "--base", `${FIXTURES}/presets-base.yaml`] },
];

describe.each(cases)("explain $name", ({ name, args }) => {
  test.each(Object.entries(EXTENSIONS))("%s matches its golden file", (format, extension) => {
    const { code, out } = explainOutput([...args, "--format", format]);
    expect(code).toBe(0);
    expectGolden(`${name}.${extension}`, out);
  });
});

test("text is the default format", () => {
  expect(explainOutput(["-f", `${FIXTURES}/review.yaml`]).out).toBe(
    explainOutput(["-f", `${FIXTURES}/review.yaml`, "--format", "text"]).out,
  );
});

test("the same input gives the same bytes", () => {
  const args = ["-f", `${FIXTURES}/head.yaml`, "--base", `${FIXTURES}/base.yaml`, "--format", "json"];
  expect(explainOutput(args).out).toBe(explainOutput(args).out);
});
