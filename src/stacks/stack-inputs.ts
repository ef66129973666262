/**
 * What each stack is made from, as one canonical string per stack: its plan (its account or
 * cluster, the bindings it holds, those it forgets) and the parts of the model every stack may
 * read (accounts, clusters, the file's policies, backend, tags, quotas). A stack's Terraform is a
 * function of these alone, so two models whose inputs for a stack are equal give that stack the
 * same bytes: `podiam affected` synthesizes only the stacks whose inputs differ.
 *
 * Conservative on purpose: a field that a stack does not read still counts (a false "maybe
 * changed" costs a synth of that stack; a false "same" would hide a change from the plan).
 */
import type { BindingsModel } from "../bindings/model";
import { planStacks, StackPlan } from "./stack-plan";

/**
 * A JSON text of `value` with Maps as their entries and every object's keys sorted, without the
 * `index` fields (places in the file, for messages only: no stack reads them, and a binding added
 * above would otherwise change every stack's inputs).
 */
function canonical(value: unknown): string {
  return JSON.stringify(value, (key, v: unknown) => {
    if (key === "index") return undefined;
    if (v instanceof Map) return { "<map>": [...v.entries()] };
    if (v instanceof Set) return { "<set>": [...v.values()] };
    if (v !== null && typeof v === "object" && !Array.isArray(v)) {
      const sorted: Record<string, unknown> = {};
      for (const key of Object.keys(v).sort()) sorted[key] = (v as Record<string, unknown>)[key];
      return sorted;
    }
    return v;
  });
}

/** The inputs of a stack's plan: for an account's own stack, every binding of the account (it makes their OIDC providers, file policies and associations). */
function planInputs(plan: StackPlan): unknown {
  if (plan.kind === "k8s") return plan;
  return plan.stack === undefined ? plan : { ...plan, accountBindings: undefined };
}

/** Every stack's inputs, by stack name. */
export function stackInputs(model: BindingsModel): Map<string, string> {
  const shared = canonical({
    accounts: model.accounts,
    clusters: model.clusters,
    policies: model.policies,
    backend: model.backend,
    tags: model.tags,
    quotas: model.quotas,
  });
  return new Map(planStacks(model).map((plan) => [plan.name, `${shared}\n${canonical(planInputs(plan))}`]));
}
