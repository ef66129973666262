/** Same input, same bytes; reordering changes nothing; no machine-specific paths in the output. */
import { readFileSync } from "fs";
import { join } from "path";
import { parseDocument, YAMLMap, YAMLSeq } from "yaml";
import { fileTree, modelOf, ROOT, synthToDir } from "../helpers/synth";

const EXAMPLE = readFileSync(join(ROOT, "bindings.yaml"), "utf8");

function synthTree(text: string): Record<string, string> {
  return fileTree(synthToDir(modelOf(text)));
}

/** The example with its bindings list, clusters map and accounts map reversed. */
function reordered(text: string): string {
  const doc = parseDocument(text);
  (doc.get("bindings") as YAMLSeq).items.reverse();
  (doc.get("clusters") as YAMLMap).items.reverse();
  (doc.get("accounts") as YAMLMap).items.reverse();
  // Statements are reordered too: that may change the policy text, never an address.
  return doc.toString();
}

test("the same input gives byte-identical output, manifest included", () => {
  const first = synthTree(EXAMPLE);
  const second = synthTree(EXAMPLE);
  expect(Object.keys(first)).toContain("manifest.json");
  expect(Object.keys(first).filter((f) => f.endsWith("cdk.tf.json"))).toHaveLength(4);
  expect(second).toEqual(first);
});

test("reordering bindings, clusters and accounts changes no byte", () => {
  const text = reordered(EXAMPLE);
  expect(text).not.toEqual(EXAMPLE);
  expect(synthTree(text)).toEqual(synthTree(EXAMPLE));
});

test("reordering statements changes no address", () => {
  const doc = parseDocument(EXAMPLE);
  for (const binding of (doc.get("bindings") as YAMLSeq<YAMLMap>).items) {
    const statements = binding.getIn(["policies", "statements"]) as YAMLSeq | undefined;
    statements?.items.reverse();
  }
  const addresses = (files: Record<string, string>) =>
    Object.entries(files)
      .filter(([file]) => file.endsWith("cdk.tf.json"))
      .flatMap(([file, text]) => {
        const resources = JSON.parse(text).resource ?? {};
        return Object.entries(resources).flatMap(([type, byName]) =>
          Object.keys(byName as object).map((name) => `${file}:${type}.${name}`),
        );
      })
      .sort();
  const before = synthTree(EXAMPLE);
  const after = synthTree(doc.toString());
  expect(after).not.toEqual(before);
  expect(addresses(after)).toEqual(addresses(before));
});

test("no absolute path of this machine in any output file", () => {
  const dir = synthToDir(modelOf(EXAMPLE));
  for (const [file, text] of Object.entries(fileTree(dir))) {
    for (const path of [dir, ROOT, process.cwd(), "/tmp/", "/home/", "/root"]) {
      expect({ file, found: text.includes(path) ? path : undefined }).toEqual({ file, found: undefined });
    }
  }
});
