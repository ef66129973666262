/**
 * A Mermaid flowchart of ServiceAccounts -> roles -> policies, which GitHub draws in a pull-request
 * comment. Node ids are positional (sa0, role0, ...) over sorted inputs, so the text is stable;
 * labels carry the names.
 *
 * Mermaid refuses a flowchart of more than 500 edges (at parse time) and replaces one of more
 * than 50,000 characters by an error box (at render time), with its default configuration, which
 * a diagram cannot raise. Past those limits the diagram draws the first bindings (by name) that
 * fit and says, in a node of its own, how many it left out; every binding stays in the tables.
 */
import { describeAccess, plural, policyName, roleName, serviceAccountId } from "./wording";
import type { BindingReview } from "./review";

/** Mermaid's defaults: `maxEdges` and `maxTextSize`. */
export const MERMAID_MAX_EDGES = 500;
export const MERMAID_MAX_TEXT = 50_000;

export interface MermaidDiagram {
  readonly text: string;
  /** Bindings drawn, from the start of the list. */
  readonly drawn: number;
  /** Bindings left out, at the end of the list. */
  readonly leftOut: number;
}

/** The diagram of as many bindings as Mermaid's limits allow (all of them, usually). */
export function mermaidDiagram(bindings: readonly BindingReview[]): MermaidDiagram {
  const fits = (d: { text: string; edges: number }) =>
    d.edges <= MERMAID_MAX_EDGES && d.text.length <= MERMAID_MAX_TEXT;
  const all = flowchart(bindings, bindings.length);
  if (fits(all)) return { text: all.text, drawn: bindings.length, leftOut: 0 };
  // The text and the edges grow with every binding drawn: the largest count that fits.
  let low = 0;
  let high = bindings.length - 1;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (fits(flowchart(bindings, mid))) low = mid;
    else high = mid - 1;
  }
  return { text: flowchart(bindings, low).text, drawn: low, leftOut: bindings.length - low };
}

/** The flowchart of the first `count` bindings, with a note for the rest; its edge count. */
function flowchart(all: readonly BindingReview[], count: number): { text: string; edges: number } {
  const bindings = all.slice(0, count);
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

  let edges = 0;
  bindings.forEach((binding, r) => {
    for (const sa of binding.serviceAccounts) {
      lines.push(`  ${saIds.get(`${sa.cluster} ${serviceAccountId(sa)}`)} -->|"${binding.mode}"| role${r}`);
      edges++;
    }
    if (binding.statements.length > 0) {
      lines.push(`  role${r} --> policy${r}`);
      edges++;
    }
    for (const preset of binding.presets ?? []) {
      lines.push(`  role${r} --> ${presetIds.get(`${r} ${preset.name}`)}`);
      edges++;
    }
    for (const policy of binding.managedPolicies) {
      lines.push(`  role${r} --> ${managedIds.get(policy.arn)}`);
      edges++;
    }
  });
  const rest = all.slice(count);
  if (rest.length > 0) {
    const serviceAccounts = rest.reduce((n, b) => n + b.serviceAccounts.length, 0);
    const note =
      `${plural(rest.length, "more binding")} (${plural(serviceAccounts, "ServiceAccount")}) not drawn, ` +
      `from ${rest[0].name} on: Mermaid draws at most ${MERMAID_MAX_EDGES} edges and ${MERMAID_MAX_TEXT} characters; every binding is in the table`;
    lines.push(`  leftOut["${label(note)}"]`);
  }
  return { text: lines.join("\n"), edges };
}

/** Text inside a quoted Mermaid label: quotes and markup characters as entities. */
function label(text: string): string {
  return text.replace(/[#"<>]/g, (c) => `#${c.charCodeAt(0)};`);
}
