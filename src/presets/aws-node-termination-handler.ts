/**
 * AWS Node Termination Handler, queue processor mode.
 *
 * Upstream: aws/aws-node-termination-handler, README.md "IAM Policy for aws-node-termination-handler
 * Deployment" at 62a8761d (release v1.25.6, chart 0.27.6): six actions, all on `*`.
 *
 * The SQS actions are limited to queueArns (required; terraform-aws-modules v6 defaults it to []
 * and renders a statement AWS rejects). autoscaling:CompleteLifecycleAction, on every Auto Scaling
 * group upstream and in every anchor, is limited to the groups tagged
 * kubernetes.io/cluster/<cluster> (the tag EKS managed node groups, eksctl and terraform-aws-eks
 * put on their groups). The describe calls take only `*`.
 */
import type { z } from "zod";
import { clusterNamesInput, presetInputs, requiredArns, SQS_QUEUE } from "./inputs";
import type { Preset } from "./preset";
import { allow, arn, clusterTargets } from "./statements";

const PRESET = "aws-node-termination-handler";

const inputs = presetInputs(PRESET, {
  queueArns: requiredArns({
    preset: PRESET,
    field: "queueArns",
    shape: SQS_QUEUE,
    purpose: "the SQS queues NTH reads termination and rebalance events from (its queueURL)",
    example: "arn:aws:sqs:eu-west-1:111122223333:prod-eu-1-nth",
  }),
  clusterNames: clusterNamesInput(
    "aws-node-termination-handler",
    "whose Auto Scaling groups (tagged kubernetes.io/cluster/<name>) NTH may complete lifecycle actions in",
  ),
}).meta({
  description:
    "AWS Node Termination Handler, queue processor (upstream v1.25.6 README), limited to queueArns and the clusters' Auto Scaling groups.",
  examples: [{ queueArns: ["arn:aws:sqs:eu-west-1:111122223333:prod-eu-1-nth"] }],
});

export const awsNodeTerminationHandler: Preset<z.output<typeof inputs>> = {
  name: PRESET,
  version: "v1.25.6",
  upstream:
    "aws/aws-node-termination-handler README.md (IAM Policy for aws-node-termination-handler Deployment) @ 62a8761d (v1.25.6)",
  description:
    "What NTH in queue processor mode needs: read and delete messages of queueArns, describe instances and Auto Scaling groups (actions that only take *), " +
    "and complete lifecycle actions only in the Auto Scaling groups tagged kubernetes.io/cluster/<name> for clusterNames.",
  defaultServiceAccount: { namespace: "kube-system", name: "aws-node-termination-handler" },
  inputs,
  arnInputs: { queueArns: SQS_QUEUE },
  statements(input, context) {
    return [
      allow(
        "DescribeInstancesAndGroups",
        ["autoscaling:DescribeAutoScalingInstances", "autoscaling:DescribeTags", "ec2:DescribeInstances"],
        ["*"],
      ),
      // The tag key names the cluster: one statement per cluster.
      ...clusterTargets(input.clusterNames, context, PRESET).map((t) =>
        allow(
          `CompleteLifecycleActionsOf${t.sidSuffix}`,
          ["autoscaling:CompleteLifecycleAction"],
          [arn(context, "autoscaling", t.region, t.accountId, "autoScalingGroup:*:autoScalingGroupName/*")],
          { Null: { [`aws:ResourceTag/kubernetes.io/cluster/${t.name}`]: "false" } },
        ),
      ),
      allow("ConsumeEventQueues", ["sqs:DeleteMessage", "sqs:ReceiveMessage"], input.queueArns),
    ];
  },
  scopedBeyondAnchors: ["autoscaling:CompleteLifecycleAction"],
};
