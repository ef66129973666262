/**
 * `podiam affected` synthesizes only the stacks whose inputs differ (src/stacks/stack-inputs.ts):
 * it must still say exactly what comparing two whole synths says.
 */
import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { run } from "../../src/cli";
import { compareStacks, stackFiles } from "../../src/affected/compare";
import { stackInputs } from "../../src/stacks/stack-inputs";
import { generateBindings, toYaml } from "../helpers/generate";
import { modelOf, synthToDir } from "../helpers/synth";

const { spec } = generateBindings({ bindings: 60, accounts: 2, clusters: 3, seed: 14, stackSize: 12 });
const BASE = toYaml(spec);

function affectedJson(base: string, head: string) {
  const dir = mkdtempSync(join(tmpdir(), "podiam-inputs-"));
  writeFileSync(join(dir, "base.yaml"), base);
  writeFileSync(join(dir, "bindings.yaml"), head);
  let out = "";
  const code = run(
    ["affected", "-f", join(dir, "bindings.yaml"), "--base", join(dir, "base.yaml"), "--format", "json"],
    {
      out: (t) => (out += t),
      err: () => undefined,
    },
  );
  expect(code).toBe(0);
  const report = JSON.parse(out);
  return {
    stacks: report.stacks.map((s: { name: string; change: string }) => ({ name: s.name, change: s.change })),
    unchanged: report.unchanged,
  };
}

/** What two whole synths say. */
function wholeSynths(base: string, head: string) {
  const comparison = compareStacks(stackFiles(synthToDir(modelOf(base))), stackFiles(synthToDir(modelOf(head))));
  return { stacks: comparison.differences, unchanged: comparison.unchanged };
}

const mutations: [string, (s: typeof spec) => void][] = [
  ["a statement of one binding", (s) => (s.bindings[7].policies.statements[0].resources[0] += "-changed")],
  [
    "a binding moved to another stack",
    (s) => {
      s.bindings[3].previousStacks = [s.bindings[3].stack];
      s.bindings[3].stack = "moved";
    },
  ],
  [
    "a binding added at the top",
    (s) => s.bindings.unshift({ ...s.bindings[0], name: "added-first", serviceAccounts: ["new/added-first"] }),
  ],
  ["a binding removed", (s) => s.bindings.splice(10, 1)],
  ["a default tag", (s) => (s.defaults.tags.extra = "yes")],
  ["a cluster's issuer", (s) => (s.clusters["cluster-1"].oidcIssuer += "0")],
  ["nothing", () => undefined],
];

test.each(mutations)("%s: the same stacks as comparing two whole synths", (_, mutate) => {
  const head = structuredClone(spec);
  mutate(head);
  const text = toYaml(head);
  expect(affectedJson(BASE, text)).toEqual(wholeSynths(BASE, text));
});

test("a stack's inputs do not depend on where its bindings are in the file", () => {
  const head = structuredClone(spec);
  head.bindings.reverse();
  expect(stackInputs(modelOf(toYaml(head)))).toEqual(stackInputs(modelOf(BASE)));
});
