/**
 * Amazon EBS CSI driver (controller).
 *
 * Upstream: kubernetes-sigs/aws-ebs-csi-driver at 429e202e (release v1.64.0; policies last changed
 * 2026-04-20, "Updating Docs For Policy Changes"):
 * - docs/AmazonEBSCSIDriverEKSClusterScopedPolicy.json, the cluster-scoped variant, for `scope: cluster`
 *   (the default). Upstream compares the tags with `${aws:PrincipalTag/eks-cluster-name}`, a
 *   session tag only EKS Pod Identity sets; here the binding's EKS names are written in, which
 *   works for IRSA too.
 * - docs/AmazonEBSCSIDriverPolicyV2.json (= the AWS managed AmazonEBSCSIDriverPolicyV2), for
 *   `scope: account`: any volume tagged ebs.csi.aws.com/cluster = true, in any cluster of the account.
 * - docs/install.md "Encrypted EBS Volumes via KMS" for kmsKeyArns.
 *
 * The cluster-scoped tag ebs.csi.aws.com/cluster-name is written only when the driver runs with
 * --k8s-tag-cluster-id (Helm controller.k8sTagClusterId) set to the EKS cluster name
 * (docs/tagging.md). Beyond upstream's two instance tags (eks:cluster-name, set on managed node
 * group instances, and a manual ebs.csi.aws.com/cluster-name), instances tagged
 * eks:eks-cluster-name (Karpenter and EKS Auto Mode nodes) or kubernetes.io/cluster/<name> =
 * owned (self-managed nodes) are accepted, still per cluster.
 */
import type { z } from "zod";
import { choice, clusterNamesInput, KMS_KEY, optionalArns, presetInputs } from "./inputs";
import type { Conditions, Preset, PresetContext, PresetStatement } from "./preset";
import { allow, arn, clusterNamesOf, clusterTargets } from "./statements";

const PRESET = "aws-ebs-csi-driver";

const inputs = presetInputs(PRESET, {
  clusterNames: clusterNamesInput(
    "the EBS CSI driver (its controller.k8sTagClusterId)",
    "whose volumes and snapshots the driver may manage, by their tag ebs.csi.aws.com/cluster-name, and to whose instances it may attach them",
  ),
  scope: choice(
    ["cluster", "account"],
    "cluster: only volumes, snapshots and instances of clusterNames (upstream's cluster-scoped policy; needs controller.k8sTagClusterId set to the EKS cluster name). " +
      "account: upstream AmazonEBSCSIDriverPolicyV2, every volume tagged ebs.csi.aws.com/cluster = true in the account, and any instance.",
    "cluster",
    "account",
  ),
  kmsKeyArns: optionalArns({
    preset: PRESET,
    field: "kmsKeyArns",
    shape: KMS_KEY,
    purpose: "the KMS keys of encrypted volumes (their StorageClass kmsKeyId, or the account's default EBS key)",
    example: "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
    note: "Without it, no KMS access: encrypted volumes with customer managed keys fail.",
  }),
})
  .superRefine((value, context) => {
    if (value.scope === "account" && value.clusterNames) {
      context.addIssue({
        code: "custom",
        path: ["clusterNames"],
        message:
          "clusterNames has no effect with scope: account (any cluster's volumes); remove it, or use scope: cluster",
      });
    }
  })
  .meta({
    description:
      "Amazon EBS CSI driver controller (upstream v1.64.0 policies), by default limited to the volumes, snapshots and instances of the binding's clusters.",
    examples: [
      {},
      { kmsKeyArns: ["arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"] },
      { scope: "account" },
    ],
  });

const DESCRIBE = [
  "ec2:DescribeAvailabilityZones",
  "ec2:DescribeInstances",
  "ec2:DescribeInstanceTypes",
  "ec2:DescribeSnapshots",
  "ec2:DescribeVolumes",
  "ec2:DescribeVolumesModifications",
  "ec2:DescribeVolumeStatus",
];

/** The driver's own tag keys: it may never set or remove them on an existing volume. */
const PROTECTED_TAG_KEYS = [
  "ebs.csi.aws.com/cluster",
  "ebs.csi.aws.com/cluster-name",
  "kubernetes.io/created-for/pvc/name",
];

function clusterScoped(
  names: readonly string[],
  context: PresetContext,
  ownedTags: { name: string; sidSuffix: string }[],
): PresetStatement[] {
  const ec2 = (resource: string) => arn(context, "ec2", "*", "*", resource);
  const requested: Conditions = { StringEquals: { "aws:RequestTag/ebs.csi.aws.com/cluster-name": names } };
  const owned: Conditions = { StringEquals: { "aws:ResourceTag/ebs.csi.aws.com/cluster-name": names } };
  return [
    allow("ReadOnlyDescribeOperations", DESCRIBE, ["*"]),
    allow("CreateAndCopyVolumesWithClusterTag", ["ec2:CreateVolume", "ec2:CopyVolumes"], [ec2("volume/*")], requested),
    allow("CopyClusterVolumes", ["ec2:CopyVolumes"], [ec2("volume/vol-*")], owned),
    allow("CreateSnapshotsWithClusterTag", ["ec2:CreateSnapshot"], [ec2("snapshot/*")], requested),
    allow("CreateSnapshotsFromClusterVolumes", ["ec2:CreateSnapshot"], [ec2("volume/*")], owned),
    allow(
      "ManageClusterVolumes",
      ["ec2:ModifyVolume", "ec2:AttachVolume", "ec2:DetachVolume", "ec2:DeleteVolume"],
      [ec2("volume/*")],
      owned,
    ),
    allow(
      "CreateVolumesFromAndEnableFSROnClusterSnapshots",
      ["ec2:CreateVolume", "ec2:EnableFastSnapshotRestores"],
      [ec2("snapshot/*")],
      owned,
    ),
    allow("AttachDetachVolumesToClusterInstance", ["ec2:AttachVolume", "ec2:DetachVolume"], [ec2("instance/*")], {
      StringEquals: { "aws:ResourceTag/eks:cluster-name": names },
    }),
    allow("AttachDetachVolumesToKarpenterInstance", ["ec2:AttachVolume", "ec2:DetachVolume"], [ec2("instance/*")], {
      StringEquals: { "aws:ResourceTag/eks:eks-cluster-name": names },
    }),
    allow(
      "AttachDetachVolumesToManuallyTaggedInstance",
      ["ec2:AttachVolume", "ec2:DetachVolume"],
      [ec2("instance/*")],
      owned,
    ),
    // The tag key names the cluster: one statement per cluster.
    ...ownedTags.map((t) =>
      allow(
        `AttachDetachVolumesToSelfManagedInstance${t.sidSuffix}`,
        ["ec2:AttachVolume", "ec2:DetachVolume"],
        [ec2("instance/*")],
        {
          StringEquals: { [`aws:ResourceTag/kubernetes.io/cluster/${t.name}`]: "owned" },
        },
      ),
    ),
    allow("DeleteAndLockClusterSnapshots", ["ec2:DeleteSnapshot", "ec2:LockSnapshot"], [ec2("snapshot/*")], owned),
    allow("TagResourcesOnCreation", ["ec2:CreateTags"], [ec2("volume/*"), ec2("snapshot/*")], {
      StringEquals: { "ec2:CreateAction": ["CreateVolume", "CreateSnapshot", "CopyVolumes"] },
    }),
    allow("ModifyTagsOnClusterVolumes", ["ec2:CreateTags", "ec2:DeleteTags"], [ec2("volume/*")], {
      ...owned,
      Null: { "aws:TagKeys": "false" },
      "ForAllValues:StringNotEquals": { "aws:TagKeys": PROTECTED_TAG_KEYS },
    }),
  ];
}

function accountScoped(context: PresetContext): PresetStatement[] {
  const ec2 = (resource: string) => arn(context, "ec2", "*", "*", resource);
  const requested: Conditions = { StringEquals: { "aws:RequestTag/ebs.csi.aws.com/cluster": "true" } };
  const managed: Conditions = { StringEquals: { "aws:ResourceTag/ebs.csi.aws.com/cluster": "true" } };
  const migrated: Conditions = { StringLike: { "aws:ResourceTag/kubernetes.io/created-for/pvc/name": "*" } };
  return [
    allow("ReadOnlyDescribeOperations", DESCRIBE, ["*"]),
    allow("CreateAndCopyVolumesWithManagedTag", ["ec2:CreateVolume", "ec2:CopyVolumes"], [ec2("volume/*")], requested),
    allow("CopyManagedVolumes", ["ec2:CopyVolumes"], [ec2("volume/vol-*")], managed),
    allow("CopyCSIMigratedVolumes", ["ec2:CopyVolumes"], [ec2("volume/vol-*")], migrated),
    allow("CreateSnapshotsWithManagedTag", ["ec2:CreateSnapshot"], [ec2("snapshot/*")], requested),
    allow("CreateSnapshotsFromManagedVolumes", ["ec2:CreateSnapshot"], [ec2("volume/*")], managed),
    allow(
      "ManageManagedVolumes",
      ["ec2:ModifyVolume", "ec2:AttachVolume", "ec2:DetachVolume", "ec2:DeleteVolume"],
      [ec2("volume/*")],
      managed,
    ),
    allow(
      "ManageCSIMigratedVolumes",
      ["ec2:ModifyVolume", "ec2:AttachVolume", "ec2:DetachVolume", "ec2:DeleteVolume"],
      [ec2("volume/*")],
      migrated,
    ),
    allow(
      "CreateVolumesFromAndEnableFSROnManagedSnapshots",
      ["ec2:CreateVolume", "ec2:EnableFastSnapshotRestores"],
      [ec2("snapshot/*")],
      managed,
    ),
    allow("AttachDetachVolumesToAnyInstance", ["ec2:AttachVolume", "ec2:DetachVolume"], [ec2("instance/*")]),
    allow("DeleteAndLockManagedSnapshots", ["ec2:DeleteSnapshot", "ec2:LockSnapshot"], [ec2("snapshot/*")], managed),
    allow("TagResourcesOnCreation", ["ec2:CreateTags"], [ec2("volume/*"), ec2("snapshot/*")], {
      StringEquals: { "ec2:CreateAction": ["CreateVolume", "CreateSnapshot", "CopyVolumes"] },
    }),
    allow("ModifyTagsOnManagedVolumes", ["ec2:CreateTags", "ec2:DeleteTags"], [ec2("volume/*")], {
      ...managed,
      Null: { "aws:TagKeys": "false" },
      "ForAllValues:StringNotEquals": { "aws:TagKeys": PROTECTED_TAG_KEYS },
    }),
  ];
}

export const awsEbsCsiDriver: Preset<z.output<typeof inputs>> = {
  name: PRESET,
  version: "v1.64.0",
  upstream:
    "kubernetes-sigs/aws-ebs-csi-driver docs/AmazonEBSCSIDriverEKSClusterScopedPolicy.json, docs/AmazonEBSCSIDriverPolicyV2.json, docs/install.md (KMS) @ 429e202e (v1.64.0)",
  description:
    "What the EBS CSI controller needs to create, attach, resize, snapshot and delete volumes. By default (scope: cluster) only volumes and snapshots tagged " +
    "ebs.csi.aws.com/cluster-name with one of clusterNames, and only instances of those clusters; the driver must run with controller.k8sTagClusterId = the EKS " +
    "cluster name, and statically provisioned volumes need that tag. Existing volumes' own tags (ebs.csi.aws.com/*, kubernetes.io/created-for/pvc/name) are never changed.",
  defaultServiceAccount: { namespace: "kube-system", name: "ebs-csi-controller-sa" },
  inputs,
  arnInputs: { kmsKeyArns: KMS_KEY },
  statements(input, context) {
    const statements =
      input.scope === "account"
        ? accountScoped(context)
        : clusterScoped(
            clusterNamesOf(input.clusterNames, context, PRESET),
            context,
            clusterTargets(input.clusterNames, context, PRESET),
          );
    if (input.kmsKeyArns) {
      statements.push(
        allow("UseKmsKeysOfVolumes", ["kms:Decrypt", "kms:GenerateDataKeyWithoutPlaintext"], input.kmsKeyArns),
        // EC2 creates the grant for the volume: never one for a principal of the pod's choosing.
        allow("CreateKmsGrantsForVolumes", ["kms:CreateGrant"], input.kmsKeyArns, {
          Bool: { "kms:GrantIsForAWSResource": true },
        }),
      );
    }
    return statements;
  },
  scopedBeyondAnchors: [
    "ec2:AttachVolume",
    "ec2:DetachVolume",
    "ec2:ModifyVolume",
    "ec2:CreateSnapshot",
    "ec2:EnableFastSnapshotRestores",
    "ec2:DeleteVolume",
    "ec2:DeleteSnapshot",
    "ec2:LockSnapshot",
    "ec2:DeleteTags",
  ],
  waivers: [
    {
      rule: "IAM007",
      reason:
        "with scope: account (upstream's V2 policy) the driver attaches and detaches volumes on any instance it schedules onto; instances carry no tag the driver sets, so the volume's tag is what scopes the write",
    },
  ],
};
