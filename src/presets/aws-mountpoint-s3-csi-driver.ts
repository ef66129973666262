/**
 * Mountpoint for Amazon S3 CSI driver.
 *
 * Upstream: awslabs/mountpoint-s3, doc/CONFIGURATION.md "IAM permissions" at 0398a86e (the CSI
 * driver, awslabs/mountpoint-s3-csi-driver v2.7.0, docs/INSTALL.md, points there): s3:ListBucket
 * on the bucket; s3:GetObject to read; s3:PutObject and s3:AbortMultipartUpload to write (the
 * default); s3:DeleteObject only with --allow-delete; s3express:CreateSession on directory
 * buckets.
 *
 * bucketArns is required (terraform-aws-modules falls back to ListBucket on `arn:aws:s3:::*`), and
 * the mount options are inputs: readOnly drops the writes, allowDelete adds the delete. objectArns
 * narrows object access to prefixes; it defaults to every object of bucketArns.
 */
import type { z } from "zod";
import {
  flag,
  KMS_KEY,
  optionalArns,
  presetInputs,
  requiredArns,
  S3_BUCKET,
  S3_DIRECTORY_BUCKET,
  S3_OBJECTS,
} from "./inputs";
import type { Preset, PresetStatement } from "./preset";
import { allow } from "./statements";

const PRESET = "aws-mountpoint-s3-csi-driver";

const inputs = presetInputs(PRESET, {
  bucketArns: requiredArns({
    preset: PRESET,
    field: "bucketArns",
    shape: S3_BUCKET,
    purpose: "the buckets the driver may mount (s3:ListBucket)",
    example: "arn:aws:s3:::acme-datasets",
  }),
  objectArns: optionalArns({
    preset: PRESET,
    field: "objectArns",
    shape: S3_OBJECTS,
    purpose: "the objects the mounts may read and write, e.g. a prefix of a mounted bucket",
    example: "arn:aws:s3:::acme-datasets/training/*",
    note: "Without it, every object of bucketArns.",
    default: "<each of bucketArns>/*",
  }),
  readOnly: flag("Mounts are read-only (mount option read-only): no s3:PutObject or s3:AbortMultipartUpload.", false),
  allowDelete: flag(
    "Mounts may delete files (mount option allow-delete): adds s3:DeleteObject, with readOnly too.",
    false,
  ),
  kmsKeyArns: optionalArns({
    preset: PRESET,
    field: "kmsKeyArns",
    shape: KMS_KEY,
    purpose: "the KMS keys of SSE-KMS encrypted buckets",
    example: "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
  }),
  directoryBucketArns: optionalArns({
    preset: PRESET,
    field: "directoryBucketArns",
    shape: S3_DIRECTORY_BUCKET,
    purpose: "the S3 Express One Zone directory buckets the driver may mount (s3express:CreateSession)",
    example: "arn:aws:s3express:eu-west-1:111122223333:bucket/acme-scratch--euw1-az1--x-s3",
  }),
}).meta({
  description:
    "Mountpoint for Amazon S3 CSI driver (upstream mountpoint-s3 CONFIGURATION.md), limited to bucketArns and objectArns.",
  examples: [{ bucketArns: ["arn:aws:s3:::acme-datasets"], readOnly: true }],
});

export const awsMountpointS3CsiDriver: Preset<z.output<typeof inputs>> = {
  name: PRESET,
  version: "v2.7.0",
  upstream:
    "awslabs/mountpoint-s3 doc/CONFIGURATION.md (IAM permissions) @ 0398a86e; awslabs/mountpoint-s3-csi-driver @ 57c6bedb (v2.7.0)",
  description:
    "What Mountpoint for Amazon S3 needs to mount buckets: list bucketArns, read the objects (objectArns, else every object of bucketArns), write them unless readOnly, " +
    "delete them only with allowDelete; decrypt/encrypt with kmsKeyArns; sessions on directoryBucketArns.",
  defaultServiceAccount: { namespace: "kube-system", name: "s3-csi-driver-sa" },
  inputs,
  arnInputs: {
    bucketArns: S3_BUCKET,
    objectArns: S3_OBJECTS,
    kmsKeyArns: KMS_KEY,
    directoryBucketArns: S3_DIRECTORY_BUCKET,
  },
  statements(input) {
    const readOnly = input.readOnly ?? false;
    const objects = input.objectArns ?? input.bucketArns.map((bucket) => (bucket === "*" ? "*" : `${bucket}/*`));
    const objectActions = [
      "s3:GetObject",
      ...(readOnly ? [] : ["s3:PutObject", "s3:AbortMultipartUpload"]),
      ...(input.allowDelete ? ["s3:DeleteObject"] : []),
    ];
    const statements: PresetStatement[] = [
      allow("MountpointFullBucketAccess", ["s3:ListBucket"], input.bucketArns),
      allow("MountpointObjectAccess", objectActions, objects),
    ];
    if (input.kmsKeyArns) {
      // Reading SSE-KMS objects decrypts; writing them (multipart too) needs data keys.
      statements.push(
        allow("UseBucketKmsKeys", ["kms:Decrypt", ...(readOnly ? [] : ["kms:GenerateDataKey"])], input.kmsKeyArns),
      );
    }
    if (input.directoryBucketArns) {
      statements.push(
        allow(
          "MountpointDirectoryBucketSessions",
          ["s3express:CreateSession"],
          input.directoryBucketArns,
          readOnly ? { StringEquals: { "s3express:SessionMode": "ReadOnly" } } : undefined,
        ),
      );
    }
    return statements;
  },
  scopedBeyondAnchors: ["s3:ListBucket"],
};
