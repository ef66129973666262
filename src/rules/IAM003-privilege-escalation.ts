/**
 * IAM003: actions that let the pod grant itself more than it was given: rewrite a policy, a trust
 * policy or a boundary, mint credentials for a user, or pass a role to compute it then controls.
 * Wildcards are expanded against the escalation list, so `iam:Put*` is caught too.
 */
import type { Finding, Rule } from "./rule";
import { fixFor, matching, PASS_ROLE, StatementView, statementsOf } from "./statements";
import { listSome } from "../util/text";

/** Escalation on their own. */
export const ESCALATION_ACTIONS: readonly string[] = [
  "iam:CreatePolicyVersion",
  "iam:SetDefaultPolicyVersion",
  "iam:AttachUserPolicy",
  "iam:AttachGroupPolicy",
  "iam:AttachRolePolicy",
  "iam:PutUserPolicy",
  "iam:PutGroupPolicy",
  "iam:PutRolePolicy",
  "iam:UpdateAssumeRolePolicy",
  "iam:CreateAccessKey",
  "iam:CreateLoginProfile",
  "iam:UpdateLoginProfile",
  "iam:AddUserToGroup",
  "iam:PutRolePermissionsBoundary",
  "iam:DeleteRolePermissionsBoundary",
  "iam:PutUserPermissionsBoundary",
  "iam:DeleteUserPermissionsBoundary",
  "lambda:UpdateFunctionCode",
  "glue:UpdateDevEndpoint",
];

/** Compute that runs with a role it is given: with iam:PassRole, the pod gets that role's rights. */
export const COMPUTE_WITH_ROLE_ACTIONS: readonly string[] = [
  "ec2:RunInstances",
  "ec2:RequestSpotInstances",
  "ec2:CreateFleet",
  "ec2:CreateLaunchTemplate",
  "autoscaling:CreateAutoScalingGroup",
  "autoscaling:CreateLaunchConfiguration",
  "lambda:CreateFunction",
  "lambda:UpdateFunctionConfiguration",
  "ecs:RunTask",
  "ecs:StartTask",
  "ecs:RegisterTaskDefinition",
  "ecs:CreateService",
  "cloudformation:CreateStack",
  "cloudformation:UpdateStack",
  "cloudformation:CreateStackSet",
  "glue:CreateDevEndpoint",
  "glue:CreateJob",
  "datapipeline:CreatePipeline",
  "sagemaker:CreateNotebookInstance",
  "sagemaker:CreateTrainingJob",
  "sagemaker:CreateProcessingJob",
  "codebuild:CreateProject",
  "states:CreateStateMachine",
  "batch:SubmitJob",
  "eks:CreateNodegroup",
];

function granted(
  view: StatementView,
  candidates: readonly string[],
): { index: number; pattern: string; actions: readonly string[] }[] {
  const out: { index: number; pattern: string; actions: readonly string[] }[] = [];
  (view.actions ?? []).forEach((pattern, index) => {
    // `*` is IAM001's (matching gives [] for it): one finding per root cause.
    const actions = matching(candidates, pattern);
    if (actions.length > 0) out.push({ index, pattern, actions });
  });
  return out;
}

export const IAM003: Rule = {
  id: "IAM003",
  severity: "error",
  title: "Privilege-escalation actions (policy, trust or credential changes; iam:PassRole with compute)",
  check(binding) {
    const findings: Finding[] = [];
    const allows = statementsOf(binding).filter((v) => v.effect === "Allow");
    for (const view of allows) {
      for (const { index, pattern, actions } of granted(view, ESCALATION_ACTIONS)) {
        findings.push({
          path: view.at("actions", index),
          message:
            `${view.label}: "${pattern}" allows privilege escalation (${listSome(actions)}): the pod could grant itself any permission; ` +
            `fix: ${fixFor(view, "remove it; let Terraform, not the workload, change IAM")}`,
        });
      }
    }
    // PassRole plus compute anywhere in the role's permissions (own statements or managed ones).
    const compute = new Set(
      allows.flatMap((view) => granted(view, COMPUTE_WITH_ROLE_ACTIONS).flatMap((g) => g.actions)),
    );
    if (compute.size > 0) {
      for (const view of allows) {
        for (const { index, pattern } of granted(view, PASS_ROLE)) {
          findings.push({
            path: view.at("actions", index),
            message:
              `${view.label}: "${pattern}" grants iam:PassRole and the role may also ${listSome([...compute].sort())}: ` +
              `the pod could launch compute with a role more privileged than its own; ` +
              `fix: ${fixFor(view, "restrict iam:PassRole to the one role that compute needs (with iam:PassedToService) and waive IAM003 with that reason, or drop one of the two")}`,
          });
        }
      }
    }
    return findings;
  },
};
