/**
 * Property tests of the loader on random mutations of valid files: deleted keys, wrong types,
 * unicode, empty and huge strings, deep nesting, duplicate keys, YAML anchors and aliases, an
 * alias bomb, broken text. `loadBindings` never throws; a file it rejects comes with problems,
 * each at a positive line and column, formatted FILE:LINE:COLUMN: PATH: message. A few real runs
 * of `podiam validate` check exit status 1 and no stack trace.
 *
 * Fixed seed and bounded runs: the same cases on every run, and CI stays fast.
 */
import fc from "fast-check";
import { spawnSync } from "child_process";
import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { loadBindings, LoadResult } from "../../src/bindings/load";
import { formatProblem } from "../../src/bindings/problems";
import { BindingsSpec, generateBindings, rng, toYaml } from "../helpers/generate";
import { ROOT } from "../helpers/synth";

const SEED = 20261128;
const FILE = "bindings.yaml";

type Path = (string | number)[];

/** Every path to a value in the spec (maps and lists included), in document order. */
function paths(value: unknown, prefix: Path = []): Path[] {
  const out: Path[] = [];
  if (Array.isArray(value)) value.forEach((v, i) => out.push([...prefix, i], ...paths(v, [...prefix, i])));
  else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) out.push([...prefix, k], ...paths(v, [...prefix, k]));
  return out;
}

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value));
}

function parentOf(spec: BindingsSpec, path: Path): { parent: BindingsSpec; key: string | number } {
  let parent = spec;
  for (const segment of path.slice(0, -1)) parent = parent[segment];
  return { parent, key: path[path.length - 1] };
}

/** Replaces (or deletes, with `undefined`) the value at `path`. */
function withValue(spec: BindingsSpec, path: Path, value: unknown): BindingsSpec {
  const copy = clone(spec);
  const { parent, key } = parentOf(copy, path);
  if (value === undefined) {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete parent[key];
  } else {
    parent[key] = value;
  }
  return copy;
}

function deepNesting(depth: number, kind: "list" | "map"): unknown {
  let value: unknown = "leaf";
  for (let i = 0; i < depth; i++) value = kind === "list" ? [value] : { [`k${i % 7}`]: value };
  return value;
}

const ALIAS_BOMB = [
  "version: 1",
  "a: &a [x, x, x, x, x, x, x, x, x, x]",
  "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]",
  "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]",
  "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]",
  "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]",
  "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]",
  "accounts: {}",
  "clusters: {}",
  "bindings: *f",
  "",
].join("\n");

/** A replacement value: wrong types, unicode, empty and huge strings, deep nesting. */
const strangeValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.constant(""),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom(
    "Billing/api",
    "a/b/c",
    "/",
    "ünïcødé/ñame",
    "\u0000",
    "\u202e",
    "https://",
    "${aws:username}",
    "~",
    "*",
  ),
  fc.integer({ min: 1, max: 4 }).map((k) => "x".repeat(k * 50_000)),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 }),
  fc.integer({ min: 50, max: 400 }).map((d) => deepNesting(d, "list")),
  fc.integer({ min: 50, max: 400 }).map((d) => deepNesting(d, "map")),
);

/** Text-level mutations: what no data structure can express. */
type TextMutation = (text: string, random: () => number) => string;

const textMutations: Record<string, TextMutation> = {
  duplicateKey: (text, random) => {
    const lines = text.split("\n");
    const keyLines = lines
      .map((l, i) => [l, i] as const)
      .filter(([l]) => /^\s*[A-Za-z][\w.-]*:\s*\S/.test(l) && !/^\s*-/.test(l));
    const [line, i] = keyLines[Math.floor(random() * keyLines.length)];
    lines.splice(i + 1, 0, line);
    return lines.join("\n");
  },
  anchorAndAlias: (text) => text.replace(/^defaults:\n/m, "defaults: &defaults\n") + "extra: *defaults\n",
  aliasForBinding: (text) =>
    text.replace(/^bindings:\n {2}- /m, "bindings:\n  - &first\n    ").replace(/\n$/, "\n  - *first\n"),
  undefinedAlias: (text) => text.replace(/^version: 1$/m, "version: *nowhere"),
  mergeKey: (text) => text.replace(/^defaults:\n/m, "defaults:\n  <<: { mode: irsa }\n"),
  aliasBomb: () => ALIAS_BOMB,
  truncate: (text, random) => text.slice(0, Math.floor(random() * text.length)),
  badIndent: (text, random) => {
    const lines = text.split("\n");
    const i = 1 + Math.floor(random() * (lines.length - 2));
    lines[i] = ` ${lines[i]}`;
    return lines.join("\n");
  },
  tabs: (text) => text.replace(/^ {2}(\S)/m, "\t$1"),
  garbage: (text, random) => {
    const at = Math.floor(random() * text.length);
    return `${text.slice(0, at)}${["{", "]", ": :", '"', "'", "&", "*", "!!binary", "%YAML 1.1", "---\n", "\u0000"][Math.floor(random() * 11)]}${text.slice(at)}`;
  },
  bom: (text) => `\ufeff${text}`,
  empty: () => "",
  onlyComment: () => "# nothing\n",
  scalarDocument: () => "just a string\n",
  listDocument: () => "- version: 1\n",
  secondDocument: (text) => `${text}---\nversion: 1\n`,
};

function assertWellReported(result: LoadResult, text: string): void {
  if (result.model) return;
  const errors = result.problems.filter((p) => p.severity === "error");
  expect(errors.length).toBeGreaterThan(0);
  const lineCount = text.split("\n").length;
  for (const problem of result.problems) {
    if (!(Number.isInteger(problem.line) && problem.line >= 1 && problem.line <= lineCount + 1)) {
      throw new Error(`bad line ${problem.line} (file has ${lineCount}): ${formatProblem(problem)}`);
    }
    if (!(Number.isInteger(problem.column) && problem.column >= 1))
      throw new Error(`bad column: ${formatProblem(problem)}`);
    expect(problem.path.length).toBeGreaterThan(0);
    expect(problem.message.trim().length).toBeGreaterThan(0);
    const formatted = formatProblem(problem);
    expect(formatted.startsWith(`${FILE}:${problem.line}:${problem.column}: ${problem.path}: `)).toBe(true);
    expect(formatted).not.toMatch(/\n\s+at /);
  }
}

function load(text: string): LoadResult {
  try {
    return loadBindings(text, FILE);
  } catch (error) {
    throw new Error(`loadBindings threw: ${(error as Error).stack}\n--- on ---\n${text.slice(0, 3000)}`, {
      cause: error,
    });
  }
}

const baseFile = fc
  .record({
    seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
    bindings: fc.integer({ min: 1, max: 5 }),
    accounts: fc.integer({ min: 1, max: 3 }),
  })
  .map((options) => generateBindings({ ...options, clusters: options.accounts + 1 }).spec);

describe("the loader on mutated files", () => {
  test("a value replaced or deleted: never throws, problems positioned and formatted", () => {
    fc.assert(
      fc.property(baseFile, fc.nat(), fc.option(strangeValue, { freq: 4 }), (spec, pick, value) => {
        const all = paths(spec);
        const path = all[pick % all.length];
        const text = toYaml(withValue(spec, path, value ?? undefined));
        assertWellReported(load(text), text);
      }),
      { seed: SEED, numRuns: 100 },
    );
  });

  test("a required key deleted: rejected, with positioned problems", () => {
    const required: Path[] = [
      ["version"],
      ["accounts"],
      ["clusters"],
      ["bindings", 0, "name"],
      ["bindings", 0, "serviceAccounts"],
      ["accounts", "acct-0", "id"],
      ["clusters", "cluster-0", "account"],
    ];
    fc.assert(
      fc.property(baseFile, fc.constantFrom(...required), (spec, path) => {
        const text = toYaml(withValue(spec, path, undefined));
        const result = load(text);
        expect(result.model).toBeUndefined();
        assertWellReported(result, text);
      }),
      { seed: SEED, numRuns: 30 },
    );
  });

  test("text mutations (duplicate keys, anchors and aliases, an alias bomb, broken YAML): never throws", () => {
    const names = Object.keys(textMutations);
    fc.assert(
      fc.property(baseFile, fc.constantFrom(...names), fc.integer({ min: 1, max: 2 ** 31 - 1 }), (spec, name, seed) => {
        const text = textMutations[name](toYaml(spec), rng(seed));
        const result = load(text);
        assertWellReported(result, text);
        if (
          [
            "duplicateKey",
            "aliasBomb",
            "undefinedAlias",
            "empty",
            "onlyComment",
            "scalarDocument",
            "listDocument",
          ].includes(name)
        ) {
          expect(result.model).toBeUndefined();
        }
      }),
      { seed: SEED, numRuns: 80 },
    );
  });

  test("every text mutation at least once", () => {
    const spec = generateBindings({ bindings: 3, accounts: 2, clusters: 3, seed: 7 }).spec;
    for (const [name, mutate] of Object.entries(textMutations)) {
      const text = mutate(toYaml(spec), rng(11));
      const result = load(text);
      assertWellReported(result, text);
      if (name === "aliasBomb") expect(result.problems.map(formatProblem).join("\n")).toMatch(/alias/i);
    }
  });
});

describe("podiam validate on mutated files", () => {
  const dir = mkdtempSync(join(tmpdir(), "podiam-mutated-"));
  const spec = generateBindings({ bindings: 4, accounts: 2, clusters: 3, seed: 3 }).spec;
  const cases: Record<string, string> = {
    "wrong-type-and-unknown-cluster": toYaml(
      withValue(withValue(spec, ["bindings", 1, "serviceAccounts"], 42), ["bindings", 0, "cluster"], "nowhere"),
    ),
    "alias-bomb": ALIAS_BOMB,
    "broken-yaml": textMutations.garbage(toYaml(spec), () => 0.37),
  };

  test.each(Object.keys(cases))("%s: exit 1, FILE:LINE:COLUMN problems, no stack trace", (name) => {
    const file = join(dir, `${name}.yaml`);
    writeFileSync(file, cases[name]);
    const result = spawnSync(process.execPath, [join(ROOT, "bin", "podiam.js"), "validate", "-f", file], {
      encoding: "utf8",
      env: { ...process.env, PODIAM_DEBUG: "" },
    });
    expect(result.status).toBe(1);
    expect(result.stderr).not.toMatch(/^\s+at .+[:(]\d+/m);
    expect(result.stderr).not.toMatch(/internal error/);
    const problemLines = result.stderr
      .split("\n")
      .filter((line) => line.startsWith(`${file}:`) && !/: \d+ errors?, /.test(line));
    expect(problemLines.length).toBeGreaterThan(0);
    for (const line of problemLines)
      expect(line).toMatch(
        new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:[1-9]\\d*:[1-9]\\d*: \\S.*: .+`),
      );
  });
});
