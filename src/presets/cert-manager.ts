/**
 * cert-manager, ACME DNS-01 challenges on Route 53.
 *
 * Upstream: cert-manager/website, content/docs/configuration/acme/dns01/route53.md "Set up an IAM
 * Policy" at 776e5dba: GetChange on `change/*`; ChangeResourceRecordSets and ListResourceRecordSets
 * on `hostedzone/*` with `ForAllValues:StringEquals route53:ChangeResourceRecordSetsRecordTypes =
 * TXT`; ListHostedZonesByName on `*`.
 *
 * Here the zone actions are limited to hostedZoneArns (required), and the TXT-only condition that
 * no terraform-aws-modules or eksctl version carries is kept: cert-manager writes TXT records only,
 * so the role cannot repoint an A or CNAME record.
 */
import type { z } from "zod";
import { HOSTED_ZONE, presetInputs, requiredArns } from "./inputs";
import type { Preset } from "./preset";
import { allow, arn } from "./statements";

const inputs = presetInputs("cert-manager", {
  hostedZoneArns: requiredArns({
    preset: "cert-manager",
    field: "hostedZoneArns",
    shape: HOSTED_ZONE,
    purpose: "the hosted zones cert-manager may write ACME challenge TXT records in",
    example: "arn:aws:route53:::hostedzone/Z0123456789ABCDEFGHIJ",
  }),
}).meta({
  description:
    "cert-manager DNS-01 on Route 53 (upstream cert-manager.io route53 docs): TXT records only, in hostedZoneArns only.",
  examples: [{ hostedZoneArns: ["arn:aws:route53:::hostedzone/Z0123456789ABCDEFGHIJ"] }],
});

export const certManager: Preset<z.output<typeof inputs>> = {
  name: "cert-manager",
  version: "website@776e5dba",
  upstream: "cert-manager/website content/docs/configuration/acme/dns01/route53.md (Set up an IAM Policy) @ 776e5dba",
  description:
    "What cert-manager needs to solve ACME DNS-01 challenges in Route 53: change TXT records (no other type) and list records in hostedZoneArns only, " +
    "follow the change to completion, and find a zone by name (an action that only takes *).",
  defaultServiceAccount: { namespace: "cert-manager", name: "cert-manager" },
  inputs,
  arnInputs: { hostedZoneArns: HOSTED_ZONE },
  statements(input, context) {
    return [
      allow("GetChanges", ["route53:GetChange"], [arn(context, "route53", "", "", "change/*")]),
      allow("ChangeTxtRecordsInZones", ["route53:ChangeResourceRecordSets"], input.hostedZoneArns, {
        "ForAllValues:StringEquals": { "route53:ChangeResourceRecordSetsRecordTypes": ["TXT"] },
      }),
      allow("ListRecordsInZones", ["route53:ListResourceRecordSets"], input.hostedZoneArns),
      allow("FindHostedZones", ["route53:ListHostedZonesByName"], ["*"]),
    ];
  },
  scopedBeyondAnchors: ["route53:ChangeResourceRecordSets", "route53:ListResourceRecordSets"],
  waivers: [
    {
      rule: "IAM007",
      reason:
        "route53:GetChange polls the change Route 53 returned, whose id is random: it can only be granted on every change (change/*), which reveals no record",
    },
  ],
};
