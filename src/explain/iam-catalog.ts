/** explain's catalogue: the IAM action catalogue and AWS's managed policies, as ExplainCatalog. */
import { awsManagedPolicy } from "../catalog/aws-managed-policies";
import { accessLevelOf, expandActionPattern } from "../catalog/iam-actions";
import { isAwsManagedPolicyArn } from "../iam/arns";
import { statementOfDocument, statementsOfDocument } from "../iam/policy-document";
import type { ActionGrant, ExplainCatalog } from "./review";

export const iamCatalog: ExplainCatalog = {
  expandActionPattern,
  accessLevelOf,
  awsManagedPolicyGrants(arn: string): readonly ActionGrant[] | undefined {
    // Only an AWS managed ARN: checking a customer's would read the 74 MB package for nothing.
    if (!isAwsManagedPolicyArn(arn)) return undefined;
    const policy = awsManagedPolicy(arn);
    if (!policy) return undefined;
    return statementsOfDocument(policy.document).map((statement) => {
      const { effect, actions, notActions } = statementOfDocument(statement);
      return { effect, ...(actions ? { actions } : {}), ...(notActions ? { notActions } : {}) };
    });
  },
};
