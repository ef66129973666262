/**
 * AWS Load Balancer Controller, TargetGroupBinding only: it registers pods in target groups made
 * elsewhere and creates no load balancer.
 *
 * Upstream: kubernetes-sigs/aws-load-balancer-controller, docs/deploy/installation.md at v3.5.0
 * (11eb202c), "You only want the LBC to add and remove IPs to already existing target groups":
 * nine actions, all on `*`. Here the four target group writes are limited to targetGroupArns.
 * Upstream's subset is for users who "don't plan to use the LBC to manage security group rules";
 * terraform-aws-modules adds ec2:Authorize/RevokeSecurityGroupIngress on `*` regardless. Here they
 * come only with manageSecurityGroupRules, on securityGroupArns when given.
 */
import type { z } from "zod";
import { flag, optionalArns, presetInputs, requiredArns, SECURITY_GROUP, TARGET_GROUP } from "./inputs";
import type { Preset } from "./preset";
import { allow, arn } from "./statements";

const PRESET = "aws-load-balancer-controller-targetgroup-binding";

const inputs = presetInputs(PRESET, {
  targetGroupArns: requiredArns({
    preset: PRESET,
    field: "targetGroupArns",
    shape: TARGET_GROUP,
    purpose: "the target groups the controller may register targets in and modify",
    example: "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web/0123456789abcdef",
  }),
  manageSecurityGroupRules: flag(
    "Let the controller open security groups to the load balancer (ec2:AuthorizeSecurityGroupIngress, ec2:RevokeSecurityGroupIngress), as a TargetGroupBinding's networking section asks it to.",
    false,
  ),
  securityGroupArns: optionalArns({
    preset: PRESET,
    field: "securityGroupArns",
    shape: SECURITY_GROUP,
    purpose: "the security groups whose ingress rules the controller may change (with manageSecurityGroupRules)",
    example: "arn:aws:ec2:eu-west-1:111122223333:security-group/sg-0123456789abcdef0",
    note: "Without it, any security group.",
    default: "any security group",
  }),
})
  .superRefine((value, context) => {
    if (value.securityGroupArns && !value.manageSecurityGroupRules) {
      context.addIssue({
        code: "custom",
        path: ["securityGroupArns"],
        message:
          "securityGroupArns only scopes manageSecurityGroupRules; set manageSecurityGroupRules: true, or remove securityGroupArns",
      });
    }
  })
  .meta({
    description:
      "AWS Load Balancer Controller registering targets in existing target groups only (upstream v3.5.0), writes limited to targetGroupArns.",
    examples: [
      { targetGroupArns: ["arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web/0123456789abcdef"] },
    ],
  });

export const awsLoadBalancerControllerTargetGroupBinding: Preset<z.output<typeof inputs>> = {
  name: PRESET,
  version: "v3.5.0",
  upstream:
    "kubernetes-sigs/aws-load-balancer-controller docs/deploy/installation.md (TargetGroupBinding-only policy) @ v3.5.0 (11eb202c)",
  description:
    "What the AWS Load Balancer Controller needs when it only binds pods to existing target groups: describe calls on *, target registration and target group " +
    "changes on targetGroupArns only. Security group ingress rules only with manageSecurityGroupRules (on securityGroupArns when given).",
  defaultServiceAccount: { namespace: "kube-system", name: "aws-load-balancer-controller" },
  inputs,
  arnInputs: { targetGroupArns: TARGET_GROUP, securityGroupArns: SECURITY_GROUP },
  statements(input, context) {
    const statements = [
      allow(
        "DescribeTargetGroupsAndNetwork",
        [
          "ec2:DescribeVpcs",
          "ec2:DescribeSecurityGroups",
          "ec2:DescribeInstances",
          "elasticloadbalancing:DescribeTargetGroups",
          "elasticloadbalancing:DescribeTargetHealth",
        ],
        ["*"],
      ),
      allow(
        "ManageBoundTargetGroups",
        [
          "elasticloadbalancing:ModifyTargetGroup",
          "elasticloadbalancing:ModifyTargetGroupAttributes",
          "elasticloadbalancing:RegisterTargets",
          "elasticloadbalancing:DeregisterTargets",
        ],
        input.targetGroupArns,
      ),
    ];
    if (input.manageSecurityGroupRules) {
      // A rule created with tags is authorized on the new security-group-rule too.
      const groups = input.securityGroupArns ?? [arn(context, "ec2", "*", "*", "security-group/*")];
      statements.push(
        allow(
          "ManageSecurityGroupIngress",
          ["ec2:AuthorizeSecurityGroupIngress", "ec2:RevokeSecurityGroupIngress"],
          [...groups, arn(context, "ec2", "*", "*", "security-group-rule/*")],
        ),
      );
    }
    return statements;
  },
  scopedBeyondAnchors: ["ec2:AuthorizeSecurityGroupIngress", "ec2:RevokeSecurityGroupIngress"],
  waivers: [
    {
      rule: "IAM007",
      reason:
        "with manageSecurityGroupRules and no securityGroupArns the controller opens node security groups it does not own and cannot name in advance; give securityGroupArns to scope it",
    },
  ],
};
