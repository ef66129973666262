/**
 * AWS Load Balancer Controller.
 *
 * Upstream: kubernetes-sigs/aws-load-balancer-controller, docs/install/iam_policy.json at v3.5.0
 * (tag commit 11eb202c; unchanged at 225f4456). The iam_policy_cn.json and iam_policy_us-gov.json
 * variants are the same statements in their partition. wafv2:ListWebACLs is from
 * docs/guide/ingress/annotations.md (alb.ingress.kubernetes.io/wafv2-acl-name).
 *
 * Every action of upstream is kept. Upstream lets the controller change any load balancer, target
 * group or security group that carries the tag `elbv2.k8s.aws/cluster`, whatever its value, so one
 * cluster's controller can delete another's; the controller writes its `--cluster-name` as the
 * value, so here every such test is `StringEquals` on the binding's EKS names. The "no re-tagging"
 * guards (`Null aws:RequestTag/... = true`) stay as upstream has them.
 */
import type { z } from "zod";
import { clusterNamesInput, flag, presetInputs } from "./inputs";
import type { Preset } from "./preset";
import { allow, arn, clusterNamesOf } from "./statements";

const CLUSTER_TAG = "elbv2.k8s.aws/cluster";

const inputs = presetInputs("aws-load-balancer-controller", {
  clusterNames: clusterNamesInput(
    "aws-load-balancer-controller (its --cluster-name / Helm clusterName)",
    "whose load balancers, target groups and security groups the controller may change: it tags what it creates with elbv2.k8s.aws/cluster = this name",
  ),
  wafv2AclByName: flag(
    "Allow wafv2:ListWebACLs, which the alb.ingress.kubernetes.io/wafv2-acl-name annotation needs to find a web ACL by name.",
    false,
  ),
}).meta({
  description:
    "AWS Load Balancer Controller (upstream v3.5.0 policy), its writes limited to resources tagged for the binding's clusters.",
  examples: [{}, { wafv2AclByName: true }],
});

export const awsLoadBalancerController: Preset<z.output<typeof inputs>> = {
  name: "aws-load-balancer-controller",
  version: "v3.5.0",
  upstream: "kubernetes-sigs/aws-load-balancer-controller docs/install/iam_policy.json @ v3.5.0 (11eb202c)",
  description:
    "What the AWS Load Balancer Controller needs to run ALBs and NLBs for Ingresses and Services. Every change to an existing load balancer, target group, " +
    "listener tag or security group is limited to those tagged elbv2.k8s.aws/cluster with one of clusterNames (upstream accepts any value of the tag). " +
    "Describe calls, WAF/Shield association, certificate reads and ingress rules on node security groups stay on * as upstream has them: the controller works on resources it does not own.",
  defaultServiceAccount: { namespace: "kube-system", name: "aws-load-balancer-controller" },
  inputs,
  statements(input, context) {
    const names = clusterNamesOf(input.clusterNames, context, "aws-load-balancer-controller");
    const ec2 = (resource: string) => arn(context, "ec2", "*", "*", resource);
    const elb = (resource: string) => arn(context, "elasticloadbalancing", "*", "*", resource);
    const securityGroups = [ec2("security-group/*")];
    const loadBalancersAndTargetGroups = [
      elb("targetgroup/*/*"),
      elb("loadbalancer/net/*/*"),
      elb("loadbalancer/app/*/*"),
    ];
    const requestedForCluster = { [`aws:RequestTag/${CLUSTER_TAG}`]: names };
    const ownedByCluster = { StringEquals: { [`aws:ResourceTag/${CLUSTER_TAG}`]: names } };
    // A request that does not set the cluster tag: it cannot move a resource to another cluster.
    const notRetagging = { [`aws:RequestTag/${CLUSTER_TAG}`]: "true" };
    return [
      allow(
        "CreateElbServiceLinkedRole",
        ["iam:CreateServiceLinkedRole"],
        [
          arn(
            context,
            "iam",
            "",
            context.accountId,
            "role/aws-service-role/elasticloadbalancing.amazonaws.com/AWSServiceRoleForElasticLoadBalancing",
          ),
        ],
        { StringEquals: { "iam:AWSServiceName": "elasticloadbalancing.amazonaws.com" } },
      ),
      allow(
        "DescribeNetworkAndLoadBalancers",
        [
          "ec2:DescribeAccountAttributes",
          "ec2:DescribeAddresses",
          "ec2:DescribeAvailabilityZones",
          "ec2:DescribeInternetGateways",
          "ec2:DescribeVpcs",
          "ec2:DescribeVpcPeeringConnections",
          "ec2:DescribeSubnets",
          "ec2:DescribeSecurityGroups",
          "ec2:DescribeInstances",
          "ec2:DescribeNetworkInterfaces",
          "ec2:DescribeTags",
          "ec2:GetCoipPoolUsage",
          "ec2:DescribeCoipPools",
          "ec2:GetSecurityGroupsForVpc",
          "ec2:DescribeIpamPools",
          "ec2:DescribeRouteTables",
          "elasticloadbalancing:DescribeLoadBalancers",
          "elasticloadbalancing:DescribeLoadBalancerAttributes",
          "elasticloadbalancing:DescribeListeners",
          "elasticloadbalancing:DescribeListenerCertificates",
          "elasticloadbalancing:DescribeSSLPolicies",
          "elasticloadbalancing:DescribeRules",
          "elasticloadbalancing:DescribeTargetGroups",
          "elasticloadbalancing:DescribeTargetGroupAttributes",
          "elasticloadbalancing:DescribeTargetHealth",
          "elasticloadbalancing:DescribeTags",
          "elasticloadbalancing:DescribeTrustStores",
          "elasticloadbalancing:DescribeListenerAttributes",
          "elasticloadbalancing:DescribeCapacityReservation",
        ],
        ["*"],
      ),
      // Certificates, user pools, WAF and Shield are the user's, named in annotations: not the controller's to tag.
      allow(
        "UseCertificatesWafAndShield",
        [
          "cognito-idp:DescribeUserPoolClient",
          "acm:ListCertificates",
          "acm:DescribeCertificate",
          "iam:ListServerCertificates",
          "iam:GetServerCertificate",
          "waf-regional:GetWebACL",
          "waf-regional:GetWebACLForResource",
          "waf-regional:AssociateWebACL",
          "waf-regional:DisassociateWebACL",
          "wafv2:GetWebACL",
          "wafv2:GetWebACLForResource",
          "wafv2:AssociateWebACL",
          "wafv2:DisassociateWebACL",
          "shield:GetSubscriptionState",
          "shield:DescribeProtection",
          "shield:CreateProtection",
          "shield:DeleteProtection",
        ],
        ["*"],
      ),
      // The controller opens the nodes' security groups to its load balancers: those are not its own.
      allow(
        "ManageNodeSecurityGroupIngress",
        ["ec2:AuthorizeSecurityGroupIngress", "ec2:RevokeSecurityGroupIngress"],
        ["*"],
      ),
      allow("CreateSecurityGroups", ["ec2:CreateSecurityGroup"], ["*"]),
      allow("TagSecurityGroupsOnCreation", ["ec2:CreateTags"], securityGroups, {
        StringEquals: { "ec2:CreateAction": "CreateSecurityGroup", ...requestedForCluster },
      }),
      allow("TagClusterSecurityGroups", ["ec2:CreateTags", "ec2:DeleteTags"], securityGroups, {
        Null: notRetagging,
        ...ownedByCluster,
      }),
      allow(
        "ManageClusterSecurityGroups",
        ["ec2:AuthorizeSecurityGroupIngress", "ec2:RevokeSecurityGroupIngress", "ec2:DeleteSecurityGroup"],
        ["*"],
        ownedByCluster,
      ),
      allow(
        "CreateLoadBalancersAndTargetGroups",
        ["elasticloadbalancing:CreateLoadBalancer", "elasticloadbalancing:CreateTargetGroup"],
        ["*"],
        {
          StringEquals: requestedForCluster,
        },
      ),
      allow(
        "ManageListenersAndRules",
        [
          "elasticloadbalancing:CreateListener",
          "elasticloadbalancing:DeleteListener",
          "elasticloadbalancing:CreateRule",
          "elasticloadbalancing:DeleteRule",
        ],
        ["*"],
      ),
      allow(
        "TagClusterLoadBalancersAndTargetGroups",
        ["elasticloadbalancing:AddTags", "elasticloadbalancing:RemoveTags"],
        loadBalancersAndTargetGroups,
        {
          Null: notRetagging,
          ...ownedByCluster,
        },
      ),
      allow(
        "TagListenersAndRules",
        ["elasticloadbalancing:AddTags", "elasticloadbalancing:RemoveTags"],
        [
          elb("listener/net/*/*/*"),
          elb("listener/app/*/*/*"),
          elb("listener-rule/net/*/*/*"),
          elb("listener-rule/app/*/*/*"),
        ],
      ),
      allow(
        "ManageClusterLoadBalancersAndTargetGroups",
        [
          "elasticloadbalancing:ModifyLoadBalancerAttributes",
          "elasticloadbalancing:SetIpAddressType",
          "elasticloadbalancing:SetSecurityGroups",
          "elasticloadbalancing:SetSubnets",
          "elasticloadbalancing:DeleteLoadBalancer",
          "elasticloadbalancing:ModifyTargetGroup",
          "elasticloadbalancing:ModifyTargetGroupAttributes",
          "elasticloadbalancing:DeleteTargetGroup",
          "elasticloadbalancing:ModifyListenerAttributes",
          "elasticloadbalancing:ModifyCapacityReservation",
          "elasticloadbalancing:ModifyIpPools",
        ],
        ["*"],
        ownedByCluster,
      ),
      allow(
        "TagLoadBalancersAndTargetGroupsOnCreation",
        ["elasticloadbalancing:AddTags"],
        loadBalancersAndTargetGroups,
        {
          StringEquals: {
            "elasticloadbalancing:CreateAction": ["CreateTargetGroup", "CreateLoadBalancer"],
            ...requestedForCluster,
          },
        },
      ),
      // TargetGroupBindings may point at target groups made elsewhere (untagged): upstream keeps these on every target group.
      allow(
        "RegisterTargets",
        ["elasticloadbalancing:RegisterTargets", "elasticloadbalancing:DeregisterTargets"],
        [elb("targetgroup/*/*")],
      ),
      allow(
        "ModifyListenersAndRules",
        [
          "elasticloadbalancing:SetWebAcl",
          "elasticloadbalancing:ModifyListener",
          "elasticloadbalancing:AddListenerCertificates",
          "elasticloadbalancing:RemoveListenerCertificates",
          "elasticloadbalancing:ModifyRule",
          "elasticloadbalancing:SetRulePriorities",
        ],
        ["*"],
      ),
      ...(input.wafv2AclByName ? [allow("ListWafv2WebAcls", ["wafv2:ListWebACLs"], ["*"])] : []),
    ];
  },
  waivers: [
    {
      rule: "IAM007",
      reason:
        "upstream v3.5.0 keeps these on *: the controller edits node security groups and listeners it does not own and associates WAF/Shield with what annotations name; its own resources are scoped by the elbv2.k8s.aws/cluster tag",
    },
  ],
  scopedBeyondAnchors: [
    "iam:CreateServiceLinkedRole",
    "ec2:DeleteSecurityGroup",
    "elasticloadbalancing:CreateLoadBalancer",
    "elasticloadbalancing:CreateTargetGroup",
    "elasticloadbalancing:ModifyLoadBalancerAttributes",
    "elasticloadbalancing:SetIpAddressType",
    "elasticloadbalancing:SetSecurityGroups",
    "elasticloadbalancing:SetSubnets",
    "elasticloadbalancing:DeleteLoadBalancer",
    "elasticloadbalancing:ModifyTargetGroup",
    "elasticloadbalancing:ModifyTargetGroupAttributes",
    "elasticloadbalancing:DeleteTargetGroup",
    "elasticloadbalancing:ModifyListenerAttributes",
    "elasticloadbalancing:ModifyCapacityReservation",
    "elasticloadbalancing:ModifyIpPools",
  ],
};
