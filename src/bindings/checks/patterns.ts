/**
 * ServiceAccount patterns (ns/*, ns/prefix*) are IRSA's alone: an EKS Pod Identity association
 * names one ServiceAccount, so `pod-identity` and `both` (whose mode may come from defaults) cannot
 * hold one.
 */
import { Binding, usesPodIdentity } from "../model";
import { bindingPath, CheckContext } from "./check";

export function checkPatterns(context: CheckContext, binding: Binding): void {
  if (!usesPodIdentity(binding.mode)) return;
  for (const pattern of binding.serviceAccountPatterns) {
    context.report(
      bindingPath(binding, "serviceAccounts", pattern.index),
      `${pattern.namespace}/${pattern.name} is a pattern, and mode ${binding.mode} makes an EKS Pod Identity association per ServiceAccount, which names exactly one: list the ServiceAccounts by name, or use mode: irsa`,
    );
  }
}
