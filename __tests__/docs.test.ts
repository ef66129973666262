/** The README is part of the product: it must say what the code does. */
import { readFileSync } from "fs";
import { join } from "path";
import { run } from "../src/cli";
import { bindingsJsonSchema } from "../src/bindings/schema";
import { RULES } from "../src/rules/lint";
import { ROOT } from "./helpers/synth";

const README = readFileSync(join(ROOT, "README.md"), "utf8");

function cli(args: string[]): { code: number; out: string } {
  let out = "";
  const code = run(args, { out: (t) => (out += t), err: () => undefined });
  return { code, out };
}

test("the README has the two set-up commands", () => {
  expect(README).toContain("npm ci && npx cdktf synth");
  expect(README).toContain("npm test");
});

test("the README shows the example's real `explain --format markdown` (refresh: see the markers)", () => {
  const start = "<!-- explain-example:start -->\n";
  const block = README.slice(README.indexOf(start) + start.length, README.indexOf("<!-- explain-example:end -->"));
  const { code, out } = cli(["explain", "-f", join(ROOT, "bindings.yaml"), "--format", "markdown"]);
  expect(code).toBe(0);
  expect(block.replace(/`[^`]*bindings\.yaml`/, "`FILE`")).toBe(out.replace(/`[^`]*bindings\.yaml`/, "`FILE`"));
});

test("the README's example of errors is what validate prints for __tests__/fixtures/broken.yaml", () => {
  const block = README.slice(README.indexOf("$ npx podiam validate -f __tests__/fixtures/broken.yaml\n"));
  const printed = block.slice(block.indexOf("\n") + 1, block.indexOf("$ echo $?"));
  let err = "";
  const code = run(["validate", "-f", "__tests__/fixtures/broken.yaml"], {
    out: () => undefined,
    err: (t) => (err += t),
  });
  expect(code).toBe(1);
  expect(printed).toBe(err);
});

test("every lint rule is documented in the README with its severity", () => {
  const rows = README.split("\n").filter((line) => /^\| [A-Z]+\d{3} \|/.test(line));
  for (const rule of RULES) {
    const row = rows.find((line) => line.startsWith(`| ${rule.id} |`));
    expect({ rule: rule.id, severity: row?.split("|")[3]?.includes(rule.severity) }).toEqual({
      rule: rule.id,
      severity: true,
    });
  }
  expect(rows).toHaveLength(RULES.length);
});

test("every field of the schema appears in the README's reference", () => {
  const reference = README.slice(README.indexOf("## bindings.yaml reference"), README.indexOf("## Errors"));
  const missing: string[] = [];
  const visit = (node: Record<string, unknown> | undefined, path: string) => {
    if (!node || typeof node !== "object") return;
    for (const [key, child] of Object.entries((node.properties ?? {}) as Record<string, Record<string, unknown>>)) {
      if (!reference.includes(key)) missing.push(`${path}.${key}`);
      visit(child, `${path}.${key}`);
    }
    for (const key of ["items", "additionalProperties"]) visit(node[key] as Record<string, unknown>, path);
  };
  visit(bindingsJsonSchema() as Record<string, unknown>, "$");
  expect(missing).toEqual([]);
});
