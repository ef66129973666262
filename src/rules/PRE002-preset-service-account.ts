/**
 * PRE002: a preset whose add-on's chart creates a ServiceAccount the binding does not bind. The
 * most common reason an add-on gets no credentials: the chart runs as its default ServiceAccount,
 * which nothing trusts. A hint: the binding may be right when the chart is configured otherwise.
 */
import type { Finding, Rule } from "./rule";
import { presetPath } from "./statements";

export const PRE002: Rule = {
  id: "PRE002",
  severity: "warning",
  title: "Preset whose add-on's default ServiceAccount the binding does not bind",
  help: "An add-on's chart runs as the ServiceAccount it creates by default; when the binding trusts another one, the add-on gets no credentials. Bind the chart's default ServiceAccount, or set the chart's serviceAccount.name to the one the binding trusts.",
  check(binding) {
    const findings: Finding[] = [];
    for (const preset of binding.presets) {
      const expected = preset.defaultServiceAccount;
      if (!expected) continue;
      const bound = binding.serviceAccounts;
      if (bound.some((sa) => sa.namespace === expected.namespace && sa.name === expected.name)) continue;
      const wanted = `${expected.namespace}/${expected.name}`;
      const written = bound.map((sa) => `${sa.namespace}/${sa.name}`).join(", ");
      findings.push({
        path: presetPath(binding, preset.name),
        message:
          `binding "${binding.name}", preset ${preset.name}: the add-on's chart runs as ${wanted} by default, and the binding binds ${written}; ` +
          `fix: bind ${wanted}, or set the chart's ServiceAccount (namespace and name) to the one bound here, or waive PRE002 with that reason`,
      });
    }
    return findings;
  },
};
