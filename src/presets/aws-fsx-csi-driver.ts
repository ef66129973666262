/**
 * Amazon FSx for Lustre CSI driver (controller).
 *
 * Upstream: kubernetes-sigs/aws-fsx-csi-driver, docs/install.md IAM policy at 5b227125 (release
 * v1.9.0, chart 1.17.0): the S3 data repository service-linked role
 * (`aws-service-role/s3.data-source.lustre.fsx.amazonaws.com/*`), the FSx service-linked role,
 * and fsx + s3:ListBucket on `*`.
 *
 * Kept as upstream, in the binding's partition (terraform-aws-modules' IRSA default hard-codes
 * `arn:aws:`), with two narrowings: the service-linked role ARNs are those of the role's account
 * (serviceRoleArns to override), and the FSx service-linked role creation names its path. With
 * s3BucketArns, s3:ListBucket is limited to the data repository buckets. File systems are created
 * at run time, untagged by cluster, so the fsx actions stay on `*`.
 */
import type { z } from "zod";
import { optionalArns, presetInputs, S3_BUCKET, serviceLinkedRole } from "./inputs";
import type { Preset, PresetStatement } from "./preset";
import { allow, arn } from "./statements";

const PRESET = "aws-fsx-csi-driver";
const S3_DATA_SOURCE = "s3.data-source.lustre.fsx.amazonaws.com";
const S3_DATA_SOURCE_ROLE = serviceLinkedRole(S3_DATA_SOURCE);

const inputs = presetInputs(PRESET, {
  serviceRoleArns: optionalArns({
    preset: PRESET,
    field: "serviceRoleArns",
    shape: S3_DATA_SOURCE_ROLE,
    purpose: "the S3 data repository service-linked roles FSx for Lustre may create and set up for the driver",
    example: `arn:aws:iam::111122223333:role/aws-service-role/${S3_DATA_SOURCE}/AWSServiceRoleForFSxS3Access_fs-0123456789abcdef0`,
    note: "Without it, those of the role's account.",
    default: `arn:<partition>:iam::<role account>:role/aws-service-role/${S3_DATA_SOURCE}/*`,
  }),
  s3BucketArns: optionalArns({
    preset: PRESET,
    field: "s3BucketArns",
    shape: S3_BUCKET,
    purpose:
      "the S3 buckets used as data repositories (the s3ImportPath/s3ExportPath of StorageClasses), for s3:ListBucket",
    example: "arn:aws:s3:::acme-lustre-data",
    note: "Without it, s3:ListBucket on * as upstream.",
    default: "*",
  }),
}).meta({
  description: "Amazon FSx for Lustre CSI driver controller (upstream v1.9.0 policy), in the binding's partition.",
  examples: [{}, { s3BucketArns: ["arn:aws:s3:::acme-lustre-data"] }],
});

export const awsFsxCsiDriver: Preset<z.output<typeof inputs>> = {
  name: PRESET,
  version: "v1.9.0",
  upstream: "kubernetes-sigs/aws-fsx-csi-driver docs/install.md (IAM policy) @ 5b227125 (v1.9.0)",
  description:
    "What the FSx for Lustre CSI controller needs to create, update and delete file systems (on *, as upstream), the FSx service-linked roles of the " +
    "role's account, and s3:ListBucket on the data repository buckets (s3BucketArns, else *).",
  defaultServiceAccount: { namespace: "kube-system", name: "fsx-csi-controller-sa" },
  inputs,
  arnInputs: { serviceRoleArns: S3_DATA_SOURCE_ROLE, s3BucketArns: S3_BUCKET },
  statements(input, context) {
    const statements: PresetStatement[] = [
      allow(
        "SetUpS3DataRepositoryServiceRole",
        ["iam:CreateServiceLinkedRole", "iam:AttachRolePolicy", "iam:PutRolePolicy"],
        input.serviceRoleArns ?? [
          arn(context, "iam", "", context.accountId, `role/aws-service-role/${S3_DATA_SOURCE}/*`),
        ],
      ),
      allow(
        "CreateFsxServiceLinkedRole",
        ["iam:CreateServiceLinkedRole"],
        [arn(context, "iam", "", context.accountId, "role/aws-service-role/fsx.amazonaws.com/*")],
        {
          StringLike: { "iam:AWSServiceName": "fsx.amazonaws.com" },
        },
      ),
      allow(
        "ManageFileSystems",
        [
          "fsx:CreateFileSystem",
          "fsx:DeleteFileSystem",
          "fsx:DescribeFileSystems",
          "fsx:TagResource",
          "fsx:UpdateFileSystem",
        ],
        ["*"],
      ),
      allow("ListDataRepositoryBuckets", ["s3:ListBucket"], input.s3BucketArns ?? ["*"]),
    ];
    return statements;
  },
  waivers: [
    {
      rule: "IAM003",
      reason:
        "iam:AttachRolePolicy and iam:PutRolePolicy are limited to FSx's S3 data repository service-linked roles, which only FSx can assume",
    },
    {
      rule: "IAM007",
      reason:
        "FSx file systems are created at run time and carry no cluster tag: upstream keeps the fsx actions (and s3:ListBucket without s3BucketArns) on *",
    },
  ],
  scopedBeyondAnchors: ["iam:CreateServiceLinkedRole"],
};
