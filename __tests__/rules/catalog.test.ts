import {
  accessLevelOf,
  actionInfo,
  actionSupportsConditionKey,
  conditionKeyStatus,
  expandActionPattern,
  suggestAction,
} from "../../src/catalog/iam-actions";
import { awsManagedPolicy, awsManagedPolicyArnByName } from "../../src/catalog/aws-managed-policies";
import { statementOfDocument, statementsOfDocument } from "../../src/iam/policy-document";
import { findingsOf, withStatements } from "./lint-helpers";

test("expandActionPattern expands * and ? case-insensitively, canonically spelled and sorted", () => {
  expect(expandActionPattern("sqs:*Message")).toEqual(["sqs:DeleteMessage", "sqs:ReceiveMessage", "sqs:SendMessage"]);
  expect(expandActionPattern("S3:getobject")).toEqual(["s3:GetObject"]);
  expect(expandActionPattern("sqs:?eceiveMessage")).toEqual(["sqs:ReceiveMessage"]);
  expect(expandActionPattern("iam:*").length).toBeGreaterThan(100);
  expect(expandActionPattern("*").length).toBeGreaterThan(10000);
});

test("expandActionPattern gives [] for unknown services, actions and empty wildcards", () => {
  expect(expandActionPattern("s4:GetObject")).toEqual([]);
  expect(expandActionPattern("s3:GetObjects")).toEqual([]);
  expect(expandActionPattern("s3:Fly*")).toEqual([]);
  expect(expandActionPattern("GetObject")).toEqual([]);
});

test("accessLevelOf gives the IAM documentation's level", () => {
  expect(accessLevelOf("s3:GetObject")).toBe("Read");
  expect(accessLevelOf("s3:ListBucket")).toBe("List");
  expect(accessLevelOf("sqs:SendMessage")).toBe("Write");
  expect(accessLevelOf("iam:PutRolePolicy")).toBe("Permissions management");
  expect(accessLevelOf("ec2:CreateTags")).toBe("Tagging");
  expect(accessLevelOf("s3:Nope")).toBeUndefined();
});

test("resource types: scopable actions have them, list-only actions do not", () => {
  expect(actionInfo("route53:ListHostedZones")!.resourceTypes).toEqual([]);
  expect(actionInfo("route53:ListResourceRecordSets")!.resourceTypes.map((t) => t.name)).toEqual(["hostedzone"]);
});

test("suggestAction", () => {
  expect(suggestAction("s3:GetObjects")).toBe("s3:GetObject");
  expect(suggestAction("sqs:RecieveMessage")).toBe("sqs:ReceiveMessage");
  expect(suggestAction("zzzzzz:Nothing")).toBeUndefined();
});

test("resource types carry their ARN templates, looked up by the type's lowercased name", () => {
  expect(actionInfo("secretsmanager:GetSecretValue")!.resourceTypes).toEqual([
    {
      name: "Secret",
      required: true,
      arns: ["arn:${Partition}:secretsmanager:${Region}:${Account}:secret:${SecretId}"],
    },
  ]);
  // API Gateway writes two templates in one string.
  const stage = actionInfo("apigateway:GET")!.resourceTypes.find((t) => t.name === "Stage")!;
  expect(stage.arns).toHaveLength(2);
  expect(actionInfo("secretsmanager:BatchGetSecretValue")!.resourceTypes).toEqual([]);
});

describe("condition keys with a placeholder match any tag key", () => {
  test.each([
    // The catalogue spells "any tag key" as ${TagKey}, <key>, a last segment tag-key, or nothing after the slash.
    ["secretsmanager:ResourceTag/managed-by", "secretsmanager:GetSecretValue"],
    ["ssm:ResourceTag/team", "ssm:GetParameter"],
    ["s3:ExistingObjectTag/team", "s3:GetObject"],
    ["kms:EncryptionContext:aws:s3:arn", "kms:Decrypt"],
    // Keys of a resource type whose name the action writes in mixed case (ReplicationInstance).
    ["dms:rep-tag/Project", "dms:CreateReplicationInstance"],
  ])("%s is known and available on %s", (key, action) => {
    expect(conditionKeyStatus(key)).toEqual({ known: true });
    expect(actionSupportsConditionKey(actionInfo(action)!, key)).toBe(true);
  });
  test("glacier:ResourceTag/ (an empty tail) is any tag key; the bare prefix is not a key", () => {
    expect(conditionKeyStatus("glacier:ResourceTag/team")).toEqual({ known: true });
    expect(conditionKeyStatus("secretsmanager:ResourceTag")).toMatchObject({ known: false });
    expect(conditionKeyStatus("secretsmanager:ResourceTag/")).toMatchObject({ known: false });
  });
});

describe("AWS's own statements, pasted as a binding's, are not IAM009's: the catalogue's placeholder keys", () => {
  test.each(["AmazonSageMakerSpacesControllerPolicy", "DBModProvisioningAndMigration", "AWSDataSyncFullAccess"])(
    "%s",
    (name) => {
      const policy = awsManagedPolicy(awsManagedPolicyArnByName(name)!)!;
      // Sids are left out: statementOfDocument drops them (AWS's may hold characters podiam's refuse).
      const statements = statementsOfDocument(policy.document).map(
        (s) => `        - ${JSON.stringify(statementOfDocument(s))}\n`,
      );
      const keys = JSON.stringify(policy.document).match(/(secretsmanager|ssm|dms):[A-Za-z-]*[Tt]ag\/[^"]+/g) ?? [];
      expect(keys.length).toBeGreaterThan(0);
      expect(findingsOf(withStatements(statements.join("")), "IAM009")).toEqual([]);
    },
  );
});
