/**
 * Stacks per team: `stack` (on a binding, in defaults) puts a binding's IAM resources into
 * `iam-<alias>-<stack>`, with its own state; the account's `iam-<alias>` keeps the OIDC providers,
 * the file's policies and the Pod Identity associations. `previousStacks` leaves `removed` blocks in
 * the old stack and `import` blocks in the new one. The checks: stack names, collisions, previous
 * stacks. `podiam affected` and `podiam atlantis` list team stacks.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { parse } from "yaml";
import { run } from "../../src/cli";
import { stackSizes } from "../../src/app";
import { planStacks } from "../../src/stacks/stack-plan";
import { problemsOf, yaml } from "../bindings/problems-of";
import { modelOf, synthStacks, TerraformJson } from "../helpers/synth";

const HEAD = yaml`
  version: 1
  accounts:
    prod: { id: "111122223333", region: eu-west-1 }
  clusters:
    eu:
      account: prod
      region: eu-west-1
      oidcIssuer: https://oidc.eks.eu-west-1.amazonaws.com/id/AAAA1111
    lookup: { account: prod, region: eu-west-1 }
  policies:
    read-artifacts:
      statements: [{ actions: s3:GetObject, resources: "arn:aws:s3:::artifacts/*" }]
  bindings:
    - name: api
      cluster: eu
      serviceAccounts: [shop/api]
      stack: team-a
      policies:
        managed: [read-artifacts, arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess]
        statements: [{ sid: Read, actions: [s3:GetObject], resources: ["arn:aws:s3:::shop/*"] }]
    - name: pods
      cluster: eu
      mode: pod-identity
      serviceAccounts: [shop/pods]
      stack: team-a
    - name: looked-up
      cluster: lookup
      serviceAccounts: [shop/looked-up]
      stack: team-b
    - name: legacy
      cluster: eu
      serviceAccounts: [shop/legacy]
      policies:
        managed: [read-artifacts]
`;

const stacks = synthStacks(modelOf(HEAD));
const account = stacks["iam-prod"];
const teamA = stacks["iam-prod-team-a"];

function names(stack: TerraformJson, type: string): string[] {
  return Object.keys(stack.resource?.[type] ?? {}).sort();
}

describe("a binding's stack", () => {
  test("iam-<alias>-<stack> beside the account's own stack and the k8s stacks", () => {
    expect(Object.keys(stacks).sort()).toEqual([
      "iam-prod",
      "iam-prod-team-a",
      "iam-prod-team-b",
      "k8s-eu",
      "k8s-lookup",
    ]);
  });

  test("the team stack holds its bindings' roles, policies and exclusive attachments, and their ARNs", () => {
    expect(names(teamA, "aws_iam_role")).toEqual(["api", "pods"]);
    expect(names(teamA, "aws_iam_policy")).toEqual(["api"]);
    expect(names(teamA, "aws_iam_role_policy_attachments_exclusive")).toEqual(["api", "pods"]);
    expect(Object.keys(teamA.resource).sort()).toEqual([
      "aws_iam_policy",
      "aws_iam_role",
      "aws_iam_role_policy_attachments_exclusive",
    ]);
    expect(teamA.output.role_arns.value).toEqual({
      api: "arn:aws:iam::111122223333:role/api",
      pods: "arn:aws:iam::111122223333:role/pods",
    });
  });

  test("the account's stack keeps the OIDC providers, the file's policies, every association and the bindings without a stack", () => {
    expect(names(account, "aws_iam_openid_connect_provider")).toEqual(["eu", "lookup"]);
    expect(names(account, "aws_iam_policy")).toEqual(["policies__read-artifacts"]);
    expect(names(account, "aws_iam_role")).toEqual(["legacy"]);
    expect(names(account, "aws_eks_pod_identity_association")).toEqual(["eu__shop__pods"]);
    // Its role is another stack's: the association names it by its computed ARN, no depends_on.
    const association = account.resource.aws_eks_pod_identity_association.eu__shop__pods;
    expect(association.role_arn).toBe("arn:aws:iam::111122223333:role/pods");
    expect(association.depends_on).toBeUndefined();
    expect(account.output.role_arns.value).toEqual({ legacy: "arn:aws:iam::111122223333:role/legacy" });
  });

  test("no reference across stacks: the file's policy and the OIDC provider by computed ARN, no depends_on on them", () => {
    const exclusive = teamA.resource.aws_iam_role_policy_attachments_exclusive.api;
    expect(exclusive.policy_arns).toEqual([
      "arn:aws:iam::111122223333:policy/api",
      "arn:aws:iam::111122223333:policy/read-artifacts",
      "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
    ]);
    expect(exclusive.depends_on).toEqual(["aws_iam_role.api", "aws_iam_policy.api"]);
    expect(teamA.resource.aws_iam_role.api.depends_on).toEqual(["aws_iam_policy.api"]);
    const text = JSON.stringify(teamA);
    expect(text).not.toContain("policies__read-artifacts");
    expect(text).not.toContain("aws_iam_openid_connect_provider");
    expect(text).not.toContain("${");
  });

  test("a team stack reads an issuer the file does not give, without making the provider", () => {
    const teamB = stacks["iam-prod-team-b"];
    expect(names(teamB, "aws_iam_openid_connect_provider")).toEqual([]);
    expect(Object.keys(teamB.data.aws_eks_cluster)).toEqual(["lookup"]);
    expect(teamB.resource.aws_iam_role["looked-up"].assume_role_policy).toContain("local.oidc_issuer_host_lookup");
    expect(teamB.resource.aws_iam_role["looked-up"].depends_on).toBeUndefined();
  });

  test("its state has a name of its own, from the account's id and the stack: iam-<account id>-<stack>", () => {
    expect(teamA.terraform.backend.local.path).toBe("../../../terraform.iam-111122223333-team-a.tfstate");
    expect(account.terraform.backend.local.path).toBe("../../../terraform.iam-111122223333.tfstate");
    const s3 = synthStacks(
      modelOf(
        HEAD.replace(
          "bindings:",
          "terraform: { backend: { s3: { bucket: state, region: eu-west-1, keyPrefix: irsa } } }\nbindings:",
        ),
      ),
    );
    expect(s3["iam-prod-team-a"].terraform.backend.s3.key).toBe("irsa/iam-111122223333-team-a.tfstate");
  });

  test("defaults.stack for every binding, a binding's own stack over it; a role made elsewhere has none", () => {
    const model = modelOf(
      HEAD.replace(
        "\npolicies:\n  read-artifacts:",
        "\ndefaults: { stack: platform }\npolicies:\n  read-artifacts:",
      ).replace(
        "bindings:\n",
        "bindings:\n  - name: external\n    cluster: eu\n    serviceAccounts: [shop/ext]\n    role: { arn: arn:aws:iam::111122223333:role/made-elsewhere }\n",
      ),
    );
    const byName = Object.fromEntries(model.bindings.map((b) => [b.name, b.stack]));
    expect(byName).toEqual({
      api: "team-a",
      external: undefined,
      legacy: "platform",
      "looked-up": "team-b",
      pods: "team-a",
    });
    expect(planStacks(model).map((plan) => plan.name)).toEqual([
      "iam-prod",
      "iam-prod-platform",
      "iam-prod-team-a",
      "iam-prod-team-b",
      "k8s-eu",
      "k8s-lookup",
    ]);
  });
});

describe("a binding that changes stack (previousStacks)", () => {
  const moved = HEAD.replace(
    "    stack: team-a\n    policies:",
    "    stack: team-a\n    previousStacks: [account]\n    previousNames: [old-api]\n    policies:",
  );
  const after = synthStacks(modelOf(moved));

  test("the old stack forgets its resources under every name it had, without destroying them", () => {
    const removed = after["iam-prod"].removed.map((block: TerraformJson) => block.from);
    expect(removed).toEqual(
      expect.arrayContaining([
        "aws_iam_role.old-api",
        "aws_iam_role.api",
        "aws_iam_policy.old-api",
        "aws_iam_policy.api",
        "aws_iam_role_policy_attachments_exclusive.api",
        "aws_iam_role_policy_attachment.api__aws_AmazonS3ReadOnlyAccess",
      ]),
    );
    for (const block of after["iam-prod"].removed) expect(block.lifecycle).toEqual({ destroy: false });
    expect(after["iam-prod"].terraform.required_version).toBe(">= 1.7");
  });

  test("the new stack imports them: the role and the exclusive attachments by the role's name, the policy by its ARN", () => {
    // The role's name stays its first name's (previousNames[0]): the import finds the same role.
    expect(after["iam-prod-team-a"].import).toEqual([
      { to: "aws_iam_role.api", id: "old-api" },
      { to: "aws_iam_policy.api", id: "arn:aws:iam::111122223333:policy/old-api" },
      { to: "aws_iam_role_policy_attachments_exclusive.api", id: "old-api" },
    ]);
    // And its rename within the stack: moved blocks, as always.
    expect(after["iam-prod-team-a"].moved).toEqual(
      expect.arrayContaining([{ from: "aws_iam_role.old-api", to: "aws_iam_role.api" }]),
    );
  });

  test("from a team stack back to the account's; attachments of their own are imported by role/ARN", () => {
    const back = synthStacks(
      modelOf(
        HEAD.replace(
          "    stack: team-a\n    policies:",
          "    previousStacks: [team-a]\n    role: { exclusivePolicyAttachments: false }\n    policies:",
        ),
      ),
    );
    expect(back["iam-prod-team-a"].removed.map((b: TerraformJson) => b.from)).toContain("aws_iam_role.api");
    expect(back["iam-prod"].import).toEqual(
      expect.arrayContaining([
        { to: "aws_iam_role.api", id: "api" },
        {
          to: "aws_iam_role_policy_attachment.api__aws_AmazonS3ReadOnlyAccess",
          id: "api/arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
        },
      ]),
    );
  });

  test("a stack every binding left stays while a previousStacks names it, holding only removed blocks", () => {
    const left = synthStacks(
      modelOf(
        HEAD.replace(/stack: team-a\n/g, "previousStacks: [team-a]\n").replace(
          "    mode: pod-identity\n    serviceAccounts: [shop/pods]\n    previousStacks: [team-a]\n",
          "    mode: pod-identity\n    serviceAccounts: [shop/pods]\n",
        ),
      ),
    );
    expect(left["iam-prod-team-a"].resource?.aws_iam_role).toBeUndefined();
    expect(left["iam-prod-team-a"].removed.length).toBeGreaterThan(0);
  });
});

test("stackSizes counts each team stack's resources, the account's stack keeping what is shared", () => {
  expect(Object.fromEntries(stackSizes(modelOf(HEAD)))).toEqual({
    // OIDC providers (2), the file's policy, the association, legacy's role and exclusive attachments.
    "iam-prod": 2 + 1 + 1 + 2,
    // api: role, own policy, exclusive attachments; pods: role, exclusive attachments.
    "iam-prod-team-a": 3 + 2,
    "iam-prod-team-b": 2,
    "k8s-eu": 3,
    "k8s-lookup": 1,
  });
});

test("the 500-role warning is per stack, at the stack's name", () => {
  const bindings = (count: number, stack: string) =>
    Array.from(
      { length: count },
      (_, i) => `  - { name: ${stack}-${i}, cluster: eu, serviceAccounts: [ns/${stack}-${i}], stack: ${stack} }`,
    ).join("\n");
  const text = `version: 1
accounts:
  prod: { id: "111122223333", region: eu-west-1 }
clusters:
  eu: { account: prod, region: eu-west-1 }
bindings:
${bindings(501, "big")}
${bindings(300, "small")}
`;
  const warnings = problemsOf(text).filter((p) => p.includes("past 500"));
  expect(warnings).toHaveLength(1);
  expect(warnings[0]).toMatch(
    /^bindings\.yaml:7:\d+: bindings\[0\]\.stack: warning: the stack iam-prod-big holds 501 roles/,
  );
});

describe("checks", () => {
  const file = (binding: string, extra = "") => yaml`
    version: 1
    accounts:
      prod: { id: "111122223333", region: eu-west-1 }
      prod-team-a: { id: "444455556666", region: eu-west-1 }
    clusters:
      eu: { account: prod, region: eu-west-1 }
    ${extra}
    bindings:
      - name: api
        cluster: eu
        serviceAccounts: [shop/api]
${binding}
  `;

  test("a stack name that cannot name a directory, or is too long, or is the account's keyword", () => {
    expect(problemsOf(file("        stack: Team_A"))).toEqual([
      `bindings.yaml:12:12: bindings[0].stack: "Team_A" is not a stack name: lowercase letters and digits, words joined by single '-', starting with a letter (it names the directory iam-<account>-<stack>)`,
    ]);
    expect(problemsOf(file(`        stack: ${"a".repeat(33)}`))[0]).toContain("a stack name is at most 32");
    expect(problemsOf(file("        stack: account"))[0]).toContain(`"account" names the account's own stack`);
    expect(problemsOf(file("", "defaults: { stack: -x }"))[0]).toContain("defaults.stack");
  });

  test("a stack whose name is another stack's", () => {
    expect(problemsOf(file("        stack: team-a"))).toEqual([
      "bindings.yaml:12:12: bindings[0].stack: the stack iam-prod-team-a of account prod has the name of account prod-team-a's own stack: two stacks would share one directory; pick another stack name",
    ]);
  });

  test("previousStacks: the current stack, or one listed twice", () => {
    expect(problemsOf(file("        stack: team-b\n        previousStacks: [team-b]"))).toEqual([
      `bindings.yaml:13:22: bindings[0].previousStacks[0]: "team-b" is the binding's current stack; previousStacks lists the stacks it left`,
    ]);
    expect(problemsOf(file("        previousStacks: [account]"))[0]).toContain(
      `"account" is the binding's current stack`,
    );
    expect(problemsOf(file("        stack: team-b\n        previousStacks: [account, account]"))[0]).toContain(
      `stack "account" is listed twice`,
    );
  });

  test("a role made elsewhere has no stack", () => {
    expect(
      problemsOf(file("        role: { arn: arn:aws:iam::111122223333:role/x }\n        stack: team-b"))[0],
    ).toContain("role.arn names a role made elsewhere: podiam makes nothing in IAM for it, so it has no stack");
  });
});

describe("the commands list team stacks", () => {
  const dir = mkdtempSync(join(tmpdir(), "podiam-team-stacks-"));
  const head = join(dir, "bindings.yaml");
  const base = join(dir, "base.yaml");
  writeFileSync(head, HEAD);
  writeFileSync(base, HEAD.replace("    stack: team-a\n    policies:", "    policies:"));
  const cli = (...args: string[]) => {
    let out = "";
    let err = "";
    const code = run(args, { out: (t) => (out += t), err: (t) => (err += t) });
    return { code, out, err };
  };

  test("podiam affected: a binding moving into a new team stack changes the account's stack and adds the team's", () => {
    const result = cli("affected", "-f", head, "--base", base, "--format", "json");
    expect(result.code).toBe(0);
    const report = JSON.parse(result.out);
    expect(report.stacks).toEqual([
      { name: "iam-prod", change: "changed", dir: "cdktf.out/stacks/iam-prod" },
      { name: "iam-prod-team-a", change: "changed", dir: "cdktf.out/stacks/iam-prod-team-a" },
    ]);
  });

  test("podiam atlantis: one project per team stack, after the account's stack", () => {
    const out = join(dir, "atlantis.yaml");
    const result = cli("atlantis", "-f", head, "-o", out, "--synth-output", join(dir, "out"), "--no-workflow");
    expect(result.code).toBe(0);
    const projects = parse(readFileSync(out, "utf8")).projects.map((p: TerraformJson) => [
      p.name,
      p.execution_order_group,
    ]);
    expect(projects).toEqual([
      ["iam-prod", 1],
      ["iam-prod-team-a", 2],
      ["iam-prod-team-b", 2],
      ["k8s-eu", 3],
      ["k8s-lookup", 3],
    ]);
  });
});
