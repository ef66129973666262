/**
 * Scope, proven by simulation: for each preset, the add-on's key actions are allowed on what the
 * inputs name and on what is tagged for the binding's clusters, and denied on another zone,
 * bucket, queue, key, role or target group, and on what is tagged for another cluster (or not at
 * all). The requests carry the context keys AWS would send; the helper fails a test whose keys the
 * simulator would not evaluate.
 */
import { compilePreset, PRESETS, type PresetContext, type PresetStatement } from "../../src/presets";
import { ACCOUNT, arns, CONTEXT, MULTI_CONTEXT } from "./fixtures";
import { decide, type Decision } from "./simulate-preset";

const a = arns();
const R = "eu-west-1";

function statementsOf(name: string, raw: unknown, context: PresetContext = CONTEXT): PresetStatement[] {
  return compilePreset(name, PRESETS[name].inputs.parse(raw), context);
}

type Case = [
  label: string,
  action: string,
  resource: string,
  context: Record<string, string | string[]>,
  expected: Decision,
];

function cases(title: string, name: string, raw: unknown, list: readonly Case[], context: PresetContext = CONTEXT) {
  describe(title, () => {
    const statements = statementsOf(name, raw, context);
    test.each(list)("%s", async (_label, action, resource, requestContext, expected) => {
      expect(await decide(statements, action, resource, requestContext)).toBe(expected);
    });
  });
}

const ownTag = (key: string, value = "prod-eu-1") => ({ [`aws:ResourceTag/${key}`]: value });
const requestTag = (key: string, value = "prod-eu-1") => ({ [`aws:RequestTag/${key}`]: value, "aws:TagKeys": [key] });

// ---- aws-load-balancer-controller ------------------------------------------------------------

const loadBalancer = `arn:aws:elasticloadbalancing:${R}:${ACCOUNT}:loadbalancer/app/k8s-web/0123456789abcdef`;
const securityGroup = `arn:aws:ec2:${R}:${ACCOUNT}:security-group/sg-0123456789abcdef0`;
const ELB_TAG = "elbv2.k8s.aws/cluster";

cases(
  "aws-load-balancer-controller: writes only on what is tagged for the binding's clusters",
  "aws-load-balancer-controller",
  {},
  [
    [
      "deletes its own load balancer",
      "elasticloadbalancing:DeleteLoadBalancer",
      loadBalancer,
      ownTag(ELB_TAG),
      "Allowed",
    ],
    [
      "not another cluster's",
      "elasticloadbalancing:DeleteLoadBalancer",
      loadBalancer,
      ownTag(ELB_TAG, "prod-us-1"),
      "Denied",
    ],
    ["not an untagged one", "elasticloadbalancing:DeleteLoadBalancer", loadBalancer, {}, "Denied"],
    [
      "modifies its own target group",
      "elasticloadbalancing:ModifyTargetGroup",
      a.targetGroup,
      ownTag(ELB_TAG),
      "Allowed",
    ],
    [
      "not another cluster's target group",
      "elasticloadbalancing:ModifyTargetGroup",
      a.targetGroup,
      ownTag(ELB_TAG, "staging"),
      "Denied",
    ],
    ["deletes its own security group", "ec2:DeleteSecurityGroup", securityGroup, ownTag(ELB_TAG), "Allowed"],
    [
      "not another cluster's security group",
      "ec2:DeleteSecurityGroup",
      securityGroup,
      ownTag(ELB_TAG, "prod-us-1"),
      "Denied",
    ],
    [
      "creates a load balancer tagged for its cluster",
      "elasticloadbalancing:CreateLoadBalancer",
      loadBalancer,
      requestTag(ELB_TAG),
      "Allowed",
    ],
    [
      "not one tagged for another cluster",
      "elasticloadbalancing:CreateLoadBalancer",
      loadBalancer,
      requestTag(ELB_TAG, "prod-us-1"),
      "Denied",
    ],
    ["not an untagged one", "elasticloadbalancing:CreateLoadBalancer", loadBalancer, {}, "Denied"],
    [
      "tags a new security group for its cluster",
      "ec2:CreateTags",
      securityGroup,
      { "ec2:CreateAction": "CreateSecurityGroup", ...requestTag(ELB_TAG) },
      "Allowed",
    ],
    [
      "not for another cluster",
      "ec2:CreateTags",
      securityGroup,
      { "ec2:CreateAction": "CreateSecurityGroup", ...requestTag(ELB_TAG, "prod-us-1") },
      "Denied",
    ],
    [
      "retags its own load balancer",
      "elasticloadbalancing:AddTags",
      loadBalancer,
      { ...ownTag(ELB_TAG), ...requestTag("ingress.k8s.aws/stack", "web") },
      "Allowed",
    ],
    [
      "but never moves it to another cluster",
      "elasticloadbalancing:AddTags",
      loadBalancer,
      { ...ownTag(ELB_TAG), ...requestTag(ELB_TAG, "prod-us-1") },
      "Denied",
    ],
    [
      "nor tags another cluster's",
      "elasticloadbalancing:AddTags",
      loadBalancer,
      { ...ownTag(ELB_TAG, "prod-us-1"), ...requestTag("ingress.k8s.aws/stack", "web") },
      "Denied",
    ],
    [
      "opens node security groups (upstream, unconditioned)",
      "ec2:AuthorizeSecurityGroupIngress",
      securityGroup,
      {},
      "Allowed",
    ],
    ["no wafv2:ListWebACLs unless wafv2AclByName", "wafv2:ListWebACLs", "*", {}, "Denied"],
  ],
);

cases(
  "aws-load-balancer-controller with several clusters: each cluster's resources",
  "aws-load-balancer-controller",
  {},
  [
    ["first cluster", "elasticloadbalancing:DeleteLoadBalancer", loadBalancer, ownTag(ELB_TAG, "prod-eu-1"), "Allowed"],
    [
      "second cluster",
      "elasticloadbalancing:DeleteLoadBalancer",
      loadBalancer,
      ownTag(ELB_TAG, "prod-us-1"),
      "Allowed",
    ],
    ["a third is not", "elasticloadbalancing:DeleteLoadBalancer", loadBalancer, ownTag(ELB_TAG, "staging"), "Denied"],
  ],
  MULTI_CONTEXT,
);

cases(
  "aws-load-balancer-controller with explicit clusterNames and wafv2AclByName",
  "aws-load-balancer-controller",
  { clusterNames: ["legacy"], wafv2AclByName: true },
  [
    [
      "the named cluster",
      "elasticloadbalancing:DeleteLoadBalancer",
      loadBalancer,
      ownTag(ELB_TAG, "legacy"),
      "Allowed",
    ],
    [
      "not the binding's own, then",
      "elasticloadbalancing:DeleteLoadBalancer",
      loadBalancer,
      ownTag(ELB_TAG, "prod-eu-1"),
      "Denied",
    ],
    ["wafv2:ListWebACLs", "wafv2:ListWebACLs", "*", {}, "Allowed"],
  ],
);

// ---- aws-load-balancer-controller-targetgroup-binding ------------------------------------------

cases(
  "targetgroup-binding: the named target groups only",
  "aws-load-balancer-controller-targetgroup-binding",
  { targetGroupArns: [a.targetGroup] },
  [
    ["registers in a named target group", "elasticloadbalancing:RegisterTargets", a.targetGroup, {}, "Allowed"],
    ["not in another", "elasticloadbalancing:RegisterTargets", a.otherTargetGroup, {}, "Denied"],
    ["no security group rules by default", "ec2:AuthorizeSecurityGroupIngress", securityGroup, {}, "Denied"],
  ],
);

cases(
  "targetgroup-binding with manageSecurityGroupRules on securityGroupArns",
  "aws-load-balancer-controller-targetgroup-binding",
  { targetGroupArns: [a.targetGroup], manageSecurityGroupRules: true, securityGroupArns: [a.securityGroup] },
  [
    ["opens a named security group", "ec2:AuthorizeSecurityGroupIngress", a.securityGroup, {}, "Allowed"],
    [
      "not another",
      "ec2:AuthorizeSecurityGroupIngress",
      `arn:aws:ec2:${R}:${ACCOUNT}:security-group/sg-0fffffffffffffff0`,
      {},
      "Denied",
    ],
  ],
);

// ---- external-dns, cert-manager --------------------------------------------------------------

cases("external-dns: the named zones only", "external-dns", { hostedZoneArns: [a.zone] }, [
  ["changes records in a named zone", "route53:ChangeResourceRecordSets", a.zone, {}, "Allowed"],
  ["not in another zone", "route53:ChangeResourceRecordSets", a.otherZone, {}, "Denied"],
  ["lists records of a named zone", "route53:ListResourceRecordSets", a.zone, {}, "Allowed"],
  ["not of another (every anchor allows it on *)", "route53:ListResourceRecordSets", a.otherZone, {}, "Denied"],
  ["not the tags of another", "route53:ListTagsForResources", a.otherZone, {}, "Denied"],
  ["lists hosted zones", "route53:ListHostedZones", "*", {}, "Allowed"],
]);

cases("cert-manager: TXT records in the named zones only", "cert-manager", { hostedZoneArns: [a.zone] }, [
  [
    "writes a TXT record",
    "route53:ChangeResourceRecordSets",
    a.zone,
    { "route53:ChangeResourceRecordSetsRecordTypes": ["TXT"] },
    "Allowed",
  ],
  [
    "not an A record",
    "route53:ChangeResourceRecordSets",
    a.zone,
    { "route53:ChangeResourceRecordSetsRecordTypes": ["TXT", "A"] },
    "Denied",
  ],
  [
    "not in another zone",
    "route53:ChangeResourceRecordSets",
    a.otherZone,
    { "route53:ChangeResourceRecordSetsRecordTypes": ["TXT"] },
    "Denied",
  ],
  ["follows its changes", "route53:GetChange", "arn:aws:route53:::change/C0123456789ABC", {}, "Allowed"],
  ["finds zones by name", "route53:ListHostedZonesByName", "*", {}, "Allowed"],
]);

// ---- cluster-autoscaler ------------------------------------------------------------------------

const asg = (name: string) =>
  `arn:aws:autoscaling:${R}:${ACCOUNT}:autoScalingGroup:0f3c5a1e-1111-2222-3333-444455556666:autoScalingGroupName/${name}`;

cases("cluster-autoscaler: the Auto Scaling groups tagged for the binding's clusters", "cluster-autoscaler", {}, [
  [
    "resizes a group with the discovery tag",
    "autoscaling:SetDesiredCapacity",
    asg("workers"),
    ownTag("k8s.io/cluster-autoscaler/prod-eu-1", "owned"),
    "Allowed",
  ],
  [
    "whatever the tag's value",
    "autoscaling:TerminateInstanceInAutoScalingGroup",
    asg("workers"),
    ownTag("k8s.io/cluster-autoscaler/prod-eu-1", "true"),
    "Allowed",
  ],
  [
    "or one owned by its cluster (terraform-aws-modules' tag)",
    "autoscaling:SetDesiredCapacity",
    asg("workers"),
    ownTag("kubernetes.io/cluster/prod-eu-1", "owned"),
    "Allowed",
  ],
  [
    "not another cluster's group",
    "autoscaling:SetDesiredCapacity",
    asg("workers"),
    ownTag("k8s.io/cluster-autoscaler/prod-us-1", "owned"),
    "Denied",
  ],
  [
    "nor one another cluster owns",
    "autoscaling:SetDesiredCapacity",
    asg("workers"),
    ownTag("kubernetes.io/cluster/prod-us-1", "owned"),
    "Denied",
  ],
  ["not an untagged group", "autoscaling:SetDesiredCapacity", asg("workers"), {}, "Denied"],
  [
    "describes its clusters' node groups",
    "eks:DescribeNodegroup",
    `arn:aws:eks:${R}:${ACCOUNT}:nodegroup/prod-eu-1/workers/0f3c5a1e-aaaa`,
    {},
    "Allowed",
  ],
  [
    "not another cluster's",
    "eks:DescribeNodegroup",
    `arn:aws:eks:${R}:${ACCOUNT}:nodegroup/prod-us-1/workers/0f3c5a1e-aaaa`,
    {},
    "Denied",
  ],
]);

cases(
  "cluster-autoscaler with asgClusterTag kubernetes.io/cluster/<cluster>",
  "cluster-autoscaler",
  { asgClusterTag: "kubernetes.io/cluster/<cluster>" },
  [
    [
      "an owned group",
      "autoscaling:SetDesiredCapacity",
      asg("workers"),
      ownTag("kubernetes.io/cluster/prod-eu-1", "owned"),
      "Allowed",
    ],
    [
      "not by the discovery tag alone",
      "autoscaling:SetDesiredCapacity",
      asg("workers"),
      ownTag("k8s.io/cluster-autoscaler/prod-eu-1", "owned"),
      "Denied",
    ],
    [
      "not a shared one",
      "autoscaling:SetDesiredCapacity",
      asg("workers"),
      ownTag("kubernetes.io/cluster/prod-eu-1", "shared"),
      "Denied",
    ],
    [
      "not another cluster's",
      "autoscaling:SetDesiredCapacity",
      asg("workers"),
      ownTag("kubernetes.io/cluster/prod-us-1", "owned"),
      "Denied",
    ],
  ],
);

cases("cluster-autoscaler with autoScalingGroupArns", "cluster-autoscaler", { autoScalingGroupArns: [a.asg] }, [
  ["a named group", "autoscaling:SetDesiredCapacity", asg("prod-eu-1-workers"), {}, "Allowed"],
  [
    "not another group, tagged or not",
    "autoscaling:SetDesiredCapacity",
    asg("other"),
    ownTag("k8s.io/cluster-autoscaler/prod-eu-1", "owned"),
    "Denied",
  ],
]);

// ---- karpenter -------------------------------------------------------------------------------

const instance = (region = R) => `arn:aws:ec2:${region}:${ACCOUNT}:instance/i-0123456789abcdef0`;
const karpenterLaunch = (cluster: string) => ({
  [`aws:RequestTag/kubernetes.io/cluster/${cluster}`]: "owned",
  "aws:RequestTag/eks:eks-cluster-name": cluster,
  "aws:RequestTag/karpenter.sh/nodepool": "default",
  "aws:TagKeys": [`kubernetes.io/cluster/${cluster}`, "eks:eks-cluster-name", "karpenter.sh/nodepool"],
});
const karpenterOwned = (cluster: string) => ({
  [`aws:ResourceTag/kubernetes.io/cluster/${cluster}`]: "owned",
  "aws:ResourceTag/karpenter.sh/nodepool": "default",
});

cases(
  "karpenter: the binding's clusters, node roles and queue",
  "karpenter",
  { nodeRoleArns: [a.nodeRole], interruptionQueueArn: a.queue },
  [
    [
      "launches an instance tagged for its cluster",
      "ec2:RunInstances",
      instance(),
      karpenterLaunch("prod-eu-1"),
      "Allowed",
    ],
    ["not one tagged for another cluster", "ec2:RunInstances", instance(), karpenterLaunch("prod-us-1"), "Denied"],
    ["not in another region", "ec2:RunInstances", instance("us-east-1"), karpenterLaunch("prod-eu-1"), "Denied"],
    ["terminates its own nodes", "ec2:TerminateInstances", instance(), karpenterOwned("prod-eu-1"), "Allowed"],
    ["not another cluster's", "ec2:TerminateInstances", instance(), karpenterOwned("prod-us-1"), "Denied"],
    [
      "not an instance outside any node pool",
      "ec2:TerminateInstances",
      instance(),
      { "aws:ResourceTag/kubernetes.io/cluster/prod-eu-1": "owned" },
      "Denied",
    ],
    [
      "passes its node role to EC2",
      "iam:PassRole",
      a.nodeRole,
      { "iam:PassedToService": "ec2.amazonaws.com" },
      "Allowed",
    ],
    [
      "not another role",
      "iam:PassRole",
      `arn:aws:iam::${ACCOUNT}:role/admin`,
      { "iam:PassedToService": "ec2.amazonaws.com" },
      "Denied",
    ],
    ["not to another service", "iam:PassRole", a.nodeRole, { "iam:PassedToService": "lambda.amazonaws.com" }, "Denied"],
    ["reads its interruption queue", "sqs:ReceiveMessage", a.queue, {}, "Allowed"],
    ["not another queue", "sqs:ReceiveMessage", a.otherQueue, {}, "Denied"],
    ["describes its cluster", "eks:DescribeCluster", `arn:aws:eks:${R}:${ACCOUNT}:cluster/prod-eu-1`, {}, "Allowed"],
    ["not another", "eks:DescribeCluster", `arn:aws:eks:${R}:${ACCOUNT}:cluster/prod-us-1`, {}, "Denied"],
    ["describes in its region", "ec2:DescribeInstances", "*", { "aws:RequestedRegion": R }, "Allowed"],
    ["not in another", "ec2:DescribeInstances", "*", { "aws:RequestedRegion": "us-east-1" }, "Denied"],
    [
      "creates an instance profile tagged for its cluster and region",
      "iam:CreateInstanceProfile",
      `arn:aws:iam::${ACCOUNT}:instance-profile/prod-eu-1_123`,
      {
        "aws:RequestTag/kubernetes.io/cluster/prod-eu-1": "owned",
        "aws:RequestTag/eks:eks-cluster-name": "prod-eu-1",
        "aws:RequestTag/topology.kubernetes.io/region": R,
        "aws:RequestTag/karpenter.k8s.aws/ec2nodeclass": "default",
      },
      "Allowed",
    ],
    [
      "not one tagged for another region",
      "iam:CreateInstanceProfile",
      `arn:aws:iam::${ACCOUNT}:instance-profile/prod-eu-1_123`,
      {
        "aws:RequestTag/kubernetes.io/cluster/prod-eu-1": "owned",
        "aws:RequestTag/eks:eks-cluster-name": "prod-eu-1",
        "aws:RequestTag/topology.kubernetes.io/region": "us-east-1",
        "aws:RequestTag/karpenter.k8s.aws/ec2nodeclass": "default",
      },
      "Denied",
    ],
  ],
);

cases(
  "karpenter without interruptionQueueArn reads no queue; with two clusters, each in its region",
  "karpenter",
  { nodeRoleArns: [a.nodeRole] },
  [
    ["no queue", "sqs:ReceiveMessage", a.queue, {}, "Denied"],
    [
      "the second cluster in its own region",
      "ec2:RunInstances",
      instance("us-east-1"),
      karpenterLaunch("prod-us-1"),
      "Allowed",
    ],
    ["but not in the first one's", "ec2:RunInstances", instance(), karpenterLaunch("prod-us-1"), "Denied"],
  ],
  MULTI_CONTEXT,
);

// ---- aws-ebs-csi-driver ----------------------------------------------------------------------

const volume = `arn:aws:ec2:${R}:${ACCOUNT}:volume/vol-0123456789abcdef0`;
const EBS_CLUSTER = "ebs.csi.aws.com/cluster-name";

cases(
  "aws-ebs-csi-driver: the volumes, snapshots and instances of the binding's clusters",
  "aws-ebs-csi-driver",
  { kmsKeyArns: [a.key] },
  [
    ["deletes its cluster's volume", "ec2:DeleteVolume", volume, ownTag(EBS_CLUSTER), "Allowed"],
    ["not another cluster's", "ec2:DeleteVolume", volume, ownTag(EBS_CLUSTER, "prod-us-1"), "Denied"],
    [
      "not one tagged only ebs.csi.aws.com/cluster = true (any cluster)",
      "ec2:DeleteVolume",
      volume,
      ownTag("ebs.csi.aws.com/cluster", "true"),
      "Denied",
    ],
    ["creates volumes tagged for its cluster", "ec2:CreateVolume", volume, requestTag(EBS_CLUSTER), "Allowed"],
    ["not for another cluster", "ec2:CreateVolume", volume, requestTag(EBS_CLUSTER, "prod-us-1"), "Denied"],
    [
      "attaches to a managed node group instance",
      "ec2:AttachVolume",
      instance(),
      ownTag("eks:cluster-name"),
      "Allowed",
    ],
    ["to a Karpenter instance", "ec2:AttachVolume", instance(), ownTag("eks:eks-cluster-name"), "Allowed"],
    [
      "to a self-managed instance",
      "ec2:AttachVolume",
      instance(),
      ownTag("kubernetes.io/cluster/prod-eu-1", "owned"),
      "Allowed",
    ],
    [
      "not to another cluster's instance",
      "ec2:AttachVolume",
      instance(),
      ownTag("eks:cluster-name", "prod-us-1"),
      "Denied",
    ],
    [
      "retags its volumes",
      "ec2:CreateTags",
      volume,
      { ...ownTag(EBS_CLUSTER), ...requestTag("team", "billing") },
      "Allowed",
    ],
    [
      "but never its own tags",
      "ec2:CreateTags",
      volume,
      { ...ownTag(EBS_CLUSTER), ...requestTag(EBS_CLUSTER, "prod-us-1") },
      "Denied",
    ],
    ["decrypts with a named key", "kms:Decrypt", a.key, {}, "Allowed"],
    ["not another key", "kms:Decrypt", a.otherKey, {}, "Denied"],
    ["grants the key to EBS", "kms:CreateGrant", a.key, { "kms:GrantIsForAWSResource": "true" }, "Allowed"],
    ["not to anyone else", "kms:CreateGrant", a.key, { "kms:GrantIsForAWSResource": "false" }, "Denied"],
  ],
);

cases(
  "aws-ebs-csi-driver with scope: account (upstream AmazonEBSCSIDriverPolicyV2)",
  "aws-ebs-csi-driver",
  { scope: "account" },
  [
    [
      "any driver volume of the account",
      "ec2:DeleteVolume",
      volume,
      ownTag("ebs.csi.aws.com/cluster", "true"),
      "Allowed",
    ],
    ["not an unmanaged volume", "ec2:DeleteVolume", volume, {}, "Denied"],
    ["no KMS without kmsKeyArns", "kms:Decrypt", a.key, {}, "Denied"],
  ],
);

// ---- aws-efs-csi-driver ----------------------------------------------------------------------

const accessPoint = `arn:aws:elasticfilesystem:${R}:${ACCOUNT}:access-point/fsap-0123456789abcdef0`;

cases("aws-efs-csi-driver with fileSystemArns", "aws-efs-csi-driver", { fileSystemArns: [a.fileSystem] }, [
  [
    "creates a tagged access point in a named file system",
    "elasticfilesystem:CreateAccessPoint",
    a.fileSystem,
    requestTag("efs.csi.aws.com/cluster", "true"),
    "Allowed",
  ],
  [
    "not in another file system",
    "elasticfilesystem:CreateAccessPoint",
    a.otherFileSystem,
    requestTag("efs.csi.aws.com/cluster", "true"),
    "Denied",
  ],
  ["not an untagged one", "elasticfilesystem:CreateAccessPoint", a.fileSystem, {}, "Denied"],
  [
    "deletes the driver's access points",
    "elasticfilesystem:DeleteAccessPoint",
    accessPoint,
    ownTag("efs.csi.aws.com/cluster", "true"),
    "Allowed",
  ],
  ["not others", "elasticfilesystem:DeleteAccessPoint", accessPoint, {}, "Denied"],
]);

// ---- FSx ---------------------------------------------------------------------------------------

cases(
  "aws-fsx-csi-driver: the service-linked roles and data repository buckets only",
  "aws-fsx-csi-driver",
  { s3BucketArns: [a.bucket] },
  [
    ["sets up the S3 data repository role", "iam:PutRolePolicy", a.lustreRole, {}, "Allowed"],
    ["not any other role", "iam:PutRolePolicy", `arn:aws:iam::${ACCOUNT}:role/admin`, {}, "Denied"],
    ["lists a data repository bucket", "s3:ListBucket", a.bucket, {}, "Allowed"],
    ["not another bucket", "s3:ListBucket", a.otherBucket, {}, "Denied"],
  ],
);

cases("aws-fsx-openzfs-csi-driver: the FSx service-linked roles only", "aws-fsx-openzfs-csi-driver", {}, [
  ["attaches policies to the FSx role", "iam:AttachRolePolicy", a.fsxRole, {}, "Allowed"],
  ["not to any other role", "iam:AttachRolePolicy", `arn:aws:iam::${ACCOUNT}:role/admin`, {}, "Denied"],
  ["not to another account's", "iam:AttachRolePolicy", a.fsxRole.replace(ACCOUNT, "444455556666"), {}, "Denied"],
]);

// ---- aws-mountpoint-s3-csi-driver ------------------------------------------------------------

cases(
  "aws-mountpoint-s3-csi-driver: the named buckets and objects",
  "aws-mountpoint-s3-csi-driver",
  { bucketArns: [a.bucket], objectArns: [a.objects], allowDelete: true, directoryBucketArns: [a.directoryBucket] },
  [
    ["lists a named bucket", "s3:ListBucket", a.bucket, {}, "Allowed"],
    ["not another bucket", "s3:ListBucket", a.otherBucket, {}, "Denied"],
    ["reads a named object", "s3:GetObject", `${a.bucket}/training/set-1.parquet`, {}, "Allowed"],
    ["not outside objectArns", "s3:GetObject", `${a.bucket}/secrets/key.pem`, {}, "Denied"],
    ["not in another bucket", "s3:GetObject", `${a.otherBucket}/training/set-1.parquet`, {}, "Denied"],
    ["writes", "s3:PutObject", `${a.bucket}/training/set-2.parquet`, {}, "Allowed"],
    ["deletes with allowDelete", "s3:DeleteObject", `${a.bucket}/training/set-2.parquet`, {}, "Allowed"],
    [
      "opens sessions on a named directory bucket",
      "s3express:CreateSession",
      a.directoryBucket,
      { "s3express:SessionMode": "ReadWrite" },
      "Allowed",
    ],
  ],
);

cases(
  "aws-mountpoint-s3-csi-driver read-only, by default without delete",
  "aws-mountpoint-s3-csi-driver",
  { bucketArns: [a.bucket], readOnly: true, directoryBucketArns: [a.directoryBucket] },
  [
    ["reads every object of the bucket", "s3:GetObject", `${a.bucket}/anything`, {}, "Allowed"],
    ["does not write", "s3:PutObject", `${a.bucket}/anything`, {}, "Denied"],
    ["does not delete", "s3:DeleteObject", `${a.bucket}/anything`, {}, "Denied"],
    [
      "read-only sessions",
      "s3express:CreateSession",
      a.directoryBucket,
      { "s3express:SessionMode": "ReadOnly" },
      "Allowed",
    ],
    [
      "no read-write sessions",
      "s3express:CreateSession",
      a.directoryBucket,
      { "s3express:SessionMode": "ReadWrite" },
      "Denied",
    ],
  ],
);

// ---- external-secrets ------------------------------------------------------------------------

const secret = (name: string) => `arn:aws:secretsmanager:${R}:${ACCOUNT}:secret:${name}-AbCdEf`;
const parameter = (name: string) => `arn:aws:ssm:${R}:${ACCOUNT}:parameter/${name}`;

cases(
  "external-secrets: the named secrets, parameters and keys",
  "external-secrets",
  { secretsManagerArns: [a.secret], ssmParameterArns: [a.parameter], kmsKeyArns: [a.key], pushSecrets: true },
  [
    ["reads a named secret", "secretsmanager:GetSecretValue", secret("prod/billing/db"), {}, "Allowed"],
    ["not another", "secretsmanager:GetSecretValue", secret("prod/payroll/db"), {}, "Denied"],
    [
      "deletes a secret it pushed",
      "secretsmanager:DeleteSecret",
      secret("prod/billing/db"),
      ownTag("managed-by", "external-secrets"),
      "Allowed",
    ],
    ["not one it did not", "secretsmanager:DeleteSecret", secret("prod/billing/db"), {}, "Denied"],
    ["reads a named parameter", "ssm:GetParameter", parameter("prod/billing/url"), {}, "Allowed"],
    ["not another", "ssm:GetParameter", parameter("prod/payroll/url"), {}, "Denied"],
    [
      "deletes a parameter it pushed",
      "ssm:DeleteParameter",
      parameter("prod/billing/url"),
      ownTag("managed-by", "external-secrets"),
      "Allowed",
    ],
    ["not one it did not", "ssm:DeleteParameter", parameter("prod/billing/url"), {}, "Denied"],
    ["decrypts with a named key", "kms:Decrypt", a.key, {}, "Allowed"],
    ["not another key", "kms:Decrypt", a.otherKey, {}, "Denied"],
  ],
);

cases("external-secrets reading Secrets Manager only", "external-secrets", { secretsManagerArns: [a.secret] }, [
  ["no parameters", "ssm:GetParameter", parameter("prod/billing/url"), {}, "Denied"],
  ["no push", "secretsmanager:PutSecretValue", secret("prod/billing/db"), {}, "Denied"],
  ["no key (terraform-aws-modules' Pod Identity module grants every key)", "kms:Decrypt", a.key, {}, "Denied"],
]);

// ---- velero ----------------------------------------------------------------------------------

cases("velero: the named buckets, and EBS snapshots", "velero", { bucketArns: [a.bucket], kmsKeyArns: [a.key] }, [
  ["writes a backup", "s3:PutObject", `${a.bucket}/backups/nightly/velero-backup.json`, {}, "Allowed"],
  ["not to another bucket", "s3:PutObject", `${a.otherBucket}/backups/x`, {}, "Denied"],
  ["not list another bucket", "s3:ListBucket", a.otherBucket, {}, "Denied"],
  ["snapshots a volume", "ec2:CreateSnapshot", volume, {}, "Allowed"],
  ["tags a volume", "ec2:CreateTags", volume, {}, "Allowed"],
  ["but not an instance (upstream's * would)", "ec2:CreateTags", instance(), {}, "Denied"],
  ["uses a named key", "kms:GenerateDataKey", a.key, {}, "Allowed"],
  ["not another", "kms:GenerateDataKey", a.otherKey, {}, "Denied"],
]);

cases("velero with snapshots: false", "velero", { bucketArns: [a.bucket], snapshots: false }, [
  ["no EBS snapshots", "ec2:CreateSnapshot", volume, {}, "Denied"],
]);

// ---- aws-vpc-cni -----------------------------------------------------------------------------

const eni = `arn:aws:ec2:${R}:${ACCOUNT}:network-interface/eni-0123456789abcdef0`;
const ENI_TAG = "cluster.k8s.amazonaws.com/name";
const subnet = `arn:aws:ec2:${R}:${ACCOUNT}:subnet/subnet-0123456789abcdef0`;

cases(
  "aws-vpc-cni: the network interfaces and instances of the binding's clusters",
  "aws-vpc-cni",
  { vpcIds: ["vpc-0123456789abcdef0"], networkPolicyLogs: true },
  [
    ["deletes its cluster's ENI", "ec2:DeleteNetworkInterface", eni, ownTag(ENI_TAG), "Allowed"],
    ["not another cluster's", "ec2:DeleteNetworkInterface", eni, ownTag(ENI_TAG, "prod-us-1"), "Denied"],
    ["not an untagged one", "ec2:DeleteNetworkInterface", eni, {}, "Denied"],
    ["assigns IPs on its cluster's ENI", "ec2:AssignPrivateIpAddresses", eni, ownTag(ENI_TAG), "Allowed"],
    ["creates ENIs tagged for its cluster", "ec2:CreateNetworkInterface", eni, requestTag(ENI_TAG), "Allowed"],
    ["not for another cluster", "ec2:CreateNetworkInterface", eni, requestTag(ENI_TAG, "prod-us-1"), "Denied"],
    [
      "in its VPC's subnets",
      "ec2:CreateNetworkInterface",
      subnet,
      { "ec2:Vpc": `arn:aws:ec2:${R}:${ACCOUNT}:vpc/vpc-0123456789abcdef0` },
      "Allowed",
    ],
    [
      "not in another VPC's",
      "ec2:CreateNetworkInterface",
      subnet,
      { "ec2:Vpc": `arn:aws:ec2:${R}:${ACCOUNT}:vpc/vpc-0fffffffffffffff0` },
      "Denied",
    ],
    [
      "attaches to its cluster's instances",
      "ec2:AttachNetworkInterface",
      instance(),
      ownTag("kubernetes.io/cluster/prod-eu-1", "owned"),
      "Allowed",
    ],
    [
      "to managed node group instances",
      "ec2:AttachNetworkInterface",
      instance(),
      ownTag("eks:cluster-name"),
      "Allowed",
    ],
    [
      "not to another cluster's",
      "ec2:AttachNetworkInterface",
      instance(),
      ownTag("kubernetes.io/cluster/prod-us-1", "owned"),
      "Denied",
    ],
    [
      "writes its clusters' network policy logs",
      "logs:PutLogEvents",
      `arn:aws:logs:${R}:${ACCOUNT}:log-group:/aws/eks/prod-eu-1/cluster:log-stream:aws-node-i-0123`,
      {},
      "Allowed",
    ],
    [
      "not another log group",
      "logs:PutLogEvents",
      `arn:aws:logs:${R}:${ACCOUNT}:log-group:/aws/eks/prod-us-1/cluster:log-stream:x`,
      {},
      "Denied",
    ],
  ],
);

cases("aws-vpc-cni in IPv6", "aws-vpc-cni", { ipFamily: "ipv6" }, [
  ["assigns IPv6 prefixes on its cluster's ENI", "ec2:AssignIpv6Addresses", eni, ownTag(ENI_TAG), "Allowed"],
  ["not on another's", "ec2:AssignIpv6Addresses", eni, ownTag(ENI_TAG, "prod-us-1"), "Denied"],
  ["no IPv4 secondary addresses", "ec2:AssignPrivateIpAddresses", eni, ownTag(ENI_TAG), "Denied"],
]);

cases("aws-vpc-cni with scope: account (AmazonEKS_CNI_Policy)", "aws-vpc-cni", { scope: "account" }, [
  ["any ENI", "ec2:DeleteNetworkInterface", eni, {}, "Allowed"],
]);

// ---- aws-node-termination-handler ------------------------------------------------------------

cases(
  "aws-node-termination-handler: the named queues and the clusters' groups",
  "aws-node-termination-handler",
  { queueArns: [a.queue] },
  [
    ["reads a named queue", "sqs:ReceiveMessage", a.queue, {}, "Allowed"],
    ["not another", "sqs:ReceiveMessage", a.otherQueue, {}, "Denied"],
    [
      "completes lifecycle actions in its cluster's groups",
      "autoscaling:CompleteLifecycleAction",
      asg("workers"),
      ownTag("kubernetes.io/cluster/prod-eu-1", "owned"),
      "Allowed",
    ],
    [
      "not in another cluster's",
      "autoscaling:CompleteLifecycleAction",
      asg("workers"),
      ownTag("kubernetes.io/cluster/prod-us-1", "owned"),
      "Denied",
    ],
  ],
);

// ---- the rest --------------------------------------------------------------------------------

cases("aws-privateca-issuer: the named CAs", "aws-privateca-issuer", { certificateAuthorityArns: [a.ca] }, [
  ["issues from a named CA", "acm-pca:IssueCertificate", a.ca, {}, "Allowed"],
  ["not from another", "acm-pca:IssueCertificate", a.otherCa, {}, "Denied"],
]);

cases(
  "amazon-managed-prometheus: ingest into the named workspaces",
  "amazon-managed-prometheus",
  { workspaceArns: [a.workspace] },
  [
    ["remote-writes", "aps:RemoteWrite", a.workspace, {}, "Allowed"],
    ["not to another workspace", "aps:RemoteWrite", a.otherWorkspace, {}, "Denied"],
    ["does not query", "aps:QueryMetrics", a.workspace, {}, "Denied"],
  ],
);

cases(
  "amazon-managed-prometheus in mode query",
  "amazon-managed-prometheus",
  { workspaceArns: [a.workspace], mode: "query" },
  [
    ["queries", "aps:QueryMetrics", a.workspace, {}, "Allowed"],
    ["does not write", "aps:RemoteWrite", a.workspace, {}, "Denied"],
  ],
);

cases("aws-gateway-controller: service-linked roles of its services only", "aws-gateway-controller", {}, [
  [
    "creates the VPC Lattice role",
    "iam:CreateServiceLinkedRole",
    `arn:aws:iam::${ACCOUNT}:role/aws-service-role/vpc-lattice.amazonaws.com/AWSServiceRoleForVpcLattice`,
    { "iam:AWSServiceName": "vpc-lattice.amazonaws.com" },
    "Allowed",
  ],
  [
    "not another service's",
    "iam:CreateServiceLinkedRole",
    `arn:aws:iam::${ACCOUNT}:role/aws-service-role/elasticloadbalancing.amazonaws.com/AWSServiceRoleForElasticLoadBalancing`,
    { "iam:AWSServiceName": "elasticloadbalancing.amazonaws.com" },
    "Denied",
  ],
]);

cases("amazon-cloudwatch-observability: the agent's configuration parameters", "amazon-cloudwatch-observability", {}, [
  [
    "reads its configuration",
    "ssm:GetParameter",
    `arn:aws:ssm:${R}:${ACCOUNT}:parameter/AmazonCloudWatch-linux`,
    {},
    "Allowed",
  ],
  ["not other parameters", "ssm:GetParameter", `arn:aws:ssm:${R}:${ACCOUNT}:parameter/prod/db-password`, {}, "Denied"],
]);

cases("pganalyze: RDS of the role's account", "pganalyze", {}, [
  ["downloads log files", "rds:DownloadDBLogFilePortion", `arn:aws:rds:${R}:${ACCOUNT}:db:billing`, {}, "Allowed"],
  [
    "reads Enhanced Monitoring",
    "logs:GetLogEvents",
    `arn:aws:logs:${R}:${ACCOUNT}:log-group:RDSOSMetrics:log-stream:db-ABC`,
    {},
    "Allowed",
  ],
  [
    "not other log groups",
    "logs:GetLogEvents",
    `arn:aws:logs:${R}:${ACCOUNT}:log-group:/aws/lambda/x:log-stream:y`,
    {},
    "Denied",
  ],
]);
