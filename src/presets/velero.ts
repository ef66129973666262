/**
 * Velero with the AWS plugin: backups in S3, volume snapshots in EBS.
 *
 * Upstream: vmware-tanzu/velero-plugin-for-aws, README.md "Set permissions for Velero" and the KMS
 * section, at 800bcfb1 (release v1.13.2): EC2 describe/create/delete of volumes and snapshots on
 * `*`; six object actions on `<bucket>/*`; s3:ListBucket on the bucket; with KMS, ten kms actions
 * (two of them wildcards, written out here) on the keys.
 *
 * bucketArns is required (terraform-aws-modules' Pod Identity module falls back to ListBucket on
 * `arn:aws:s3:::*`). kms:ListRetirableGrants, which takes only `*`, is granted on `*` (upstream's key
 * ARN would never match it). The EC2 writes are limited to volumes and snapshots (upstream's `*` also
 * lets ec2:CreateTags tag any EC2 resource), and are dropped with snapshots: false, for clusters
 * that back up with file-system backups only.
 */
import type { z } from "zod";
import { flag, KMS_KEY, optionalArns, presetInputs, requiredArns, S3_BUCKET } from "./inputs";
import type { Preset, PresetStatement } from "./preset";
import { allow, arn } from "./statements";

const PRESET = "velero";

const inputs = presetInputs(PRESET, {
  bucketArns: requiredArns({
    preset: PRESET,
    field: "bucketArns",
    shape: S3_BUCKET,
    purpose: "the buckets of Velero's backup storage locations",
    example: "arn:aws:s3:::acme-velero-backups",
  }),
  kmsKeyArns: optionalArns({
    preset: PRESET,
    field: "kmsKeyArns",
    shape: KMS_KEY,
    purpose: "the KMS keys of the backup bucket (SSE-KMS) and of encrypted EBS volumes and snapshots",
    example: "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
  }),
  snapshots: flag(
    "EBS volume snapshots (a VolumeSnapshotLocation of provider aws): create, tag and delete snapshots and restore volumes from them.",
    true,
  ),
}).meta({
  description: "Velero with velero-plugin-for-aws (upstream v1.13.2 README), limited to bucketArns and kmsKeyArns.",
  examples: [
    { bucketArns: ["arn:aws:s3:::acme-velero-backups"] },
    { bucketArns: ["arn:aws:s3:::acme-velero-backups"], snapshots: false },
  ],
});

export const velero: Preset<z.output<typeof inputs>> = {
  name: PRESET,
  version: "v1.13.2",
  upstream: "vmware-tanzu/velero-plugin-for-aws README.md (Set permissions for Velero; KMS) @ 800bcfb1 (v1.13.2)",
  description:
    "What Velero needs to keep backups in bucketArns (objects read, written, tagged and deleted there only) and, with snapshots (default), to snapshot EBS " +
    "volumes and restore them: EC2 writes on volumes and snapshots only. kmsKeyArns for encrypted buckets and volumes.",
  defaultServiceAccount: { namespace: "velero", name: "velero-server" },
  inputs,
  arnInputs: { bucketArns: S3_BUCKET, kmsKeyArns: KMS_KEY },
  statements(input, context) {
    const statements: PresetStatement[] = [];
    if (input.snapshots ?? true) {
      statements.push(
        allow("DescribeVolumesAndSnapshots", ["ec2:DescribeVolumes", "ec2:DescribeSnapshots"], ["*"]),
        // Snapshot ARNs have no account; volumes are the role account's.
        allow(
          "SnapshotAndRestoreVolumes",
          ["ec2:CreateTags", "ec2:CreateVolume", "ec2:CreateSnapshot", "ec2:DeleteSnapshot"],
          [arn(context, "ec2", "*", context.accountId, "volume/*"), arn(context, "ec2", "*", "", "snapshot/*")],
        ),
      );
    }
    statements.push(
      allow(
        "ManageBackupObjects",
        [
          "s3:GetObject",
          "s3:DeleteObject",
          "s3:PutObject",
          "s3:PutObjectTagging",
          "s3:AbortMultipartUpload",
          "s3:ListMultipartUploadParts",
        ],
        input.bucketArns.map((bucket) => (bucket === "*" ? "*" : `${bucket}/*`)),
      ),
      allow("ListBackupBuckets", ["s3:ListBucket"], input.bucketArns),
    );
    if (input.kmsKeyArns) {
      statements.push(
        allow(
          "UseBackupKmsKeys",
          [
            "kms:ReEncryptFrom",
            "kms:ReEncryptTo",
            "kms:GenerateDataKey",
            "kms:GenerateDataKeyPair",
            "kms:GenerateDataKeyPairWithoutPlaintext",
            "kms:GenerateDataKeyWithoutPlaintext",
            "kms:Encrypt",
            "kms:DescribeKey",
            "kms:Decrypt",
            "kms:ListGrants",
            "kms:RevokeGrant",
            "kms:RetireGrant",
          ],
          input.kmsKeyArns,
        ),
        // Upstream lists it with the keys, but it takes only *: on a key ARN it would never match.
        allow("ListRetirableGrants", ["kms:ListRetirableGrants"], ["*"]),
        // EC2 creates the grants for restored volumes: never one for a principal of the pod's choosing.
        allow("CreateKmsGrantsForVolumes", ["kms:CreateGrant"], input.kmsKeyArns, {
          Bool: { "kms:GrantIsForAWSResource": true },
        }),
      );
    }
    return statements;
  },
  scopedBeyondAnchors: [
    "ec2:CreateTags",
    "ec2:CreateVolume",
    "ec2:CreateSnapshot",
    "ec2:DeleteSnapshot",
    "s3:ListBucket",
  ],
  waivers: [
    {
      rule: "IAM007",
      reason:
        "velero snapshots and restores whichever volumes its backups name, and the snapshots it creates get random ids: EC2 volume and snapshot writes are scoped to the role's account, not to named resources",
    },
  ],
};
