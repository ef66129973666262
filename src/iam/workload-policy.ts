/** A binding's statements as the document of its customer-managed policy. */
import type { Statement } from "./types";
import { oneOrMany, PolicyDocument, policyDocument, PolicyStatement } from "./policy-document";

export function workloadPolicyStatement(statement: Statement): PolicyStatement {
  return {
    ...(statement.sid ? { Sid: statement.sid } : {}),
    Effect: statement.effect,
    ...(statement.actions ? { Action: oneOrMany(statement.actions) } : {}),
    ...(statement.notActions ? { NotAction: oneOrMany(statement.notActions) } : {}),
    ...(statement.resources ? { Resource: oneOrMany(statement.resources) } : {}),
    ...(statement.notResources ? { NotResource: oneOrMany(statement.notResources) } : {}),
    ...(statement.conditions ? { Condition: statement.conditions } : {}),
  };
}

export function workloadPolicy(statements: readonly Statement[]): PolicyDocument {
  return policyDocument(statements.map(workloadPolicyStatement));
}
