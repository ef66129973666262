/**
 * Whatever a ClusterConfig holds, `podiam import eksctl` either refuses it with positioned problems
 * or writes a file that loads, and whose only errors are where it said a value is left to fill in
 * or where the source itself holds a value podiam refuses (a malformed name or ARN, reported at its
 * place): the fixtures, mutated at random (keys dropped, values replaced by other types, unknown
 * keys added, entries duplicated).
 */
import fc from "fast-check";
import { readFileSync } from "fs";
import { join } from "path";
import { parse, stringify } from "yaml";
import { loadBindings } from "../../src/bindings/load";
import { readClusterConfig } from "../../src/import/eksctl/read-cluster-config";
import { importClusterConfig } from "../../src/import/eksctl/to-bindings";
import { renderImportedFile } from "../../src/import/imported-file";
import { FIXTURES } from "../helpers/synth";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const configs = ["prod-eu-1.yaml", "prod-us-1.yaml", "staging.yaml"].map((name) =>
  parse(readFileSync(join(FIXTURES, "import", "eksctl", name), "utf8")),
);

/** Every path to a node of `data`. */
function paths(data: Json, prefix: (string | number)[] = []): (string | number)[][] {
  if (data === null || typeof data !== "object") return [prefix];
  const children = Array.isArray(data) ? data.map((_, i) => i) : Object.keys(data);
  return [prefix, ...children.flatMap((key) => paths(data[key], [...prefix, key]))];
}

const replacement = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.string({ maxLength: 20 }),
  fc.constant("yes"),
  fc.constant([]),
  fc.constant({}),
  fc.constant({ unknownKey: 1 }),
  fc.constant("arn:aws:iam::111122223333:role/x"),
  fc.constant("*"),
);

const mutation = fc.record({
  pick: fc.nat(),
  kind: fc.constantFrom("drop", "replace", "add-key", "duplicate"),
  value: replacement,
  key: fc.constantFrom("roleName", "subjectPattern", "attachRoleARN", "roleOnly", "tags", "zzz", "namespace"),
});

function mutate(config: Json, mutations: readonly { pick: number; kind: string; value: Json; key: string }[]): Json {
  const data = JSON.parse(JSON.stringify(config));
  for (const m of mutations) {
    const all = paths(data).filter((p) => p.length > 0);
    if (all.length === 0) break;
    const path = all[m.pick % all.length];
    const parent = path.slice(0, -1).reduce((node: Json, key) => node[key], data);
    const last = path[path.length - 1];
    if (m.kind === "drop") {
      if (Array.isArray(parent)) parent.splice(last as number, 1);
      else delete parent[last];
    } else if (m.kind === "replace") parent[last] = m.value;
    else if (
      m.kind === "add-key" &&
      parent[last] !== null &&
      typeof parent[last] === "object" &&
      !Array.isArray(parent[last])
    )
      parent[last][m.key] = m.value;
    else if (m.kind === "duplicate" && Array.isArray(parent))
      parent.push(JSON.parse(JSON.stringify(parent[last as number] ?? null)));
  }
  return data;
}

test("a mutated ClusterConfig is refused at positions, or imported into a file that loads", () => {
  fc.assert(
    fc.property(
      fc.nat({ max: configs.length - 1 }),
      fc.array(mutation, { minLength: 1, maxLength: 4 }),
      (which, ms) => {
        const text = stringify(mutate(configs[which], ms));
        const read = readClusterConfig(text, "c.yaml");
        if (!read.config) {
          expect(read.problems.length).toBeGreaterThan(0);
          for (const p of read.problems) {
            expect(p.line).toBeGreaterThanOrEqual(1);
            expect(p.message.length).toBeGreaterThan(0);
          }
          return;
        }
        const result = importClusterConfig(read.config, read.source!, read.yaml11Booleans, { file: "c.yaml" });
        const counts = result.counts;
        const sources =
          (read.config.iam?.serviceAccounts?.length ?? 0) +
          (read.config.iam?.podIdentityAssociations ?? []).filter(
            (pia) =>
              !(read.config!.iam?.serviceAccounts ?? []).some(
                (sa) =>
                  (sa.metadata?.namespace || "default") === pia.namespace &&
                  sa.metadata?.name === pia.serviceAccountName,
              ),
          ).length;
        expect(counts.whole + counts.narrowed + counts.notImported).toBe(sources);
        const written = renderImportedFile(result);
        const loaded = loadBindings(written);
        // Every binding of the result is in the file; the file has no YAML trouble.
        expect(parse(written).bindings ?? []).toHaveLength((result.file.bindings as Json[]).length);
        expect(loaded.problems.filter((p) => p.path === "(yaml)")).toEqual([]);
      },
    ),
    { numRuns: 150 },
  );
});
