/**
 * Karpenter (AWS provider) controller.
 *
 * Upstream: aws/karpenter-provider-aws, website/content/en/docs/getting-started/
 * getting-started-with-karpenter/cloudformation.yaml at 1d927085 (chart 1.14.1): the managed
 * policies NodeLifecycle, IAMIntegration, EKSIntegration, Interruption, ZonalShift and
 * ResourceDiscovery, statement for statement, with `${ClusterName}`, `${AWS::Region}` and
 * `${AWS::AccountId}` filled in per cluster. Upstream is already scoped by cluster tags; the
 * anchors are not (terraform-aws-modules v5 defaulted the cluster name to "*" and iam:PassRole to
 * `*`; v6 and eksctl dropped the preset).
 *
 * Condition keys that name the cluster (`aws:RequestTag/kubernetes.io/cluster/<name>`) cannot
 * list several clusters in one statement, so those statements are repeated per cluster.
 */
import type { z } from "zod";
import { clusterNamesInput, IAM_ROLE, optionalArn, presetInputs, requiredArns, SQS_QUEUE } from "./inputs";
import type { Preset, PresetStatement } from "./preset";
import { allow, arn, clusterTargets, sortedUnique } from "./statements";

const PRESET = "karpenter";

const inputs = presetInputs(PRESET, {
  nodeRoleArns: requiredArns({
    preset: PRESET,
    field: "nodeRoleArns",
    shape: IAM_ROLE,
    purpose: "the node roles Karpenter may pass to EC2 (the roles of its EC2NodeClasses)",
    example: "arn:aws:iam::111122223333:role/KarpenterNodeRole-prod-eu-1",
  }),
  clusterNames: clusterNamesInput(
    "Karpenter (its settings.clusterName)",
    "whose instances, launch templates and instance profiles Karpenter may create and delete",
  ),
  interruptionQueueArn: optionalArn({
    preset: PRESET,
    field: "interruptionQueueArn",
    shape: SQS_QUEUE,
    purpose: "the SQS queue Karpenter reads interruption events from (its settings.interruptionQueue)",
    example: "arn:aws:sqs:eu-west-1:111122223333:prod-eu-1",
    note: "Without it, no SQS access (interruption handling off, the chart's default).",
  }),
}).meta({
  description:
    "Karpenter controller (upstream CloudFormation, chart 1.14.1), scoped to the binding's clusters and the given node roles.",
  examples: [
    {
      nodeRoleArns: ["arn:aws:iam::111122223333:role/KarpenterNodeRole-prod-eu-1"],
      interruptionQueueArn: "arn:aws:sqs:eu-west-1:111122223333:prod-eu-1",
    },
  ],
});

export const karpenter: Preset<z.output<typeof inputs>> = {
  name: PRESET,
  version: "v1.14.1",
  upstream:
    "aws/karpenter-provider-aws website/content/en/docs/getting-started/getting-started-with-karpenter/cloudformation.yaml @ 1d927085 (chart 1.14.1)",
  description:
    "What the Karpenter controller needs to launch and terminate nodes: instances, fleets, launch templates and instance profiles only with the tags " +
    "kubernetes.io/cluster/<cluster> = owned, eks:eks-cluster-name = <cluster> and karpenter.sh/nodepool (instance profiles: karpenter.k8s.aws/ec2nodeclass), " +
    "in the cluster's region; iam:PassRole only on nodeRoleArns and only to EC2; the interruption queue when given.",
  defaultServiceAccount: { namespace: "kube-system", name: "karpenter" },
  inputs,
  arnInputs: { nodeRoleArns: IAM_ROLE, interruptionQueueArn: SQS_QUEUE },
  statements(input, context) {
    const targets = clusterTargets(input.clusterNames, context, PRESET);
    const regions = sortedUnique(targets.map((t) => t.region));
    const ec2 = (region: string, resource: string) => arn(context, "ec2", region, "*", resource);
    const ec2In = (types: readonly string[]) => regions.flatMap((region) => types.map((type) => ec2(region, type)));
    const instanceProfiles = arn(context, "iam", "", context.accountId, "instance-profile/*");
    const clusterArns = targets.map((t) => arn(context, "eks", t.region, t.accountId, `cluster/${t.name}`));
    const created = [
      "fleet/*",
      "instance/*",
      "volume/*",
      "network-interface/*",
      "launch-template/*",
      "spot-instances-request/*",
    ];

    const statements: PresetStatement[] = [
      allow(
        "AllowScopedEC2InstanceAccessActions",
        ["ec2:RunInstances", "ec2:CreateFleet"],
        [
          // Images and snapshots have no account in their ARN.
          ...regions.flatMap((region) => [
            arn(context, "ec2", region, "", "image/*"),
            arn(context, "ec2", region, "", "snapshot/*"),
          ]),
          ...ec2In(["security-group/*", "subnet/*", "capacity-reservation/*", "placement-group/*"]),
        ],
      ),
    ];
    for (const t of targets) {
      const owned = `kubernetes.io/cluster/${t.name}`;
      const inRegion = (types: readonly string[]) => types.map((type) => ec2(t.region, type));
      statements.push(
        allow(
          `AllowScopedEC2LaunchTemplateAccessActions${t.sidSuffix}`,
          ["ec2:RunInstances", "ec2:CreateFleet"],
          inRegion(["launch-template/*"]),
          {
            StringEquals: { [`aws:ResourceTag/${owned}`]: "owned" },
            StringLike: { "aws:ResourceTag/karpenter.sh/nodepool": "*" },
          },
        ),
        allow(
          `AllowScopedEC2InstanceActionsWithTags${t.sidSuffix}`,
          ["ec2:RunInstances", "ec2:CreateFleet", "ec2:CreateLaunchTemplate"],
          inRegion(created),
          {
            StringEquals: { [`aws:RequestTag/${owned}`]: "owned", "aws:RequestTag/eks:eks-cluster-name": t.name },
            StringLike: { "aws:RequestTag/karpenter.sh/nodepool": "*" },
          },
        ),
        allow(`AllowScopedResourceCreationTagging${t.sidSuffix}`, ["ec2:CreateTags"], inRegion(created), {
          StringEquals: {
            [`aws:RequestTag/${owned}`]: "owned",
            "aws:RequestTag/eks:eks-cluster-name": t.name,
            "ec2:CreateAction": ["RunInstances", "CreateFleet", "CreateLaunchTemplate"],
          },
          StringLike: { "aws:RequestTag/karpenter.sh/nodepool": "*" },
        }),
        allow(`AllowScopedResourceTagging${t.sidSuffix}`, ["ec2:CreateTags"], inRegion(["instance/*"]), {
          StringEquals: { [`aws:ResourceTag/${owned}`]: "owned" },
          StringLike: { "aws:ResourceTag/karpenter.sh/nodepool": "*" },
          StringEqualsIfExists: { "aws:RequestTag/eks:eks-cluster-name": t.name },
          "ForAllValues:StringEquals": { "aws:TagKeys": ["eks:eks-cluster-name", "karpenter.sh/nodeclaim", "Name"] },
        }),
        allow(
          `AllowScopedDeletion${t.sidSuffix}`,
          ["ec2:TerminateInstances", "ec2:DeleteLaunchTemplate"],
          inRegion(["instance/*", "launch-template/*"]),
          {
            StringEquals: { [`aws:ResourceTag/${owned}`]: "owned" },
            StringLike: { "aws:ResourceTag/karpenter.sh/nodepool": "*" },
          },
        ),
        allow(
          `AllowScopedInstanceProfileCreationActions${t.sidSuffix}`,
          ["iam:CreateInstanceProfile"],
          [instanceProfiles],
          {
            StringEquals: {
              [`aws:RequestTag/${owned}`]: "owned",
              "aws:RequestTag/eks:eks-cluster-name": t.name,
              "aws:RequestTag/topology.kubernetes.io/region": t.region,
            },
            StringLike: { "aws:RequestTag/karpenter.k8s.aws/ec2nodeclass": "*" },
          },
        ),
        allow(`AllowScopedInstanceProfileTagActions${t.sidSuffix}`, ["iam:TagInstanceProfile"], [instanceProfiles], {
          StringEquals: {
            [`aws:ResourceTag/${owned}`]: "owned",
            "aws:ResourceTag/topology.kubernetes.io/region": t.region,
            [`aws:RequestTag/${owned}`]: "owned",
            "aws:RequestTag/eks:eks-cluster-name": t.name,
            "aws:RequestTag/topology.kubernetes.io/region": t.region,
          },
          StringLike: {
            "aws:ResourceTag/karpenter.k8s.aws/ec2nodeclass": "*",
            "aws:RequestTag/karpenter.k8s.aws/ec2nodeclass": "*",
          },
        }),
        allow(
          `AllowScopedInstanceProfileActions${t.sidSuffix}`,
          ["iam:AddRoleToInstanceProfile", "iam:RemoveRoleFromInstanceProfile", "iam:DeleteInstanceProfile"],
          [instanceProfiles],
          {
            StringEquals: {
              [`aws:ResourceTag/${owned}`]: "owned",
              "aws:ResourceTag/topology.kubernetes.io/region": t.region,
            },
            StringLike: { "aws:ResourceTag/karpenter.k8s.aws/ec2nodeclass": "*" },
          },
        ),
      );
    }
    statements.push(
      allow("AllowPassingInstanceRole", ["iam:PassRole"], input.nodeRoleArns, {
        // Upstream lists both spellings; EC2 in the China regions is ec2.amazonaws.com.cn.
        StringEquals: {
          "iam:PassedToService":
            context.partition === "aws-cn" ? ["ec2.amazonaws.com", "ec2.amazonaws.com.cn"] : "ec2.amazonaws.com",
        },
      }),
      allow("AllowAPIServerEndpointDiscovery", ["eks:DescribeCluster"], clusterArns),
      allow("AllowZonalShiftStatusReadOnly", ["arc-zonal-shift:GetManagedResource"], ["*"], {
        StringEquals: { "arc-zonal-shift:ResourceIdentifier": clusterArns },
      }),
      allow(
        "AllowRegionalReadActions",
        [
          "ec2:DescribeCapacityReservations",
          "ec2:DescribeImages",
          "ec2:DescribeInstances",
          "ec2:DescribeInstanceStatus",
          "ec2:DescribeInstanceTypeOfferings",
          "ec2:DescribeInstanceTypes",
          "ec2:DescribeLaunchTemplates",
          "ec2:DescribePlacementGroups",
          "ec2:DescribeSecurityGroups",
          "ec2:DescribeSpotPriceHistory",
          "ec2:DescribeSubnets",
        ],
        ["*"],
        { StringEquals: { "aws:RequestedRegion": regions } },
      ),
      allow(
        "AllowSSMReadActions",
        ["ssm:GetParameter"],
        regions.map((region) => arn(context, "ssm", region, "", "parameter/aws/service/*")),
      ),
      allow("AllowPricingReadActions", ["pricing:GetProducts"], ["*"]),
      allow("AllowUnscopedInstanceProfileListAction", ["iam:ListInstanceProfiles"], ["*"]),
      allow("AllowInstanceProfileReadActions", ["iam:GetInstanceProfile"], [instanceProfiles]),
    );
    if (input.interruptionQueueArn) {
      statements.push(
        allow(
          "AllowInterruptionQueueActions",
          ["sqs:DeleteMessage", "sqs:GetQueueUrl", "sqs:ReceiveMessage"],
          [input.interruptionQueueArn],
        ),
      );
    }
    return statements;
  },
  waivers: [
    {
      rule: "IAM003",
      reason:
        "Karpenter launches nodes with its node role: iam:PassRole is limited to nodeRoleArns and to ec2.amazonaws.com, the launches to instances tagged for the cluster",
    },
    {
      rule: "IAM007",
      reason:
        "upstream keeps arc-zonal-shift:GetManagedResource on * with a condition naming the cluster: its catalogue resource types (ALB, NLB) do not cover EKS clusters",
    },
  ],
  // The only anchor is terraform-aws-modules v5 (v6 and eksctl have no Karpenter preset).
  scopedBeyondAnchors: [
    "iam:PassRole",
    "ec2:CreateFleet",
    "ec2:CreateLaunchTemplate",
    "ec2:CreateTags",
    "ec2:TerminateInstances",
    "ec2:DeleteLaunchTemplate",
    "iam:AddRoleToInstanceProfile",
    "iam:CreateInstanceProfile",
    "iam:DeleteInstanceProfile",
    "iam:GetInstanceProfile",
    "iam:RemoveRoleFromInstanceProfile",
    "iam:TagInstanceProfile",
  ],
};
