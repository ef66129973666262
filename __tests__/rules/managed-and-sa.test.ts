import { fileWith, findingsOf, lineColumn, lintText, where, withStatements } from "./lint-helpers";

function withManaged(...arns: string[]): string {
  return fileWith(`  - name: app
    cluster: prod-eu
    serviceAccounts: [team/app]
    policies:
      managed:
${arns.map((arn) => `        - ${arn}\n`).join("")}`);
}

describe("IAM011 AWS managed policies", () => {
  test("an unknown AWS managed policy is an error with the closest one", () => {
    const text = withManaged("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAcess");
    const [finding, ...rest] = findingsOf(text, "IAM011");
    expect(rest).toEqual([]);
    expect(finding.problem.severity).toBe("error");
    expect(finding.problem.path).toBe("bindings[0].policies.managed[0]");
    expect(lineColumn(finding)).toBe(where(text, "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAcess"));
    expect(finding.problem.message).toBe(
      'binding "app", policies.managed[0]: AWS has no managed policy "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAcess" (did you mean "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"?); fix: correct the ARN (name and path)',
    );
  });
  test("the right name at the wrong path suggests the path", () => {
    const [finding] = findingsOf(withManaged("arn:aws:iam::aws:policy/AmazonEBSCSIDriverPolicy"), "IAM011");
    expect(finding.problem.message).toMatch(
      /did you mean "arn:aws:iam::aws:policy\/service-role\/AmazonEBSCSIDriverPolicy"/,
    );
  });
  test("AdministratorAccess is an error, reported once (not again by IAM001)", () => {
    const text = withManaged("arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::aws:policy/AdministratorAccess");
    const findings = lintText(text).filter((f) => f.problem.path === "bindings[0].policies.managed[1]");
    expect(findings.map((f) => f.rule)).toEqual(["IAM011"]);
    expect(findings[0].problem.message).toMatch(
      /binding "app", policies.managed\[1\]: AdministratorAccess gives the pod control of the account; fix: replace it/,
    );
  });
  test("a managed policy's own statements are linted and reported at policies.managed[i], naming it", () => {
    const text = withManaged("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess");
    const findings = lintText(text);
    expect(findings.map((f) => `${f.rule} ${f.problem.severity} ${f.problem.path}`)).toEqual([
      "IAM007 warning bindings[0].policies.managed[0]",
      "IAM010 warning bindings[0].policies.managed[0]",
    ]);
    expect(findings[0].problem.message).toMatch(
      /^binding "app", AWS managed policy AmazonS3ReadOnlyAccess: every resource .*\(s3-object-lambda:GetObject, .*\); fix: replace AmazonS3ReadOnlyAccess/,
    );
    expect(lineColumn(findings[1])).toBe(where(text, "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"));
    expect(findings[1].problem.message).toMatch(
      /binding "app", AWS managed policy AmazonS3ReadOnlyAccess, statement 0: reads secrets on "\*" \(s3:GetObject, s3:GetObjectVersion\).*fix: replace AmazonS3ReadOnlyAccess/,
    );
  });
  test("a known, scoped AWS managed policy and customer-managed ARNs are clean", () => {
    // Every volume, but only of the cluster's tag: conditions that narrow the resources.
    const text = withManaged(
      "arn:aws:iam::aws:policy/AmazonEBSCSIDriverEKSClusterScopedPolicy",
      "arn:aws:iam::111122223333:policy/mine",
    );
    expect(lintText(text)).toEqual([]);
  });
});

describe("SA001 default ServiceAccount", () => {
  test("binding team/default is a warning at the ServiceAccount", () => {
    const text = fileWith(`  - name: app
    cluster: prod-eu
    serviceAccounts: [team/app, team/default]
`);
    const [finding, ...rest] = findingsOf(text, "SA001");
    expect(rest).toEqual([]);
    expect(finding.problem.severity).toBe("warning");
    expect(lineColumn(finding)).toBe(where(text, "team/default"));
    expect(finding.problem.message).toBe(
      'binding "app": binds team/default, which every pod of team without serviceAccountName runs as; fix: create a dedicated ServiceAccount for the workload',
    );
  });
  test("a named ServiceAccount is clean", () => {
    expect(
      findingsOf(fileWith(`  - name: app\n    cluster: prod-eu\n    serviceAccounts: [team/app]\n`), "SA001"),
    ).toEqual([]);
  });
});

describe("waivers", () => {
  const waived = withStatements(
    `        - sid: S
          actions: [sqs:SendMessage]
          resources: ["*"]
`,
    `    waivers:
      - { rule: IAM007, reason: the queue name is generated at deploy time }
`,
  );
  test("a waived finding is kept, with the reason", () => {
    const findings = lintText(waived);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      rule: "IAM007",
      binding: "app",
      waived: "the queue name is generated at deploy time",
    });
  });
  test("a waiver of another rule waives nothing", () => {
    const other = waived.replace("rule: IAM007", "rule: IAM010");
    expect(lintText(other)[0].waived).toBeUndefined();
  });
  test("positions follow the binding's index in the file, not its place in the sorted model", () => {
    const text = fileWith(`  - name: zeta
    cluster: prod-eu
    serviceAccounts: [team/default]
  - name: alpha
    cluster: prod-eu
    serviceAccounts: [other/app]
`);
    const [finding] = lintText(text);
    expect(finding.problem.path).toBe("bindings[0].serviceAccounts[0]");
    expect(finding.binding).toBe("zeta");
  });
});

describe("waivers that waive nothing are reported at the waiver", () => {
  const clean = (waivers: string) =>
    fileWith(`  - name: app
    cluster: prod-eu
    serviceAccounts: [team/app]
    waivers:
${waivers}`);

  test("a rule podiam does not have is an error, with the closest rule", () => {
    const text = clean(`      - { rule: IAM099, reason: copied from another project }\n`);
    const findings = lintText(text);
    expect(findings).toHaveLength(1);
    expect(findings[0].problem).toMatchObject({ severity: "error", path: "bindings[0].waivers[0].rule" });
    expect(findings[0].problem.rule).toBeUndefined();
    expect(lineColumn(findings[0])).toBe(where(text, "IAM099"));
    expect(findings[0].problem.message).toMatch(
      /^binding "app": waives IAM099, which is no podiam lint rule \(did you mean IAM009\?\); fix: name one of IAM001, .*SA002$/,
    );
  });

  test("a waiver that matches no finding of its binding is a warning", () => {
    const text = clean(
      `      - { rule: SA001, reason: the namespace has one workload }\n      - { rule: IAM007, reason: generated queue names }\n`,
    );
    const findings = lintText(text);
    expect(findings.map((f) => `${f.problem.severity} ${f.problem.path}`)).toEqual([
      "warning bindings[0].waivers[0].rule",
      "warning bindings[0].waivers[1].rule",
    ]);
    expect(findings[1].problem.message).toMatch(
      /^binding "app": the waiver of IAM007 matches no finding; fix: remove it/,
    );
  });

  test("a waiver in use is no problem", () => {
    const text = withStatements(
      `        - actions: [sqs:SendMessage]\n          resources: ["*"]\n`,
      `    waivers:\n      - { rule: IAM007, reason: the queue name is generated at deploy time }\n`,
    );
    const findings = lintText(text);
    expect(findings.map((f) => [f.rule, f.waived])).toEqual([["IAM007", "the queue name is generated at deploy time"]]);
  });
});
