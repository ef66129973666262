/**
 * Property tests of synth on random valid bindings files (`__tests__/helpers/generate.ts`):
 * the loader accepts them, synth never throws, every IRSA trust policy admits exactly the declared
 * (cluster, namespace, ServiceAccount) triples and no other triple drawn from the same file, and
 * the output is byte-identical under any permutation of bindings, clusters, accounts and map keys.
 *
 * Fixed seed and bounded runs: the same cases on every run, and CI stays fast.
 */
import fc from "fast-check";
import { mkdtempSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { loadBindings } from "../../src/bindings/load";
import { formatProblem } from "../../src/bindings/problems";
import { BindingsSpec, DeclaredBinding, generateBindings, GeneratedFile, rng, toYaml } from "../helpers/generate";
import { simulateIrsa } from "../helpers/simulate";
import { stackTexts, synthToDir, TerraformJson } from "../helpers/synth";

const SEED = 20261128;
const PARTITIONS = ["aws", "aws-cn", "aws-us-gov"] as const;

/** Options of a small random file: up to 4 accounts, 6 clusters, 12 bindings of 1-4 ServiceAccounts. */
const fileOptions = fc.record({
  seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  bindings: fc.integer({ min: 1, max: 12 }),
  accounts: fc.integer({ min: 1, max: 4 }),
  clusters: fc.integer({ min: 1, max: 6 }),
  maxServiceAccounts: fc.integer({ min: 1, max: 4 }),
  crossAccountShare: fc.double({ min: 0, max: 0.5, noNaN: true }),
  multiClusterShare: fc.double({ min: 0, max: 0.6, noNaN: true }),
  podIdentityShare: fc.double({ min: 0, max: 0.4, noNaN: true }),
  partitions: fc.subarray([...PARTITIONS], { minLength: 1 }),
  // Few namespaces: ServiceAccounts of different bindings then share namespaces.
  namespaces: fc.integer({ min: 1, max: 4 }),
});

function synthesize(text: string): Record<string, string> {
  const result = loadBindings(text, "bindings.yaml");
  if (!result.model)
    throw new Error(`generated file rejected:\n${result.problems.map(formatProblem).join("\n")}\n---\n${text}`);
  const outdir = mkdtempSync(join(tmpdir(), "podiam-prop-"));
  try {
    synthToDir(result.model, outdir);
    return stackTexts(outdir);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

interface Triple {
  readonly cluster: string;
  readonly namespace: string;
  readonly name: string;
}

/** Every (cluster, namespace, name) the file mentions, plus namespaces and names crossed over. */
function candidateTriples(file: GeneratedFile): Triple[] {
  const clusters = Object.keys(file.spec.clusters);
  const pairs = new Map<string, { namespace: string; name: string }>();
  const all = file.declared.flatMap((b) => b.serviceAccounts);
  for (const sa of all) pairs.set(`${sa.namespace}/${sa.name}`, sa);
  // Crossed: one ServiceAccount's namespace with another's name (a few, deterministic).
  for (let i = 0; i + 1 < all.length && i < 8; i++) {
    const crossed = { namespace: all[i + 1].namespace, name: all[i].name };
    pairs.set(`${crossed.namespace}/${crossed.name}`, crossed);
  }
  return clusters.flatMap((cluster) => [...pairs.values()].map((sa) => ({ cluster, ...sa })));
}

function admitsExactlyDeclared(file: GeneratedFile, stacks: Record<string, string>): void {
  const spec = file.spec;
  const triples = candidateTriples(file);
  const byName = new Map(file.declared.map((b) => [b.name, b]));
  let roles = 0;
  for (const [stack, text] of Object.entries(stacks)) {
    if (!stack.startsWith("iam-")) continue;
    const alias = stack.slice("iam-".length);
    const account = spec.accounts[alias];
    const partition = account.partition ?? "aws";
    const json: TerraformJson = JSON.parse(text);
    for (const [address, role] of Object.entries<TerraformJson>(json.resource?.aws_iam_role ?? {})) {
      roles++;
      const binding: DeclaredBinding | undefined =
        byName.get(address) ?? file.declared.find((b) => b.roleName === role.name);
      if (!binding) throw new Error(`role ${address} in ${stack} belongs to no declared binding`);
      expect(binding.account).toBe(alias);
      const roleArn = `arn:${partition}:iam::${account.id}:role${role.path}${role.name}`;
      const irsa = binding.mode !== "pod-identity";
      for (const triple of triples) {
        const issuerHost = String(spec.clusters[triple.cluster].oidcIssuer).replace(/^https:\/\//, "");
        const decision = simulateIrsa(role.assume_role_policy, {
          roleArn,
          providerArn: `arn:${partition}:iam::${account.id}:oidc-provider/${issuerHost}`,
          sub: `system:serviceaccount:${triple.namespace}:${triple.name}`,
          aud: "sts.amazonaws.com",
        });
        const declared =
          irsa &&
          binding.clusters.includes(triple.cluster) &&
          binding.serviceAccounts.some((sa) => sa.namespace === triple.namespace && sa.name === triple.name);
        if (decision !== (declared ? "Allowed" : "Denied")) {
          throw new Error(
            `${stack}: role of "${binding.name}" (${binding.mode}) ${decision} ${triple.cluster} ${triple.namespace}/${triple.name}; declared: ${declared}\n${role.assume_role_policy}`,
          );
        }
      }
    }
  }
  expect(roles).toBe(file.declared.length);
}

/** Shuffles a list with a seeded generator. */
function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Every mapping's keys reordered (recursively); lists stay in order, except `bindings`. */
function permuted(spec: BindingsSpec, seed: number): BindingsSpec {
  const random = rng(seed);
  const visit = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(visit);
    if (value && typeof value === "object") {
      return Object.fromEntries(shuffled(Object.entries(value), random).map(([k, v]) => [k, visit(v)]));
    }
    return value;
  };
  const out = visit(spec) as BindingsSpec;
  out.bindings = shuffled(out.bindings, random);
  return out;
}

describe("synth of random valid files", () => {
  test("the loader accepts them, synth never throws, and IRSA trust admits exactly the declared triples", () => {
    fc.assert(
      fc.property(fileOptions, (options) => {
        const file = generateBindings(options);
        const stacks = synthesize(toYaml(file.spec));
        admitsExactlyDeclared(file, stacks);
      }),
      { seed: SEED, numRuns: 25 },
    );
  });

  test("output is byte-identical under permutations of bindings, clusters, accounts and map keys", () => {
    fc.assert(
      fc.property(fileOptions, fc.integer({ min: 1, max: 2 ** 31 - 1 }), (options, permutation) => {
        const file = generateBindings(options);
        const original = synthesize(toYaml(file.spec));
        const reordered = synthesize(toYaml(permuted(file.spec, permutation)));
        expect(Object.keys(reordered)).toEqual(Object.keys(original));
        for (const stack of Object.keys(original)) {
          if (reordered[stack] !== original[stack])
            throw new Error(`stack ${stack} differs after a permutation (permutation seed ${permutation})`);
        }
      }),
      { seed: SEED, numRuns: 12 },
    );
  });
});
