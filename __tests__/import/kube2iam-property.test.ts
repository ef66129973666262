/**
 * Property: for any small fleet of workloads (namespaces, ServiceAccounts incl. default and absent,
 * roles incl. none, controllers and Pods), the import never widens: no binding binds a default
 * ServiceAccount; a ServiceAccount is in one binding at most; every workload that runs as a bound
 * ServiceAccount asks for exactly that binding's role today; every ServiceAccount with a role is
 * counted once (imported or not); the file does not depend on the order of the items. (An empty
 * List is refused: there is nothing to import; tested in kube2iam-hostile.)
 */
import fc from "fast-check";
import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { parse } from "yaml";
import { importKube2iam } from "../../src/import/kube2iam/command";

const dir = mkdtempSync(join(tmpdir(), "podiam-k2-prop-"));
let n = 0;

interface Gen {
  readonly kind: "Deployment" | "Pod";
  readonly namespace: string;
  readonly sa?: string;
  readonly role?: string;
}

const workload = fc.record({
  kind: fc.constantFrom("Deployment" as const, "Pod" as const),
  namespace: fc.constantFrom("a", "b"),
  sa: fc.option(fc.constantFrom("default", "s1", "s2"), { nil: undefined }),
  role: fc.option(fc.constantFrom("r1", "r2", "team/r3"), { nil: undefined }),
});

function manifest(items: readonly Gen[]): string {
  return JSON.stringify({
    apiVersion: "v1",
    kind: "List",
    items: items.map((w, i) => {
      const meta = { ...(w.role ? { annotations: { "iam.amazonaws.com/role": w.role } } : {}) };
      const spec = { ...(w.sa ? { serviceAccountName: w.sa } : {}), containers: [{ name: "c", image: "i" }] };
      return w.kind === "Pod"
        ? { apiVersion: "v1", kind: "Pod", metadata: { name: `w${i}`, namespace: w.namespace, ...meta }, spec }
        : {
            apiVersion: "apps/v1",
            kind: "Deployment",
            metadata: { name: `w${i}`, namespace: w.namespace },
            spec: { template: { metadata: meta, spec } },
          };
    }),
  });
}

function runOn(text: string) {
  const file = join(dir, `fleet-${++n}.json`);
  writeFileSync(file, text);
  let out = "";
  let err = "";
  const code = importKube2iam(
    { out: (t) => (out += t), err: (t) => (err += t) },
    { manifests: [file], cluster: "c", baseRoleArn: "arn:aws:iam::777788889999:role/" },
  );
  return { code, out, err };
}

test("the import never widens, counts every ServiceAccount with a role once, and ignores item order", () => {
  fc.assert(
    fc.property(fc.array(workload, { minLength: 1, maxLength: 12 }), (items) => {
      const result = runOn(manifest(items));
      expect(result.code).toBe(0);
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const bindings: any[] = parse(result.out).bindings ?? [];
      const bound = new Map<string, string>();
      for (const b of bindings) {
        const role = `${b.role.path ?? "/"}${b.role.name}`.replace(/^\//, "");
        for (const sa of b.serviceAccounts) {
          expect(sa.endsWith("/default")).toBe(false);
          expect(bound.has(sa)).toBe(false);
          bound.set(sa, role);
        }
      }
      for (const w of items) {
        const sa = `${w.namespace}/${w.sa ?? "default"}`;
        if (bound.has(sa)) expect(w.role).toBe(bound.get(sa));
      }
      const withRole = new Set(items.filter((w) => w.role).map((w) => `${w.namespace}/${w.sa ?? "default"}`));
      const counts = /(\d+) ServiceAccount\(s\) imported as they are, (\d+) narrowed, (\d+) not imported/.exec(
        result.err,
      )!;
      expect(Number(counts[1]) + Number(counts[2]) + Number(counts[3])).toBe(withRole.size);
      expect(Number(counts[1]) + Number(counts[2])).toBe(bound.size);
      const reversed = runOn(manifest([...items].reverse()));
      const body = (text: string) =>
        text
          .split("\n")
          .filter((l) => !l.trimStart().startsWith("#"))
          .join("\n");
      // Item names follow their position, so compare what does not name items: the bindings.
      expect(body(reversed.out).replace(/w\d+/g, "w")).toBe(body(result.out).replace(/w\d+/g, "w"));
    }),
    { numRuns: 150 },
  );
});
