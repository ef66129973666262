/**
 * A policy as broad as one a rule flags is flagged in any spelling: each case is written as an
 * attacker would (wildcards, case, notActions, resource patterns that cover everything,
 * conditions that restrict nothing), with its clean counterpart beside it.
 */
import { expandActionPattern } from "../../src/catalog/iam-actions";
import { fileWith, findingsOf, lintText, withStatements } from "./lint-helpers";

interface Statement {
  sid?: string;
  effect?: "Allow" | "Deny";
  actions?: string[];
  notActions?: string[];
  resources?: string[];
  notResources?: string[];
  conditions?: Record<string, Record<string, string | string[]>>;
}

/** A one-binding file with these statements (written as YAML flow mappings, i.e. JSON). */
function fileOf(...statements: Statement[]): string {
  return withStatements(statements.map((s) => `        - ${JSON.stringify(s)}\n`).join(""));
}

function rulesOf(text: string, rule: string): { severity: string; path: string; message: string }[] {
  return findingsOf(text, rule).map((f) => ({
    severity: f.problem.severity,
    path: f.problem.path,
    message: f.problem.message,
  }));
}

const ROLES = "arn:aws:iam::111122223333:role/*";

describe("IAM002: every action of a sensitive service, in any spelling", () => {
  test.each(["iam:*", "IAM:*", "s3:?*", "s3:**", "sts:*?", "kms:*?*", "secretsmanager:*e*"])("%s", (pattern) => {
    const [finding, ...rest] = rulesOf(fileOf({ actions: [pattern], resources: ["*"] }), "IAM002");
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ severity: "error", path: "bindings[0].policies.statements[0].actions[0]" });
    expect(finding.message).toMatch(/allows every (iam|s3|sts|kms|secretsmanager) action/);
  });
  test("patterns that together match all of a service, across statements", () => {
    const initials = [...new Set(expandActionPattern("sts:*").map((a) => a.split(":")[1][0]))].sort();
    const half = Math.ceil(initials.length / 2);
    const text = fileOf(
      { actions: initials.slice(0, half).map((c) => `sts:${c}*`), resources: ["*"] },
      { actions: initials.slice(half).map((c) => `sts:${c}*`), resources: ["*"] },
    );
    const findings = rulesOf(text, "IAM002");
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toMatch(/together, .* allow every sts action/);
  });
  test("notActions that leave a sensitive service out grant all of it: one finding, naming them", () => {
    const findings = rulesOf(fileOf({ notActions: ["s3:*", "iam:*", "kms:*"], resources: ["*"] }), "IAM002");
    expect(findings).toEqual([
      {
        severity: "error",
        path: "bindings[0].policies.statements[0].notActions",
        message: expect.stringMatching(/notActions leave every action of sts, secretsmanager, ec2, eks allowed/),
      },
    ]);
  });
  test("clean: part of a service, other services", () => {
    const text = fileOf({ actions: ["iam:Get*", "s3:Get*", "sqs:*", "kms:Decrypt"], resources: ["*"] });
    expect(rulesOf(text, "IAM002")).toEqual([]);
  });
});

describe("IAM003: escalation in any spelling", () => {
  const putRolePolicy = (message: string) => /"iam-put-role-policy"/.test(message);
  test.each([
    ["iam:PutRolePolicy"],
    ["Iam:PutRolePolicy"],
    ["IAM:putrolepolicy"],
    ["iam:*Policy*"],
    ["iam:Put?olePolicy"],
    ["iam:*"],
  ])("%s on the pod's own role", (pattern) => {
    const findings = rulesOf(
      fileOf({ actions: [pattern], resources: ["arn:aws:iam::111122223333:role/app"] }),
      "IAM003",
    );
    expect(findings.filter((f) => putRolePolicy(f.message))).toHaveLength(1);
  });
  test("notActions that exclude something else grant the escalation", () => {
    const findings = rulesOf(fileOf({ notActions: ["s3:*"], resources: ["*"] }), "IAM003");
    expect(findings.some((f) => putRolePolicy(f.message))).toBe(true);
    expect(findings.every((f) => f.path === "bindings[0].policies.statements[0].notActions")).toBe(true);
  });
  test("PassRole with a condition that restricts nothing completes a compute path", () => {
    const text = fileOf(
      { actions: ["iam:Pass*"], resources: [ROLES], conditions: { StringLike: { "iam:PassedToService": "*" } } },
      { actions: ["lambda:Create*"], resources: ["*"] },
    );
    expect(rulesOf(text, "IAM003").map((f) => f.message.match(/escalation "([a-z0-9-]+)"/)![1])).toContain(
      "lambda-passrole-create-function",
    );
  });
  test("PassRole limited to the compute's service completes its path; to another service it does not", () => {
    const passTo = (service: string): Statement => ({
      actions: ["iam:PassRole"],
      resources: [ROLES],
      conditions: { StringEqualsIfExists: { "iam:PassedToService": service } },
    });
    const lambda = { actions: ["lambda:CreateFunction"], resources: ["*"] };
    expect(rulesOf(fileOf(passTo("lambda.amazonaws.com"), lambda), "IAM003")).toHaveLength(1);
    expect(rulesOf(fileOf(passTo("ecs-tasks.amazonaws.com"), lambda), "IAM003")).toEqual([]);
  });
  test("code in existing compute counts on every function, not on one the workload owns", () => {
    const on = (resource: string) => fileOf({ actions: ["lambda:UpdateFunctionCode"], resources: [resource] });
    expect(rulesOf(on("arn:aws:lambda:*:*:function:*"), "IAM003")).toHaveLength(1);
    expect(rulesOf(on("arn:aws:lambda:eu-west-1:111122223333:function:*"), "IAM003")).toHaveLength(1);
    expect(rulesOf(on("arn:aws:lambda:eu-west-1:111122223333:function:app-worker"), "IAM003")).toEqual([]);
  });
  test("an unconditional Deny takes the action away; a conditional one does not", () => {
    const allow = { actions: ["iam:PutRolePolicy"], resources: ["arn:aws:iam::111122223333:role/app"] };
    expect(rulesOf(fileOf(allow, { effect: "Deny", actions: ["iam:*"], resources: ["*"] }), "IAM003")).toEqual([]);
    const conditional: Statement = {
      effect: "Deny",
      actions: ["iam:*"],
      resources: ["*"],
      conditions: { Bool: { "aws:SecureTransport": "false" } },
    };
    expect(rulesOf(fileOf(allow, conditional), "IAM003")).toHaveLength(1);
  });
  test("a path whose actions include a reported one is not reported again", () => {
    const findings = rulesOf(
      fileOf({ actions: ["iam:CreateAccessKey", "iam:DeleteAccessKey"], resources: ["*"] }),
      "IAM003",
    );
    expect(findings.map((f) => f.message.match(/escalation "([a-z0-9-]+)"/)![1])).toEqual(["iam-create-access-key"]);
  });
  test("* is IAM001's finding alone", () => {
    const text = fileOf({ actions: ["*"], resources: ["*"] });
    expect(lintText(text).map((f) => f.rule)).toEqual(["IAM001"]);
  });
});

describe("IAM004: iam:PassRole on every role, in any spelling", () => {
  const limited = { StringEquals: { "iam:PassedToService": "ec2.amazonaws.com" } };
  test.each([
    ROLES,
    "arn:*:*:*:*:*",
    "arn:aws:iam::111122223333:role/?*",
    "arn:aws:iam::*:*",
    "arn:aws:iam:*:*:role/*",
  ])("on %s: an error at the resource", (resource) => {
    const [finding, ...rest] = rulesOf(
      fileOf({ actions: ["iam:PassRole"], resources: [resource], conditions: limited }),
      "IAM004",
    );
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ severity: "error", path: "bindings[0].policies.statements[0].resources[0]" });
    expect(finding.message).toMatch(/allows iam:PassRole on .* any role in the account/);
  });
  test("notActions and notResources grant it on every role", () => {
    const findings = rulesOf(
      fileOf({ notActions: ["s3:*"], notResources: ["arn:aws:iam::111122223333:role/admin"] }),
      "IAM004",
    );
    expect(findings).toEqual([
      expect.objectContaining({ severity: "error", path: "bindings[0].policies.statements[0].notResources" }),
    ]);
  });
  test.each<[string, Statement["conditions"]]>([
    ["no condition", undefined],
    ['StringLike "*"', { StringLike: { "iam:PassedToService": "*" } }],
    ['StringLikeIfExists "*"', { StringLikeIfExists: { "iam:PassedToService": "*" } }],
    ["*.amazonaws.com", { StringLike: { "iam:PassedToService": "*.amazonaws.com" } }],
    ["StringNotEquals", { StringNotEquals: { "iam:PassedToService": "lambda.amazonaws.com" } }],
    ["a condition on another key", { StringEquals: { "aws:RequestedRegion": "eu-west-1" } }],
  ])("on one role, %s: a warning", (_, conditions) => {
    const statement: Statement = { actions: ["iam:PassRole"], resources: ["arn:aws:iam::111122223333:role/node"] };
    const findings = rulesOf(fileOf(conditions ? { ...statement, conditions } : statement), "IAM004");
    expect(findings).toEqual([
      expect.objectContaining({
        severity: "warning",
        message: expect.stringMatching(/without an iam:PassedToService condition that limits/),
      }),
    ]);
  });
  test.each<[string, Statement["conditions"]]>([
    ["StringEquals", limited],
    ["StringEqualsIfExists", { StringEqualsIfExists: { "iam:PassedToService": "ec2.amazonaws.com" } }],
    ["StringLike ec2.*", { StringLike: { "iam:PassedToService": "ec2.*" } }],
  ])("clean: on one role, %s", (_, conditions) => {
    expect(
      rulesOf(
        fileOf({ actions: ["iam:PassRole"], resources: ["arn:aws:iam::111122223333:role/node"], conditions }),
        "IAM004",
      ),
    ).toEqual([]);
  });
  test("clean: iam:PassRole on something that is no role grants nothing", () => {
    expect(rulesOf(fileOf({ actions: ["iam:PassRole"], resources: ["arn:aws:s3:::bucket"] }), "IAM004")).toEqual([]);
  });
});

describe("IAM005: sts:AssumeRole on every role, in any spelling", () => {
  test.each([
    ROLES,
    "arn:aws:iam::????????????:role/*",
    "arn:*:*:*:*:*",
    "arn:aws:iam::444455556666:role/*",
    "arn:aws:iam::*:role/deployer",
  ])("on %s", (resource) => {
    expect(rulesOf(fileOf({ actions: ["sts:AssumeRole"], resources: [resource] }), "IAM005")).toEqual([
      expect.objectContaining({ severity: "error", path: "bindings[0].policies.statements[0].resources[0]" }),
    ]);
  });
  test("granted by notActions", () => {
    expect(rulesOf(fileOf({ notActions: ["s3:*"], resources: ["*"] }), "IAM005")).toHaveLength(1);
  });
  test("clean: named roles, and a path of one's own", () => {
    const text = fileOf({
      actions: ["sts:AssumeRole"],
      resources: ["arn:aws:iam::444455556666:role/reader", "arn:aws:iam::111122223333:role/deploy/*"],
    });
    expect(rulesOf(text, "IAM005")).toEqual([]);
  });
});

describe("IAM006 in an AWS managed policy is AWS's choice", () => {
  test("a warning naming the policy", () => {
    const text = fileWith(`  - name: app
    cluster: prod-eu
    serviceAccounts: [team/app]
    policies:
      managed: [arn:aws:iam::aws:policy/AmazonElastiCacheFullAccess]
`);
    expect(rulesOf(text, "IAM006")).toEqual([
      {
        severity: "warning",
        path: "bindings[0].policies.managed[0]",
        message: expect.stringMatching(
          /AWS managed policy AmazonElastiCacheFullAccess, .*notResources.*AWS's choice in AmazonElastiCacheFullAccess/,
        ),
      },
    ]);
  });
  test("in the binding's own statements, still an error", () => {
    expect(rulesOf(fileOf({ notActions: ["iam:*"], resources: ["*"] }), "IAM006")).toEqual([
      expect.objectContaining({ severity: "error" }),
    ]);
  });
});

describe("IAM007: every resource, in any spelling", () => {
  test.each(["arn:aws:s3:::*", "arn:*:*:*:*:*", "arn:aws:s3:::*/*"])("s3:GetObject on %s", (resource) => {
    expect(rulesOf(fileOf({ actions: ["s3:GetObject"], resources: [resource] }), "IAM007")).toEqual([
      expect.objectContaining({
        severity: "warning",
        message: expect.stringContaining(`"${resource}", every resource of their type,`),
      }),
    ]);
  });
  test("clean: one bucket, or every object of a tag", () => {
    expect(rulesOf(fileOf({ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::bucket/*"] }), "IAM007")).toEqual([]);
    const tagged = {
      actions: ["s3:GetObject"],
      resources: ["*"],
      conditions: { StringEquals: { "s3:ExistingObjectTag/team": "a" } },
    };
    expect(rulesOf(fileOf(tagged), "IAM007")).toEqual([]);
  });
  test("a condition that narrows nothing does not silence it", () => {
    const any = {
      actions: ["s3:GetObject"],
      resources: ["*"],
      conditions: { StringLikeIfExists: { "s3:ExistingObjectTag/team": "*" } },
    };
    expect(rulesOf(fileOf(any), "IAM007")).toHaveLength(1);
  });
});

describe("IAM010: secret reads on every resource, in any spelling", () => {
  test.each([
    ["secretsmanager:GetSecretValue", "arn:aws:secretsmanager:*:*:secret:*"],
    ["secretsmanager:Get*", "arn:aws:secretsmanager:eu-west-1:111122223333:secret:*"],
    ["s3:GetObject*", "arn:aws:s3:::*"],
    ["ssm:GetParameter?", "arn:aws:ssm:*:*:parameter/*"],
    ["kms:Decrypt", "arn:aws:kms:*:*:key/*"],
  ])("%s on %s", (action, resource) => {
    expect(rulesOf(fileOf({ actions: [action], resources: [resource] }), "IAM010")).toEqual([
      expect.objectContaining({ severity: "warning", path: "bindings[0].policies.statements[0].resources[0]" }),
    ]);
  });
  test("granted by notActions, on every resource but some", () => {
    const findings = rulesOf(fileOf({ notActions: ["iam:*"], notResources: ["arn:aws:s3:::public/*"] }), "IAM010");
    expect(findings).toEqual([expect.objectContaining({ path: "bindings[0].policies.statements[0].notResources" })]);
  });
  test("secretsmanager:BatchGetSecretValue takes only * and reads what GetSecretValue allows: never asked to be scoped", () => {
    expect(rulesOf(fileOf({ actions: ["secretsmanager:BatchGetSecretValue"], resources: ["*"] }), "IAM010")).toEqual(
      [],
    );
    const [finding] = rulesOf(
      fileOf({ actions: ["secretsmanager:GetSecretValue", "secretsmanager:BatchGetSecretValue"], resources: ["*"] }),
      "IAM010",
    );
    expect(finding.message).toMatch(/\(secretsmanager:GetSecretValue\)/);
    expect(finding.message).toMatch(
      /fix: list the ARNs it reads \(keep secretsmanager:BatchGetSecretValue, which only takes "\*", in a statement of its own\)/,
    );
  });
  test("clean: one prefix of secrets, and reads narrowed by a tag", () => {
    expect(
      rulesOf(
        fileOf({ actions: ["secretsmanager:GetSecretValue"], resources: ["arn:aws:secretsmanager:*:*:secret:app/*"] }),
        "IAM010",
      ),
    ).toEqual([]);
    const tagged = {
      actions: ["secretsmanager:GetSecretValue"],
      resources: ["*"],
      conditions: { StringEquals: { "secretsmanager:ResourceTag/team": "app" } },
    };
    expect(rulesOf(fileOf(tagged), "IAM010")).toEqual([]);
  });
});
