/** bindings.schema.json is generated from the zod schema; the committed copy must not drift. */
import { readFileSync } from "fs";
import { join } from "path";
import { bindingsJsonSchema } from "../src/bindings/schema";
import { ROOT } from "./helpers/synth";

test("the committed bindings.schema.json is what `podiam schema` prints (regenerate: npx podiam schema > bindings.schema.json)", () => {
  const committed = readFileSync(join(ROOT, "bindings.schema.json"), "utf8");
  expect(committed).toBe(`${JSON.stringify(bindingsJsonSchema(), null, 2)}\n`);
});

test("the example points editors at the schema on its first line", () => {
  const firstLine = readFileSync(join(ROOT, "bindings.yaml"), "utf8").split("\n")[0];
  expect(firstLine).toBe("# yaml-language-server: $schema=./bindings.schema.json");
});

test("every property in the schema carries a description and examples, for editors", () => {
  const missing: string[] = [];
  const visit = (node: unknown, path: string) => {
    if (!node || typeof node !== "object") return;
    const schema = node as Record<string, unknown>;
    if (schema.properties) {
      for (const [key, child] of Object.entries(schema.properties as Record<string, Record<string, unknown>>)) {
        if (!child.description) missing.push(`${path}.${key}: description`);
        if (!Array.isArray(child.examples) || child.examples.length === 0) missing.push(`${path}.${key}: examples`);
        visit(child, `${path}.${key}`);
      }
    }
    for (const key of ["items", "additionalProperties"]) visit(schema[key], `${path}.${key}`);
    for (const key of ["anyOf", "oneOf", "allOf"])
      (schema[key] as unknown[] | undefined)?.forEach((c, i) => visit(c, `${path}.${key}[${i}]`));
  };
  visit(bindingsJsonSchema(), "$");
  expect(missing).toEqual([]);
});
