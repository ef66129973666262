/**
 * SA002: a ServiceAccount pattern (ns/*, ns/prefix*) trusts every ServiceAccount that exists or
 * will exist under it: whoever may create a ServiceAccount there (a Helm chart, a CI job, anyone
 * with create on serviceaccounts in the namespace) gets the role.
 */
import type { Finding, Rule } from "./rule";
import { bindingPath } from "./statements";

export const SA002: Rule = {
  id: "SA002",
  severity: "warning",
  title: "A ServiceAccount pattern: every ServiceAccount it covers, now or later, gets the role",
  help: "A ServiceAccount pattern (namespace/* or namespace/prefix*) trusts every ServiceAccount that matches, today's and those made later: anyone who may create a ServiceAccount in that namespace gets the role. Bind the ServiceAccounts by name where you can; keep the pattern as narrow as the workload allows.",
  check(binding) {
    const findings: Finding[] = binding.serviceAccountPatterns.map((pattern) => {
      const covers =
        pattern.name === "*"
          ? `every ServiceAccount of namespace ${pattern.namespace}`
          : `every ServiceAccount of namespace ${pattern.namespace} whose name starts with "${pattern.name.slice(0, -1)}"`;
      return {
        path: bindingPath(binding, "serviceAccounts", pattern.index),
        message: `binding "${binding.name}": ${pattern.namespace}/${pattern.name} trusts ${covers}, present and future, and whoever may create one there; fix: list the ServiceAccounts by name, or waive SA002 with the reason the namespace is trusted`,
      };
    });
    return findings;
  },
};
