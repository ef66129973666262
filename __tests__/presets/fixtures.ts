/**
 * Inputs and contexts the preset tests share: per preset, its required inputs only, every optional
 * input on, and the other choices worth compiling (each must parse), in any partition.
 */
import type { Partition, PresetContext } from "../../src/presets";

export const ACCOUNT = "111122223333";
export const OTHER_ACCOUNT = "444455556666";

export const REGION: Readonly<Record<Partition, string>> = {
  aws: "eu-west-1",
  "aws-cn": "cn-north-1",
  "aws-us-gov": "us-gov-west-1",
};

/** One cluster, EKS name different from its key (presets must scope by the name). */
export function contextFor(partition: Partition = "aws"): PresetContext {
  const region = REGION[partition];
  return {
    partition,
    accountId: ACCOUNT,
    region,
    clusters: [{ key: "prod", name: "prod-eu-1", region, accountId: ACCOUNT }],
  };
}

export const CONTEXT = contextFor("aws");

/** Two clusters in two regions. */
export const MULTI_CONTEXT: PresetContext = {
  partition: "aws",
  accountId: ACCOUNT,
  region: "eu-west-1",
  clusters: [
    { key: "prod-eu", name: "prod-eu-1", region: "eu-west-1", accountId: ACCOUNT },
    { key: "prod-us", name: "prod-us-1", region: "us-east-1", accountId: ACCOUNT },
  ],
};

export interface PresetConfigs {
  /** Only the required inputs. */
  readonly required: Record<string, unknown>;
  /** Every optional input on (booleans true unless they turn something off, lists given). */
  readonly full: Record<string, unknown>;
  /** Other valid choices (enums, exclusive options). */
  readonly variants: readonly Record<string, unknown>[];
}

/** ARNs of the test account in a partition. */
export function arns(p: Partition = "aws") {
  const r = REGION[p];
  return {
    zone: `arn:${p}:route53:::hostedzone/Z0123456789ABCDEFGHIJ`,
    otherZone: `arn:${p}:route53:::hostedzone/Z9999999999OTHERZONE`,
    targetGroup: `arn:${p}:elasticloadbalancing:${r}:${ACCOUNT}:targetgroup/web/0123456789abcdef`,
    otherTargetGroup: `arn:${p}:elasticloadbalancing:${r}:${ACCOUNT}:targetgroup/other/fedcba9876543210`,
    securityGroup: `arn:${p}:ec2:${r}:${ACCOUNT}:security-group/sg-0123456789abcdef0`,
    asg: `arn:${p}:autoscaling:${r}:${ACCOUNT}:autoScalingGroup:*:autoScalingGroupName/prod-eu-1-workers`,
    nodeRole: `arn:${p}:iam::${ACCOUNT}:role/KarpenterNodeRole-prod-eu-1`,
    queue: `arn:${p}:sqs:${r}:${ACCOUNT}:prod-eu-1`,
    otherQueue: `arn:${p}:sqs:${r}:${ACCOUNT}:someone-else`,
    key: `arn:${p}:kms:${r}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
    otherKey: `arn:${p}:kms:${r}:${ACCOUNT}:key/99999999-9999-9999-9999-999999999999`,
    fileSystem: `arn:${p}:elasticfilesystem:${r}:${ACCOUNT}:file-system/fs-0123456789abcdef0`,
    otherFileSystem: `arn:${p}:elasticfilesystem:${r}:${ACCOUNT}:file-system/fs-0fedcba987654321f`,
    lustreRole: `arn:${p}:iam::${ACCOUNT}:role/aws-service-role/s3.data-source.lustre.fsx.amazonaws.com/AWSServiceRoleForFSxS3Access_fs-0123`,
    fsxRole: `arn:${p}:iam::${ACCOUNT}:role/aws-service-role/fsx.amazonaws.com/AWSServiceRoleForAmazonFSx`,
    bucket: `arn:${p}:s3:::acme-data`,
    otherBucket: `arn:${p}:s3:::someone-elses-data`,
    objects: `arn:${p}:s3:::acme-data/training/*`,
    directoryBucket: `arn:${p}:s3express:${r}:${ACCOUNT}:bucket/acme-scratch--euw1-az1--x-s3`,
    secret: `arn:${p}:secretsmanager:${r}:${ACCOUNT}:secret:prod/billing/*`,
    parameter: `arn:${p}:ssm:${r}:${ACCOUNT}:parameter/prod/billing/*`,
    ca: `arn:${p}:acm-pca:${r}:${ACCOUNT}:certificate-authority/12345678-1234-1234-1234-123456789012`,
    otherCa: `arn:${p}:acm-pca:${r}:${ACCOUNT}:certificate-authority/99999999-9999-9999-9999-999999999999`,
    workspace: `arn:${p}:aps:${r}:${ACCOUNT}:workspace/ws-12345678-abcd-1234-abcd-123456789012`,
    otherWorkspace: `arn:${p}:aps:${r}:${ACCOUNT}:workspace/ws-99999999-abcd-1234-abcd-999999999999`,
  };
}

export function configs(p: Partition = "aws"): Readonly<Record<string, PresetConfigs>> {
  const a = arns(p);
  return {
    "amazon-cloudwatch-observability": { required: {}, full: {}, variants: [] },
    "amazon-managed-prometheus": {
      required: { workspaceArns: [a.workspace] },
      full: { workspaceArns: [a.workspace], mode: "both" },
      variants: [
        { workspaceArns: [a.workspace], mode: "query" },
        { workspaceArns: [a.workspace], mode: "ingest" },
      ],
    },
    "aws-ebs-csi-driver": {
      required: {},
      full: { clusterNames: ["prod-eu-1", "prod-eu-2"], kmsKeyArns: [a.key], scope: "cluster" },
      variants: [{ scope: "account" }, { scope: "account", kmsKeyArns: [a.key] }],
    },
    "aws-efs-csi-driver": {
      required: {},
      full: { fileSystemArns: [a.fileSystem], s3Files: true },
      variants: [{ s3Files: false }, { fileSystemArns: [a.fileSystem], s3Files: false }],
    },
    "aws-fsx-csi-driver": {
      required: {},
      full: { serviceRoleArns: [a.lustreRole], s3BucketArns: [a.bucket] },
      variants: [],
    },
    "aws-fsx-openzfs-csi-driver": { required: {}, full: { serviceRoleArns: [a.fsxRole] }, variants: [] },
    "aws-gateway-controller": { required: {}, full: {}, variants: [] },
    "aws-load-balancer-controller": {
      required: {},
      full: { clusterNames: ["prod-eu-1", "prod-eu-2"], wafv2AclByName: true },
      variants: [],
    },
    "aws-load-balancer-controller-targetgroup-binding": {
      required: { targetGroupArns: [a.targetGroup] },
      full: { targetGroupArns: [a.targetGroup], manageSecurityGroupRules: true, securityGroupArns: [a.securityGroup] },
      variants: [{ targetGroupArns: [a.targetGroup], manageSecurityGroupRules: true }],
    },
    "aws-mountpoint-s3-csi-driver": {
      required: { bucketArns: [a.bucket] },
      full: {
        bucketArns: [a.bucket],
        objectArns: [a.objects],
        readOnly: false,
        allowDelete: true,
        kmsKeyArns: [a.key],
        directoryBucketArns: [a.directoryBucket],
      },
      variants: [
        { bucketArns: [a.bucket], readOnly: true, kmsKeyArns: [a.key], directoryBucketArns: [a.directoryBucket] },
        { bucketArns: [a.bucket], readOnly: true, allowDelete: true },
      ],
    },
    "aws-node-termination-handler": {
      required: { queueArns: [a.queue] },
      full: { queueArns: [a.queue], clusterNames: ["prod-eu-1", "prod-eu-2"] },
      variants: [],
    },
    "aws-privateca-issuer": {
      required: { certificateAuthorityArns: [a.ca] },
      full: { certificateAuthorityArns: [a.ca] },
      variants: [],
    },
    "aws-vpc-cni": {
      required: {},
      full: {
        clusterNames: ["prod-eu-1", "prod-eu-2"],
        ipFamily: "dual",
        networkPolicyLogs: true,
        scope: "cluster",
        vpcIds: ["vpc-0123456789abcdef0"],
      },
      variants: [
        { ipFamily: "ipv6" },
        { ipFamily: "ipv4" },
        { scope: "account" },
        { scope: "account", ipFamily: "dual", networkPolicyLogs: true },
      ],
    },
    "cert-manager": { required: { hostedZoneArns: [a.zone] }, full: { hostedZoneArns: [a.zone] }, variants: [] },
    "cluster-autoscaler": {
      required: {},
      full: { clusterNames: ["prod-eu-1", "prod-eu-2"], autoScalingGroupArns: [a.asg] },
      variants: [
        { asgClusterTag: "kubernetes.io/cluster/<cluster>" },
        { asgClusterTag: "k8s.io/cluster-autoscaler/<cluster>" },
        { asgClusterTag: "either" },
      ],
    },
    "external-dns": { required: { hostedZoneArns: [a.zone] }, full: { hostedZoneArns: [a.zone] }, variants: [] },
    "external-secrets": {
      required: { secretsManagerArns: [a.secret] },
      full: { secretsManagerArns: [a.secret], ssmParameterArns: [a.parameter], kmsKeyArns: [a.key], pushSecrets: true },
      variants: [
        { ssmParameterArns: [a.parameter] },
        { ssmParameterArns: [a.parameter], pushSecrets: true, kmsKeyArns: [a.key] },
      ],
    },
    karpenter: {
      required: { nodeRoleArns: [a.nodeRole] },
      full: { nodeRoleArns: [a.nodeRole], clusterNames: ["prod-eu-1", "prod-eu-2"], interruptionQueueArn: a.queue },
      variants: [],
    },
    pganalyze: { required: {}, full: {}, variants: [] },
    velero: {
      required: { bucketArns: [a.bucket] },
      full: { bucketArns: [a.bucket], kmsKeyArns: [a.key], snapshots: true },
      variants: [{ bucketArns: [a.bucket], snapshots: false }],
    },
  };
}

/** Every (label, inputs) pair of a preset. */
export function allConfigs(name: string, p: Partition = "aws"): [string, Record<string, unknown>][] {
  const c = configs(p)[name];
  return [
    ["required", c.required],
    ["full", c.full],
    ...c.variants.map((v, i): [string, Record<string, unknown>] => [`variant ${i + 1}`, v]),
  ];
}
