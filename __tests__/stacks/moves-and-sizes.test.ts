/**
 * Moves and sizes come from the constructs: a resource a construct names under a renamed root
 * moves with it, with nothing else to write; and the sizes that share the synth between threads
 * are the resources the stacks really hold.
 */
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { Testing } from "cdktf";
import { Construct } from "constructs";
import { readdirSync } from "fs";
import { join } from "path";
import { stackSizes } from "../../src/app";
import { named, Renamable, ResourceName } from "../../src/constructs/addresses";
import { IndependentStack } from "../../src/stacks/independent-stack";
import { FIXTURES, modelOf, modelOfFile, ROOT, synthStacks, TerraformJson } from "../helpers/synth";
import { generateBindingsYaml } from "../helpers/generate";

/** A construct of a kind podiam does not have: an inline role policy, named under its root. */
class FixturePolicy extends Construct {
  constructor(scope: Construct, id: string, root: Renamable) {
    super(scope, id);
    named(new IamRolePolicy(this, "inline", { role: "r", policy: "{}" }), new ResourceName(root, ["inline"]));
    named(new IamRolePolicy(this, "plain", { role: "r", policy: "{}" }), "not_renamed");
  }
}

class FixtureStack extends IndependentStack {
  constructor(scope: Construct, id: string, root: Renamable) {
    super(scope, id, { kind: "local" }, id);
    new FixturePolicy(this, "fixture", root);
  }
}

function synthFixture(root: Renamable): TerraformJson {
  const app = Testing.app();
  return JSON.parse(Testing.synth(new FixtureStack(app, "fixture", root)));
}

test("a resource a construct adds moves with its root on a rename, through every previous name", () => {
  const json = synthFixture({ name: "current", previousNames: ["first", "second"] });
  expect(Object.keys(json.resource.aws_iam_role_policy).sort()).toEqual(["current__inline", "not_renamed"]);
  expect(json.moved).toEqual([
    { from: "aws_iam_role_policy.first__inline", to: "aws_iam_role_policy.second__inline" },
    { from: "aws_iam_role_policy.second__inline", to: "aws_iam_role_policy.current__inline" },
  ]);
});

test("nothing moves when nothing was renamed", () => {
  expect(synthFixture({ name: "current", previousNames: [] }).moved).toBeUndefined();
});

/** Resources in a stack's Terraform JSON (data sources, locals and providers are not resources). */
function resourceCount(stack: TerraformJson): number {
  return Object.values((stack.resource ?? {}) as Record<string, object>).reduce(
    (n, byName) => n + Object.keys(byName).length,
    0,
  );
}

function fixtureFiles(): string[] {
  const files = [join(ROOT, "bindings.yaml")];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir, { withFileTypes: true })) {
      // fixtures/import holds other tools' files (eksctl, AWS CLI, kubectl output), not bindings files.
      if (name.isDirectory()) {
        if (!(dir === FIXTURES && name.name === "import")) walk(join(dir, name.name));
      } else if (name.name.endsWith(".yaml") && name.name !== "broken.yaml") files.push(join(dir, name.name));
    }
  };
  walk(FIXTURES);
  return files;
}

test.each(fixtureFiles().map((file) => [file.slice(ROOT.length + 1), file]))(
  "the sizes of %s are the resources its stacks hold",
  (_, file) => {
    const model = modelOfFile(file);
    const stacks = synthStacks(model);
    const counted = new Map(Object.entries(stacks).map(([name, json]) => [name, resourceCount(json)]));
    expect(stackSizes(model)).toEqual(counted);
  },
);

test("the sizes of a generated file with every kind of binding are the resources its stacks hold", () => {
  const model = modelOf(generateBindingsYaml({ bindings: 120, accounts: 3, clusters: 5, seed: 11 }));
  const stacks = synthStacks(model);
  const counted = new Map(Object.entries(stacks).map(([name, json]) => [name, resourceCount(json)]));
  expect(stackSizes(model)).toEqual(counted);
  expect([...counted.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(500);
});
