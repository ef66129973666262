/**
 * eksctl's `wellKnownPolicies`, exactly as eksctl grants them: two flags attach AWS managed
 * policies, five attach inline policies of eksctl's own statements (copied from
 * eksctl-io/eksctl@99984adb `pkg/cfn/builder/iam_helper.go` `createWellKnownPolicies` and
 * `statement.go`, `${AWS::Partition}` substituted). The importer carries them as they are, so that
 * the adopted role may do what it did; the podiam preset that covers the same add-on (narrower,
 * scoped by its inputs) is named beside each, for a reviewer to switch to.
 */

/** The seven flags, by their ClusterConfig (JSON) names, in eksctl's order. */
export const WELL_KNOWN_FLAGS = [
  "imageBuilder",
  "autoScaler",
  "awsLoadBalancerController",
  "externalDNS",
  "certManager",
  "ebsCSIController",
  "efsCSIController",
] as const;

export type WellKnownFlag = (typeof WELL_KNOWN_FLAGS)[number];

/** One statement in eksctl's spelling (IAM JSON). */
export interface EksctlStatement {
  readonly Effect: "Allow";
  readonly Action: readonly string[];
  readonly Resource: string | readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
}

/** What one flag grants. */
export interface WellKnownGrant {
  /** AWS managed policies eksctl attaches, as ARNs in `partition`. */
  readonly managed: readonly string[];
  /** eksctl's inline policies for the flag: suffix of `<stack>-<suffix>` and their statements. */
  readonly inline: readonly { readonly suffix: string; readonly statements: readonly EksctlStatement[] }[];
  /** The podiam preset for the same add-on, and how it differs from eksctl's grant. */
  readonly preset: { readonly name: string; readonly difference: string };
}

const ALL = "*";

function autoScaler(): EksctlStatement[] {
  return [
    {
      Effect: "Allow",
      Resource: ALL,
      Action: [
        "autoscaling:DescribeAutoScalingGroups",
        "autoscaling:DescribeAutoScalingInstances",
        "autoscaling:DescribeLaunchConfigurations",
        "autoscaling:DescribeScalingActivities",
        "autoscaling:DescribeTags",
        "ec2:DescribeInstanceTypes",
        "ec2:DescribeLaunchTemplateVersions",
      ],
    },
    {
      Effect: "Allow",
      Resource: ALL,
      Action: [
        "autoscaling:SetDesiredCapacity",
        "autoscaling:TerminateInstanceInAutoScalingGroup",
        "ec2:DescribeImages",
        "ec2:GetInstanceTypesFromInstanceRequirements",
        "eks:DescribeNodegroup",
      ],
    },
  ];
}

function loadBalancerController(p: string): EksctlStatement[] {
  const clusterTagged = { Null: { "aws:RequestTag/elbv2.k8s.aws/cluster": "false" } };
  const resourceTagged = { Null: { "aws:ResourceTag/elbv2.k8s.aws/cluster": "false" } };
  const untaggedRequestOfTagged = {
    Null: { "aws:RequestTag/elbv2.k8s.aws/cluster": "true", "aws:ResourceTag/elbv2.k8s.aws/cluster": "false" },
  };
  const balancers = [
    `arn:${p}:elasticloadbalancing:*:*:targetgroup/*/*`,
    `arn:${p}:elasticloadbalancing:*:*:loadbalancer/net/*/*`,
    `arn:${p}:elasticloadbalancing:*:*:loadbalancer/app/*/*`,
  ];
  return [
    {
      Effect: "Allow",
      Action: ["iam:CreateServiceLinkedRole"],
      Resource: ALL,
      Condition: { StringEquals: { "iam:AWSServiceName": "elasticloadbalancing.amazonaws.com" } },
    },
    {
      Effect: "Allow",
      Action: [
        "ec2:DescribeAccountAttributes",
        "ec2:DescribeAddresses",
        "ec2:DescribeAvailabilityZones",
        "ec2:DescribeInternetGateways",
        "ec2:DescribeVpcs",
        "ec2:DescribeVpcPeeringConnections",
        "ec2:DescribeSubnets",
        "ec2:DescribeSecurityGroups",
        "ec2:DescribeInstances",
        "ec2:DescribeNetworkInterfaces",
        "ec2:DescribeTags",
        "ec2:GetCoipPoolUsage",
        "ec2:DescribeCoipPools",
        "ec2:GetSecurityGroupsForVpc",
        "ec2:DescribeIpamPools",
        "ec2:DescribeRouteTables",
        "elasticloadbalancing:DescribeLoadBalancers",
        "elasticloadbalancing:DescribeLoadBalancerAttributes",
        "elasticloadbalancing:DescribeListeners",
        "elasticloadbalancing:DescribeListenerCertificates",
        "elasticloadbalancing:DescribeSSLPolicies",
        "elasticloadbalancing:DescribeRules",
        "elasticloadbalancing:DescribeTargetGroups",
        "elasticloadbalancing:DescribeTargetGroupAttributes",
        "elasticloadbalancing:DescribeTargetHealth",
        "elasticloadbalancing:DescribeTags",
        "elasticloadbalancing:DescribeTrustStores",
        "elasticloadbalancing:DescribeListenerAttributes",
        "elasticloadbalancing:DescribeCapacityReservation",
      ],
      Resource: ALL,
    },
    {
      Effect: "Allow",
      Action: [
        "cognito-idp:DescribeUserPoolClient",
        "acm:ListCertificates",
        "acm:DescribeCertificate",
        "iam:ListServerCertificates",
        "iam:GetServerCertificate",
        "waf-regional:GetWebACL",
        "waf-regional:GetWebACLForResource",
        "waf-regional:AssociateWebACL",
        "waf-regional:DisassociateWebACL",
        "wafv2:GetWebACL",
        "wafv2:GetWebACLForResource",
        "wafv2:AssociateWebACL",
        "wafv2:DisassociateWebACL",
        "shield:GetSubscriptionState",
        "shield:DescribeProtection",
        "shield:CreateProtection",
        "shield:DeleteProtection",
      ],
      Resource: ALL,
    },
    {
      Effect: "Allow",
      Action: ["ec2:AuthorizeSecurityGroupIngress", "ec2:RevokeSecurityGroupIngress"],
      Resource: ALL,
    },
    { Effect: "Allow", Action: ["ec2:CreateSecurityGroup"], Resource: ALL },
    {
      Effect: "Allow",
      Action: ["ec2:CreateTags"],
      Resource: `arn:${p}:ec2:*:*:security-group/*`,
      Condition: { StringEquals: { "ec2:CreateAction": "CreateSecurityGroup" }, ...clusterTagged },
    },
    {
      Effect: "Allow",
      Action: ["ec2:CreateTags", "ec2:DeleteTags"],
      Resource: `arn:${p}:ec2:*:*:security-group/*`,
      Condition: untaggedRequestOfTagged,
    },
    {
      Effect: "Allow",
      Action: ["ec2:AuthorizeSecurityGroupIngress", "ec2:RevokeSecurityGroupIngress", "ec2:DeleteSecurityGroup"],
      Resource: ALL,
      Condition: resourceTagged,
    },
    {
      Effect: "Allow",
      Action: ["elasticloadbalancing:CreateLoadBalancer", "elasticloadbalancing:CreateTargetGroup"],
      Resource: ALL,
      Condition: clusterTagged,
    },
    {
      Effect: "Allow",
      Action: [
        "elasticloadbalancing:CreateListener",
        "elasticloadbalancing:DeleteListener",
        "elasticloadbalancing:CreateRule",
        "elasticloadbalancing:DeleteRule",
      ],
      Resource: ALL,
    },
    {
      Effect: "Allow",
      Action: ["elasticloadbalancing:AddTags", "elasticloadbalancing:RemoveTags"],
      Resource: balancers,
      Condition: untaggedRequestOfTagged,
    },
    {
      Effect: "Allow",
      Action: ["elasticloadbalancing:AddTags", "elasticloadbalancing:RemoveTags"],
      Resource: [
        `arn:${p}:elasticloadbalancing:*:*:listener/net/*/*/*`,
        `arn:${p}:elasticloadbalancing:*:*:listener/app/*/*/*`,
        `arn:${p}:elasticloadbalancing:*:*:listener-rule/net/*/*/*`,
        `arn:${p}:elasticloadbalancing:*:*:listener-rule/app/*/*/*`,
      ],
    },
    {
      Effect: "Allow",
      Action: [
        "elasticloadbalancing:ModifyLoadBalancerAttributes",
        "elasticloadbalancing:SetIpAddressType",
        "elasticloadbalancing:SetSecurityGroups",
        "elasticloadbalancing:SetSubnets",
        "elasticloadbalancing:DeleteLoadBalancer",
        "elasticloadbalancing:ModifyTargetGroup",
        "elasticloadbalancing:ModifyTargetGroupAttributes",
        "elasticloadbalancing:DeleteTargetGroup",
        "elasticloadbalancing:ModifyListenerAttributes",
        "elasticloadbalancing:ModifyCapacityReservation",
        "elasticloadbalancing:ModifyIpPools",
      ],
      Resource: ALL,
      Condition: resourceTagged,
    },
    {
      Effect: "Allow",
      Action: ["elasticloadbalancing:AddTags"],
      Resource: balancers,
      Condition: {
        StringEquals: { "elasticloadbalancing:CreateAction": ["CreateTargetGroup", "CreateLoadBalancer"] },
        ...clusterTagged,
      },
    },
    {
      Effect: "Allow",
      Action: ["elasticloadbalancing:RegisterTargets", "elasticloadbalancing:DeregisterTargets"],
      Resource: `arn:${p}:elasticloadbalancing:*:*:targetgroup/*/*`,
    },
    {
      Effect: "Allow",
      Action: [
        "elasticloadbalancing:SetWebAcl",
        "elasticloadbalancing:ModifyListener",
        "elasticloadbalancing:AddListenerCertificates",
        "elasticloadbalancing:RemoveListenerCertificates",
        "elasticloadbalancing:ModifyRule",
        "elasticloadbalancing:SetRulePriorities",
      ],
      Resource: ALL,
    },
  ];
}

function changeSet(p: string): EksctlStatement[] {
  return [
    { Effect: "Allow", Resource: `arn:${p}:route53:::hostedzone/*`, Action: ["route53:ChangeResourceRecordSets"] },
  ];
}

function efsCsiController(): EksctlStatement[] {
  const requestTagged = { StringLike: { "aws:RequestTag/efs.csi.aws.com/cluster": "true" } };
  return [
    {
      Effect: "Allow",
      Resource: ALL,
      Action: ["elasticfilesystem:DescribeAccessPoints", "elasticfilesystem:DescribeFileSystems"],
    },
    { Effect: "Allow", Resource: ALL, Action: ["elasticfilesystem:CreateAccessPoint"], Condition: requestTagged },
    { Effect: "Allow", Resource: ALL, Action: ["elasticfilesystem:TagResource"], Condition: requestTagged },
    {
      Effect: "Allow",
      Resource: ALL,
      Action: ["elasticfilesystem:DeleteAccessPoint"],
      Condition: { StringLike: { "aws:ResourceTag/efs.csi.aws.com/cluster": "true" } },
    },
  ];
}

/** What `flag` grants, in `partition` (aws, aws-cn, aws-us-gov). */
export function wellKnownGrant(flag: WellKnownFlag, partition: string): WellKnownGrant {
  const p = partition;
  switch (flag) {
    case "imageBuilder":
      return {
        managed: [`arn:${p}:iam::aws:policy/AmazonEC2ContainerRegistryPowerUser`],
        inline: [],
        preset: { name: "(none)", difference: "podiam has no preset for image builders; the managed policy is kept" },
      };
    case "autoScaler":
      return {
        managed: [],
        inline: [{ suffix: "PolicyAutoScaling", statements: autoScaler() }],
        preset: {
          name: "cluster-autoscaler",
          difference:
            "the preset limits SetDesiredCapacity and TerminateInstanceInAutoScalingGroup to the Auto Scaling groups tagged for the binding's cluster (or autoScalingGroupArns) and eks:DescribeNodegroup to its node groups; eksctl grants them on every resource",
        },
      };
    case "awsLoadBalancerController":
      return {
        managed: [],
        inline: [{ suffix: "PolicyAWSLoadBalancerController", statements: loadBalancerController(p) }],
        preset: {
          name: "aws-load-balancer-controller",
          difference:
            "the preset follows the controller's upstream policy (v3.5.0) and tests the tag elbv2.k8s.aws/cluster with StringEquals on the binding's EKS names; eksctl's copy admits anything carrying the tag, whatever its value (another cluster's load balancers too)",
        },
      };
    case "externalDNS":
      return {
        managed: [],
        inline: [
          { suffix: "PolicyExternalDNSChangeSet", statements: changeSet(p) },
          {
            suffix: "PolicyExternalDNSHostedZones",
            statements: [
              {
                Effect: "Allow",
                Resource: ALL,
                Action: ["route53:ListHostedZones", "route53:ListResourceRecordSets", "route53:ListTagsForResource"],
              },
            ],
          },
        ],
        preset: {
          name: "external-dns",
          difference:
            "the preset needs hostedZoneArns (the zones external-dns may change); eksctl lets it change records in every hosted zone of the account",
        },
      };
    case "certManager":
      return {
        managed: [],
        inline: [
          { suffix: "PolicyCertManagerChangeSet", statements: changeSet(p) },
          {
            suffix: "PolicyCertManagerGetChange",
            statements: [{ Effect: "Allow", Resource: `arn:${p}:route53:::change/*`, Action: ["route53:GetChange"] }],
          },
          {
            suffix: "PolicyCertManagerHostedZones",
            statements: [
              {
                Effect: "Allow",
                Resource: ALL,
                Action: ["route53:ListResourceRecordSets", "route53:ListHostedZonesByName"],
              },
            ],
          },
        ],
        preset: {
          name: "cert-manager",
          difference:
            "the preset needs hostedZoneArns (the zones cert-manager may answer DNS-01 challenges in) and allows TXT records only; eksctl lets it change any record in every hosted zone of the account",
        },
      };
    case "ebsCSIController":
      return {
        managed: [`arn:${p}:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy`],
        inline: [],
        preset: {
          name: "aws-ebs-csi-driver",
          difference:
            "the preset (upstream v1.64.0, cluster-scoped by default) limits the driver's writes to the volumes and snapshots tagged for the binding's clusters; the AWS managed policy is kept as eksctl attached it",
        },
      };
    case "efsCSIController":
      return {
        managed: [],
        inline: [{ suffix: "PolicyEFSCSIController", statements: efsCsiController() }],
        preset: {
          name: "aws-efs-csi-driver",
          difference:
            "the preset follows the driver's upstream policy (v3.4.1: TagResource and DeleteAccessPoint on access points tagged efs.csi.aws.com/cluster, optional fileSystemArns); eksctl's copy allows TagResource on a request tag only",
        },
      };
  }
}
