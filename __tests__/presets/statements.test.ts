/**
 * What every preset promises of its output, for every configuration the fixtures hold: statements
 * non-empty with unique letters-and-digits Sids and no empty action or resource list; the same
 * output whatever order the inputs were written in; ARNs in the binding's partition only; and the
 * shape of the model's Statement, so the loader can take it as is.
 */
import type { Statement } from "../../src/iam/types";
import {
  compilePreset,
  PRESETS,
  presetNames,
  type Partition,
  type PresetContext,
  type PresetStatement,
} from "../../src/presets";
import { clusterTargets, normalize, sidPart } from "../../src/presets/statements";
import { allConfigs, configs, CONTEXT, contextFor, MULTI_CONTEXT } from "./fixtures";

function compile(name: string, raw: unknown, context: PresetContext = CONTEXT): PresetStatement[] {
  const parsed = PRESETS[name].inputs.safeParse(raw);
  if (!parsed.success)
    throw new Error(
      `${name}: fixture does not parse: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  return compilePreset(name, parsed.data, context);
}

/** The same inputs with every list reversed and every mapping's keys in reverse order. */
function reordered(value: unknown): unknown {
  if (Array.isArray(value)) return [...value].reverse().map(reordered);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .reverse()
        .map(([k, v]) => [k, reordered(v)]),
    );
  }
  return value;
}

test("the registry holds the 19 presets of the contract, and pganalyze, sorted", () => {
  const contract = [
    "aws-load-balancer-controller",
    "aws-load-balancer-controller-targetgroup-binding",
    "external-dns",
    "cert-manager",
    "cluster-autoscaler",
    "karpenter",
    "aws-ebs-csi-driver",
    "aws-efs-csi-driver",
    "aws-fsx-csi-driver",
    "aws-fsx-openzfs-csi-driver",
    "aws-mountpoint-s3-csi-driver",
    "external-secrets",
    "velero",
    "aws-vpc-cni",
    "aws-node-termination-handler",
    "aws-privateca-issuer",
    "aws-gateway-controller",
    "amazon-cloudwatch-observability",
    "amazon-managed-prometheus",
  ];
  expect(presetNames()).toEqual([...contract, "pganalyze"].sort());
  expect(Object.keys(configs())).toEqual(presetNames());
  for (const name of presetNames()) expect(PRESETS[name].name).toBe(name);
});

describe.each(presetNames())("%s", (name) => {
  const preset = PRESETS[name];

  test("names its version, upstream and description", () => {
    expect(preset.version).toMatch(/\S/);
    expect(preset.upstream).toMatch(/\S{3,}/);
    expect(preset.description.length).toBeGreaterThan(40);
    if (preset.defaultServiceAccount) {
      expect(preset.defaultServiceAccount.namespace).toMatch(/^[a-z0-9-]+$/);
      expect(preset.defaultServiceAccount.name).toMatch(/^[a-z0-9-]+$/);
    }
  });

  test.each(allConfigs(name))("%s: non-empty, unique Sids, no empty list, normal form", (_label, raw) => {
    for (const context of [CONTEXT, MULTI_CONTEXT]) {
      const statements = compile(name, raw, context);
      expect(statements.length).toBeGreaterThan(0);
      const sids = statements.map((s) => s.sid);
      expect(new Set(sids).size).toBe(sids.length);
      for (const s of statements) {
        expect(s.sid).toMatch(/^[A-Za-z0-9]+$/);
        expect(s.effect).toBe("Allow");
        expect(s.actions.length).toBeGreaterThan(0);
        expect(s.resources.length).toBeGreaterThan(0);
        expect(s.resources.every((r) => r.length > 0)).toBe(true);
        expect(s).not.toHaveProperty("notActions");
        expect(s).not.toHaveProperty("notResources");
        expect([...s.actions]).toEqual([...new Set(s.actions)].sort());
        expect([...s.resources]).toEqual([...new Set(s.resources)].sort());
        for (const block of Object.values(s.conditions ?? {})) {
          expect(Object.keys(block).length).toBeGreaterThan(0);
          for (const value of Object.values(block)) if (Array.isArray(value)) expect(value.length).toBeGreaterThan(1);
        }
      }
      // The model's shape, field for field.
      const asModel: readonly Statement[] = statements;
      expect(asModel).toBe(statements);
    }
  });

  test.each(allConfigs(name))("%s: deterministic, whatever the order of inputs and clusters", (_label, raw) => {
    const once = JSON.stringify(compile(name, raw, MULTI_CONTEXT));
    expect(JSON.stringify(compile(name, raw, MULTI_CONTEXT))).toBe(once);
    expect(JSON.stringify(compile(name, reordered(raw), MULTI_CONTEXT))).toBe(once);
    const clustersReversed = { ...MULTI_CONTEXT, clusters: [...MULTI_CONTEXT.clusters].reverse() };
    expect(JSON.stringify(compile(name, raw, clustersReversed))).toBe(once);
  });

  test.each(["aws", "aws-cn", "aws-us-gov"] as Partition[])(
    "every ARN is in the binding's partition (%s)",
    (partition) => {
      for (const [, raw] of allConfigs(name, partition)) {
        for (const s of compile(name, raw, contextFor(partition))) {
          for (const resource of s.resources) {
            if (resource === "*") continue;
            expect(resource.startsWith(`arn:${partition}:`)).toBe(true);
          }
          for (const block of Object.values(s.conditions ?? {})) {
            for (const value of Object.values(block).flat()) {
              if (typeof value === "string" && value.startsWith("arn:"))
                expect(value.startsWith(`arn:${partition}:`)).toBe(true);
            }
          }
        }
      }
    },
  );

  test("scopes by the clusters' EKS names, never their keys", () => {
    for (const [, raw] of allConfigs(name)) {
      const text = JSON.stringify(compile(name, raw, MULTI_CONTEXT));
      expect(text).not.toMatch(/"prod-eu"|"prod-us"|\/prod-eu\/|\/prod-us\//);
    }
  });
});

describe("the shared helpers", () => {
  test("normalize refuses a preset that breaks its contract", () => {
    const good = { sid: "A", effect: "Allow" as const, actions: ["s3:GetObject"], resources: ["*"] };
    expect(() => normalize("x", [good, good])).toThrow(/used twice/);
    expect(() => normalize("x", [{ ...good, sid: "a-b" }])).toThrow(/letters and digits/);
    expect(() => normalize("x", [{ ...good, actions: [] }])).toThrow(/no action/);
    expect(() => normalize("x", [{ ...good, resources: [] }])).toThrow(/no resource/);
  });

  test("condition values are sorted, deduplicated, and a single value is a scalar", () => {
    const [s] = normalize("x", [
      {
        sid: "A",
        effect: "Allow",
        actions: ["b:B", "a:A", "a:A"],
        resources: ["z", "a"],
        conditions: { StringEquals: { k: ["y", "x", "y"], j: ["only"] } },
      },
    ]);
    expect(s).toEqual({
      sid: "A",
      effect: "Allow",
      actions: ["a:A", "b:B"],
      resources: ["a", "z"],
      conditions: { StringEquals: { j: "only", k: ["x", "y"] } },
    });
  });

  test("cluster Sid parts are letters and digits, and distinct even when names clash", () => {
    expect(sidPart("prod-eu-1")).toBe("ProdEu1");
    const context = { ...CONTEXT, clusters: [] };
    const targets = clusterTargets(["prod-eu", "prod_eu", "prodEu"], context, "x");
    expect(new Set(targets.map((t) => t.sidSuffix)).size).toBe(3);
    expect(targets.every((t) => /^[A-Za-z0-9]+$/.test(t.sidSuffix))).toBe(true);
    // A name that is none of the binding's clusters lives in the role's account and region.
    expect(targets[0]).toMatchObject({ region: CONTEXT.region, accountId: CONTEXT.accountId });
  });

  test("a preset that scopes to clusters refuses a context without any, when clusterNames is not set", () => {
    expect(() => compile("aws-load-balancer-controller", {}, { ...CONTEXT, clusters: [] })).toThrow(/has none/);
    expect(
      compile("aws-load-balancer-controller", { clusterNames: ["x"] }, { ...CONTEXT, clusters: [] }).length,
    ).toBeGreaterThan(0);
  });
});
