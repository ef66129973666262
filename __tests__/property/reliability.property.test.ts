/**
 * Property tests of the loader's promises, on random files:
 * - every file of hostile but valid text (any script, digits first, punctuation, policy
 *   variables, `%{`, `$${`) loads, synthesizes to Terraform identifiers only, reaches AWS and
 *   Kubernetes as written, and its IAM stacks pass `terraform validate` with the real provider;
 * - every key written in a map (tags, annotations, labels, conditions), whatever its name, is in
 *   the model or in a reported problem at that key: nothing is dropped in silence.
 *
 * Fixed seeds and bounded runs: the same cases on every run.
 */
import fc from "fast-check";
import { mkdtempSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { stringify } from "yaml";
import { loadBindings } from "../../src/bindings/load";
import { renderPath } from "../../src/bindings/problems";
import { synthesize } from "../../src/app";
import { TERRAFORM_IDENTIFIER } from "../../src/constructs/addresses";
import { describeWithTerraform, describeFailure, offlineStackCopy, runStack } from "../helpers/terraform";
import type { TerraformJson } from "../helpers/synth";

const SEED = 20261201;

/** Text that Terraform would read as a template, or that looks like code. */
const TEMPLATE_BITS = [
  "${aws:username}",
  "%{if x}",
  "$${x}",
  "%%{y}",
  "${",
  "%{",
  "}",
  "\\",
  '"',
  "'",
  ":",
  "#",
  "&a",
  "*b",
];
const SCRIPTS = ["é", "ü", "ß", "Ω", "Ж", "中文", "日本", "한", "ع", "१", "٣", "0", "9"];

/** A non-empty word drawn from a character set: the bits a hostile user would write. */
const wordOf = (parts: readonly string[], max = 6) =>
  fc.array(fc.constantFrom(...parts), { minLength: 1, maxLength: max }).map((list) => list.join(""));

/** A Kubernetes name (RFC 1123 label): digits first allowed. */
const k8sLabel = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?$/);
const k8sSubdomain = fc
  .array(k8sLabel, { minLength: 1, maxLength: 3 })
  .map((labels) => labels.join("."))
  .filter((name) => name.length <= 253);
/** Tag text IAM takes: letters of any script, digits, spaces and _ . : / = + - @. */
const tagText = wordOf([...SCRIPTS, "a", "Z", " ", "_", ".", ":", "/", "=", "+", "-", "@"], 8).filter(
  (text) => !text.toLowerCase().startsWith("aws:"),
);
/** A description IAM takes: ASCII and Latin-1, templates included. */
const descriptionText = wordOf([...TEMPLATE_BITS, "é", "ü", "ß", "Café ", "50% ", "\t", "\n", "x"], 10);
/** An annotation value: any text at all. */
const annotationValue = wordOf([...TEMPLATE_BITS, ...SCRIPTS, "😀", " ", "\n"], 10);
/** An annotation key Kubernetes takes: [prefix/]name. */
const metadataKey = fc
  .tuple(
    fc.option(k8sSubdomain, { nil: undefined }),
    fc.stringMatching(/^[A-Za-z0-9]([-A-Za-z0-9_.]{0,8}[A-Za-z0-9])?$/),
  )
  .map(([prefix, name]) => (prefix ? `${prefix}/${name}` : name))
  .filter((key) => key.trim().toLowerCase() !== "eks.amazonaws.com/role-arn");

interface HostileBinding {
  readonly namespace: string;
  readonly name: string;
  readonly description: string;
  readonly tag: readonly [string, string];
  readonly annotation: readonly [string, string];
  readonly conditionValue: string;
  readonly resourceSuffix: string;
  readonly mode: "irsa" | "pod-identity" | "both";
}

const hostileBinding: fc.Arbitrary<HostileBinding> = fc.record({
  namespace: k8sLabel,
  name: k8sSubdomain,
  description: descriptionText,
  tag: fc.tuple(tagText, tagText),
  annotation: fc.tuple(metadataKey, annotationValue),
  conditionValue: annotationValue,
  resourceSuffix: wordOf([...TEMPLATE_BITS.filter((b) => b !== "\\" && b !== '"'), "a", "/", "*"], 6),
  mode: fc.constantFrom("irsa" as const, "pod-identity" as const, "both" as const),
});

/** A file of these bindings, written with yaml's own stringify: every text exactly as drawn. */
function fileOf(bindings: readonly HostileBinding[]): string {
  const seen = new Set<string>();
  const unique = bindings.filter((b) => {
    const id = `${b.namespace}/${b.name}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
  return stringify({
    version: 1,
    accounts: { prod: { id: "111122223333", region: "eu-west-1" } },
    clusters: {
      eu: {
        account: "prod",
        region: "eu-west-1",
        oidcIssuer: "https://oidc.eks.eu-west-1.amazonaws.com/id/AAAA1111BBBB2222CCCC3333DDDD4444",
      },
    },
    bindings: unique.map((b, i) => ({
      name: `b${i}`,
      cluster: "eu",
      mode: b.mode,
      serviceAccounts: [`${b.namespace}/${b.name}`],
      role: { description: b.description, tags: { [b.tag[0]]: b.tag[1] } },
      serviceAccount: { annotations: { [b.annotation[0]]: b.annotation[1] } },
      policies: {
        statements: [
          {
            sid: `S${i}`,
            actions: ["s3:GetObject"],
            resources: [`arn:aws:s3:::bucket/${b.resourceSuffix}`],
            conditions: { StringEquals: { "aws:PrincipalTag/team": b.conditionValue } },
          },
        ],
      },
    })),
  });
}

/** Terraform's escapes undone: what AWS and Kubernetes receive. */
function unescaped(text: string): string {
  return text.replace(/([$%])\1\{/g, "$1{");
}

function synthesized(text: string): { outdir: string; stacks: Record<string, TerraformJson> } {
  const result = loadBindings(text);
  if (!result.model) throw new Error(`rejected:\n${result.problems.map((p) => p.message).join("\n")}\n---\n${text}`);
  const outdir = mkdtempSync(join(tmpdir(), "podiam-hostile-"));
  const names = synthesize(result.model, { outdir });
  const stacks = Object.fromEntries(
    names.map((name) => [name, JSON.parse(readFileSync(join(outdir, "stacks", name, "cdk.tf.json"), "utf8"))]),
  );
  return { outdir, stacks };
}

function resourceNames(stack: TerraformJson): string[] {
  return Object.values((stack.resource ?? {}) as Record<string, Record<string, unknown>>).flatMap((byName) =>
    Object.keys(byName),
  );
}

test("hostile but valid text: loads, synthesizes to Terraform identifiers, reaches AWS and Kubernetes as written", () => {
  fc.assert(
    fc.property(fc.array(hostileBinding, { minLength: 1, maxLength: 5 }), (bindings) => {
      const text = fileOf(bindings);
      const { outdir, stacks } = synthesized(text);
      try {
        for (const stack of Object.values(stacks)) {
          for (const name of resourceNames(stack)) expect(name).toMatch(TERRAFORM_IDENTIFIER);
        }
        const model = loadBindings(text).model!;
        for (const binding of model.bindings) {
          const role = stacks["iam-prod"].resource.aws_iam_role[binding.name];
          expect(unescaped(role.description)).toBe(binding.role.description);
          const policy = JSON.parse(unescaped(stacks["iam-prod"].resource.aws_iam_policy[binding.name].policy));
          expect(policy.Statement[0].Resource).toBe(binding.statements[0].resources![0]);
          if (binding.mode === "pod-identity") continue;
          const accounts = Object.values(stacks["k8s-eu"].resource.kubernetes_service_account_v1) as TerraformJson[];
          const sa = accounts.find(
            (r) =>
              r.metadata.name === binding.serviceAccounts[0].name &&
              r.metadata.namespace === binding.serviceAccounts[0].namespace,
          );
          const [key, value] = Object.entries(binding.serviceAccount.annotations)[0];
          expect(unescaped(sa.metadata.annotations[key.replace(/([$%])\{/g, "$1$1{")])).toBe(value);
        }
      } finally {
        rmSync(outdir, { recursive: true, force: true });
      }
    }),
    { seed: SEED, numRuns: 60 },
  );
});

describeWithTerraform("hostile but valid text under the real AWS provider", () => {
  // A few files of several bindings each: `terraform validate` costs seconds per stack.
  const files = fc.sample(fc.array(hostileBinding, { minLength: 6, maxLength: 8 }), { seed: SEED, numRuns: 3 });
  test.each(files.map((bindings, i) => [i, bindings] as const))(
    "file %i: terraform validate of the IAM stack passes",
    async (_, bindings) => {
      const { outdir } = synthesized(fileOf(bindings));
      try {
        const run = await runStack(offlineStackCopy(outdir, "iam-prod"), "iam-prod", { plan: false });
        expect(run.init.code).toBe(0);
        expect(run.validate && run.validate.code === 0 ? "" : describeFailure(run.validate ?? run.init)).toBe("");
      } finally {
        rmSync(outdir, { recursive: true, force: true });
      }
    },
    180_000,
  );
});

/** Keys a hostile file may use for a map entry: JavaScript's own names among them. */
const mapKey = fc.oneof(
  fc.constantFrom("__proto__", "constructor", "toString", "hasOwnProperty", "valueOf", "prototype", "__defineGetter__"),
  fc.stringMatching(/^[a-z][a-z0-9]{0,6}$/),
);

type MapKind = "tags" | "annotations" | "labels" | "conditions";
const MAP_KINDS: readonly MapKind[] = ["tags", "annotations", "labels", "conditions"];
const MAP_PATHS: Record<MapKind, (string | number)[]> = {
  tags: ["bindings", 0, "role", "tags"],
  annotations: ["bindings", 0, "serviceAccount", "annotations"],
  labels: ["bindings", 0, "serviceAccount", "labels"],
  conditions: ["bindings", 0, "policies", "statements", 0, "conditions", "StringEquals"],
};

/** A file with these maps in one binding: the maps as the model holds them, or the problems' paths. */
function loadMaps(maps: Record<MapKind, Record<string, string>>): {
  model?: Record<MapKind, Readonly<Record<string, unknown>>>;
  problemPaths: string[];
} {
  const text = stringify({
    version: 1,
    accounts: { prod: { id: "111122223333", region: "eu-west-1" } },
    clusters: { eu: { account: "prod", region: "eu-west-1" } },
    bindings: [
      {
        name: "api",
        cluster: "eu",
        serviceAccounts: ["app/api"],
        role: { tags: maps.tags },
        serviceAccount: { annotations: maps.annotations, labels: maps.labels },
        policies: {
          statements: [{ actions: ["s3:GetObject"], resources: ["*"], conditions: { StringEquals: maps.conditions } }],
        },
      },
    ],
  });
  const result = loadBindings(text);
  const binding = result.model?.bindings[0];
  return {
    problemPaths: result.problems.filter((p) => p.severity === "error").map((p) => p.path),
    ...(binding
      ? {
          model: {
            tags: binding.role.tags,
            annotations: binding.serviceAccount.annotations,
            labels: binding.serviceAccount.labels,
            conditions: binding.statements[0].conditions?.StringEquals ?? {},
          },
        }
      : {}),
  };
}

test("every key of every map is in the model or in a problem at that key", () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.constantFrom<MapKind>("tags", "annotations", "labels", "conditions"), mapKey), {
        minLength: 1,
        maxLength: 8,
      }),
      (entries) => {
        const maps: Record<MapKind, Record<string, string>> = { tags: {}, annotations: {}, labels: {}, conditions: {} };
        for (const [kind, key] of entries) Object.defineProperty(maps[kind], key, { value: "v", enumerable: true });
        const first = loadMaps(maps);
        if (first.model) {
          for (const kind of MAP_KINDS)
            expect(Object.keys(first.model[kind]).sort()).toEqual(Object.keys(maps[kind]).sort());
          return;
        }
        // Refused: each key is reported at its place, or kept once the reported ones are gone.
        const reported = new Set(first.problemPaths);
        const rest: Record<MapKind, Record<string, string>> = { tags: {}, annotations: {}, labels: {}, conditions: {} };
        for (const kind of MAP_KINDS) {
          for (const key of Object.keys(maps[kind])) {
            if (!reported.has(renderPath([...MAP_PATHS[kind], key]))) {
              Object.defineProperty(rest[kind], key, { value: "v", enumerable: true });
            }
          }
        }
        const second = loadMaps(rest);
        if (!second.model) throw new Error(`refused without saying why:\n${second.problemPaths.join("\n")}`);
        for (const kind of MAP_KINDS)
          expect(Object.keys(second.model[kind]).sort()).toEqual(Object.keys(rest[kind]).sort());
      },
    ),
    { seed: SEED, numRuns: 300 },
  );
});
