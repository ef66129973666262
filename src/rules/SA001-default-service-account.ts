/** SA001: the `default` ServiceAccount is every pod's that names none: the role would go to all of them. */
import type { Finding, Rule } from "./rule";
import { bindingPath } from "./statements";

export const SA001: Rule = {
  id: "SA001",
  severity: "warning",
  title: "Binding the default ServiceAccount of a namespace",
  help: "The default ServiceAccount of a namespace is the one every pod that names none runs as: binding it gives the role to all of them. Create a dedicated ServiceAccount for the workload.",
  check(binding) {
    const findings: Finding[] = [];
    binding.serviceAccounts.forEach((sa) => {
      if (sa.name !== "default") return;
      findings.push({
        path: bindingPath(binding, "serviceAccounts", sa.index),
        message: `binding "${binding.name}": binds ${sa.namespace}/default, which every pod of ${sa.namespace} without serviceAccountName runs as; fix: create a dedicated ServiceAccount for the workload`,
      });
    });
    return findings;
  },
};
