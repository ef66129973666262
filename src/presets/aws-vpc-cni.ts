/**
 * Amazon VPC CNI (aws-node), with its network policy agent.
 *
 * Upstream: aws/amazon-vpc-cni-k8s, docs/iam-policy.md at b5218838 (release v1.23.1 chart; file
 * last changed 00fe9f43): the generic IPv4 and IPv6 policies (= AmazonEKS_CNI_Policy for IPv4) and
 * the "Scope-down IAM policy per EKS cluster", which needs CNI >= 1.8.0 configured with the cluster
 * name (env CLUSTER_NAME): it then tags the ENIs it creates, and the primary ENI it adopts, with
 * cluster.k8s.amazonaws.com/name = <cluster> (pkg/awsutils/awsutils.go buildENITags). The
 * network policy logs come from aws/aws-network-policy-agent README.md at c8619c05: log group
 * /aws/eks/<cluster>/cluster.
 *
 * `scope: cluster` (default) follows the scope-down policy for every action of the generic one:
 * ENI writes on ENIs tagged with clusterNames, attach/detach on the clusters' instances, and
 * ENI creation in vpcIds when given. Upstream matches instances by kubernetes.io/cluster/<name> =
 * owned; instances tagged eks:cluster-name (managed node groups) or eks:eks-cluster-name
 * (Karpenter, EKS Auto Mode) are accepted too. `scope: account` is the generic policy.
 */
import { z } from "zod";
import { choice, clusterNamesInput, flag, presetInputs } from "./inputs";
import type { Preset, PresetContext, PresetStatement } from "./preset";
import { allow, arn, clusterNamesOf, clusterTargets, sortedUnique } from "./statements";

const PRESET = "aws-vpc-cni";
const ENI_CLUSTER_TAG = "cluster.k8s.amazonaws.com/name";

const VPC_ID = /^vpc-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;

const inputs = presetInputs(PRESET, {
  clusterNames: clusterNamesInput(
    "the VPC CNI (its CLUSTER_NAME env)",
    `whose network interfaces (tagged ${ENI_CLUSTER_TAG}) and instances aws-node may change`,
  ),
  ipFamily: choice(
    ["ipv4", "ipv6", "dual"],
    "The cluster's IP family: ipv4 (secondary IPs and ENIs), ipv6 (prefixes on the primary ENI), or dual (both sets).",
    "ipv4",
    "ipv6",
  ),
  networkPolicyLogs: flag(
    "The network policy agent sends policy decision logs to CloudWatch (enable-cloudwatch-logs): log group /aws/eks/<cluster>/cluster.",
    false,
  ),
  scope: choice(
    ["cluster", "account"],
    `cluster: ENI writes only on ENIs tagged ${ENI_CLUSTER_TAG} with one of clusterNames and the clusters' instances (upstream's scope-down policy; needs CLUSTER_NAME set on aws-node). account: upstream's generic policy, any ENI and instance.`,
    "cluster",
    "account",
  ),
  vpcIds: z
    .array(
      z
        .string({ error: "vpcIds lists VPC ids, as strings" })
        .regex(VPC_ID, { error: "is not a VPC id (vpc- and 8 or 17 hex digits)" }),
      {
        error: "vpcIds must be a list of VPC ids",
      },
    )
    .min(1, { error: "vpcIds must list at least one VPC id" })
    .optional()
    .meta({
      description:
        "With scope: cluster, the VPCs of the clusters: ENIs are created only in their subnets and security groups (upstream's ec2:Vpc condition).",
      default: "any VPC",
      examples: [["vpc-0123456789abcdef0"]],
    }),
})
  .superRefine((value, context) => {
    if (value.scope === "account") {
      for (const field of ["clusterNames", "vpcIds"] as const) {
        if (value[field])
          context.addIssue({
            code: "custom",
            path: [field],
            message: `${field} has no effect with scope: account; remove it, or use scope: cluster`,
          });
      }
    }
  })
  .meta({
    description:
      "Amazon VPC CNI (upstream docs/iam-policy.md), by default its scope-down policy for the binding's clusters.",
    examples: [{}, { ipFamily: "ipv6" }, { vpcIds: ["vpc-0123456789abcdef0"], networkPolicyLogs: true }],
  });

type Inputs = z.output<typeof inputs>;

const DESCRIBE = [
  "ec2:DescribeInstances",
  "ec2:DescribeTags",
  "ec2:DescribeNetworkInterfaces",
  "ec2:DescribeInstanceTypes",
  "ec2:DescribeSecurityGroups",
  "ec2:DescribeSubnets",
];
/** IPv4 mode: secondary IPs and extra ENIs. */
const IPV4_ENI_WRITES = [
  "ec2:AssignPrivateIpAddresses",
  "ec2:AttachNetworkInterface",
  "ec2:CreateNetworkInterface",
  "ec2:DeleteNetworkInterface",
  "ec2:DetachNetworkInterface",
  "ec2:ModifyNetworkInterfaceAttribute",
  "ec2:UnassignPrivateIpAddresses",
];

function clusterScoped(input: Inputs, context: PresetContext): PresetStatement[] {
  const names = clusterNamesOf(input.clusterNames, context, PRESET);
  const ec2 = (resource: string) => arn(context, "ec2", "*", "*", resource);
  const family = input.ipFamily ?? "ipv4";
  const ipv4 = family !== "ipv6";
  const ipv6 = family !== "ipv4";
  const statements: PresetStatement[] = [
    allow("DescribeNetwork", DESCRIBE, ["*"]),
    // The CNI tags ENIs it adopts (the primary one too) before the tag-scoped writes below apply to them.
    allow("TagNetworkInterfaces", ["ec2:CreateTags"], [ec2("network-interface/*")]),
  ];
  const eniWrites = [
    ...(ipv4
      ? [
          "ec2:DeleteNetworkInterface",
          "ec2:UnassignPrivateIpAddresses",
          "ec2:AssignPrivateIpAddresses",
          "ec2:AttachNetworkInterface",
          "ec2:DetachNetworkInterface",
          "ec2:ModifyNetworkInterfaceAttribute",
        ]
      : []),
    ...(ipv6 ? ["ec2:AssignIpv6Addresses"] : []),
  ];
  statements.push(
    allow("ManageClusterNetworkInterfaces", eniWrites, [ec2("network-interface/*")], {
      StringEquals: { [`aws:ResourceTag/${ENI_CLUSTER_TAG}`]: names },
    }),
  );
  if (ipv4) {
    const vpcs = input.vpcIds ? sortedUnique(input.vpcIds) : undefined;
    statements.push(
      allow("CreateClusterNetworkInterfaces", ["ec2:CreateNetworkInterface"], [ec2("network-interface/*")], {
        StringEquals: { [`aws:RequestTag/${ENI_CLUSTER_TAG}`]: names },
      }),
      allow(
        "CreateNetworkInterfacesInClusterSubnets",
        ["ec2:CreateNetworkInterface"],
        [ec2("subnet/*"), ec2("security-group/*")],
        vpcs ? { ArnEquals: { "ec2:Vpc": vpcs.map((id) => ec2(`vpc/${id}`)) } } : undefined,
      ),
      allow(
        "AttachToClusterInstances",
        ["ec2:AttachNetworkInterface", "ec2:DetachNetworkInterface", "ec2:ModifyNetworkInterfaceAttribute"],
        [ec2("instance/*")],
        {
          StringEquals: { "aws:ResourceTag/eks:cluster-name": names },
        },
      ),
      allow(
        "AttachToKarpenterInstances",
        ["ec2:AttachNetworkInterface", "ec2:DetachNetworkInterface", "ec2:ModifyNetworkInterfaceAttribute"],
        [ec2("instance/*")],
        {
          StringEquals: { "aws:ResourceTag/eks:eks-cluster-name": names },
        },
      ),
      // The tag key names the cluster: one statement per cluster.
      ...clusterTargets(input.clusterNames, context, PRESET).map((t) =>
        allow(
          `AttachToOwnedInstances${t.sidSuffix}`,
          ["ec2:AttachNetworkInterface", "ec2:DetachNetworkInterface", "ec2:ModifyNetworkInterfaceAttribute"],
          [ec2("instance/*")],
          { StringEquals: { [`aws:ResourceTag/kubernetes.io/cluster/${t.name}`]: "owned" } },
        ),
      ),
      allow("SetSecurityGroupsOfNetworkInterfaces", ["ec2:ModifyNetworkInterfaceAttribute"], [ec2("security-group/*")]),
    );
  }
  return statements;
}

function accountScoped(input: Inputs, context: PresetContext): PresetStatement[] {
  const family = input.ipFamily ?? "ipv4";
  const writes = [
    ...(family !== "ipv6" ? IPV4_ENI_WRITES : []),
    ...(family !== "ipv4" ? ["ec2:AssignIpv6Addresses"] : []),
  ];
  return [
    allow("ManageNetworkInterfaces", [...DESCRIBE, ...writes], ["*"]),
    allow("TagNetworkInterfaces", ["ec2:CreateTags"], [arn(context, "ec2", "*", "*", "network-interface/*")]),
  ];
}

export const awsVpcCni: Preset<Inputs> = {
  name: PRESET,
  version: "v1.23.1",
  upstream:
    "aws/amazon-vpc-cni-k8s docs/iam-policy.md @ b5218838 (v1.23.1); aws/aws-network-policy-agent README.md @ c8619c05",
  description:
    "What aws-node needs to give pods VPC addresses. By default (scope: cluster) ENIs are created only with the tag cluster.k8s.amazonaws.com/name = one of " +
    "clusterNames (aws-node must run with CLUSTER_NAME set to the EKS name), only such ENIs are changed or deleted, and only the clusters' instances get ENIs " +
    "attached. ipFamily picks the IPv4 and/or IPv6 actions; networkPolicyLogs adds the clusters' network policy log group.",
  defaultServiceAccount: { namespace: "kube-system", name: "aws-node" },
  inputs,
  statements(input, context) {
    const statements = input.scope === "account" ? accountScoped(input, context) : clusterScoped(input, context);
    if (input.networkPolicyLogs) {
      const targets = clusterTargets(input.clusterNames, context, PRESET);
      // CloudWatch Logs checks CreateLogGroup on the group's ARN, and the stream writes on `<group>:*`.
      const groups = targets.flatMap((t) => {
        const group = arn(context, "logs", t.region, context.accountId, `log-group:/aws/eks/${t.name}/cluster`);
        return [group, `${group}:*`];
      });
      statements.push(
        allow("WriteNetworkPolicyLogs", ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"], groups),
        allow("FindNetworkPolicyLogGroup", ["logs:DescribeLogGroups"], ["*"]),
      );
    }
    return statements;
  },
  waivers: [
    {
      rule: "IAM007",
      reason:
        "with scope: account, upstream's generic policy (AmazonEKS_CNI_Policy) grants the ENI actions on *; scope: cluster limits them by the CNI's cluster tag",
    },
  ],
  scopedBeyondAnchors: [
    "ec2:AssignPrivateIpAddresses",
    "ec2:AttachNetworkInterface",
    "ec2:CreateNetworkInterface",
    "ec2:DeleteNetworkInterface",
    "ec2:DetachNetworkInterface",
    "ec2:ModifyNetworkInterfaceAttribute",
    "ec2:UnassignPrivateIpAddresses",
    "ec2:AssignIpv6Addresses",
    "logs:CreateLogGroup",
    "logs:CreateLogStream",
    "logs:PutLogEvents",
  ],
};
