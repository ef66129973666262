/**
 * IAM policy documents as other tools hold them (a decoded object, a JSON string, or the raw API's
 * URL-encoded JSON) into the statements of a bindings file, as plain data in the file's shape.
 * Every importer writes permissions through here, so a document means the same in all of them.
 */
import { DocumentStatement, statementOfJson } from "../bindings/documents";
import { policyDocumentSchema } from "../bindings/schema";
import type { Statement } from "../iam/types";

export interface ImportedStatements {
  /** The statements, as a binding's `policies.statements` holds them. */
  readonly statements?: readonly Record<string, unknown>[];
  /** Why the document cannot be imported (it is then not imported at all, and says so). */
  readonly problem?: string;
}

/** A document given as an object, as JSON text, or as URL-encoded JSON text (the IAM API's form). */
export function decodePolicyDocument(value: unknown): { readonly document?: unknown; readonly problem?: string } {
  if (typeof value !== "string") return { document: value };
  for (const text of [value, safeDecode(value)]) {
    if (text === undefined) continue;
    try {
      return { document: JSON.parse(text) };
    } catch {
      // Not this form; try the next.
    }
  }
  return { problem: "is neither JSON nor URL-encoded JSON" };
}

function safeDecode(value: string): string | undefined {
  try {
    // RFC 3986, as botocore's unquote and Go's url.PathUnescape: "+" is a literal, not a space.
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

export function statementsOfDocument(value: unknown): ImportedStatements {
  const decoded = decodePolicyDocument(value);
  if (decoded.problem !== undefined) return { problem: decoded.problem };
  const parsed = policyDocumentSchema.safeParse(decoded.document);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
    return { problem: `is not an IAM policy podiam can hold (${where}${issue.message})` };
  }
  const document = parsed.data;
  const list = Array.isArray(document.Statement) ? document.Statement : [document.Statement];
  return { statements: list.map((s) => statementData(statementOfJson(s as DocumentStatement))) };
}

/** The file's spelling of a statement: Allow is the default and left out; lists stay lists. */
export function statementData(statement: Statement): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  if (statement.sid) data.sid = statement.sid;
  if (statement.effect !== "Allow") data.effect = statement.effect;
  if (statement.actions) data.actions = [...statement.actions];
  if (statement.notActions) data.notActions = [...statement.notActions];
  if (statement.resources) data.resources = [...statement.resources];
  if (statement.notResources) data.notResources = [...statement.notResources];
  if (statement.conditions) {
    data.conditions = Object.fromEntries(
      Object.entries(statement.conditions).map(([operator, block]) => [operator, { ...block }]),
    );
  }
  return data;
}
