/**
 * The review model: what each ServiceAccount may do, as a reviewer reads it. Built from the
 * validated model and its lint findings, plain data (JSON-ready), every list in a fixed order, so
 * that the renderers and the diff only format and compare.
 */
import { presetPolicies } from "../bindings/binding-presets";
import type { Binding, BindingsModel, Mode, Waiver } from "../bindings/model";
import { isAwsManagedPolicyArn } from "../iam/arns";
import type { Statement } from "../iam/types";
import { compare } from "../util/order";
import type { Severity } from "../bindings/problems";
import type { LintFinding } from "../rules/rule";
import { accessLevelCounts, ActionCatalog, actionPatternReview, ActionPatternReview } from "./action-patterns";

/** An Allow or Deny of actions, from the file or from an AWS managed policy. */
export interface ActionGrant {
  readonly effect: "Allow" | "Deny";
  readonly actions?: readonly string[];
  readonly notActions?: readonly string[];
}

/** What explain looks up: actions (src/catalog/iam-actions.ts) and AWS managed policies (src/catalog/aws-managed-policies.ts). */
export interface ExplainCatalog extends ActionCatalog {
  /** The statements of an AWS managed policy; undefined for an unknown or customer-managed one. */
  awsManagedPolicyGrants(arn: string): readonly ActionGrant[] | undefined;
}

export interface TrustedServiceAccount {
  readonly cluster: string;
  readonly namespace: string;
  readonly name: string;
}

export interface ConditionReview {
  readonly operator: string;
  readonly key: string;
  readonly values: readonly string[];
}

export interface StatementReview {
  readonly sid?: string;
  readonly effect: "Allow" | "Deny";
  readonly actions?: readonly ActionPatternReview[];
  readonly notActions?: readonly ActionPatternReview[];
  readonly resources?: readonly string[];
  readonly notResources?: readonly string[];
  readonly conditions?: readonly ConditionReview[];
}

export interface ManagedPolicyReview {
  readonly arn: string;
  /** An AWS managed policy (arn:<partition>:iam::aws:policy/...), as opposed to the customer's own. */
  readonly awsManaged: boolean;
  /**
   * What its Allow statements grant, for an AWS managed policy podiam knows or a policy of the
   * file; absent for another customer-managed policy, whose document is not in the file.
   */
  readonly access?: AccessSummary;
  /** Set for a policy of the file (`policies.<key>`): what it holds. */
  readonly filePolicy?: FilePolicyReview;
}

/** A policy of the file, attached by name: the same for every binding that attaches it. */
export interface FilePolicyReview {
  /** Its key under the file's top-level policies. */
  readonly key: string;
  /** Its IAM name. */
  readonly name: string;
  /** The JSON document its statements come from, as the file names it; absent when written in the file. */
  readonly document?: string;
  /** In file (or document) order. */
  readonly statements: readonly StatementReview[];
  /** Its own waivers, by rule: they cover findings on its statements. */
  readonly waivers: readonly Waiver[];
}

/** What `trust` adds to the role's trust policy; only for a binding that has it. */
export interface TrustExtraReview {
  /** ANDed into every trust statement. */
  readonly conditions?: readonly ConditionReview[];
  /** Roles that may assume the role, by ARN, sorted; `binding` when named by binding. */
  readonly roles?: readonly { readonly arn: string; readonly binding?: string }[];
}

/** What the Allow statements grant together: distinct catalogue actions by access level. */
export interface AccessSummary {
  readonly actionCount: number;
  /** Access level -> distinct actions; levels in the order List, Read, Write, Tagging, Permissions management. */
  readonly accessLevels: Readonly<Record<string, number>>;
  /** Per Allow statement with NotAction, its patterns: it allows every action but these, not counted above. */
  readonly everyActionBut: readonly (readonly string[])[];
  /** Deny statements, which take away from the above. */
  readonly denyStatements: number;
  /** Action patterns that match nothing in the IAM catalogue (a typo, or a service newer than it). */
  readonly unknownActions: readonly string[];
}

export interface FindingReview {
  readonly rule: string;
  readonly severity: Severity;
  readonly message: string;
  /** Where in the file: `bindings[2].policies.statements[0]`. */
  readonly path: string;
  /** The policy document it is in, for a finding in one (line and column are that file's). */
  readonly file?: string;
  readonly line: number;
  readonly column: number;
  /** The binding's reason, when it waived the rule. */
  readonly waived?: string;
}

/** A preset the binding uses: what it follows, how it was configured, and what it grants. */
export interface PresetReview {
  readonly name: string;
  /** The upstream policy version its statements follow. */
  readonly version: string;
  readonly upstream: string;
  /** As written, keys sorted. */
  readonly inputs: Readonly<Record<string, unknown>>;
  /** The IAM names of its customer-managed policies: one, or more when it outgrows one. */
  readonly policies: readonly string[];
  /** The expanded statements, in the preset's order. */
  readonly statements: readonly StatementReview[];
  /** What its statements grant. */
  readonly access: AccessSummary;
  /** Its built-in waivers, by rule: they cover findings on its own statements only. */
  readonly waivers: readonly Waiver[];
}

export interface BindingReview {
  readonly name: string;
  readonly previousNames: readonly string[];
  readonly mode: Mode;
  readonly account: { readonly alias: string; readonly id: string };
  /** `external` for a role made elsewhere (role.arn): its trust and permissions are not in the file. */
  readonly role: { readonly arn: string; readonly permissionsBoundary?: string; readonly external?: true };
  /** Who may assume the role: every (cluster, ServiceAccount), sorted; a pattern's name ends with `*`. */
  readonly serviceAccounts: readonly TrustedServiceAccount[];
  /** What `trust` adds: only for a binding that has it (explain's JSON of other bindings is as before). */
  readonly trust?: TrustExtraReview;
  /** In file order. */
  readonly statements: readonly StatementReview[];
  /** In file order. */
  readonly managedPolicies: readonly ManagedPolicyReview[];
  /** By name; only for a binding that uses presets (explain's JSON of other bindings is as before). */
  readonly presets?: readonly PresetReview[];
  /** What the binding's own statements grant. */
  readonly statementsAccess: AccessSummary;
  /** What the statements, the presets and the AWS managed policies grant together (customer-managed ones are not in the file). */
  readonly access: AccessSummary;
  /** By position in the file, then rule. */
  readonly findings: readonly FindingReview[];
  readonly waivers: readonly Waiver[];
}

export interface ReviewModel {
  /** The bindings file, as the user named it. */
  readonly file: string;
  /** Sorted by name. */
  readonly bindings: readonly BindingReview[];
}

/** The review of a model; `findings` from `lint(model, source)`. */
export function reviewOf(
  file: string,
  model: BindingsModel,
  findings: readonly LintFinding[],
  catalog: ExplainCatalog,
): ReviewModel {
  return {
    file,
    bindings: [...model.bindings]
      .sort((a, b) => compare(a.name, b.name))
      .map((binding) =>
        bindingReview(
          file,
          model,
          binding,
          findings.filter((f) => f.binding === binding.name),
          catalog,
        ),
      ),
  };
}

/** An empty review: the base of a file that did not exist yet. */
export function emptyReview(file: string): ReviewModel {
  return { file, bindings: [] };
}

function bindingReview(
  file: string,
  model: BindingsModel,
  binding: Binding,
  findings: readonly LintFinding[],
  catalog: ExplainCatalog,
): BindingReview {
  // A role made elsewhere is in the account of its ARN; one the file does not declare is named by its id.
  const declared = model.accounts.get(binding.account)!;
  const roleAccountId = binding.role.arn.split(":")[4];
  const account =
    binding.role.external && declared.id !== roleAccountId ? { alias: roleAccountId, id: roleAccountId } : declared;
  const statements = binding.statements.map((s) => statementReview(s, catalog));
  const filePolicies = new Map(binding.filePolicies.map((attached) => [attached.index, attached.policy]));
  // A policy of the file grants its statements; an AWS managed one what the catalogue knows.
  const managedGrants = binding.managedPolicies.map(
    (arn, i) => filePolicies.get(i)?.statements ?? catalog.awsManagedPolicyGrants(arn),
  );
  const policies = presetPolicies(binding);
  const presets = binding.presets.map((preset): PresetReview => ({
    name: preset.name,
    version: preset.version,
    upstream: preset.upstream,
    inputs: preset.inputs,
    policies: policies.filter((p) => p.preset === preset.name).map((p) => p.name),
    statements: preset.statements.map((s) => statementReview(s, catalog)),
    access: accessSummary(preset.statements, catalog),
    waivers: preset.waivers,
  }));
  return {
    name: binding.name,
    previousNames: [...binding.previousNames].sort(compare),
    mode: binding.mode,
    account: { alias: account.alias, id: account.id },
    role: {
      arn: binding.role.arn,
      ...(binding.role.permissionsBoundary ? { permissionsBoundary: binding.role.permissionsBoundary } : {}),
      ...(binding.role.external ? { external: true as const } : {}),
    },
    serviceAccounts: binding.clusters
      .flatMap((cluster) =>
        [...binding.serviceAccounts, ...binding.serviceAccountPatterns].map((sa) => ({
          cluster,
          namespace: sa.namespace,
          name: sa.name,
        })),
      )
      .sort((a, b) => compare(a.cluster, b.cluster) || compare(a.namespace, b.namespace) || compare(a.name, b.name)),
    ...(trustExtra(binding) ? { trust: trustExtra(binding) } : {}),
    statements,
    managedPolicies: binding.managedPolicies.map((arn, i) => {
      const policy = filePolicies.get(i);
      return {
        arn,
        awsManaged: isAwsManagedPolicyArn(arn),
        ...(managedGrants[i] ? { access: accessSummary(managedGrants[i]!, catalog) } : {}),
        ...(policy
          ? {
              filePolicy: {
                key: policy.key,
                name: policy.name,
                ...(policy.document !== undefined ? { document: policy.document } : {}),
                statements: policy.statements.map((s) => statementReview(s, catalog)),
                waivers: [...policy.waivers].sort((a, b) => compare(a.rule, b.rule)),
              },
            }
          : {}),
      };
    }),
    ...(presets.length > 0 ? { presets } : {}),
    statementsAccess: accessSummary(binding.statements, catalog),
    access: accessSummary(
      [
        ...binding.statements,
        ...binding.presets.flatMap((p) => p.statements),
        ...managedGrants.flatMap((g) => g ?? []),
      ],
      catalog,
    ),
    findings: findings
      .map((finding) => findingReview(finding, file))
      .sort(
        (a, b) =>
          compare(a.file ?? "", b.file ?? "") ||
          a.line - b.line ||
          a.column - b.column ||
          compare(a.rule, b.rule) ||
          compare(a.message, b.message),
      ),
    waivers: [...binding.waivers].sort((a, b) => compare(a.rule, b.rule)),
  };
}

/** The binding's trust conditions and roles, when it has any. */
function trustExtra(binding: Binding): TrustExtraReview | undefined {
  const conditions = binding.trust.conditions ? conditionReviews(binding.trust.conditions) : [];
  const roles = [...new Map(binding.trust.roles.map((role) => [role.arn, role])).values()]
    .sort((a, b) => compare(a.arn, b.arn))
    .map((role) => ({ arn: role.arn, ...(role.binding !== undefined ? { binding: role.binding } : {}) }));
  if (conditions.length === 0 && roles.length === 0) return undefined;
  return { ...(conditions.length > 0 ? { conditions } : {}), ...(roles.length > 0 ? { roles } : {}) };
}

function statementReview(statement: Statement, catalog: ExplainCatalog): StatementReview {
  return {
    ...(statement.sid ? { sid: statement.sid } : {}),
    effect: statement.effect,
    ...(statement.actions ? { actions: statement.actions.map((p) => actionPatternReview(p, catalog)) } : {}),
    ...(statement.notActions ? { notActions: statement.notActions.map((p) => actionPatternReview(p, catalog)) } : {}),
    ...(statement.resources ? { resources: [...statement.resources] } : {}),
    ...(statement.notResources ? { notResources: [...statement.notResources] } : {}),
    ...(statement.conditions ? { conditions: conditionReviews(statement.conditions) } : {}),
  };
}

function conditionReviews(conditions: NonNullable<Statement["conditions"]>): ConditionReview[] {
  const out: ConditionReview[] = [];
  for (const operator of Object.keys(conditions).sort(compare)) {
    for (const key of Object.keys(conditions[operator]).sort(compare)) {
      const value = conditions[operator][key];
      out.push({ operator, key, values: (Array.isArray(value) ? value : [value]).map(String) });
    }
  }
  return out;
}

function accessSummary(statements: readonly ActionGrant[], catalog: ActionCatalog): AccessSummary {
  const actions = new Set<string>();
  const unknown = new Set<string>();
  const everyActionBut: string[][] = [];
  let denyStatements = 0;
  for (const statement of statements) {
    if (statement.effect !== "Allow") {
      denyStatements++;
      continue;
    }
    if (statement.notActions) everyActionBut.push([...statement.notActions]);
    for (const pattern of statement.actions ?? []) {
      const matched = catalog.expandActionPattern(pattern);
      if (matched.length === 0) unknown.add(pattern);
      for (const action of matched) actions.add(action);
    }
  }
  return {
    actionCount: actions.size,
    accessLevels: accessLevelCounts([...actions], catalog),
    everyActionBut,
    denyStatements,
    unknownActions: [...unknown].sort(compare),
  };
}

function findingReview(finding: LintFinding, file: string): FindingReview {
  const { problem } = finding;
  return {
    rule: finding.rule,
    severity: problem.severity,
    message: problem.message,
    path: problem.path,
    ...(problem.file !== file ? { file: problem.file } : {}),
    line: problem.line,
    column: problem.column,
    ...(finding.waived !== undefined ? { waived: finding.waived } : {}),
  };
}
