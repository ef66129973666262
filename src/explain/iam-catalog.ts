/** explain's catalogue: the IAM action catalogue and AWS's managed policies, as ExplainCatalog. */
import { accessLevelOf, expandActionPattern } from "../iam/catalog";
import { awsManagedPolicy, isAwsManagedPolicyArn, statementsOfDocument } from "../iam/managed-policies";
import type { PolicyValue } from "../iam/policy-document";
import type { ActionGrant, ExplainCatalog } from "./review";

const list = (value: PolicyValue | undefined): readonly string[] | undefined =>
  value === undefined ? undefined : typeof value === "string" ? [value] : value;

export const iamCatalog: ExplainCatalog = {
  expandActionPattern,
  accessLevelOf,
  awsManagedPolicyGrants(arn: string): readonly ActionGrant[] | undefined {
    // Only an AWS managed ARN: checking a customer's would read the 74 MB package for nothing.
    if (!isAwsManagedPolicyArn(arn)) return undefined;
    const policy = awsManagedPolicy(arn);
    if (!policy) return undefined;
    return statementsOfDocument(policy.document).map((s) => ({
      effect: s.Effect,
      ...(s.Action !== undefined ? { actions: list(s.Action) } : {}),
      ...(s.NotAction !== undefined ? { notActions: list(s.NotAction) } : {}),
    }));
  },
};
