import { accessLevelOf, actionInfo, expandActionPattern, suggestAction } from "../../src/catalog/iam-actions";

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
