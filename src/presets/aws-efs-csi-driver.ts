/**
 * Amazon EFS CSI driver (controller): dynamic provisioning with access points, on EFS and on S3
 * Files file systems.
 *
 * Upstream: kubernetes-sigs/aws-efs-csi-driver, docs/iam-policy-example.json at a4fc6760 (release
 * v3.4.1, chart 4.4.1): describe/list on `*`; CreateAccessPoint with the request tag
 * efs.csi.aws.com/cluster = true, TagResource and DeleteAccessPoint on access points tagged so;
 * each for EFS and for its s3files twin. No anchor has the s3files actions yet.
 *
 * The driver's tag is the constant "true" (pkg/driver/controller.go DefaultTagKey/DefaultTagValue),
 * not the cluster name, so access points cannot be told apart by cluster. What can be scoped is the
 * file system an access point is created in: fileSystemArns.
 */
import type { z } from "zod";
import { EFS_FILE_SYSTEM, flag, optionalArns, presetInputs } from "./inputs";
import type { Preset, PresetStatement } from "./preset";
import { allow } from "./statements";

const PRESET = "aws-efs-csi-driver";

const inputs = presetInputs(PRESET, {
  fileSystemArns: optionalArns({
    preset: PRESET,
    field: "fileSystemArns",
    shape: EFS_FILE_SYSTEM,
    purpose: "the EFS file systems the driver may create access points in (the fileSystemId of its StorageClasses)",
    example: "arn:aws:elasticfilesystem:eu-west-1:111122223333:file-system/fs-0123456789abcdef0",
    note: "Without it, any file system of the account.",
    default: "any file system",
  }),
  s3Files: flag(
    "Also grant the s3files:* twins of the EFS actions, for S3 Files file systems (upstream grants them).",
    true,
  ),
}).meta({
  description:
    "Amazon EFS CSI driver controller (upstream v3.4.1 policy), access points limited to fileSystemArns when given.",
  examples: [
    {},
    {
      fileSystemArns: ["arn:aws:elasticfilesystem:eu-west-1:111122223333:file-system/fs-0123456789abcdef0"],
      s3Files: false,
    },
  ],
});

const REQUEST_TAGGED = { StringLike: { "aws:RequestTag/efs.csi.aws.com/cluster": "true" } };

export const awsEfsCsiDriver: Preset<z.output<typeof inputs>> = {
  name: PRESET,
  version: "v3.4.1",
  upstream: "kubernetes-sigs/aws-efs-csi-driver docs/iam-policy-example.json @ a4fc6760 (v3.4.1)",
  description:
    "What the EFS CSI controller needs to provision volumes as access points: describe file systems, mount targets and access points; create access points " +
    "tagged efs.csi.aws.com/cluster (in fileSystemArns when given), and tag and delete only access points so tagged. With s3Files (default), the same for S3 Files.",
  defaultServiceAccount: { namespace: "kube-system", name: "efs-csi-controller-sa" },
  inputs,
  arnInputs: { fileSystemArns: EFS_FILE_SYSTEM },
  statements(input) {
    const s3Files = input.s3Files ?? true;
    const both = (efs: string, s3files: string) => (s3Files ? [efs, s3files] : [efs]);
    const statements: PresetStatement[] = [
      allow(
        "DescribeFileSystems",
        [
          "elasticfilesystem:DescribeAccessPoints",
          "elasticfilesystem:DescribeFileSystems",
          "elasticfilesystem:DescribeMountTargets",
          "ec2:DescribeAvailabilityZones",
          ...(s3Files ? ["s3files:ListAccessPoints", "s3files:ListFileSystems"] : []),
        ],
        ["*"],
      ),
    ];
    if (input.fileSystemArns) {
      statements.push(
        allow(
          "CreateTaggedAccessPointsInFileSystems",
          ["elasticfilesystem:CreateAccessPoint"],
          input.fileSystemArns,
          REQUEST_TAGGED,
        ),
      );
      if (s3Files)
        statements.push(allow("CreateTaggedS3FilesAccessPoints", ["s3files:CreateAccessPoint"], ["*"], REQUEST_TAGGED));
    } else {
      statements.push(
        allow(
          "CreateTaggedAccessPoints",
          both("elasticfilesystem:CreateAccessPoint", "s3files:CreateAccessPoint"),
          ["*"],
          REQUEST_TAGGED,
        ),
      );
    }
    statements.push(
      allow("TagDriverAccessPoints", both("elasticfilesystem:TagResource", "s3files:TagResource"), ["*"], {
        StringLike: { "aws:ResourceTag/efs.csi.aws.com/cluster": "true" },
      }),
      allow(
        "DeleteDriverAccessPoints",
        both("elasticfilesystem:DeleteAccessPoint", "s3files:DeleteAccessPoint"),
        ["*"],
        {
          StringEquals: { "aws:ResourceTag/efs.csi.aws.com/cluster": "true" },
        },
      ),
    );
    return statements;
  },
  waivers: [
    {
      rule: "IAM007",
      reason:
        "access points are created at run time, so upstream scopes them by the driver's tag efs.csi.aws.com/cluster, not by ARN",
    },
  ],
};
