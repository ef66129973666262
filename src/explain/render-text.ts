/** explain for a terminal: one block per binding, aligned labels; with --base, signed change lines. */
import { changeLines } from "./changes";
import type { ReviewDiff } from "./diff";
import type { BindingReview, PresetReview, StatementReview } from "./review";
import {
  describeAccess,
  describeInputs,
  describePermissions,
  describeAction,
  describeCondition,
  describeDiff,
  describeFinding,
  describeManagedPolicy,
  describeReview,
  describeTrusted,
  describeTrustedRole,
  MADE_ELSEWHERE,
} from "./wording";
import type { ReviewModel } from "./review";

const LABEL_WIDTH = 12;
const STATEMENT_LABEL_WIDTH = 11;

export function renderReviewText(review: ReviewModel): string {
  const blocks = [
    `${review.file}: ${describeReview(review)}`,
    ...review.bindings.map((b) => bindingBlock(b).join("\n")),
  ];
  return `${blocks.join("\n\n")}\n`;
}

export function renderDiffText(diff: ReviewDiff): string {
  const blocks = [`${diff.file} against ${diff.base}: ${describeDiff(diff)}`];
  if (diff.added.length + diff.removed.length + diff.changed.length === 0) {
    blocks.push("No change to what any ServiceAccount may do.");
  }
  for (const binding of diff.added)
    blocks.push(
      [
        `+ ${binding.name} (added)`,
        ...bindingBlock(binding)
          .slice(1)
          .map((l) => `  ${l}`),
      ].join("\n"),
    );
  for (const binding of diff.removed)
    blocks.push(
      [
        `- ${binding.name} (removed)`,
        ...bindingBlock(binding)
          .slice(1)
          .map((l) => `  ${l}`),
      ].join("\n"),
    );
  for (const change of diff.changed) {
    blocks.push(
      [`~ ${change.name} (changed)`, ...changeLines(change).map((l) => `    ${l.sign} ${l.text}`)].join("\n"),
    );
  }
  return `${blocks.join("\n\n")}\n`;
}

/** The binding's name, then labelled fields; continuation lines align under the first value. */
function bindingBlock(binding: BindingReview): string[] {
  const lines = [binding.name];
  const field = (label: string, values: readonly string[]) => {
    values.forEach((value, i) => lines.push(`  ${(i === 0 ? label : "").padEnd(LABEL_WIDTH)}${value}`));
  };
  field("mode", [binding.mode]);
  field("role", [
    `${binding.role.arn} (account ${binding.account.alias})`,
    ...(binding.role.external ? [MADE_ELSEWHERE] : []),
  ]);
  if (binding.role.permissionsBoundary) field("boundary", [binding.role.permissionsBoundary]);
  field("trusted by", [
    ...binding.serviceAccounts.map(describeTrusted),
    ...(binding.trust?.roles ?? []).map((role) => `role ${describeTrustedRole(role)}`),
  ]);
  if (binding.trust?.conditions) field("only when", binding.trust.conditions.map(describeCondition));
  field("may do", [describePermissions(binding)]);
  binding.statements.forEach((statement, i) => {
    lines.push(
      ...statementLines(statement).map(
        (l, j) => `  ${(i === 0 && j === 0 ? "statements" : "").padEnd(LABEL_WIDTH)}${l}`,
      ),
    );
  });
  (binding.presets ?? []).forEach((preset, i) => {
    lines.push(
      ...presetLines(preset).map((l, j) => `  ${(i === 0 && j === 0 ? "presets" : "").padEnd(LABEL_WIDTH)}${l}`),
    );
  });
  binding.managedPolicies.forEach((policy, i) => {
    lines.push(`  ${(i === 0 ? "managed" : "").padEnd(LABEL_WIDTH)}${describeManagedPolicy(policy)}`);
    // A policy of the file: its statements, under it.
    const indent = `  ${"".padEnd(LABEL_WIDTH)}  `;
    for (const statement of policy.filePolicy?.statements ?? [])
      lines.push(...statementLines(statement).map((l) => `${indent}${l}`));
    (policy.filePolicy?.waivers ?? []).forEach((w, j) =>
      lines.push(`${indent}${(j === 0 ? "waivers" : "").padEnd(STATEMENT_LABEL_WIDTH)}${w.rule}: ${w.reason}`),
    );
  });
  if (binding.findings.length > 0) field("lint", binding.findings.map(describeFinding));
  if (binding.waivers.length > 0)
    field(
      "waivers",
      binding.waivers.map((w) => `${w.rule}: ${w.reason}`),
    );
  return lines;
}

function statementLines(statement: StatementReview): string[] {
  const lines = [`${statement.effect}${statement.sid ? ` ${statement.sid}` : ""}`];
  const sub = (label: string, values: readonly string[]) => {
    values.forEach((value, i) => lines.push(`  ${(i === 0 ? label : "").padEnd(STATEMENT_LABEL_WIDTH)}${value}`));
  };
  if (statement.actions) sub("actions", statement.actions.map(describeAction));
  if (statement.notActions) sub("all but", statement.notActions.map(describeAction));
  if (statement.resources) sub("resources", statement.resources);
  if (statement.notResources) sub("all but", statement.notResources);
  if (statement.conditions) sub("when", statement.conditions.map(describeCondition));
  return lines;
}

/** A preset: name and version, then what it follows, its inputs, its policies, statements and waivers. */
function presetLines(preset: PresetReview): string[] {
  const lines = [`${preset.name} ${preset.version}: ${describeAccess(preset.access)}`];
  const sub = (label: string, values: readonly string[]) => {
    values.forEach((value, i) => lines.push(`  ${(i === 0 ? label : "").padEnd(STATEMENT_LABEL_WIDTH)}${value}`));
  };
  sub("follows", [preset.upstream]);
  sub("inputs", [describeInputs(preset.inputs)]);
  sub(preset.policies.length === 1 ? "policy" : "policies", preset.policies);
  for (const statement of preset.statements) lines.push(...statementLines(statement).map((l) => `  ${l}`));
  if (preset.waivers.length > 0)
    sub(
      "waivers",
      preset.waivers.map((w) => `${w.rule}: ${w.reason}`),
    );
  return lines;
}
