/**
 * The two places a trust policy is simulated from: the pure IAM document
 * (`bindingTrustPolicy` + `renderPolicy`) and the `assume_role_policy` string of the role in the
 * synthesized `iam-<account>` stack. Every case is checked against both.
 */
import { bindingTrustPolicy } from "../../src/bindings/binding-trust";
import { renderPolicy } from "../../src/iam/policy-document";
import { modelOf, synthStacks } from "../helpers/synth";

export interface TrustSource {
  readonly source: string;
  /** The trust policy of the binding, as a JSON string. */
  readonly policy: (binding: string) => string;
}

/** Loads `yaml` once; the stacks are synthesized on first use, once. */
export function trustSources(yaml: string, stack: string): TrustSource[] {
  const model = modelOf(yaml);
  let stacks: ReturnType<typeof synthStacks> | undefined;
  return [
    {
      source: "bindingTrustPolicy",
      policy: (name) => {
        const binding = model.bindings.find((b) => b.name === name);
        if (!binding) throw new Error(`no binding ${name}`);
        return renderPolicy(bindingTrustPolicy(model, binding));
      },
    },
    {
      source: `synthesized ${stack}`,
      policy: (name) => {
        stacks ??= synthStacks(model);
        const role = stacks[stack]?.resource?.aws_iam_role?.[name];
        if (!role) throw new Error(`no aws_iam_role.${name} in ${stack}`);
        const policy = role.assume_role_policy;
        if (typeof policy !== "string" || policy.includes("${"))
          throw new Error(`assume_role_policy of ${name} is not literal JSON: ${policy}`);
        return policy;
      },
    },
  ];
}
