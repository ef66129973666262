import { join } from "path";
import { modelOfFile, ROOT, synthStacks } from "../helpers/synth";

test("the example synthesizes its four stacks", () => {
  const stacks = synthStacks(modelOfFile(join(ROOT, "bindings.yaml")));
  expect(Object.keys(stacks)).toEqual(["iam-prod", "iam-shared", "k8s-prod-eu", "k8s-prod-us"]);
});
