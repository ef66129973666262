/**
 * The architecture, held by its imports: data flows one way (file -> model -> stacks -> Terraform
 * JSON), so no two folders of src/ import each other, even through a third; src/iam is a leaf;
 * one module speaks cdktf, so a later move to its fork changes one file.
 */
import { readdirSync, readFileSync, statSync } from "fs";
import { dirname, join, relative, resolve } from "path";

const SRC = join(__dirname, "..", "..", "src");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return name.endsWith(".ts") ? [full] : [];
  });
}

/** Every module a file imports or requires, as written: `./model`, `cdktf`, `fs`. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const specifiers = new Set<string>();
  const patterns = [
    /\bfrom\s+"([^"]+)"/g,
    /\brequire\(\s*"([^"]+)"\s*\)/g,
    /\bimport\(\s*"([^"]+)"\s*\)/g,
    /^import\s+"([^"]+)"/gm,
  ];
  for (const pattern of patterns) for (const match of text.matchAll(pattern)) specifiers.add(match[1]);
  return [...specifiers];
}

/** The node of the folder graph a file belongs to: its folder under src/, or the file itself at the top. */
function nodeOf(file: string): string {
  const parts = relative(SRC, file).split("/");
  return parts.length === 1 ? parts[0].replace(/\.ts$/, "") : parts[0];
}

interface Edge {
  readonly from: string;
  readonly to: string;
  readonly file: string;
  readonly specifier: string;
}

function localEdges(): Edge[] {
  const edges: Edge[] = [];
  for (const file of sourceFiles(SRC)) {
    for (const specifier of importsOf(file)) {
      if (!specifier.startsWith(".")) continue;
      const target = resolve(dirname(file), specifier);
      if (!target.startsWith(SRC)) continue;
      const from = nodeOf(file);
      const to = nodeOf(`${target}.ts`);
      if (from !== to) edges.push({ from, to, file: relative(SRC, file), specifier });
    }
  }
  return edges;
}

/** A cycle of folders, as a path that returns to its start, or undefined. */
function findCycle(edges: readonly Edge[]): string[] | undefined {
  const next = new Map<string, Set<string>>();
  for (const { from, to } of edges) next.set(from, new Set([...(next.get(from) ?? []), to]));
  const state = new Map<string, "open" | "done">();
  const path: string[] = [];
  const visit = (node: string): string[] | undefined => {
    if (state.get(node) === "done") return undefined;
    if (state.get(node) === "open") return [...path.slice(path.indexOf(node)), node];
    state.set(node, "open");
    path.push(node);
    for (const to of [...(next.get(node) ?? [])].sort()) {
      const cycle = visit(to);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(node, "done");
    return undefined;
  };
  for (const node of [...next.keys()].sort()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return undefined;
}

test("the folder graph finds a cycle when there is one (the check can fail)", () => {
  const edge = (from: string, to: string): Edge => ({ from, to, file: `${from}/x.ts`, specifier: `../${to}/y` });
  expect(findCycle([edge("a", "b"), edge("b", "c"), edge("c", "a")])).toEqual(["a", "b", "c", "a"]);
  expect(findCycle([edge("a", "b"), edge("b", "c"), edge("a", "c")])).toBeUndefined();
});

test("no two folders of src/ import each other, directly or through others", () => {
  const edges = localEdges();
  expect(edges.length).toBeGreaterThan(20);
  const cycle = findCycle(edges);
  const witnesses = cycle ? cycle.slice(1).map((to, i) => edges.find((e) => e.from === cycle[i] && e.to === to)!) : [];
  expect(witnesses.map((e) => `${e.file} imports ${e.specifier}`)).toEqual([]);
});

test("src/iam is a leaf: it imports nothing outside itself", () => {
  const outside = sourceFiles(join(SRC, "iam")).flatMap((file) =>
    importsOf(file)
      .filter((specifier) => !specifier.startsWith("./"))
      .map((specifier) => `${relative(SRC, file)} imports ${specifier}`),
  );
  expect(outside).toEqual([]);
});

test("one module imports cdktf and its providers", () => {
  const importers = sourceFiles(SRC).filter((file) =>
    importsOf(file).some((specifier) => specifier === "cdktf" || specifier.startsWith("@cdktf/")),
  );
  expect(importers.map((file) => relative(SRC, file))).toEqual(["constructs/cdk.ts"]);
});

test("providers are imported by deep path, never through a package's barrel", () => {
  const barrels = sourceFiles(SRC).flatMap((file) =>
    importsOf(file)
      .filter((specifier) => /^@cdktf\/provider-[a-z]+$/.test(specifier))
      .map((specifier) => `${relative(SRC, file)} imports ${specifier}`),
  );
  expect(barrels).toEqual([]);
});
