/**
 * AWS Private CA Issuer for cert-manager.
 *
 * Upstream: cert-manager/aws-privateca-issuer, README.md "Configuration" at cc32c134 (release
 * v1.9.0, chart v1.9.1): DescribeCertificateAuthority, GetCertificate and IssueCertificate on a
 * certificate authority. Only terraform-aws-modules' Pod Identity module has it, with an empty
 * default that AWS rejects; here certificateAuthorityArns is required.
 */
import type { z } from "zod";
import { presetInputs, PRIVATE_CA, requiredArns } from "./inputs";
import type { Preset } from "./preset";
import { allow } from "./statements";

const PRESET = "aws-privateca-issuer";

const inputs = presetInputs(PRESET, {
  certificateAuthorityArns: requiredArns({
    preset: PRESET,
    field: "certificateAuthorityArns",
    shape: PRIVATE_CA,
    purpose: "the private certificate authorities the issuer may issue certificates from (its AWSPCAIssuer arn)",
    example: "arn:aws:acm-pca:eu-west-1:111122223333:certificate-authority/12345678-1234-1234-1234-123456789012",
  }),
}).meta({
  description: "AWS Private CA Issuer (upstream v1.9.0 README), limited to certificateAuthorityArns.",
  examples: [
    {
      certificateAuthorityArns: [
        "arn:aws:acm-pca:eu-west-1:111122223333:certificate-authority/12345678-1234-1234-1234-123456789012",
      ],
    },
  ],
});

export const awsPrivatecaIssuer: Preset<z.output<typeof inputs>> = {
  name: PRESET,
  version: "v1.9.0",
  upstream: "cert-manager/aws-privateca-issuer README.md (Configuration) @ cc32c134 (v1.9.0)",
  description:
    "What the AWS Private CA Issuer needs to sign certificates: describe, issue from and fetch certificates of certificateAuthorityArns only.",
  defaultServiceAccount: { namespace: "aws-privateca-issuer", name: "aws-privateca-issuer" },
  inputs,
  arnInputs: { certificateAuthorityArns: PRIVATE_CA },
  statements(input) {
    return [
      allow(
        "IssueFromCertificateAuthorities",
        ["acm-pca:DescribeCertificateAuthority", "acm-pca:GetCertificate", "acm-pca:IssueCertificate"],
        input.certificateAuthorityArns,
      ),
    ];
  },
};
