/**
 * explain as a pull-request comment (GitHub-flavoured markdown): a summary table, a Mermaid
 * diagram of ServiceAccounts -> roles -> policies, then the details of each binding, folded.
 * With --base, the changes as a `diff` block per binding, which GitHub colours.
 */
import { ActionPatternReview, describeActionPattern } from "./action-patterns";
import { changeLines, describeChangeCounts } from "./changes";
import type { ReviewDiff } from "./diff";
import { MERMAID_MAX_EDGES, MERMAID_MAX_TEXT, mermaidDiagram } from "./mermaid";
import type { BindingReview, ManagedPolicyReview, PresetReview, ReviewModel, StatementReview } from "./review";
import {
  describeAccess,
  describeManagedPolicyAccess,
  describeCondition,
  describeDiff,
  describeFinding,
  describeFindingCounts,
  describePermissions,
  describeReview,
  describeTrustedRole,
  MADE_ELSEWHERE,
  serviceAccountId,
} from "./wording";

export interface MarkdownOptions {
  /**
   * Most bytes of output (UTF-8; GitHub takes 65,536 characters in a comment). Past it, the
   * output ends at the last whole row or section that fits, with a note that says so; it is
   * never longer, however small the limit.
   */
  readonly maxLength?: number;
}

export function renderReviewMarkdown(review: ReviewModel, options: MarkdownOptions = {}): string {
  const out = new MarkdownOut();
  out.push(`### podiam explain: ${code(review.file)}`, "", `${capitalize(describeReview(review))}.`);
  if (review.bindings.length > 0) {
    out.cut().push("");
    summaryTable(review.bindings).forEach((line, i) => (i < 2 ? out.push(line) : out.cut().push(line)));
    out.cut().push("", ...diagram(review.bindings));
    for (const binding of review.bindings) out.cut().push("", ...bindingDetails(binding));
  }
  return out.render(options.maxLength);
}

export function renderDiffMarkdown(diff: ReviewDiff, head: ReviewModel, options: MarkdownOptions = {}): string {
  const out = new MarkdownOut();
  out.push(
    `### podiam explain: ${code(diff.file)} against ${code(diff.base)}`,
    "",
    `${capitalize(describeDiff(diff))}.`,
  );
  if (diff.added.length + diff.removed.length + diff.changed.length === 0) {
    out.push("", "No change to what any ServiceAccount may do.");
    return out.render(options.maxLength);
  }
  out.cut().push("", row(["Binding", "Change", "What"]), row(["---", "---", "---"]));
  for (const b of diff.added)
    out.cut().push(row([code(b.name), "added", `${b.mode}; ${trustedCell(b)}; ${escape(describePermissions(b))}`]));
  for (const b of diff.removed)
    out.cut().push(row([code(b.name), "removed", `${b.mode}; ${trustedCell(b)}; ${escape(describePermissions(b))}`]));
  for (const c of diff.changed) out.cut().push(row([code(c.name), "changed", escape(describeChangeCounts(c))]));

  // The diagram shows the bindings as they will be, where they are new or changed.
  const touched = new Set([...diff.added.map((b) => b.name), ...diff.changed.map((c) => c.name)]);
  const drawn = head.bindings.filter((b) => touched.has(b.name));
  if (drawn.length > 0) out.cut().push("", ...diagram(drawn));

  for (const change of diff.changed) {
    const lines = changeLines(change).map((l) => `${l.sign === "~" ? "!" : l.sign} ${l.text}`);
    out.cut().push("", `#### ${code(change.name)} changed`, "", fence("diff", lines.join("\n")));
  }
  for (const binding of diff.added)
    out.cut().push("", `#### ${code(binding.name)} added`, "", ...bindingDetails(binding, false));
  for (const binding of diff.removed)
    out.cut().push("", `#### ${code(binding.name)} removed`, "", ...bindingDetails(binding, false));
  return out.render(options.maxLength);
}

/** The Mermaid block, and under it what it left out to stay within Mermaid's limits. */
function diagram(bindings: readonly BindingReview[]): string[] {
  const { text, drawn, leftOut } = mermaidDiagram(bindings);
  const block = [fence("mermaid", text)];
  if (leftOut === 0) return block;
  return [
    ...block,
    "",
    `_The diagram draws ${drawn} of ${drawn + leftOut} bindings (Mermaid draws at most ${MERMAID_MAX_EDGES} edges and ${MERMAID_MAX_TEXT} characters); the ${leftOut} from ${code(bindings[drawn].name)} on are in the table above._`,
  ];
}

/** Markdown lines, and the places between them where the output may be cut to fit. */
class MarkdownOut {
  private readonly lines: string[] = [];
  /** Line counts after which a cut leaves valid markdown: after a whole row, block or section. */
  private readonly cuts: number[] = [];

  push(...lines: string[]): this {
    this.lines.push(...lines);
    return this;
  }

  cut(): this {
    this.cuts.push(this.lines.length);
    return this;
  }

  render(maxLength?: number): string {
    const full = `${this.lines.join("\n")}\n`;
    const size = Buffer.byteLength(full);
    if (maxLength === undefined || size <= maxLength) return full;
    // Bytes of the text up to each line, to find the last cut that fits without re-joining.
    const upTo = [0];
    for (const line of this.lines) upTo.push(upTo[upTo.length - 1] + Buffer.byteLength(line) + 1);
    const note = (left: number) =>
      `\n_Cut to fit ${maxLength} bytes: ${left} more bytes are left out; run \`podiam explain --format markdown\` (with the same --base) for all of it._\n`;
    for (let i = this.cuts.length - 1; i >= 0; i--) {
      const kept = upTo[this.cuts[i]];
      if (kept + Buffer.byteLength(note(size - kept)) <= maxLength)
        return `${this.lines.slice(0, this.cuts[i]).join("\n")}\n${note(size - kept)}`;
    }
    // Not even the first section fits: the longest note that does, or nothing.
    const notes = [note(size).slice(1), "_Cut: run `podiam explain --format markdown` for all of it._\n", "_Cut._\n"];
    return notes.find((text) => Buffer.byteLength(text) <= maxLength) ?? "";
  }
}

function summaryTable(bindings: readonly BindingReview[]): string[] {
  const rows = [
    row(["Binding", "Mode", "ServiceAccounts", "Role", "May do", "Lint"]),
    row(["---", "---", "---", "---", "---", "---"]),
  ];
  for (const b of bindings) {
    rows.push(
      row([
        code(b.name),
        b.mode,
        trustedCell(b),
        code(b.role.arn),
        escape(describePermissions(b)),
        escape(describeFindingCounts(b.findings)) || "none",
      ]),
    );
  }
  return rows;
}

/** `prod-eu: billing/a, billing/b<br>prod-us: ...`. */
function trustedCell(binding: BindingReview): string {
  const byCluster = new Map<string, string[]>();
  for (const sa of binding.serviceAccounts)
    byCluster.set(sa.cluster, [...(byCluster.get(sa.cluster) ?? []), code(serviceAccountId(sa))]);
  return [...byCluster].map(([cluster, sas]) => `${escape(cluster)}: ${sas.join(", ")}`).join("<br>");
}

/** A binding's details; folded under its name in a full review, open under a heading in a diff. */
function bindingDetails(binding: BindingReview, folded = true): string[] {
  const out: string[] = [];
  if (folded)
    out.push(
      "<details>",
      `<summary><code>${html(binding.name)}</code>: ${html(binding.mode)}, ${html(describePermissions(binding))}</summary>`,
      "",
    );
  out.push(
    `- **Role:** ${code(binding.role.arn)} in account ${code(binding.account.alias)} (${code(binding.account.id)})${binding.role.external ? `, ${escape(MADE_ELSEWHERE)}` : ""}`,
  );
  if (binding.role.permissionsBoundary)
    out.push(`- **Permissions boundary:** ${code(binding.role.permissionsBoundary)}`);
  out.push(`- **Mode:** ${binding.mode}`);
  out.push(`- **Trusted by:** ${trustedCell(binding).split("<br>").join("; ")}`);
  if (binding.trust?.roles)
    out.push(
      `- **Roles that may assume it:** ${binding.trust.roles.map((r) => code(describeTrustedRole(r))).join(", ")}`,
    );
  if (binding.trust?.conditions)
    out.push(`- **Only when:** ${binding.trust.conditions.map((c) => code(describeCondition(c))).join(" and ")}`);
  out.push(`- **May do:** ${escape(describePermissions(binding))}`);
  if (binding.managedPolicies.length > 0) {
    out.push(
      "- **Managed policies:**",
      ...binding.managedPolicies.map((p) => `  - ${code(p.arn)}: ${escape(describeManagedPolicyAccess(p))}`),
    );
  }
  if (binding.statements.length > 0) {
    out.push(
      "",
      row(["Statement", "Effect", "Actions", "Resources", "Conditions"]),
      row(["---", "---", "---", "---", "---"]),
    );
    for (const statement of binding.statements) out.push(statementRow(statement));
  }
  for (const preset of binding.presets ?? []) out.push("", ...presetDetails(preset));
  for (const policy of binding.managedPolicies) if (policy.filePolicy) out.push("", ...filePolicyDetails(policy));
  if (binding.findings.length > 0)
    out.push("", "**Lint:**", "", ...binding.findings.map((f) => `- ${escape(describeFinding(f))}`));
  if (binding.waivers.length > 0)
    out.push("", "**Waivers:**", "", ...binding.waivers.map((w) => `- ${code(w.rule)}: ${escape(w.reason)}`));
  if (folded) out.push("", "</details>");
  return out;
}

/** A preset: its version and source, inputs, policies, built-in waivers, then its statements. */
function presetDetails(preset: PresetReview): string[] {
  const inputs = Object.keys(preset.inputs);
  const out = [
    `**Preset ${code(preset.name)} ${escape(preset.version)}:** ${escape(describeAccess(preset.access))}`,
    "",
    `- **Follows:** ${escape(preset.upstream)}`,
    `- **Inputs:** ${inputs.length === 0 ? "defaults" : inputs.map((key) => `${code(key)}: ${inputValue(preset.inputs[key])}`).join("; ")}`,
    `- **${preset.policies.length === 1 ? "Policy" : "Policies"}:** ${preset.policies.map(code).join(", ")}`,
  ];
  if (preset.waivers.length > 0)
    out.push("- **Built-in waivers:**", ...preset.waivers.map((w) => `  - ${code(w.rule)}: ${escape(w.reason)}`));
  out.push(
    "",
    row(["Statement", "Effect", "Actions", "Resources", "Conditions"]),
    row(["---", "---", "---", "---", "---"]),
  );
  for (const statement of preset.statements) out.push(statementRow(statement));
  return out;
}

/** A policy of the file: where it is written, its waivers, then its statements. */
function filePolicyDetails(policy: ManagedPolicyReview): string[] {
  const file = policy.filePolicy!;
  const out = [
    `**Policy ${code(file.key)} of this file${file.document !== undefined ? ` (${code(file.document)})` : ""}:** ${escape(describeAccess(policy.access!))}`,
  ];
  if (file.waivers.length > 0)
    out.push("", "- **Waivers:**", ...file.waivers.map((w) => `  - ${code(w.rule)}: ${escape(w.reason)}`));
  out.push(
    "",
    row(["Statement", "Effect", "Actions", "Resources", "Conditions"]),
    row(["---", "---", "---", "---", "---"]),
  );
  for (const statement of file.statements) out.push(statementRow(statement));
  return out;
}

function inputValue(value: unknown): string {
  return Array.isArray(value) ? value.map((v) => code(String(v))).join(", ") : code(String(value));
}

function statementRow(statement: StatementReview): string {
  const action = (a: ActionPatternReview) => `${code(a.pattern)} (${escape(describeActionPattern(a))})`;
  const actions = statement.actions
    ? statement.actions.map(action)
    : ["every action but", ...statement.notActions!.map(action)];
  const resources = statement.resources
    ? statement.resources.map(code)
    : ["every resource but", ...statement.notResources!.map(code)];
  return row([
    statement.sid ? escape(statement.sid) : "",
    statement.effect,
    actions.join("<br>"),
    resources.join("<br>"),
    (statement.conditions ?? []).map((c) => code(describeCondition(c))).join("<br>"),
  ]);
}

/** A table row; a pipe in a cell, even in code, is escaped as GitHub's tables require. */
function row(cells: readonly string[]): string {
  return `| ${cells.map((c) => c.replace(/\|/g, "\\|")).join(" | ")} |`;
}

/** An inline code span that holds any text (backticks included). */
function code(text: string): string {
  const ticks = "`".repeat(Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length)) + 1);
  const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${ticks}${pad}${text}${pad}${ticks}`;
}

/** Plain text with markdown's special characters escaped. */
function escape(text: string): string {
  return text.replace(/[\\`*_[\]<>#~]/g, (c) => `\\${c}`);
}

function html(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** A fenced block whose fence is longer than any backtick run inside. */
function fence(language: string, body: string): string {
  const ticks = "`".repeat(Math.max(2, ...(body.match(/`+/g) ?? []).map((run) => run.length)) + 1);
  return `${ticks}${language}\n${body}\n${ticks}`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
