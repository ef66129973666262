/**
 * External Secrets Operator, AWS Secrets Manager and SSM Parameter Store providers.
 *
 * Upstream: external-secrets/external-secrets at cc5bfbc2 (release v2.9.0):
 * docs/provider/aws-secrets-manager.md (read policy; PushSecret policy with DeleteSecret only on
 * secrets tagged managed-by = external-secrets) and docs/provider/aws-parameter-store.md (read:
 * ssm:GetParameter*; push: ssm:GetParameter*, ssm:PutParameter*, AddTagsToResource,
 * ListTagsForResource; DescribeParameters to find parameters). Checked against the provider code
 * (providers/v1/aws/{secretsmanager,parameterstore}), which also calls secretsmanager:UntagResource,
 * ssm:RemoveTagsFromResource and ssm:DeleteParameter when pushing; those are granted with push.
 *
 * Upstream's ssm:GetParameter* is granted as the two calls the provider makes, GetParameter and
 * GetParametersByPath (GetParameterHistory would read old values). Each service is granted only
 * when its ARNs are given; kms:Decrypt only on kmsKeyArns (terraform-aws-modules' Pod Identity
 * module falls back to every key of the account). DeleteParameter, like DeleteSecret, only on
 * what the operator tagged managed-by = external-secrets, as the provider checks before deleting.
 */
import type { z } from "zod";
import { flag, KMS_KEY, optionalArns, presetInputs, SECRET, SSM_PARAMETER } from "./inputs";
import type { Preset, PresetStatement } from "./preset";
import { allow } from "./statements";

const PRESET = "external-secrets";
const MANAGED_BY = { StringEquals: { "aws:ResourceTag/managed-by": "external-secrets" } };

const inputs = presetInputs(PRESET, {
  secretsManagerArns: optionalArns({
    preset: PRESET,
    field: "secretsManagerArns",
    shape: SECRET,
    purpose: "the Secrets Manager secrets the operator may read (and, with pushSecrets, write)",
    example: "arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/billing/*",
    note: "Give this, ssmParameterArns, or both.",
  }),
  ssmParameterArns: optionalArns({
    preset: PRESET,
    field: "ssmParameterArns",
    shape: SSM_PARAMETER,
    purpose: "the SSM parameters the operator may read (and, with pushSecrets, write)",
    example: "arn:aws:ssm:eu-west-1:111122223333:parameter/prod/billing/*",
    note: "Give this, secretsManagerArns, or both.",
  }),
  kmsKeyArns: optionalArns({
    preset: PRESET,
    field: "kmsKeyArns",
    shape: KMS_KEY,
    purpose: "the customer managed KMS keys the secrets or SecureString parameters are encrypted with",
    example: "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
    note: "Not needed for the AWS managed keys aws/secretsmanager and aws/ssm.",
  }),
  pushSecrets: flag(
    "Allow PushSecret: create, update, tag and replicate the secrets and parameters, and delete those the operator tagged managed-by = external-secrets.",
    false,
  ),
})
  .superRefine((value, context) => {
    if (!value.secretsManagerArns && !value.ssmParameterArns) {
      context.addIssue({
        code: "custom",
        path: ["secretsManagerArns"],
        message: "external-secrets needs secretsManagerArns or ssmParameterArns (or both): the secrets it may read",
      });
    }
  })
  .meta({
    description:
      "External Secrets Operator for Secrets Manager and Parameter Store (upstream v2.9.0 docs), limited to the given secrets, parameters and keys.",
    examples: [{ secretsManagerArns: ["arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/billing/*"] }],
  });

export const externalSecrets: Preset<z.output<typeof inputs>> = {
  name: PRESET,
  version: "v2.9.0",
  upstream:
    "external-secrets/external-secrets docs/provider/aws-secrets-manager.md, docs/provider/aws-parameter-store.md @ cc5bfbc2 (v2.9.0)",
  description:
    "What the External Secrets Operator needs to read secretsManagerArns and ssmParameterArns (and list/find them: actions that only take *), decrypt with " +
    "kmsKeyArns, and with pushSecrets write them back, deleting only what it tagged managed-by = external-secrets.",
  defaultServiceAccount: { namespace: "external-secrets", name: "external-secrets" },
  inputs,
  arnInputs: { secretsManagerArns: SECRET, ssmParameterArns: SSM_PARAMETER, kmsKeyArns: KMS_KEY },
  statements(input) {
    const push = input.pushSecrets ?? false;
    const statements: PresetStatement[] = [];
    const secrets = input.secretsManagerArns;
    const parameters = input.ssmParameterArns;
    if (secrets) {
      // Listing and batch reads take only *; BatchGetSecretValue still checks GetSecretValue on each secret.
      statements.push(
        allow("ListSecrets", ["secretsmanager:ListSecrets", "secretsmanager:BatchGetSecretValue"], ["*"]),
        allow(
          "ReadSecrets",
          [
            "secretsmanager:GetResourcePolicy",
            "secretsmanager:GetSecretValue",
            "secretsmanager:DescribeSecret",
            "secretsmanager:ListSecretVersionIds",
          ],
          secrets,
        ),
      );
      if (push) {
        statements.push(
          allow(
            "PushSecrets",
            [
              "secretsmanager:CreateSecret",
              "secretsmanager:PutSecretValue",
              "secretsmanager:TagResource",
              "secretsmanager:UntagResource",
              "secretsmanager:GetResourcePolicy",
              "secretsmanager:PutResourcePolicy",
              "secretsmanager:DeleteResourcePolicy",
              "secretsmanager:ReplicateSecretToRegions",
              "secretsmanager:RemoveRegionsFromReplication",
            ],
            secrets,
          ),
          allow("DeletePushedSecrets", ["secretsmanager:DeleteSecret"], secrets, MANAGED_BY),
        );
      }
    }
    if (parameters) {
      statements.push(
        allow("FindParameters", ["ssm:DescribeParameters"], ["*"]),
        allow("ReadParameters", ["ssm:GetParameter", "ssm:GetParametersByPath"], parameters),
      );
      if (push) {
        statements.push(
          allow(
            "PushParameters",
            ["ssm:PutParameter", "ssm:AddTagsToResource", "ssm:ListTagsForResource", "ssm:RemoveTagsFromResource"],
            parameters,
          ),
          allow("DeletePushedParameters", ["ssm:DeleteParameter"], parameters, MANAGED_BY),
        );
      }
    }
    if (input.kmsKeyArns) {
      statements.push(allow("DecryptWithKeys", ["kms:Decrypt"], input.kmsKeyArns));
      // Writing a secret or a SecureString with a customer managed key encrypts with it.
      if (push) statements.push(allow("EncryptWithKeys", ["kms:Encrypt", "kms:GenerateDataKey"], input.kmsKeyArns));
    }
    return statements;
  },
  scopedBeyondAnchors: ["kms:Decrypt"],
};
