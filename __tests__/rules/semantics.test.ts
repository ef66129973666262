/**
 * The judgement every rule shares (src/rules/semantics.ts): which actions a statement grants,
 * which resources a pattern covers, which conditions restrict. Claims of "covers every resource"
 * are checked against a policy simulator on concrete ARNs.
 */
import { actionInfo } from "../../src/catalog/iam-actions";
import { coversTemplate, mayMatchTemplate } from "../../src/iam/resource-pattern";
import {
  actionGrant,
  admitsValue,
  limitsValues,
  narrowsResources,
  patternCoversAction,
  patternReachesAction,
} from "../../src/rules/semantics";
import type { StatementView } from "../../src/rules/statements";
import type { Conditions } from "../../src/iam/types";
import { simulateIdentity } from "../helpers/simulate";

function view(statement: Partial<StatementView>): StatementView {
  return { effect: "Allow", label: "test", at: () => [], ...statement } as StatementView;
}

describe("actions: a pattern is the set of actions it matches", () => {
  test.each([
    ["iam:PutRolePolicy", "iam:PutRolePolicy"],
    ["Iam:PutRolePolicy", "iam:PutRolePolicy"],
    ["IAM:putrolepolicy", "iam:PutRolePolicy"],
    ["iam:*Policy*", "iam:PutRolePolicy"],
    ["iam:Put?olePolicy", "iam:PutRolePolicy"],
    ["s3:?*", "s3:GetObject"],
    ["s3:**", "s3:GetObject"],
  ])("%s grants %s", (pattern, action) => {
    expect(actionGrant(view({ actions: [pattern] }), action)).toEqual({ field: "actions", index: 0, pattern });
  });
  test("notActions grant every action they do not match", () => {
    expect(actionGrant(view({ notActions: ["s3:*"] }), "iam:PassRole")).toEqual({ field: "notActions" });
    expect(actionGrant(view({ notActions: ["iam:Pass*", "s3:*"] }), "iam:PassRole")).toBeUndefined();
  });
  test("iam:Get*, iam:PassRoles and every-action patterns do not grant iam:PassRole here", () => {
    expect(actionGrant(view({ actions: ["iam:Get*", "iam:PassRoles"] }), "iam:PassRole")).toBeUndefined();
    // `*` is IAM001's finding; asked for, it is there.
    expect(actionGrant(view({ actions: ["*"] }), "iam:PassRole")).toBeUndefined();
    expect(actionGrant(view({ actions: ["*:*"] }), "iam:PassRole", { everyAction: true })).toMatchObject({ index: 0 });
  });
});

// Templates from the catalogue; the role's own account is 111122223333, its partition aws.
const COVERS: [string, string, boolean][] = [
  ["iam:PassRole", "*", true],
  ["iam:PassRole", "arn:*:*:*:*:*", true],
  ["iam:PassRole", "arn:aws:*:*:*:*", true],
  ["iam:PassRole", "arn:aws:iam::111122223333:role/*", true],
  ["iam:PassRole", "arn:aws:iam::111122223333:role*", true],
  ["iam:PassRole", "arn:aws:iam::*:role/*", true],
  ["iam:PassRole", "arn:aws:iam::????????????:role/*", true],
  ["iam:PassRole", "arn:aws:iam:*:*:role/*", true],
  ["iam:PassRole", "arn:aws:iam::111122223333:*", true],
  ["iam:PassRole", "arn:aws:iam::111122223333:role/?*", true],
  ["iam:PassRole", "arn:aws:iam::111122223333:role/eks/*", false],
  ["iam:PassRole", "arn:aws:iam::111122223333:role/app", false],
  ["iam:PassRole", "arn:aws:iam:eu-west-1:111122223333:role/*", false],
  ["iam:PassRole", "arn:aws-cn:iam::111122223333:role/*", false],
  ["iam:PassRole", "arn:aws:iam::111122223333:user/*", false],
  ["secretsmanager:GetSecretValue", "arn:aws:secretsmanager:*:*:secret:*", true],
  ["secretsmanager:GetSecretValue", "arn:aws:secretsmanager:*:*:secret:?*", true],
  ["secretsmanager:GetSecretValue", "arn:aws:secretsmanager:*:*:*", true],
  ["secretsmanager:GetSecretValue", "arn:aws:secretsmanager:*:*:sec*", true],
  ["secretsmanager:GetSecretValue", "arn:aws:secretsmanager:eu-west-1:111122223333:secret:*", true],
  ["secretsmanager:GetSecretValue", "arn:aws:secretsmanager:*:*:secret:prod/*", false],
  ["s3:GetObject", "arn:*:s3:::*", true],
  ["s3:GetObject", "arn:aws:s3:::*/*", true],
  ["s3:GetObject", "arn:aws:s3:*:*:*", true],
  ["s3:GetObject", "arn:aws:s3:::my-bucket/*", false],
  ["kms:Decrypt", "arn:aws:kms:*:*:key/*", true],
  ["kms:Decrypt", "arn:aws:kms:*:*:*", true],
  ["kms:Decrypt", "arn:aws:kms:*:*:alias/*", false],
  ["ssm:GetParameter", "arn:aws:ssm:*:*:parameter/*", true],
  ["ssm:GetParameter", "arn:aws:ssm:*:*:parameter/app/*", false],
  ["lambda:UpdateFunctionCode", "arn:aws:lambda:*:*:function:*", true],
  ["lambda:UpdateFunctionCode", "arn:aws:lambda:*:*:function*", true],
  // An action that only takes "*" is granted on nothing else.
  ["secretsmanager:BatchGetSecretValue", "*", true],
  ["secretsmanager:BatchGetSecretValue", "arn:aws:secretsmanager:*:*:secret:*", false],
];

describe("resources: a pattern covers every resource of an action's type, or not", () => {
  test.each(COVERS)("%s on %s: %s", (action, pattern, expected) => {
    expect(patternCoversAction(pattern, actionInfo(action)!, "aws")).toBe(expected);
  });

  test("a pattern that covers a type also reaches it; a pattern of another type reaches nothing", () => {
    for (const [action, pattern, covers] of COVERS)
      if (covers)
        expect({ action, pattern, reaches: patternReachesAction(pattern, actionInfo(action)!, "aws") }).toMatchObject({
          reaches: true,
        });
    const passRole = actionInfo("iam:PassRole")!;
    expect(patternReachesAction("arn:aws:iam::111122223333:role/eks/app", passRole, "aws")).toBe(true);
    expect(patternReachesAction("arn:aws:iam::111122223333:user/app", passRole, "aws")).toBe(false);
    expect(patternReachesAction("arn:aws:s3:::bucket", passRole, "aws")).toBe(false);
  });

  test("templates: placeholders stand for any non-empty text; `*` ending a pattern spans colons", () => {
    const secret = {
      template: "arn:${Partition}:secretsmanager:${Region}:${Account}:secret:${SecretId}",
      partition: "aws",
    };
    expect(coversTemplate("arn:aws:secretsmanager:*", secret)).toBe(true);
    expect(coversTemplate("arn:aws:secretsmanager:*:*:secret:??*", secret)).toBe(false);
    expect(mayMatchTemplate("arn:aws:secretsmanager:*:*:secret:??*", secret)).toBe(true);
    expect(mayMatchTemplate("arn:aws:secretsmanager:*:*:parameter/*", secret)).toBe(false);
  });

  // Every covering claim must hold in the simulator: on sample ARNs of the own account, allowed.
  const SAMPLES: Record<string, string[]> = {
    "iam:PassRole": ["arn:aws:iam::111122223333:role/admin", "arn:aws:iam::111122223333:role/a/b/c"],
    "secretsmanager:GetSecretValue": ["arn:aws:secretsmanager:eu-west-1:111122223333:secret:db-AbCdEf"],
    "s3:GetObject": ["arn:aws:s3:::any-bucket/some/key"],
    "kms:Decrypt": ["arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"],
    "ssm:GetParameter": ["arn:aws:ssm:eu-west-1:111122223333:parameter/db/password"],
    "lambda:UpdateFunctionCode": ["arn:aws:lambda:eu-west-1:111122223333:function:api"],
  };
  test.each(COVERS.filter(([action, pattern, covers]) => covers && SAMPLES[action] && !pattern.endsWith("role*")))(
    "the simulator agrees: %s on %s allows every sample",
    (action, pattern) => {
      const context = action === "iam:PassRole" ? { "iam:PassedToService": "ec2.amazonaws.com" } : undefined;
      for (const resource of SAMPLES[action])
        expect({
          resource,
          decision: simulateIdentity([{ actions: [action], resources: [pattern] }], { action, resource, context }),
        }).toEqual({
          resource,
          decision: "Allowed",
        });
    },
  );
});

describe("conditions", () => {
  const passedTo = (conditions: Conditions) => ({
    limits: limitsValues(conditions, "iam:PassedToService", "unnamed.amazonaws.com"),
    ec2: admitsValue(conditions, "iam:PassedToService", "ec2.amazonaws.com"),
    lambda: admitsValue(conditions, "iam:PassedToService", "lambda.amazonaws.com"),
  });
  test.each<[string, Conditions, { limits: boolean; ec2: boolean; lambda: boolean }]>([
    [
      "StringEquals to one service",
      { StringEquals: { "iam:PassedToService": "ec2.amazonaws.com" } },
      { limits: true, ec2: true, lambda: false },
    ],
    [
      "key in any case",
      { StringEquals: { "IAM:passedtoservice": ["ec2.amazonaws.com"] } },
      { limits: true, ec2: true, lambda: false },
    ],
    [
      "StringEqualsIfExists (the key is always there)",
      { StringEqualsIfExists: { "iam:PassedToService": "ec2.amazonaws.com" } },
      { limits: true, ec2: true, lambda: false },
    ],
    [
      "StringLike ec2.*",
      { StringLike: { "iam:PassedToService": "ec2.*" } },
      { limits: true, ec2: true, lambda: false },
    ],
    [
      "ForAnyValue:StringEquals",
      { "ForAnyValue:StringEquals": { "iam:PassedToService": ["lambda.amazonaws.com"] } },
      { limits: true, ec2: false, lambda: true },
    ],
    ['StringLike "*"', { StringLike: { "iam:PassedToService": "*" } }, { limits: false, ec2: true, lambda: true }],
    [
      'StringLikeIfExists "*"',
      { StringLikeIfExists: { "iam:PassedToService": ["*"] } },
      { limits: false, ec2: true, lambda: true },
    ],
    [
      "StringLike *.amazonaws.com",
      { StringLike: { "iam:PassedToService": "*.amazonaws.com" } },
      { limits: false, ec2: true, lambda: true },
    ],
    [
      "StringNotEquals one service",
      { StringNotEquals: { "iam:PassedToService": "lambda.amazonaws.com" } },
      { limits: false, ec2: true, lambda: false },
    ],
    ["Null false", { Null: { "iam:PassedToService": "false" } }, { limits: false, ec2: true, lambda: true }],
    ["another key only", { StringEquals: { "aws:ResourceTag/team": "a" } }, { limits: false, ec2: true, lambda: true }],
  ])("iam:PassedToService, %s", (_, conditions, expected) => {
    expect(passedTo(conditions)).toEqual(expected);
  });

  test.each<[string, Conditions | undefined, boolean]>([
    ["none", undefined, false],
    ["a resource tag", { StringEquals: { "aws:ResourceTag/team": "billing" } }, true],
    ["an object tag", { StringEquals: { "s3:ExistingObjectTag/team": "billing" } }, true],
    ["a request tag required", { StringLike: { "aws:RequestTag/CSIVolumeName": "*" } }, true],
    ["kms:ViaService", { StringEquals: { "kms:ViaService": "s3.eu-west-1.amazonaws.com" } }, true],
    ['StringLikeIfExists "*" on a tag', { StringLikeIfExists: { "aws:ResourceTag/team": "*" } }, false],
    [
      "StringEqualsIfExists on a tag (untagged resources pass)",
      { StringEqualsIfExists: { "aws:ResourceTag/team": "a" } },
      false,
    ],
    ["ForAllValues (true without the key)", { "ForAllValues:StringEquals": { "aws:TagKeys": ["team"] } }, false],
    ["the source address only", { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } }, false],
    ["TLS only", { Bool: { "aws:SecureTransport": "true" } }, false],
  ])("narrows the resources: %s", (_, conditions, expected) => {
    expect(narrowsResources(conditions)).toBe(expected);
  });
});
