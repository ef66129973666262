/**
 * Cluster Autoscaler on AWS (Auto Scaling groups).
 *
 * Upstream: kubernetes/autoscaler, cluster-autoscaler/cloudprovider/aws/README.md "Full Cluster
 * Autoscaler Features Policy (Recommended)" at 55c37cd5 (chart 9.59.0, app 1.35.0): describe calls
 * on `*`, and SetDesiredCapacity / TerminateInstanceInAutoScalingGroup on `*` with the note that
 * they "should be updated to restrict the resources/add conditionals". Its "Minimal" variant scopes
 * to ASG ARNs.
 *
 * Here the two writes go either to autoScalingGroupArns, or to the ASGs tagged for the binding's
 * clusters: `k8s.io/cluster-autoscaler/<cluster>` (present, any value), the tag auto-discovery
 * looks for (the chart's default discovery tags; EKS managed node groups set it), or
 * `kubernetes.io/cluster/<cluster> = owned`, as terraform-aws-modules scopes it; by default either. eks:DescribeNodegroup
 * is limited to the clusters' node groups. autoscaling:DescribeTags, which every anchor still
 * grants, is left out: upstream dropped it and the provider no longer calls it.
 */
import type { z } from "zod";
import { AUTO_SCALING_GROUP, choice, clusterNamesInput, optionalArns, presetInputs } from "./inputs";
import type { Preset, PresetStatement } from "./preset";
import { allow, arn, clusterTargets } from "./statements";

const PRESET = "cluster-autoscaler";

const DISCOVERY_TAG = "k8s.io/cluster-autoscaler/<cluster>";
const OWNED_TAG = "kubernetes.io/cluster/<cluster>";
const ASG_TAGS = ["either", DISCOVERY_TAG, OWNED_TAG] as const;

const inputs = presetInputs(PRESET, {
  clusterNames: clusterNamesInput(
    "cluster-autoscaler (its autoDiscovery.clusterName)",
    "whose Auto Scaling groups it may resize and whose node groups it may describe",
  ),
  autoScalingGroupArns: optionalArns({
    preset: PRESET,
    field: "autoScalingGroupArns",
    shape: AUTO_SCALING_GROUP,
    purpose:
      "the Auto Scaling groups cluster-autoscaler may resize and terminate instances in (for --nodes, or to name them exactly)",
    example: "arn:aws:autoscaling:eu-west-1:111122223333:autoScalingGroup:*:autoScalingGroupName/prod-eu-1-workers",
    note: "Without it, the groups tagged for clusterNames (asgClusterTag).",
    default: "the Auto Scaling groups tagged for clusterNames",
  }),
  asgClusterTag: choice(
    ASG_TAGS,
    "The tag that marks an Auto Scaling group as the cluster's, when autoScalingGroupArns is not given: k8s.io/cluster-autoscaler/<cluster> (present, any value: the auto-discovery tag), kubernetes.io/cluster/<cluster> = owned, or either of them.",
    "either",
    DISCOVERY_TAG,
  ),
})
  .superRefine((value, context) => {
    if (value.autoScalingGroupArns && value.asgClusterTag) {
      context.addIssue({
        code: "custom",
        path: ["asgClusterTag"],
        message:
          "asgClusterTag picks the groups by tag; with autoScalingGroupArns the groups are named instead: give one or the other",
      });
    }
  })
  .meta({
    description:
      "Cluster Autoscaler (upstream full-features policy), resizing only the Auto Scaling groups of the binding's clusters.",
    examples: [
      {},
      {
        autoScalingGroupArns: [
          "arn:aws:autoscaling:eu-west-1:111122223333:autoScalingGroup:*:autoScalingGroupName/prod-eu-1-workers",
        ],
      },
    ],
  });

export const clusterAutoscaler: Preset<z.output<typeof inputs>> = {
  name: PRESET,
  version: "chart 9.59.0 (app 1.35.0)",
  upstream:
    "kubernetes/autoscaler cluster-autoscaler/cloudprovider/aws/README.md (Full Cluster Autoscaler Features Policy) @ 55c37cd5",
  description:
    "What Cluster Autoscaler needs to scale Auto Scaling groups: describe calls on *, node group descriptions of clusterNames only, and resizing/terminating " +
    "only in the Auto Scaling groups tagged for clusterNames (or named in autoScalingGroupArns).",
  defaultServiceAccount: { namespace: "kube-system", name: "cluster-autoscaler-aws-cluster-autoscaler" },
  inputs,
  arnInputs: { autoScalingGroupArns: AUTO_SCALING_GROUP },
  statements(input, context) {
    const targets = clusterTargets(input.clusterNames, context, PRESET);
    const writes = ["autoscaling:SetDesiredCapacity", "autoscaling:TerminateInstanceInAutoScalingGroup"];
    const statements: PresetStatement[] = [
      allow(
        "DescribeScalingInputs",
        [
          "autoscaling:DescribeAutoScalingGroups",
          "autoscaling:DescribeAutoScalingInstances",
          "autoscaling:DescribeLaunchConfigurations",
          "autoscaling:DescribeScalingActivities",
          "ec2:DescribeImages",
          "ec2:DescribeInstanceTypes",
          "ec2:DescribeLaunchTemplateVersions",
          "ec2:GetInstanceTypesFromInstanceRequirements",
        ],
        ["*"],
      ),
      allow(
        "DescribeClusterNodegroups",
        ["eks:DescribeNodegroup"],
        targets.map((t) => arn(context, "eks", t.region, t.accountId, `nodegroup/${t.name}/*/*`)),
      ),
    ];
    if (input.autoScalingGroupArns) {
      statements.push(allow("ScaleNamedGroups", writes, input.autoScalingGroupArns));
    } else {
      const tag = input.asgClusterTag ?? "either";
      for (const target of targets) {
        // The tag key names the cluster, so each cluster (and each tag) needs its own statement: keys in one block are ANDed.
        const groups = [
          arn(context, "autoscaling", target.region, target.accountId, "autoScalingGroup:*:autoScalingGroupName/*"),
        ];
        if (tag !== OWNED_TAG) {
          statements.push(
            allow(`ScaleDiscoveredGroupsOf${target.sidSuffix}`, writes, groups, {
              Null: { [`aws:ResourceTag/k8s.io/cluster-autoscaler/${target.name}`]: "false" },
            }),
          );
        }
        if (tag !== DISCOVERY_TAG) {
          statements.push(
            allow(`ScaleOwnedGroupsOf${target.sidSuffix}`, writes, groups, {
              StringEquals: { [`aws:ResourceTag/kubernetes.io/cluster/${target.name}`]: "owned" },
            }),
          );
        }
      }
    }
    return statements;
  },
  scopedBeyondAnchors: [
    "autoscaling:SetDesiredCapacity",
    "autoscaling:TerminateInstanceInAutoScalingGroup",
    "eks:DescribeNodegroup",
  ],
};
