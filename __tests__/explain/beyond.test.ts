/**
 * explain and explain --base on what "Beyond the first file" adds: the file's policies (their
 * statements under each binding that attaches them; a change to one changes every such binding),
 * patterns, roles made elsewhere, and trust (conditions; roles, as trust widened or narrowed).
 */
import { execFileSync } from "child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { run } from "../../src/cli";
import { loadBindings } from "../../src/bindings/load";
import { diffReviews, ReviewDiff } from "../../src/explain/diff";
import { iamCatalog } from "../../src/explain/iam-catalog";
import { renderReviewMarkdown } from "../../src/explain/render-markdown";
import { renderDiffText, renderReviewText } from "../../src/explain/render-text";
import { reviewOf, ReviewModel } from "../../src/explain/review";
import { changeLines } from "../../src/explain/changes";
import { lint } from "../../src/rules/lint";

const HEADER = `version: 1
accounts:
  prod: { id: "111122223333", region: eu-west-1 }
clusters:
  prod-eu: { account: prod, region: eu-west-1, oidcIssuer: "https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE" }
`;

function review(text: string, file = "bindings.yaml"): ReviewModel {
  const result = loadBindings(HEADER + text, file);
  if (!result.model || !result.source) throw new Error(result.problems.map((p) => p.message).join("\n"));
  return reviewOf(file, result.model, lint(result.model, result.source), iamCatalog);
}

function diff(base: string, head: string): ReviewDiff {
  return diffReviews(review(base, "base.yaml"), review(head), "base.yaml");
}

const FILE = `policies:
  read-artifacts:
    statements:
      - sid: ReadArtifacts
        actions: s3:GetObject
        resources: arn:aws:s3:::artifacts/*
bindings:
  - name: ci
    cluster: prod-eu
    serviceAccounts: [ci/runner-*]
    policies: { managed: [read-artifacts] }
    trust:
      conditions: { IpAddress: { aws:SourceIp: 203.0.113.0/24 } }
      roles: [deployer]
    waivers: [{ rule: SA002, reason: "the CI operator names runner pods itself" }]
  - name: deployer
    cluster: prod-eu
    serviceAccounts: [deploy/deployer]
    policies: { managed: [read-artifacts] }
  - name: legacy
    cluster: prod-eu
    serviceAccounts: legacy/app
    role: { arn: "arn:aws:iam::111122223333:role/made-elsewhere" }
`;

describe("explain", () => {
  const head = review(FILE);
  const ci = head.bindings.find((b) => b.name === "ci")!;
  const legacy = head.bindings.find((b) => b.name === "legacy")!;

  test("a file policy: its statements, what it grants, under the binding; the pattern among those trusted", () => {
    expect(ci.serviceAccounts).toEqual([{ cluster: "prod-eu", namespace: "ci", name: "runner-*" }]);
    expect(ci.managedPolicies).toEqual([
      expect.objectContaining({
        arn: "arn:aws:iam::111122223333:policy/read-artifacts",
        awsManaged: false,
        access: expect.objectContaining({ actionCount: 1 }),
        filePolicy: expect.objectContaining({ key: "read-artifacts", name: "read-artifacts" }),
      }),
    ]);
    expect(ci.access.actionCount).toBe(1);
    const text = renderReviewText(head);
    expect(text).toContain(
      "managed     arn:aws:iam::111122223333:policy/read-artifacts (policy read-artifacts of this file: 1 action (1 Read))",
    );
    expect(text).toContain("Allow ReadArtifacts");
    expect(text).toContain("trusted by  prod-eu ci/runner-*");
  });

  test("trust: the roles that may assume it, and the conditions on all of it", () => {
    expect(ci.trust).toEqual({
      conditions: [{ operator: "IpAddress", key: "aws:SourceIp", values: ["203.0.113.0/24"] }],
      roles: [{ arn: "arn:aws:iam::111122223333:role/deployer", binding: "deployer" }],
    });
    const text = renderReviewText(head);
    expect(text).toContain("            role arn:aws:iam::111122223333:role/deployer (binding deployer)");
    expect(text).toContain("only when   IpAddress aws:SourceIp = 203.0.113.0/24");
    const markdown = renderReviewMarkdown(head);
    expect(markdown).toContain(
      "- **Roles that may assume it:** `arn:aws:iam::111122223333:role/deployer (binding deployer)`",
    );
    expect(markdown).toContain("- **Only when:** `IpAddress aws:SourceIp = 203.0.113.0/24`");
  });

  test("a role made elsewhere: its trust and permissions are not in this file", () => {
    expect(legacy.role).toEqual({ arn: "arn:aws:iam::111122223333:role/made-elsewhere", external: true });
    const text = renderReviewText(head);
    expect(text).toContain("made elsewhere: its trust and permissions are not in this file");
    expect(text).toContain("may do      a role made elsewhere: its permissions are not in this file");
    expect(renderReviewMarkdown(head)).toContain(
      "- **Role:** `arn:aws:iam::111122223333:role/made-elsewhere` in account `prod` (`111122223333`), made elsewhere: its trust and permissions are not in this file",
    );
  });

  test("a role made elsewhere in an account the file does not declare is in that account, by its id", () => {
    const other = review(`bindings:
  - name: other
    cluster: prod-eu
    serviceAccounts: other/app
    role: { arn: "arn:aws:iam::999988887777:role/elsewhere" }
`).bindings[0];
    expect(other.account).toEqual({ alias: "999988887777", id: "999988887777" });
  });

  test("a binding without the new fields reviews as before (no trust key, no filePolicy)", () => {
    const plain = review(`bindings:
  - name: plain
    cluster: prod-eu
    serviceAccounts: [a/b]
    policies: { managed: [arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess] }
`).bindings[0];
    expect(Object.keys(plain)).not.toContain("trust");
    expect(Object.keys(plain.role)).toEqual(["arn"]);
    expect(Object.keys(plain.managedPolicies[0])).toEqual(["arn", "awsManaged", "access"]);
  });
});

describe("explain --base", () => {
  test("a role added to trust.roles widens the trust; removed, narrows it", () => {
    const widened = diff(
      FILE,
      FILE.replace("roles: [deployer]", 'roles: [deployer, "arn:aws:iam::444455556666:role/release"]'),
    );
    expect(widened.changed.map((c) => [c.name, c.trustWidened, c.trustNarrowed])).toEqual([
      ["ci", [{ mechanism: "assume-role", role: "arn:aws:iam::444455556666:role/release" }], []],
    ]);
    expect(renderDiffText(widened)).toContain(
      "+ trust widened: role arn:aws:iam::444455556666:role/release (sts:AssumeRole)",
    );
    const narrowed = diff(FILE, FILE.replace("      roles: [deployer]\n", ""));
    expect(changeLines(narrowed.changed[0])).toContainEqual({
      sign: "-",
      text: "trust narrowed: role arn:aws:iam::111122223333:role/deployer (sts:AssumeRole)",
    });
  });

  test("a pattern widens the trust as a ServiceAccount does", () => {
    const d = diff(FILE, FILE.replace("serviceAccounts: [ci/runner-*]", "serviceAccounts: [ci/runner-*, ci/job-*]"));
    expect(changeLines(d.changed[0])).toContainEqual({ sign: "+", text: "trust widened: prod-eu ci/job-* (irsa)" });
  });

  test("trust conditions changed", () => {
    const d = diff(FILE, FILE.replace("203.0.113.0/24", "198.51.100.0/24"));
    expect(changeLines(d.changed[0])).toEqual([
      {
        sign: "~",
        text: "trust conditions: IpAddress aws:SourceIp = 203.0.113.0/24 -> IpAddress aws:SourceIp = 198.51.100.0/24",
      },
    ]);
  });

  test("a file policy changed: every binding that attaches it may do more, named by the policy", () => {
    const d = diff(FILE, FILE.replace("actions: s3:GetObject", "actions: [s3:GetObject, s3:PutObject]"));
    expect(d.changed.map((c) => c.name)).toEqual(["ci", "deployer"]);
    for (const change of d.changed)
      expect(changeLines(change)).toEqual([
        {
          sign: "+",
          text: "granted: Allow s3:PutObject (Write) on arn:aws:s3:::artifacts/* [policy read-artifacts: ReadArtifacts]",
        },
      ]);
  });

  test("a file policy attached: the policy and what it grants", () => {
    const base = FILE.replace("    policies: { managed: [read-artifacts] }\n  - name: legacy", "  - name: legacy");
    const d = diff(base, FILE);
    expect(changeLines(d.changed.find((c) => c.name === "deployer")!)).toEqual([
      {
        sign: "+",
        text: "granted: Allow s3:GetObject (Read) on arn:aws:s3:::artifacts/* [policy read-artifacts: ReadArtifacts]",
      },
      {
        sign: "+",
        text: "managed policy attached: arn:aws:iam::111122223333:policy/read-artifacts (policy read-artifacts of this file: 1 action (1 Read))",
      },
    ]);
  });

  test("--base at a git ref reads the policy documents at that ref", () => {
    const dir = mkdtempSync(join(tmpdir(), "podiam-explain-docs-"));
    const git = (...args: string[]) =>
      execFileSync(
        "git",
        ["-c", "user.name=podiam", "-c", "user.email=podiam@example.com", "-c", "commit.gpgsign=false", ...args],
        { cwd: dir, stdio: "ignore" },
      );
    git("init", "-q", "-b", "main");
    mkdirSync(join(dir, "policies"));
    const document = (actions: string[]) =>
      JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Sid: "Read", Effect: "Allow", Action: actions, Resource: "arn:aws:s3:::artifacts/*" }],
      });
    const file = join(dir, "bindings.yaml");
    writeFileSync(
      file,
      `${HEADER}policies:
  artifacts: { document: policies/artifacts.json }
bindings:
  - { name: ci, cluster: prod-eu, serviceAccounts: ci/runner, policies: { managed: [artifacts] } }
`,
    );
    writeFileSync(join(dir, "policies", "artifacts.json"), document(["s3:GetObject"]));
    git("add", ".");
    git("commit", "-q", "-m", "base");
    writeFileSync(join(dir, "policies", "artifacts.json"), document(["s3:GetObject", "s3:DeleteObject"]));
    let out = "";
    const code = run(["explain", "-f", file, "--base", "main"], { out: (t) => (out += t), err: () => undefined });
    expect(code).toBe(0);
    expect(out).toContain(
      "+ granted: Allow s3:DeleteObject (Write) on arn:aws:s3:::artifacts/* [policy artifacts: Read]",
    );
  });
});
