/**
 * PRE001: a preset's ARN input that covers every resource of its type (`hostedzone/*`, `*`), or
 * that is in another partition than the role (it never matches). Accepted by the schema, as IAM
 * accepts them, but the preset then grants on every zone, bucket, queue or key of the account.
 */
import { presetContext } from "../bindings/binding-presets";
import { presetArnFindings } from "../presets";
import type { Finding, Rule } from "./rule";
import { presetPath } from "./statements";

export const PRE001: Rule = {
  id: "PRE001",
  severity: "warning",
  title: "Preset ARN input that covers every resource of its type, or in another partition",
  help: "A preset scopes what the add-on may do to the resources its inputs name. An input that names every resource of its type (hostedzone/*, *) gives the add-on every zone, bucket, queue or key of the account; one in another partition than the role never matches. List the ARNs the add-on manages.",
  check(binding, { model }) {
    if (binding.presets.length === 0) return [];
    const context = presetContext(
      model.accounts.get(binding.account)!,
      binding.clusters.map((key) => model.clusters.get(key)!),
      model.accounts,
    );
    const findings: Finding[] = [];
    for (const preset of binding.presets) {
      for (const found of presetArnFindings(preset.name, preset.inputs, context)) {
        findings.push({
          path: [...presetPath(binding, preset.name), ...found.path],
          message: `binding "${binding.name}", ${found.message}`,
        });
      }
    }
    return findings;
  },
};
