/**
 * The Terraform JSON of what "Beyond the first file" adds: the file's policies (one aws_iam_policy
 * per account that attaches it, attached by ARN once it exists, moved on a rename), ServiceAccount
 * patterns (a StringLike statement, no ServiceAccount), roles made elsewhere (nothing in IAM),
 * and trust (conditions on every statement, other roles by account and aws:PrincipalArn).
 */
import { join } from "path";
import { FIXTURES, modelOf, modelOfFile, synthStacks, TerraformJson } from "../helpers/synth";

const stacks = synthStacks(modelOfFile(join(FIXTURES, "beyond.yaml")));
const prod = stacks["iam-prod"];
const shared = stacks["iam-shared"];
const HOST = "oidc.eks.eu-west-1.amazonaws.com/id/B0B1B2B3B4B5B6B7B8B9BABBBCBDBEBF";

function trustOf(stack: TerraformJson, binding: string): TerraformJson[] {
  return JSON.parse(stack.resource.aws_iam_role[binding].assume_role_policy).Statement;
}

function strip<T extends Record<string, unknown>>(resource: T): Omit<T, "//"> {
  const copy = { ...resource };
  delete copy["//"];
  return copy;
}

describe("the file's policies", () => {
  test("one aws_iam_policy per account that attaches it, addressed by its key, with defaults.tags", () => {
    expect(Object.keys(prod.resource.aws_iam_policy).sort()).toEqual(["policies__deploy", "policies__read-artifacts"]);
    expect(Object.keys(shared.resource.aws_iam_policy)).toEqual(["policies__read-artifacts"]);
    expect(strip(prod.resource.aws_iam_policy["policies__read-artifacts"])).toEqual({
      name: "read-artifacts",
      path: "/shared/",
      description: "Read build artifacts",
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          { Sid: "ReadArtifacts", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::acme-artifacts/*" },
        ],
      }),
      tags: { "managed-by": "podiam" },
      // Replaced create-before-destroy: leaving the file, it is detached before it is deleted.
      lifecycle: { create_before_destroy: true, ignore_changes: ["description"] },
    });
  });

  test("a JSON document's statements, in podiam's one rendering", () => {
    expect(JSON.parse(prod.resource.aws_iam_policy.policies__deploy.policy)).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "AssumeTheRunner",
          Effect: "Allow",
          Action: "sts:AssumeRole",
          Resource: "arn:aws:iam::135792468024:role/eks/ci-runner",
        },
        {
          Sid: "DescribeTheCluster",
          Effect: "Allow",
          Action: "eks:DescribeCluster",
          Resource: "arn:aws:eks:eu-west-1:135792468024:cluster/build-eu-1",
        },
      ],
    });
  });

  test("attached by its ARN in the role's account, after the policy exists, and kept exclusively", () => {
    // The exclusive attachments attach it, once it exists; the role outlives it.
    const deployer = prod.resource.aws_iam_role_policy_attachments_exclusive.deployer;
    expect(deployer.policy_arns).toEqual([
      "arn:aws:iam::135792468024:policy/eks/deploy",
      "arn:aws:iam::135792468024:policy/shared/read-artifacts",
    ]);
    expect(deployer.depends_on).toEqual(
      expect.arrayContaining(["aws_iam_policy.policies__deploy", "aws_iam_policy.policies__read-artifacts"]),
    );
    expect(prod.resource.aws_iam_role.deployer.depends_on).toEqual(
      expect.arrayContaining(["aws_iam_policy.policies__deploy"]),
    );
    const mirror = shared.resource.aws_iam_role_policy_attachments_exclusive.mirror;
    expect(mirror.policy_arns).toContain("arn:aws:iam::864209753186:policy/shared/read-artifacts");
    expect(mirror.depends_on).toContain("aws_iam_policy.policies__read-artifacts");
    expect(prod.resource.aws_iam_role_policy_attachment).toBeUndefined();
  });

  test("a renamed policy moves, and keeps its IAM name", () => {
    const renamed = synthStacks(
      modelOf(`
version: 1
accounts: { prod: { id: "135792468024", region: eu-west-1 } }
clusters: { eu: { account: prod, region: eu-west-1, oidcIssuer: "https://${HOST}" } }
policies:
  artifacts-reader:
    previousNames: [read-artifacts]
    statements: [{ actions: s3:GetObject, resources: "*" }]
bindings:
  - { name: ci, cluster: eu, serviceAccounts: ci/runner, policies: { managed: [artifacts-reader] } }
`),
    )["iam-prod"];
    expect(renamed.resource.aws_iam_policy["policies__artifacts-reader"].name).toBe("read-artifacts");
    expect(renamed.moved).toEqual([
      { from: "aws_iam_policy.policies__read-artifacts", to: "aws_iam_policy.policies__artifacts-reader" },
    ]);
  });
});

describe("ServiceAccount patterns", () => {
  test("a StringLike statement of their own, with the StringEquals audience, and the trust conditions", () => {
    expect(trustOf(prod, "ci-runner")[0]).toEqual({
      Effect: "Allow",
      Principal: { Federated: `arn:aws:iam::135792468024:oidc-provider/${HOST}` },
      Action: "sts:AssumeRoleWithWebIdentity",
      Condition: {
        StringLike: { [`${HOST}:sub`]: ["system:serviceaccount:ci:runner-*", "system:serviceaccount:build:*"] },
        StringEquals: { [`${HOST}:aud`]: "sts.amazonaws.com" },
        IpAddress: { "aws:SourceIp": "203.0.113.0/24" },
      },
    });
  });

  test("beside the exact ones' StringEquals statement", () => {
    const trust = JSON.parse(
      synthStacks(
        modelOf(`
version: 1
accounts: { prod: { id: "135792468024", region: eu-west-1 } }
clusters: { eu: { account: prod, region: eu-west-1, oidcIssuer: "https://${HOST}" } }
bindings:
  - { name: ci, cluster: eu, serviceAccounts: [ci/runner, ci/job-*] }
`),
      )["iam-prod"].resource.aws_iam_role.ci.assume_role_policy,
    ).Statement;
    expect(trust.map((s: TerraformJson) => s.Condition)).toEqual([
      { StringEquals: { [`${HOST}:sub`]: "system:serviceaccount:ci:runner", [`${HOST}:aud`]: "sts.amazonaws.com" } },
      {
        StringLike: { [`${HOST}:sub`]: "system:serviceaccount:ci:job-*" },
        StringEquals: { [`${HOST}:aud`]: "sts.amazonaws.com" },
      },
    ]);
  });

  test("no ServiceAccount is created for a pattern", () => {
    const accounts = Object.values(stacks["k8s-build-eu"].resource.kubernetes_service_account_v1).map(
      (sa: TerraformJson) => `${sa.metadata.namespace}/${sa.metadata.name}`,
    );
    expect(accounts.sort()).toEqual(["legacy/api", "legacy/worker", "mirror/sync"]);
  });
});

describe("roles made elsewhere", () => {
  test("nothing in IAM: no role, policy, attachment or OIDC provider of theirs; not in role_arns", () => {
    expect(Object.keys(prod.resource.aws_iam_role).sort()).toEqual(["ci-runner", "deployer"]);
    expect(Object.keys(prod.resource.aws_iam_role_policy_attachments_exclusive).sort()).toEqual([
      "ci-runner",
      "deployer",
    ]);
    expect(JSON.stringify(prod)).not.toContain("made-by-eksctl");
    expect(prod.output.role_arns.value).toEqual({
      "ci-runner": "arn:aws:iam::135792468024:role/eks/ci-runner",
      deployer: "arn:aws:iam::135792468024:role/eks/deployer",
    });
    // An IRSA binding on a role made elsewhere alone makes no OIDC provider.
    const alone = synthStacks(
      modelOf(`
version: 1
accounts: { prod: { id: "135792468024", region: eu-west-1 } }
clusters: { eu: { account: prod, region: eu-west-1 } }
bindings:
  - { name: legacy, cluster: eu, serviceAccounts: legacy/api, role: { arn: "arn:aws:iam::135792468024:role/legacy" } }
`),
    );
    expect(alone["iam-prod"].resource).toBeUndefined();
    expect(alone["iam-prod"].data).toBeUndefined();
  });

  test("the ServiceAccount carries the role's ARN (irsa); the association names it (pod-identity)", () => {
    const sas = stacks["k8s-build-eu"].resource.kubernetes_service_account_v1;
    expect(sas.legacy__api.metadata.annotations).toEqual({
      "eks.amazonaws.com/role-arn": "arn:aws:iam::135792468024:role/legacy/made-by-eksctl",
    });
    expect(sas.legacy__worker.metadata.annotations).toBeUndefined();
    expect(strip(prod.resource.aws_eks_pod_identity_association["build-eu__legacy__worker"])).toEqual({
      cluster_name: "build-eu-1",
      namespace: "legacy",
      service_account: "worker",
      role_arn: "arn:aws:iam::135792468024:role/made-elsewhere",
      tags: { "managed-by": "podiam" },
    });
  });
});

describe("trust", () => {
  test("listed roles: per account, its root with ArnEquals aws:PrincipalArn, the conditions ANDed in", () => {
    expect(trustOf(prod, "ci-runner").slice(1)).toEqual([
      {
        Effect: "Allow",
        Principal: { AWS: "arn:aws:iam::135792468024:root" },
        Action: ["sts:AssumeRole", "sts:TagSession"],
        Condition: {
          ArnEquals: { "aws:PrincipalArn": "arn:aws:iam::135792468024:role/eks/deployer" },
          IpAddress: { "aws:SourceIp": "203.0.113.0/24" },
        },
      },
      {
        Effect: "Allow",
        Principal: { AWS: "arn:aws:iam::864209753186:root" },
        Action: ["sts:AssumeRole", "sts:TagSession"],
        Condition: {
          ArnEquals: { "aws:PrincipalArn": "arn:aws:iam::864209753186:role/release" },
          IpAddress: { "aws:SourceIp": "203.0.113.0/24" },
        },
      },
    ]);
  });

  test("conditions go into every Pod Identity statement too", () => {
    const trust = JSON.parse(
      synthStacks(
        modelOf(`
version: 1
accounts: { prod: { id: "135792468024", region: eu-west-1 } }
clusters: { eu: { account: prod, region: eu-west-1, name: eu-1, oidcIssuer: "https://${HOST}" } }
bindings:
  - name: app
    cluster: eu
    mode: both
    serviceAccounts: [app/a, app/b]
    trust: { conditions: { StringEquals: { aws:PrincipalTag/team: app }, Bool: { aws:SecureTransport: true } } }
`),
      )["iam-prod"].resource.aws_iam_role.app.assume_role_policy,
    ).Statement;
    expect(trust).toHaveLength(3);
    for (const statement of trust) {
      expect(statement.Condition.StringEquals["aws:PrincipalTag/team"]).toBe("app");
      expect(statement.Condition.Bool).toEqual({ "aws:SecureTransport": true });
    }
    expect(trust[1].Condition.StringEquals).toEqual({
      "aws:SourceAccount": "135792468024",
      "aws:RequestTag/eks-cluster-arn": "arn:aws:eks:eu-west-1:135792468024:cluster/eu-1",
      "aws:RequestTag/kubernetes-namespace": "app",
      "aws:RequestTag/kubernetes-service-account": "a",
      "aws:PrincipalTag/team": "app",
    });
  });
});
