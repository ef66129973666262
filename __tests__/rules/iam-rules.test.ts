import { findingsOf, lineColumn, lintText, where, withStatements } from "./lint-helpers";

/** One statement, sid S, Allow unless effect given. */
function statement(actions: string, resources: string, more = ""): string {
  return `        - sid: S
          actions: ${actions}
          resources: ${resources}
${more}`;
}

describe("IAM001 star action", () => {
  test("an Allow of * is an error at the action, naming binding, statement and fix", () => {
    const text = withStatements(statement(`["s3:GetObject", "*"]`, `["*"]`));
    const [finding, ...rest] = findingsOf(text, "IAM001");
    expect(rest).toEqual([]);
    expect(finding.problem.severity).toBe("error");
    expect(finding.problem.path).toBe("bindings[0].policies.statements[0].actions[1]");
    expect(lineColumn(finding)).toBe(where(text, `"*"]`));
    expect(finding.problem.message).toMatch(
      /binding "app", statement "S": allows every action \("\*"\); fix: list the actions/,
    );
  });
  test("a Deny of * is no grant", () => {
    const deny = withStatements(`        - effect: Deny
          actions: ["*"]
          resources: ["*"]
`);
    expect(lintText(deny)).toEqual([]);
  });
  test("named actions are clean", () => {
    expect(findingsOf(withStatements(statement(`[s3:GetObject]`, `["arn:aws:s3:::b/*"]`)), "IAM001")).toEqual([]);
  });
});

describe("IAM002 sensitive service wildcard", () => {
  test("iam:* is an error at the action", () => {
    const text = withStatements(statement(`[iam:*]`, `["arn:aws:iam::111122223333:role/x"]`));
    const [finding, ...rest] = findingsOf(text, "IAM002");
    expect(rest).toEqual([]);
    expect(finding.problem.severity).toBe("error");
    expect(lineColumn(finding)).toBe(where(text, "iam:*"));
    expect(finding.problem.message).toMatch(
      /binding "app", statement "S": allows every iam action \("iam:\*"\); fix: list the iam actions/,
    );
  });
  test("sqs:* (not sensitive) and s3:Get* are not IAM002", () => {
    expect(
      findingsOf(
        withStatements(statement(`["sqs:*", "s3:Get*"]`, `["arn:aws:sqs:eu-west-1:111122223333:q"]`)),
        "IAM002",
      ),
    ).toEqual([]);
  });
});

describe("IAM003 privilege escalation", () => {
  test("a wildcard that expands to iam:PutRolePolicy is an error naming the escalation path and its source", () => {
    const text = withStatements(statement(`["iam:Put*Policy"]`, `["arn:aws:iam::111122223333:role/x"]`));
    const findings = findingsOf(text, "IAM003");
    // iam:Put*Policy also matches PutUserPolicy and PutGroupPolicy, but a role's ARN is neither a user nor a group.
    expect(findings.map((f) => f.problem.message.match(/"(iam-put-[a-z-]+)"/)![1])).toEqual(["iam-put-role-policy"]);
    const onEveryIamResource = findingsOf(
      withStatements(statement(`["iam:Put*Policy"]`, `["arn:aws:iam::111122223333:*"]`)),
      "IAM003",
    );
    expect(onEveryIamResource.map((f) => f.problem.message.match(/"(iam-put-[a-z-]+)"/)![1]).sort()).toEqual([
      "iam-put-group-policy",
      "iam-put-role-policy",
      "iam-put-user-policy",
    ]);
    const finding = findings.find((f) => f.problem.message.includes('"iam-put-role-policy"'))!;
    expect(finding.problem.severity).toBe("error");
    expect(lineColumn(finding)).toBe(where(text, `"iam:Put*Policy"`));
    expect(finding.problem.message).toMatch(
      /^binding "app": privilege escalation "iam-put-role-policy" \(.*\): the role may iam:PutRolePolicy \("iam:Put\*Policy", statement "S"\); source: https:\/\/.*; fix: remove it/,
    );
  });
  test("iam:PassRole with ec2:RunInstances in another statement", () => {
    const text = withStatements(
      `        - sid: Pass
          actions: [iam:PassRole]
          resources: ["arn:aws:iam::111122223333:role/node"]
          conditions: { StringEquals: { iam:PassedToService: ec2.amazonaws.com } }
        - sid: Launch
          actions: [ec2:RunInstances]
          resources: ["*"]
`,
    );
    const [finding, ...rest] = findingsOf(text, "IAM003");
    expect(rest).toEqual([]);
    expect(lineColumn(finding)).toBe(where(text, "iam:PassRole"));
    expect(finding.problem.message).toMatch(
      /privilege escalation "ec2-001-passrole-runinstances" .*the role may iam:PassRole \("iam:PassRole", statement "Pass"\) and ec2:RunInstances \("ec2:RunInstances", statement "Launch"\)/,
    );
  });
  test("iam:PassRole alone, read-only iam and a Deny of iam:* are clean", () => {
    const text = withStatements(
      `        - actions: [iam:PassRole, iam:GetRole, iam:List*]
          resources: ["arn:aws:iam::111122223333:role/node"]
          conditions: { StringEquals: { iam:PassedToService: ec2.amazonaws.com } }
        - effect: Deny
          actions: ["iam:*", "ec2:RunInstances"]
          resources: ["*"]
`,
    );
    expect(findingsOf(text, "IAM003")).toEqual([]);
  });
});

describe("IAM004 iam:PassRole", () => {
  test("on * is an error at the resource", () => {
    const text = withStatements(
      statement(
        `[iam:PassRole]`,
        `["*"]`,
        `          conditions: { StringEquals: { iam:PassedToService: ecs-tasks.amazonaws.com } }\n`,
      ),
    );
    const [finding, ...rest] = findingsOf(text, "IAM004");
    expect(rest).toEqual([]);
    expect(finding.problem.severity).toBe("error");
    expect(lineColumn(finding)).toBe(where(text, `"*"]`));
    expect(finding.problem.message).toMatch(
      /binding "app", statement "S": allows iam:PassRole on "\*", any role in the account; fix: list the role ARNs/,
    );
  });
  test("without iam:PassedToService is a warning at the action", () => {
    const text = withStatements(statement(`["iam:Pass*"]`, `["arn:aws:iam::111122223333:role/task"]`));
    const [finding, ...rest] = findingsOf(text, "IAM004");
    expect(rest).toEqual([]);
    expect(finding.problem.severity).toBe("warning");
    expect(lineColumn(finding)).toBe(where(text, `"iam:Pass*"`));
    expect(finding.problem.message).toMatch(/without an iam:PassedToService condition.*fix: add conditions/);
  });
  test("scoped and conditioned is clean", () => {
    const text = withStatements(
      statement(
        `[iam:PassRole]`,
        `["arn:aws:iam::111122223333:role/task"]`,
        `          conditions: { StringEquals: { iam:PassedToService: ecs-tasks.amazonaws.com } }\n`,
      ),
    );
    expect(findingsOf(text, "IAM004")).toEqual([]);
  });
});

describe("IAM005 sts:AssumeRole anywhere", () => {
  test("on * is an error at the resource", () => {
    const text = withStatements(statement(`[sts:AssumeRole]`, `["*"]`));
    const [finding, ...rest] = findingsOf(text, "IAM005");
    expect(rest).toEqual([]);
    expect(finding.problem.severity).toBe("error");
    expect(lineColumn(finding)).toBe(where(text, `"*"]`));
    expect(finding.problem.message).toMatch(
      /binding "app", statement "S": allows sts:AssumeRole on "\*".*fix: list the role ARNs/,
    );
  });
  test("on any account's roles too", () => {
    expect(
      findingsOf(withStatements(statement(`["sts:Assume*"]`, `["arn:aws:iam::*:role/deployer"]`)), "IAM005"),
    ).toHaveLength(1);
  });
  test("on a named role is clean", () => {
    expect(
      findingsOf(withStatements(statement(`[sts:AssumeRole]`, `["arn:aws:iam::444455556666:role/reader"]`)), "IAM005"),
    ).toEqual([]);
  });
});

describe("IAM006 notActions / notResources", () => {
  test("Allow with notActions is an error", () => {
    const text = withStatements(`        - sid: S
          notActions: [iam:*]
          resources: ["*"]
`);
    const [finding, ...rest] = findingsOf(text, "IAM006");
    expect(rest).toEqual([]);
    expect(finding.problem.severity).toBe("error");
    expect(finding.problem.path).toBe("bindings[0].policies.statements[0].notActions");
    expect(lineColumn(finding)).toBe(where(text, "[iam:*]"));
    expect(finding.problem.message).toMatch(
      /binding "app", statement "S": Allow with notActions.*fix: list the actions under actions/,
    );
  });
  test("Allow with notResources is an error; Deny with notActions is clean", () => {
    expect(
      findingsOf(
        withStatements(`        - actions: [s3:GetObject]\n          notResources: ["arn:aws:s3:::secret/*"]\n`),
        "IAM006",
      ),
    ).toHaveLength(1);
    expect(
      findingsOf(
        withStatements(`        - effect: Deny\n          notActions: [s3:GetObject]\n          resources: ["*"]\n`),
        "IAM006",
      ),
    ).toEqual([]);
  });
});

describe("IAM007 resource * on scopable actions", () => {
  test("s3:GetObject on * is a warning at the resource", () => {
    const text = withStatements(statement(`[sqs:ListQueues, sqs:SendMessage]`, `["*"]`));
    const [finding, ...rest] = findingsOf(text, "IAM007");
    expect(rest).toEqual([]);
    expect(finding.problem.severity).toBe("warning");
    expect(lineColumn(finding)).toBe(where(text, `"*"]`));
    expect(finding.problem.message).toBe(
      'binding "app", statement "S": "*" as resource for actions that can be scoped to resources (sqs:SendMessage); fix: list their resource ARNs, in a statement apart from the actions that only take "*"',
    );
  });
  test("actions that only take * are clean", () => {
    expect(
      findingsOf(
        withStatements(statement(`[sqs:ListQueues, route53:ListHostedZones, ec2:DescribeInstances]`, `["*"]`)),
        "IAM007",
      ),
    ).toEqual([]);
  });
});

describe("IAM008 unknown action", () => {
  test("a typo is an error with the closest action", () => {
    const text = withStatements(statement(`[s3:GetObjects]`, `["arn:aws:s3:::b/*"]`));
    const [finding, ...rest] = findingsOf(text, "IAM008");
    expect(rest).toEqual([]);
    expect(finding.problem.severity).toBe("error");
    expect(lineColumn(finding)).toBe(where(text, "s3:GetObjects"));
    expect(finding.problem.message).toMatch(
      /binding "app", statement "S": "s3:GetObjects" is not an action of s3 \(did you mean "s3:GetObject"\?\).*fix: spell it as in the AWS Service Authorization Reference/,
    );
  });
  test("an unknown service, a wildcard matching nothing, and a typo in a Deny", () => {
    const text = withStatements(`        - actions: [s4:GetObject, "s3:Fly*"]
          resources: ["*"]
        - effect: Deny
          actions: [s3:DeleteObjects]
          resources: ["*"]
`);
    const messages = findingsOf(text, "IAM008").map((f) => `${f.problem.path}: ${f.problem.message}`);
    expect(messages).toEqual([
      expect.stringMatching(
        /^bindings\[0\]\.policies\.statements\[0\]\.actions\[0\]: .*unknown service "s4" \(did you mean "s3:GetObject"\?\)/,
      ),
      expect.stringMatching(/^bindings\[0\]\.policies\.statements\[0\]\.actions\[1\]: .*"s3:Fly\*" matches no action/),
      expect.stringMatching(
        /^bindings\[0\]\.policies\.statements\[1\]\.actions\[0\]: .*"s3:DeleteObjects" is not an action of s3/,
      ),
    ]);
  });
  test("known actions in any case and wildcards that match are clean", () => {
    expect(
      findingsOf(
        withStatements(statement(`[s3:getobject, "s3:List*", "sqs:?eceiveMessage"]`, `["arn:aws:s3:::b/*"]`)),
        "IAM008",
      ),
    ).toEqual([]);
  });
});

describe("IAM009 conditions", () => {
  test("an unknown operator is an error at the operator, with a suggestion", () => {
    const text = withStatements(
      statement(
        `[s3:GetObject]`,
        `["arn:aws:s3:::b/*"]`,
        `          conditions: { StringEqual: { aws:PrincipalTag/team: a } }\n`,
      ),
    );
    const [finding, ...rest] = findingsOf(text, "IAM009");
    expect(rest).toEqual([]);
    expect(finding.problem.severity).toBe("error");
    expect(lineColumn(finding)).toBe(where(text, "{ aws:PrincipalTag"));
    expect(finding.problem.message).toMatch(
      /binding "app", statement "S": unknown condition operator "StringEqual" \(did you mean "StringEquals"\?\).*fix:/,
    );
  });
  test("an unknown key, and a key none of the actions supports", () => {
    const text = withStatements(
      statement(
        `[s3:GetObject]`,
        `["arn:aws:s3:::b/*"]`,
        `          conditions: { StringEquals: { aws:SourceAcount: "111122223333", s3:prefix: home/ } }\n`,
      ),
    );
    const findings = findingsOf(text, "IAM009");
    expect(findings.map((f) => f.problem.path)).toEqual([
      'bindings[0].policies.statements[0].conditions.StringEquals["aws:SourceAcount"]',
      'bindings[0].policies.statements[0].conditions.StringEquals["s3:prefix"]',
    ]);
    expect(lineColumn(findings[0])).toBe(where(text, '"111122223333"', 2));
    expect(findings[0].problem.message).toMatch(
      /unknown condition key "aws:SourceAcount" \(did you mean "aws:SourceAccount"\?\)/,
    );
    expect(findings[1].problem.message).toMatch(
      /condition key "s3:prefix" is not available on s3:GetObject.*fix: move it/,
    );
  });
  test("operators with IfExists and set prefixes, global keys, tag keys and service keys of the actions are clean", () => {
    const text = withStatements(
      statement(
        `[s3:GetObject, s3:ListBucket]`,
        `["arn:aws:s3:::b", "arn:aws:s3:::b/*"]`,
        `          conditions:
            StringEquals: { s3:ExistingObjectTag/team: billing, aws:RequestTag/x/y: z }
            StringLikeIfExists: { s3:prefix: "home/*" }
            ForAnyValue:StringEquals: { aws:TagKeys: [a] }
            Bool: { aws:SecureTransport: true }
            IpAddress: { aws:SourceIp: 10.0.0.0/8 }
            "Null": { aws:PrincipalTag/team: false }
`,
      ),
    );
    expect(findingsOf(text, "IAM009")).toEqual([]);
  });
});

describe("IAM009 placeholder keys", () => {
  test.each([
    [
      "secretsmanager:GetSecretValue",
      "arn:aws:secretsmanager:eu-west-1:111122223333:secret:x",
      "secretsmanager:ResourceTag/managed-by",
    ],
    ["ssm:GetParameter", "arn:aws:ssm:eu-west-1:111122223333:parameter/x", "ssm:ResourceTag/team"],
    ["dms:CreateReplicationInstance", "*", "dms:rep-tag/Project"],
  ])("%s with %s is clean", (action, resource, key) => {
    const text = withStatements(
      statement(`[${action}]`, `["${resource}"]`, `          conditions: { StringEquals: { ${key}: x } }\n`),
    );
    expect(findingsOf(text, "IAM009")).toEqual([]);
  });
  test("a key of another service's tags is still an error", () => {
    const text = withStatements(
      statement(
        `[secretsmanager:GetSecretValue]`,
        `["arn:aws:secretsmanager:eu-west-1:111122223333:secret:x"]`,
        `          conditions: { StringEquals: { ssm:ResourceTag/team: x } }\n`,
      ),
    );
    expect(findingsOf(text, "IAM009").map((f) => f.problem.message)).toEqual([
      expect.stringMatching(/condition key "ssm:ResourceTag\/team" is not available on secretsmanager:GetSecretValue/),
    ]);
  });
});

describe("IAM010 secret reads on *", () => {
  test("ssm:GetParameter* on * is a warning at the resource", () => {
    const text = withStatements(statement(`["ssm:GetParameter*"]`, `["*"]`));
    const [finding, ...rest] = findingsOf(text, "IAM010");
    expect(rest).toEqual([]);
    expect(finding.problem.severity).toBe("warning");
    expect(lineColumn(finding)).toBe(where(text, `"*"]`));
    expect(finding.problem.message).toMatch(
      /binding "app", statement "S": reads secrets on "\*" \(ssm:GetParameter, ssm:GetParameters, ssm:GetParametersByPath, ssm:GetParameterHistory\).*fix: list the ARNs/,
    );
  });
  test("on named resources, or other reads on *, is clean", () => {
    expect(
      findingsOf(
        withStatements(
          statement(
            `[secretsmanager:GetSecretValue, kms:Decrypt]`,
            `["arn:aws:secretsmanager:eu-west-1:111122223333:secret:x"]`,
          ),
        ),
        "IAM010",
      ),
    ).toEqual([]);
    expect(findingsOf(withStatements(statement(`[s3:ListAllMyBuckets]`, `["*"]`)), "IAM010")).toEqual([]);
  });
});
