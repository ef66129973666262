/**
 * ExternalDNS on Route 53.
 *
 * Upstream: kubernetes-sigs/external-dns, docs/tutorials/aws.md "IAM Policy" at 2bf1bf8a (release
 * v0.22.0): ChangeResourceRecordSets, ListResourceRecordSets and ListTagsForResources on
 * `hostedzone/*`, ListHostedZones on `*`. The provider (provider/aws/aws.go) calls exactly these.
 *
 * Here the three zone actions are limited to hostedZoneArns, which is required: terraform-aws-modules
 * v6 defaults it to [] and renders a statement AWS rejects, eksctl and v5 give every zone, and all
 * of them move ListResourceRecordSets and ListTagsForResources to `*`.
 */
import type { z } from "zod";
import { HOSTED_ZONE, presetInputs, requiredArns } from "./inputs";
import type { Preset } from "./preset";
import { allow } from "./statements";

const inputs = presetInputs("external-dns", {
  hostedZoneArns: requiredArns({
    preset: "external-dns",
    field: "hostedZoneArns",
    shape: HOSTED_ZONE,
    purpose: "the hosted zones whose records external-dns may list and change",
    example: "arn:aws:route53:::hostedzone/Z0123456789ABCDEFGHIJ",
  }),
}).meta({
  description: "ExternalDNS on Route 53 (upstream docs/tutorials/aws.md), limited to hostedZoneArns.",
  examples: [{ hostedZoneArns: ["arn:aws:route53:::hostedzone/Z0123456789ABCDEFGHIJ"] }],
});

export const externalDns: Preset<z.output<typeof inputs>> = {
  name: "external-dns",
  version: "v0.22.0",
  upstream: "kubernetes-sigs/external-dns docs/tutorials/aws.md (IAM Policy) @ 2bf1bf8a (v0.22.0)",
  description:
    "What ExternalDNS needs to keep Route 53 records in line with Services and Ingresses: list, read tags of and change records in hostedZoneArns only; " +
    "list hosted zones (an action that only takes *) to find them.",
  defaultServiceAccount: { namespace: "external-dns", name: "external-dns" },
  inputs,
  arnInputs: { hostedZoneArns: HOSTED_ZONE },
  statements(input) {
    return [
      allow(
        "ManageRecordsInZones",
        ["route53:ChangeResourceRecordSets", "route53:ListResourceRecordSets", "route53:ListTagsForResources"],
        input.hostedZoneArns,
      ),
      allow("ListHostedZones", ["route53:ListHostedZones"], ["*"]),
    ];
  },
  scopedBeyondAnchors: [
    "route53:ChangeResourceRecordSets",
    "route53:ListResourceRecordSets",
    "route53:ListTagsForResources",
  ],
};
