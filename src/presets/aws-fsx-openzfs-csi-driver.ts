/**
 * Amazon FSx for OpenZFS CSI driver (controller).
 *
 * Upstream: kubernetes-sigs/aws-fsx-openzfs-csi-driver, docs/install.md IAM policy at dc7b82cd
 * (release v1.2.0, chart 1.2.0): the FSx service-linked role (`aws-service-role/fsx.amazonaws.com/*`)
 * and twelve fsx actions on `*`.
 *
 * Kept as upstream in the binding's partition (terraform-aws-modules' default hard-codes
 * `arn:aws:`), the service-linked role ARNs narrowed to the role's account (serviceRoleArns to
 * override) and the role creation to FSx's path. File systems, volumes and snapshots are created
 * at run time and carry no cluster tag, so the fsx actions stay on `*`.
 */
import type { z } from "zod";
import { optionalArns, presetInputs, serviceLinkedRole } from "./inputs";
import type { Preset } from "./preset";
import { allow, arn } from "./statements";

const PRESET = "aws-fsx-openzfs-csi-driver";
const FSX_ROLE = serviceLinkedRole("fsx.amazonaws.com");

const inputs = presetInputs(PRESET, {
  serviceRoleArns: optionalArns({
    preset: PRESET,
    field: "serviceRoleArns",
    shape: FSX_ROLE,
    purpose: "the FSx service-linked roles the driver may create and set up",
    example: "arn:aws:iam::111122223333:role/aws-service-role/fsx.amazonaws.com/AWSServiceRoleForAmazonFSx",
    note: "Without it, those of the role's account.",
    default: "arn:<partition>:iam::<role account>:role/aws-service-role/fsx.amazonaws.com/*",
  }),
}).meta({
  description: "Amazon FSx for OpenZFS CSI driver controller (upstream v1.2.0 policy), in the binding's partition.",
  examples: [{}],
});

export const awsFsxOpenzfsCsiDriver: Preset<z.output<typeof inputs>> = {
  name: PRESET,
  version: "v1.2.0",
  upstream: "kubernetes-sigs/aws-fsx-openzfs-csi-driver docs/install.md (IAM policy) @ dc7b82cd (v1.2.0)",
  description:
    "What the FSx for OpenZFS CSI controller needs to manage file systems, volumes and snapshots (on *, as upstream) and the FSx service-linked role of the role's account.",
  defaultServiceAccount: { namespace: "kube-system", name: "fsx-openzfs-csi-controller-sa" },
  inputs,
  arnInputs: { serviceRoleArns: FSX_ROLE },
  statements(input, context) {
    const fsxRoles = arn(context, "iam", "", context.accountId, "role/aws-service-role/fsx.amazonaws.com/*");
    return [
      allow(
        "SetUpFsxServiceRole",
        ["iam:CreateServiceLinkedRole", "iam:AttachRolePolicy", "iam:PutRolePolicy"],
        input.serviceRoleArns ?? [fsxRoles],
      ),
      allow("CreateFsxServiceLinkedRole", ["iam:CreateServiceLinkedRole"], [fsxRoles], {
        StringLike: { "iam:AWSServiceName": "fsx.amazonaws.com" },
      }),
      allow(
        "ManageFileSystemsVolumesAndSnapshots",
        [
          "fsx:CreateFileSystem",
          "fsx:UpdateFileSystem",
          "fsx:DeleteFileSystem",
          "fsx:DescribeFileSystems",
          "fsx:CreateVolume",
          "fsx:DeleteVolume",
          "fsx:DescribeVolumes",
          "fsx:CreateSnapshot",
          "fsx:DeleteSnapshot",
          "fsx:DescribeSnapshots",
          "fsx:TagResource",
          "fsx:ListTagsForResource",
        ],
        ["*"],
      ),
    ];
  },
  waivers: [
    {
      rule: "IAM003",
      reason:
        "iam:AttachRolePolicy and iam:PutRolePolicy are limited to FSx's service-linked roles, which only FSx can assume",
    },
    {
      rule: "IAM007",
      reason:
        "FSx file systems, volumes and snapshots are created at run time and carry no cluster tag: upstream keeps the fsx actions on *",
    },
  ],
  scopedBeyondAnchors: ["iam:CreateServiceLinkedRole"],
};
