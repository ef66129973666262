/**
 * IAM policy documents as plain data, serialised the one way podiam serialises them: fixed key
 * order, no whitespace, so the same input gives the same bytes and sizes can be checked against
 * IAM's limits (which count characters without whitespace).
 */

import type { Statement } from "./types";

export type PolicyValue = string | readonly string[];
export type ConditionBlock = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: "Allow" | "Deny";
  readonly Principal?: Readonly<Record<string, PolicyValue>>;
  readonly Action?: PolicyValue;
  readonly NotAction?: PolicyValue;
  readonly Resource?: PolicyValue;
  readonly NotResource?: PolicyValue;
  readonly Condition?: ConditionBlock;
}

export interface PolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly PolicyStatement[];
}

const STATEMENT_KEYS = [
  "Sid",
  "Effect",
  "Principal",
  "Action",
  "NotAction",
  "Resource",
  "NotResource",
  "Condition",
] as const;

/** One value stays a string, several become a list: the shortest form IAM accepts, as IAM itself returns it. */
export function oneOrMany(values: readonly string[]): PolicyValue {
  return values.length === 1 ? values[0] : [...values];
}

export function policyDocument(statements: readonly PolicyStatement[]): PolicyDocument {
  return { Version: "2012-10-17", Statement: statements };
}

/** Serialise with a fixed key order (statement keys as listed, condition maps as written). */
export function renderPolicy(document: PolicyDocument): string {
  const statements = document.Statement.map((statement) => {
    const ordered: Record<string, unknown> = {};
    for (const key of STATEMENT_KEYS) if (statement[key] !== undefined) ordered[key] = statement[key];
    return ordered;
  });
  return JSON.stringify({ Version: document.Version, Statement: statements });
}

/** The length IAM checks a policy against: characters, whitespace not counted. */
export function policyLength(rendered: string): number {
  return rendered.replace(/\s/g, "").length;
}

/** A policy document as AWS returns it: one statement or a list, the version optional. */
export interface PolicyDocumentInput {
  readonly Version?: string;
  readonly Statement: PolicyStatement | readonly PolicyStatement[];
}

/** A document's statements as a list. */
export function statementsOfDocument(document: PolicyDocumentInput): readonly PolicyStatement[] {
  const statement = document.Statement;
  return Array.isArray(statement) ? statement : [statement as PolicyStatement];
}

/** One value or several, as a list. */
export function listOf(value: PolicyValue): readonly string[] {
  return typeof value === "string" ? [value] : value;
}

/** An IAM JSON statement in podiam's shape (lists, camelCase), Sid and Principal left out. */
export function statementOfDocument(statement: PolicyStatement): Statement {
  return {
    effect: statement.Effect,
    ...(statement.Action !== undefined ? { actions: listOf(statement.Action) } : {}),
    ...(statement.NotAction !== undefined ? { notActions: listOf(statement.NotAction) } : {}),
    ...(statement.Resource !== undefined ? { resources: listOf(statement.Resource) } : {}),
    ...(statement.NotResource !== undefined ? { notResources: listOf(statement.NotResource) } : {}),
    ...(statement.Condition !== undefined ? { conditions: statement.Condition as Statement["conditions"] } : {}),
  };
}
