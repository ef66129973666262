/**
 * IAM011: AWS managed policies attached: the ARN must name one AWS has (a typo fails at apply,
 * far from the file), and never AdministratorAccess, IAMFullAccess or PowerUserAccess on a pod.
 * Their documents are checked by IAM001-IAM010 through statementsOf.
 */
import { awsManagedPolicy, awsManagedPolicyArnByName, awsManagedPolicyNames } from "../catalog/aws-managed-policies";
import { arnLastSegment, isAwsManagedPolicyArn } from "../iam/arns";
import { suggest } from "../util/text";
import type { Finding, Rule } from "./rule";
import { bindingPath, FORBIDDEN_MANAGED_POLICIES } from "./statements";

export const IAM011: Rule = {
  id: "IAM011",
  severity: "error",
  title: "Unknown or over-broad AWS managed policy (AdministratorAccess, IAMFullAccess, PowerUserAccess)",
  help: "An AWS managed policy ARN that AWS does not have fails at apply, far from the file; AdministratorAccess, IAMFullAccess and PowerUserAccess give the pod control of the account. Correct the ARN, or replace the policy with statements for what the workload calls.",
  check(binding) {
    const findings: Finding[] = [];
    binding.managedPolicies.forEach((arn, i) => {
      if (!isAwsManagedPolicyArn(arn)) return;
      const path = bindingPath(binding, "policies", "managed", i);
      const name = arnLastSegment(arn);
      const policy = awsManagedPolicy(arn);
      if (!policy) {
        // The right name at another path (service-role/...), or the closest name.
        const sameName = awsManagedPolicyArnByName(name);
        const hint =
          sameName ??
          (() => {
            const close = suggest(name, awsManagedPolicyNames());
            return close ? awsManagedPolicyArnByName(close) : undefined;
          })();
        findings.push({
          path,
          message: `binding "${binding.name}", policies.managed[${i}]: AWS has no managed policy "${arn}"${hint ? ` (did you mean "${hint}"?)` : ""}; fix: correct the ARN (name and path)`,
        });
      } else if (FORBIDDEN_MANAGED_POLICIES.has(policy.name)) {
        findings.push({
          path,
          message: `binding "${binding.name}", policies.managed[${i}]: ${policy.name} gives the pod control of the account; fix: replace it with statements for what the workload calls`,
        });
      }
    });
    return findings;
  },
};
