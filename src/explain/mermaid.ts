/**
 * A Mermaid flowchart of ServiceAccounts -> roles -> policies, which GitHub draws in a pull-request
 * comment. Node ids are positional (sa0, role0, ...) over sorted inputs, so the text is stable;
 * labels carry the names.
 */
import { describeAccess, plural, policyName, roleName, serviceAccountId } from "./wording";
import type { BindingReview } from "./review";

export function mermaidDiagram(bindings: readonly BindingReview[]): string {
  const lines = ["flowchart LR"];
  const clusters = [...new Set(bindings.flatMap((b) => b.serviceAccounts.map((sa) => sa.cluster)))].sort();
  const saIds = new Map<string, string>();
  clusters.forEach((cluster, c) => {
    lines.push(`  subgraph cluster${c}["cluster ${label(cluster)}"]`);
    const ids = [
      ...new Set(
        bindings.flatMap((b) => b.serviceAccounts.filter((sa) => sa.cluster === cluster).map(serviceAccountId)),
      ),
    ].sort();
    for (const id of ids) {
      const node = `sa${saIds.size}`;
      saIds.set(`${cluster} ${id}`, node);
      lines.push(`    ${node}["${label(id)}"]`);
    }
    lines.push("  end");
  });

  const managed = [...new Set(bindings.flatMap((b) => b.managedPolicies.map((p) => p.arn)))].sort();
  const managedIds = new Map(managed.map((arn, i) => [arn, `managed${i}`]));
  bindings.forEach((binding, r) => {
    lines.push(
      `  role${r}(["${label(`role ${roleName(binding.role.arn)}`)}<br/>${label(`account ${binding.account.alias}`)}"])`,
    );
  });
  if (bindings.some((b) => b.statements.length > 0)) {
    bindings.forEach((binding, r) => {
      if (binding.statements.length === 0) return;
      const text = `${plural(binding.statements.length, "statement")}: ${describeAccess(binding.statementsAccess)}`;
      lines.push(`  policy${r}[/"${label(text)}"/]`);
    });
  }
  for (const [arn, id] of managedIds) lines.push(`  ${id}[/"${label(policyName(arn))}"/]`);
  // A preset's policy is the binding's own: one node per binding and preset.
  const presetIds = new Map<string, string>();
  bindings.forEach((binding, r) => {
    for (const preset of binding.presets ?? []) {
      const id = `preset${presetIds.size}`;
      presetIds.set(`${r} ${preset.name}`, id);
      lines.push(`  ${id}[/"${label(`preset ${preset.name} ${preset.version}`)}"/]`);
    }
  });

  bindings.forEach((binding, r) => {
    for (const sa of binding.serviceAccounts)
      lines.push(`  ${saIds.get(`${sa.cluster} ${serviceAccountId(sa)}`)} -->|"${binding.mode}"| role${r}`);
    if (binding.statements.length > 0) lines.push(`  role${r} --> policy${r}`);
    for (const preset of binding.presets ?? []) lines.push(`  role${r} --> ${presetIds.get(`${r} ${preset.name}`)}`);
    for (const policy of binding.managedPolicies) lines.push(`  role${r} --> ${managedIds.get(policy.arn)}`);
  });
  return lines.join("\n");
}

/** Text inside a quoted Mermaid label: quotes and markup characters as entities. */
function label(text: string): string {
  return text.replace(/[#"<>]/g, (c) => `#${c.charCodeAt(0)};`);
}
