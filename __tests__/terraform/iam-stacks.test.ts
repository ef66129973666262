/**
 * The real Terraform CLI and AWS provider on every IAM stack of the example and of the fixtures:
 * an offline `terraform plan` (of a scratch copy with dummy credentials, no assume_role, no
 * allowed_account_ids, local state: no AWS call) whose JSON is checked against what each file's
 * bindings imply, and which must report no error and no warning. The plan validates the
 * configuration itself, so planned stacks get no separate `terraform validate` (each command
 * costs a load of the AWS provider's schema, seconds of CPU). The expectations are written here
 * from the YAML (by hand for the fixtures, by `impliedIamStacks` for the example, which changes
 * with the README), not computed by podiam's code.
 *
 * Two kinds of stack cannot plan offline and get `terraform validate` only:
 * - an issuer read at plan time (a cluster without oidcIssuer: data.aws_eks_cluster calls EKS);
 * - oidcProvider: adopt (the import block makes the plan read the existing provider from IAM;
 *   offline it fails "reading IAM OIDC Provider (<arn>) ... no such host").
 *
 * Skipped with a printed reason where terraform or the provider mirror (/opt/tf-plugins, or
 * PODIAM_TF_MIRROR) is missing; failing instead with PODIAM_REQUIRE_TERRAFORM=1.
 * PODIAM_TF_PARALLELISM (default 2) terraform runs at a time; PODIAM_KEEP_TF_SCRATCH=1 keeps the
 * scratch directories.
 */
import { readFileSync, rmSync } from "fs";
import { dirname, join, relative } from "path";
import {
  countByType,
  describeFailure,
  describeWithTerraform,
  limiter,
  offlineStackCopy,
  PlanJson,
  ResourceChange,
  runStack,
  StackRun,
  diagnostics,
} from "../helpers/terraform";
import { parse as parseYaml } from "yaml";
import { FIXTURES, modelOfFile, ROOT, synthToDir, TerraformJson } from "../helpers/synth";

const TIMEOUT = 300_000;
/** Two cores here; each terraform command is mostly the provider's own CPU. */
const PARALLELISM = Number(process.env.PODIAM_TF_PARALLELISM) || 2;
const STS = "sts.amazonaws.com";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

interface StackCase {
  readonly stack: string;
  /** Why this stack cannot plan offline; it is validated only. */
  readonly validateOnly?: string;
  /** Planned resources by type (every one a create on a fresh state). */
  readonly counts?: Record<string, number>;
  /** Keys of the clusters whose IAM OIDC provider the stack creates. */
  readonly oidcProviders?: readonly string[];
  /** The output role_arns: binding name -> role ARN. */
  readonly roleArns?: Record<string, string>;
  /** Roles made elsewhere (role.arn) that the stack's Pod Identity associations name. */
  readonly externalRoleArns?: readonly string[];
  /** Further checks of the plan (planned stacks) or of the synthesized JSON (validate-only). */
  readonly check?: (plan: PlanJson | undefined, synthesized: TerraformJson) => void;
}

interface FixtureCase {
  readonly file: string;
  readonly stacks: readonly StackCase[];
}

// --- helpers to read a plan -------------------------------------------------------------------

function changes(plan: PlanJson, type?: string): ResourceChange[] {
  return (plan.resource_changes ?? []).filter((change) => type === undefined || change.type === type);
}

function after(plan: PlanJson, address: string): Json {
  const change = changes(plan).find((c) => c.address === address);
  if (!change)
    throw new Error(
      `${address} is not planned; planned: ${changes(plan)
        .map((c) => c.address)
        .join(", ")}`,
    );
  return change.change.after;
}

function configured(plan: PlanJson, address: string): Json {
  const resource = plan.configuration?.root_module?.resources?.find((r: Json) => r.address === address);
  if (!resource) throw new Error(`${address} is not in the plan's configuration`);
  return resource;
}

/** The region of the provider a resource is configured with. */
function providerRegion(plan: PlanJson, address: string): string {
  const key = configured(plan, address).provider_config_key ?? "aws";
  return plan.configuration.provider_config[key].expressions.region.constant_value;
}

function asList<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function statements(policyJson: string): Json[] {
  return asList(JSON.parse(policyJson).Statement);
}

function statement(policyJson: string, sid: string): Json {
  const found = statements(policyJson).find((s) => s.Sid === sid);
  if (!found) throw new Error(`no statement ${sid} in ${policyJson}`);
  return found;
}

// --- what the bindings imply -------------------------------------------------------------------

const EXAMPLE_EU = "https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";
const EXAMPLE_US = "https://oidc.eks.us-east-1.amazonaws.com/id/5C5D4D1B8E2F4A3B9C7D6E5F4A3B2C1D";
const PI_EU = "https://oidc.eks.eu-west-1.amazonaws.com/id/0A1B2C3D4E5F60718293A4B5C6D7E8F9";
const PI_US = "https://oidc.eks.us-east-2.amazonaws.com/id/F9E8D7C6B5A4938271605F4E3D2C1B0A";

const CASES: readonly FixtureCase[] = [
  {
    // The example changes with the README: its counts, role ARNs and OIDC providers are derived
    // from its YAML by impliedIamStacks below; the spot checks are on the README's own bindings.
    file: join(ROOT, "bindings.yaml"),
    stacks: impliedIamStacks(join(ROOT, "bindings.yaml"), {
      prod: (plan) => {
        expect(after(plan!, "aws_iam_openid_connect_provider.prod-eu").url).toBe(EXAMPLE_EU);
        expect(after(plan!, "aws_iam_openid_connect_provider.prod-us").url).toBe(EXAMPLE_US);
        const dns = after(plan!, "aws_iam_role.external-dns");
        expect(dns.permissions_boundary).toBe("arn:aws:iam::111122223333:policy/workload-boundary");
        expect(dns.tags).toMatchObject({ "managed-by": "podiam" });
        // One role trusted by both clusters: one trust statement per cluster.
        expect(
          statements(dns.assume_role_policy)
            .map((s) => s.Principal.Federated)
            .sort(),
        ).toEqual([
          "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE",
          "arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/5C5D4D1B8E2F4A3B9C7D6E5F4A3B2C1D",
        ]);
      },
      shared: (plan) => {
        // Cross-account IRSA: the role in shared, trusting prod-eu's issuer through shared's own provider.
        expect(after(plan!, "aws_iam_openid_connect_provider.prod-eu").url).toBe(EXAMPLE_EU);
        const role = after(plan!, "aws_iam_role.invoice-reader");
        expect(role).toMatchObject({
          name: "invoice-reader",
          max_session_duration: 7200,
          permissions_boundary: "arn:aws:iam::444455556666:policy/boundary",
        });
        const trust = statements(role.assume_role_policy);
        expect(trust.map((s) => s.Principal.Federated)).toEqual([
          "arn:aws:iam::444455556666:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE",
        ]);
        expect(
          asList(
            trust[0].Condition.StringEquals["oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE:sub"],
          ).sort(),
        ).toEqual(["system:serviceaccount:billing:invoice-api", "system:serviceaccount:billing:invoice-worker"]);
      },
    }),
  },
  {
    file: join(FIXTURES, "pod-identity.yaml"),
    stacks: [
      {
        // metrics-writer: pod-identity, 2 clusters x 2 ServiceAccounts = 4 associations, 1 managed
        // + statements. cart: both, platform-us, 1 association, statements, IRSA on platform-us.
        // log-shipper: irsa on platform-eu, 2 managed, no exclusive attachments: an attachment each
        // (the exclusive attachments of the other two attach their policies themselves).
        stack: "iam-platform",
        counts: {
          aws_eks_pod_identity_association: 5,
          aws_iam_openid_connect_provider: 2,
          aws_iam_policy: 2,
          aws_iam_role: 3,
          aws_iam_role_policy_attachment: 2,
          aws_iam_role_policy_attachments_exclusive: 2,
        },
        oidcProviders: ["platform-eu", "platform-us"],
        roleArns: {
          cart: "arn:aws:iam::210987654321:role/shop/shop-cart",
          "log-shipper": "arn:aws:iam::210987654321:role/pi-log-shipper",
          "metrics-writer": "arn:aws:iam::210987654321:role/pi-metrics-writer",
        },
        check: (plan) => {
          expect(after(plan!, "aws_iam_openid_connect_provider.platform-eu").url).toBe(PI_EU);
          expect(after(plan!, "aws_iam_openid_connect_provider.platform-us").url).toBe(PI_US);
          const associations = changes(plan!, "aws_eks_pod_identity_association").map((c) => ({
            cluster: c.change.after.cluster_name,
            namespace: c.change.after.namespace,
            serviceAccount: c.change.after.service_account,
            role: c.change.after.role_arn,
            region: providerRegion(plan!, c.address),
          }));
          const writer = "arn:aws:iam::210987654321:role/pi-metrics-writer";
          expect(associations).toEqual(
            expect.arrayContaining([
              {
                cluster: "platform-eu-1",
                namespace: "monitoring",
                serviceAccount: "prometheus",
                role: writer,
                region: "eu-west-1",
              },
              {
                cluster: "platform-eu-1",
                namespace: "monitoring",
                serviceAccount: "thanos-receive",
                role: writer,
                region: "eu-west-1",
              },
              {
                cluster: "platform-us-1",
                namespace: "monitoring",
                serviceAccount: "prometheus",
                role: writer,
                region: "us-east-2",
              },
              {
                cluster: "platform-us-1",
                namespace: "monitoring",
                serviceAccount: "thanos-receive",
                role: writer,
                region: "us-east-2",
              },
              {
                cluster: "platform-us-1",
                namespace: "shop",
                serviceAccount: "cart",
                role: "arn:aws:iam::210987654321:role/shop/shop-cart",
                region: "us-east-2",
              },
            ]),
          );
          // pod-identity: the EKS service only; both: web identity and the EKS service.
          const principals = (binding: string) =>
            statements(after(plan!, `aws_iam_role.${binding}`).assume_role_policy).map(
              (s) => Object.keys(s.Principal)[0] + ":" + Object.values(s.Principal)[0],
            );
          expect(new Set(principals("metrics-writer"))).toEqual(new Set(["Service:pods.eks.amazonaws.com"]));
          expect(new Set(principals("cart"))).toEqual(
            new Set([
              "Federated:arn:aws:iam::210987654321:oidc-provider/oidc.eks.us-east-2.amazonaws.com/id/F9E8D7C6B5A4938271605F4E3D2C1B0A",
              "Service:pods.eks.amazonaws.com",
            ]),
          );
          expect(new Set(principals("log-shipper"))).toEqual(
            new Set([
              "Federated:arn:aws:iam::210987654321:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/0A1B2C3D4E5F60718293A4B5C6D7E8F9",
            ]),
          );
          // Exclusive attachments: the own policy and the managed one, by their literal ARNs.
          expect(
            [...after(plan!, "aws_iam_role_policy_attachments_exclusive.metrics-writer").policy_arns].sort(),
          ).toEqual([
            "arn:aws:iam::210987654321:policy/pi-metrics-writer",
            "arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy",
          ]);
          expect(
            changes(plan!, "aws_iam_role_policy_attachment")
              .map((c) => c.change.after.role)
              .sort(),
          ).toEqual(["pi-log-shipper", "pi-log-shipper"]);
          expect(
            changes(plan!, "aws_iam_role_policy_attachments_exclusive")
              .map((c) => c.change.after.role_name)
              .sort(),
          ).toEqual(["pi-metrics-writer", "shop-cart"]);
          expect(after(plan!, "aws_iam_role.cart").tags).toEqual({ "managed-by": "podiam", team: "shop" });
        },
      },
    ],
  },
  {
    // The file's policies (statements, and a JSON document), patterns, roles made elsewhere, trust.
    file: join(FIXTURES, "beyond.yaml"),
    stacks: [
      {
        // ci-runner: patterns, read-artifacts, trust conditions and roles. deployer: the document
        // policy and read-artifacts. legacy-api: a role made elsewhere, IRSA: nothing here.
        // legacy-worker: a role made elsewhere, Pod Identity: its association only.
        stack: "iam-prod",
        counts: {
          aws_eks_pod_identity_association: 1,
          aws_iam_openid_connect_provider: 1,
          aws_iam_policy: 2,
          aws_iam_role: 2,
          aws_iam_role_policy_attachments_exclusive: 2,
        },
        oidcProviders: ["build-eu"],
        roleArns: {
          "ci-runner": "arn:aws:iam::135792468024:role/eks/ci-runner",
          deployer: "arn:aws:iam::135792468024:role/eks/deployer",
        },
        externalRoleArns: ["arn:aws:iam::135792468024:role/made-elsewhere"],
        check: (plan) => {
          expect(after(plan!, "aws_iam_policy.policies__read-artifacts")).toMatchObject({
            name: "read-artifacts",
            path: "/shared/",
          });
          expect(statement(after(plan!, "aws_iam_policy.policies__deploy").policy, "AssumeTheRunner").Resource).toBe(
            "arn:aws:iam::135792468024:role/eks/ci-runner",
          );
          // The exclusive attachments attach the file's policies, as they attach every policy.
          expect(
            changes(plan!, "aws_iam_role_policy_attachments_exclusive")
              .map((c) => `${c.change.after.role_name} ${[...c.change.after.policy_arns].sort().join(" ")}`)
              .sort(),
          ).toEqual([
            "ci-runner arn:aws:iam::135792468024:policy/shared/read-artifacts",
            "deployer arn:aws:iam::135792468024:policy/eks/deploy arn:aws:iam::135792468024:policy/shared/read-artifacts",
          ]);
          const trust = statements(after(plan!, "aws_iam_role.ci-runner").assume_role_policy);
          expect(trust.map((s) => s.Principal.Federated ?? s.Principal.AWS)).toEqual([
            "arn:aws:iam::135792468024:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/B0B1B2B3B4B5B6B7B8B9BABBBCBDBEBF",
            "arn:aws:iam::135792468024:root",
            "arn:aws:iam::864209753186:root",
          ]);
          expect(trust[0].Condition.StringLike).toEqual({
            "oidc.eks.eu-west-1.amazonaws.com/id/B0B1B2B3B4B5B6B7B8B9BABBBCBDBEBF:sub": [
              "system:serviceaccount:ci:runner-*",
              "system:serviceaccount:build:*",
            ],
          });
          for (const s of trust) expect(s.Condition.IpAddress).toEqual({ "aws:SourceIp": "203.0.113.0/24" });
          expect(after(plan!, "aws_eks_pod_identity_association.build-eu__legacy__worker")).toMatchObject({
            namespace: "legacy",
            service_account: "worker",
            role_arn: "arn:aws:iam::135792468024:role/made-elsewhere",
          });
        },
      },
      {
        // mirror: cross-account IRSA with the file's policy, made in this account too.
        stack: "iam-shared",
        counts: {
          aws_iam_openid_connect_provider: 1,
          aws_iam_policy: 1,
          aws_iam_role: 1,
          aws_iam_role_policy_attachments_exclusive: 1,
        },
        oidcProviders: ["build-eu"],
        roleArns: { mirror: "arn:aws:iam::864209753186:role/eks/mirror" },
        check: (plan) => {
          expect(after(plan!, "aws_iam_role_policy_attachments_exclusive.mirror").policy_arns).toEqual([
            "arn:aws:iam::864209753186:policy/shared/read-artifacts",
          ]);
        },
      },
    ],
  },
  {
    file: join(FIXTURES, "issuer-lookup.yaml"),
    stacks: [
      {
        stack: "iam-lookup",
        validateOnly: "the issuer of cluster lookup-eu is read from aws_eks_cluster at plan time (an AWS call)",
        check: (_plan, json) => {
          // The cluster is in eu-west-3, the account's provider in eu-west-1: read it there.
          const cluster = json.data.aws_eks_cluster["lookup-eu"];
          expect(cluster.name).toBe("lookup-eu-1");
          const alias = String(cluster.provider).replace(/^aws\./, "");
          expect(json.provider.aws.find((p: Json) => p.alias === alias)?.region).toBe("eu-west-3");
        },
      },
      {
        // existing-reader: the provider exists already: referenced, not created.
        stack: "iam-ops",
        counts: { aws_iam_role: 1, aws_iam_role_policy_attachments_exclusive: 1 },
        oidcProviders: [],
        roleArns: { "existing-reader": "arn:aws:iam::246813579135:role/existing-reader" },
        check: (plan) => {
          const trust = statements(after(plan!, "aws_iam_role.existing-reader").assume_role_policy);
          expect(trust.map((s) => s.Principal.Federated)).toEqual([
            "arn:aws:iam::246813579135:oidc-provider/oidc.eks.eu-central-1.amazonaws.com/id/11112222333344445555666677778888",
          ]);
        },
      },
      {
        stack: "iam-adopted",
        validateOnly:
          "oidcProvider: adopt imports the existing IAM OIDC provider, and planning an import reads it from IAM (an AWS call)",
        check: (_plan, json) => {
          expect(json.import).toEqual([
            {
              to: "aws_iam_openid_connect_provider.adopted-eu",
              id: "arn:aws:iam::975318642097:oidc-provider/oidc.eks.eu-central-1.amazonaws.com/id/AAAABBBBCCCCDDDDEEEEFFFF00001111",
            },
          ]);
        },
      },
    ],
  },
  {
    file: join(FIXTURES, "partitions-and-backend.yaml"),
    stacks: [
      {
        stack: "iam-gov",
        counts: {
          aws_iam_openid_connect_provider: 1,
          aws_iam_policy: 1,
          aws_iam_role: 1,
          aws_iam_role_policy_attachments_exclusive: 1,
        },
        oidcProviders: ["gov-west"],
        roleArns: { "gov-reports": "arn:aws-us-gov:iam::369258147036:role/gov-reports" },
        check: (plan, json) => {
          const role = after(plan!, "aws_iam_role.gov-reports");
          expect(role.permissions_boundary).toBe("arn:aws-us-gov:iam::369258147036:policy/workload-boundary");
          expect(statements(role.assume_role_policy)[0].Principal.Federated).toBe(
            "arn:aws-us-gov:iam::369258147036:oidc-provider/oidc.eks.us-gov-west-1.amazonaws.com/id/ABCDEF0123456789ABCDEF0123456789",
          );
          expect(after(plan!, "aws_iam_role_policy_attachments_exclusive.gov-reports").policy_arns).toContain(
            "arn:aws-us-gov:iam::aws:policy/AmazonS3ReadOnlyAccess",
          );
          expect(statement(after(plan!, "aws_iam_policy.gov-reports").policy, "WriteReports").Resource).toBe(
            "arn:aws-us-gov:s3:::gov-reports/*",
          );
          // What users get keeps its S3 backend and its provider role; only the scratch copy differs.
          expect(json.terraform.backend).toEqual({
            s3: expect.objectContaining({
              bucket: "acme-gov-tf-state",
              region: "us-gov-west-1",
              key: "podiam/irsa/iam-369258147036.tfstate",
              use_lockfile: true,
            }),
          });
          expect(json.provider.aws[0]).toMatchObject({
            region: "us-gov-west-1",
            allowed_account_ids: ["369258147036"],
            assume_role: [{ role_arn: "arn:aws-us-gov:iam::369258147036:role/terraform" }],
          });
        },
      },
      {
        stack: "iam-china",
        counts: {
          aws_iam_openid_connect_provider: 1,
          aws_iam_policy: 1,
          aws_iam_role: 1,
          aws_iam_role_policy_attachments_exclusive: 1,
        },
        oidcProviders: ["china-north"],
        roleArns: { "china-uploader": "arn:aws-cn:iam::147036925814:role/china-uploader" },
        check: (plan, json) => {
          expect(after(plan!, "aws_iam_openid_connect_provider.china-north").url).toBe(
            "https://oidc.eks.cn-north-1.amazonaws.com.cn/id/0123456789ABCDEF0123456789ABCDEF",
          );
          expect(
            statements(after(plan!, "aws_iam_role.china-uploader").assume_role_policy)[0].Principal.Federated,
          ).toBe(
            "arn:aws-cn:iam::147036925814:oidc-provider/oidc.eks.cn-north-1.amazonaws.com.cn/id/0123456789ABCDEF0123456789ABCDEF",
          );
          expect(json.terraform.backend.s3).toMatchObject({
            bucket: "acme-gov-tf-state",
            key: "podiam/irsa/iam-147036925814.tfstate",
          });
        },
      },
    ],
  },
  {
    file: join(FIXTURES, "presets.yaml"),
    stacks: [
      {
        // controllers: Karpenter on two clusters (two policies) and the load balancer controller;
        // external-dns (renamed from dns): its own statements and the external-dns preset.
        stack: "iam-ops",
        counts: {
          aws_iam_openid_connect_provider: 2,
          aws_iam_policy: 5,
          aws_iam_role: 2,
          aws_iam_role_policy_attachments_exclusive: 2,
        },
        oidcProviders: ["ops-eu", "ops-us"],
        roleArns: {
          controllers: "arn:aws:iam::135792468013:role/addons/controllers",
          "external-dns": "arn:aws:iam::135792468013:role/addons/dns",
        },
        check: (plan) => {
          const karpenter = after(plan!, "aws_iam_policy.controllers__karpenter");
          expect([karpenter.name, karpenter.path]).toEqual(["controllers-karpenter", "/addons/"]);
          expect(after(plan!, "aws_iam_policy.controllers__karpenter__2").name).toBe("controllers-karpenter-2");
          expect(after(plan!, "aws_iam_role_policy_attachments_exclusive.external-dns").policy_arns).toContain(
            "arn:aws:iam::135792468013:policy/addons/dns-external-dns",
          );
          expect(
            asList(
              statement(after(plan!, "aws_iam_policy.external-dns__external-dns").policy, "ManageRecordsInZones")
                .Resource,
            ),
          ).toEqual(["arn:aws:route53:::hostedzone/Z0123456789OPSZONE"]);
        },
      },
    ],
  },
  {
    file: join(FIXTURES, "policy-variables.yaml"),
    stacks: [
      {
        // team-data: irsa, statements; tenant-data: pod-identity, 2 ServiceAccounts, statements.
        stack: "iam-data",
        counts: {
          aws_eks_pod_identity_association: 2,
          aws_iam_openid_connect_provider: 1,
          aws_iam_policy: 2,
          aws_iam_role: 2,
          aws_iam_role_policy_attachments_exclusive: 2,
        },
        oidcProviders: ["data-us"],
        roleArns: {
          "team-data": "arn:aws:iam::582693714025:role/team-data",
          "tenant-data": "arn:aws:iam::582693714025:role/tenant-data",
        },
        check: (plan) => {
          // IAM policy variables reach IAM as written: Terraform did not interpolate them, and the
          // escape ($${) did not leak into the policy either.
          const team = after(plan!, "aws_iam_policy.team-data").policy;
          expect(team).toContain("${aws:PrincipalTag/team}");
          expect(team).not.toContain("$${");
          expect(asList(statement(team, "TeamPrefix").Resource)).toEqual([
            "arn:aws:s3:::team-data/${aws:PrincipalTag/team}/*",
          ]);
          expect(Object.keys(statement(team, "ListTeamPrefix").Condition)).toEqual(["StringLike"]);
          expect(asList(statement(team, "ListTeamPrefix").Condition.StringLike["s3:prefix"])).toEqual([
            "${aws:PrincipalTag/team}/*",
          ]);
          // Free text from the file reaches AWS as written too.
          const role = after(plan!, "aws_iam_role.team-data");
          expect(role.description).toBe("Team data under s3://team-data/${aws:PrincipalTag/team}/ (%{prefix})");
          expect(role.tags).toEqual({ pattern: "team/prefix" });
          expect(after(plan!, "aws_iam_policy.team-data").description).toBe(
            "Team data under s3://team-data/${aws:PrincipalTag/team}/ (%{prefix})",
          );
          const tenant = after(plan!, "aws_iam_policy.tenant-data").policy;
          expect(asList(statement(tenant, "NamespacePrefix").Resource)).toEqual([
            "arn:aws:s3:::tenant-data/${aws:PrincipalTag/kubernetes-namespace}/*",
          ]);
          expect(
            changes(plan!, "aws_eks_pod_identity_association")
              .map((c) => `${c.change.after.namespace}/${c.change.after.service_account}`)
              .sort(),
          ).toEqual(["tenant-a/app", "tenant-b/app"]);
        },
      },
    ],
  },
];

// --- what a file implies, read from its YAML by the contract (docs: shared/spec/bindings.md) -----

/**
 * Every IAM stack a file implies (one per declared account), with what its plan must create,
 * computed from the YAML as the contract reads it, independently of podiam's model and
 * constructs: a role per binding in the binding's account (its `account`, else its first
 * cluster's), a customer-managed policy when it has statements and per preset, exclusive attachments
 * that attach them all (or, turned off, an attachment per policy, managed ones included), an OIDC provider per cluster that
 * an irsa/both role of the account trusts (unless `existing`), a Pod Identity association per
 * (cluster, ServiceAccount) of pod-identity/both bindings. Stacks that must read AWS to plan
 * (an issuer read at plan time, an import) are validate-only.
 */
function impliedIamStacks(file: string, checks: Record<string, StackCase["check"]> = {}): StackCase[] {
  const doc: Json = parseYaml(readFileSync(file, "utf8"));
  const defaults: Json = doc.defaults ?? {};
  const clusters: Json = doc.clusters ?? {};
  const stacks: StackCase[] = [];
  for (const [alias, account] of Object.entries<Json>(doc.accounts ?? {})) {
    const counts: Record<string, number> = {};
    const add = (type: string, n = 1) => {
      if (n > 0) counts[type] = (counts[type] ?? 0) + n;
    };
    const roleArns: Record<string, string> = {};
    const externalRoleArns: string[] = [];
    const trusted = new Set<string>();
    const needsAws: string[] = [];
    const filePolicies = new Set<string>();
    for (const binding of doc.bindings ?? []) {
      const keys: string[] = binding.clusters ?? [binding.cluster];
      const mode = binding.mode ?? defaults.mode ?? "irsa";
      // A single ServiceAccount may be written as a string; a pattern (ns/*) has no association.
      const serviceAccounts = ([] as string[]).concat(binding.serviceAccounts).filter((sa) => !sa.endsWith("*"));
      if (binding.role?.arn !== undefined) {
        // A role made elsewhere: nothing in IAM; its associations in its (the cluster's) account.
        if (binding.role.arn.split(":")[4] !== account.id) continue;
        if (mode !== "irsa") {
          add("aws_eks_pod_identity_association", keys.length * serviceAccounts.length);
          externalRoleArns.push(binding.role.arn);
        }
        continue;
      }
      if ((binding.account ?? clusters[keys[0]].account) !== alias) continue;
      const name =
        binding.role?.name ?? `${defaults.roleNamePrefix ?? ""}${binding.previousNames?.[0] ?? binding.name}`;
      const path = binding.role?.path ?? defaults.rolePath ?? "/";
      roleArns[binding.name] = `arn:${account.partition ?? "aws"}:iam::${account.id}:role${path}${name}`;
      const hasStatements = (binding.policies?.statements ?? []).length > 0;
      // One policy per preset (the example's presets each fit one; a split would fail the counts).
      const presets = Object.keys(binding.policies?.presets ?? {}).length;
      add("aws_iam_role");
      add("aws_iam_policy", (hasStatements ? 1 : 0) + presets);
      const exclusive = binding.role?.exclusivePolicyAttachments !== false;
      add(
        "aws_iam_role_policy_attachment",
        exclusive ? 0 : (hasStatements ? 1 : 0) + presets + (binding.policies?.managed ?? []).length,
      );
      add("aws_iam_role_policy_attachments_exclusive", exclusive ? 1 : 0);
      // A bare name in policies.managed is a policy of the file: made once in the account.
      for (const entry of binding.policies?.managed ?? []) if (!entry.startsWith("arn:")) filePolicies.add(entry);
      if (mode !== "irsa") add("aws_eks_pod_identity_association", keys.length * serviceAccounts.length);
      if (mode !== "pod-identity") keys.forEach((key) => trusted.add(key));
      if (binding.adopt?.role || binding.adopt?.policy)
        needsAws.push(`binding ${binding.name} adopts its role or policy (an import reads it from IAM)`);
    }
    add("aws_iam_policy", filePolicies.size);
    const oidcProviders = [...trusted].filter((key) => (clusters[key].oidcProvider ?? "create") !== "existing").sort();
    add("aws_iam_openid_connect_provider", oidcProviders.length);
    for (const key of [...trusted].sort()) {
      if (clusters[key].oidcIssuer === undefined)
        needsAws.push(`the issuer of cluster ${key} is read from aws_eks_cluster at plan time`);
      else if (clusters[key].oidcProvider === "adopt")
        needsAws.push(`the OIDC provider of cluster ${key} is adopted (an import reads it from IAM)`);
    }
    stacks.push({
      stack: `iam-${alias}`,
      ...(needsAws.length > 0
        ? { validateOnly: needsAws.join("; ") }
        : { counts, oidcProviders, roleArns, externalRoleArns }),
      ...(checks[alias] ? { check: checks[alias] } : {}),
    });
  }
  return stacks;
}

// --- checks every planned stack gets -----------------------------------------------------------

function checkPlanConsistency(plan: PlanJson, expected: StackCase): void {
  // A fresh state: every change is a create; no data source is read.
  const notCreates = changes(plan).filter((c) => c.change.actions.join() !== "create");
  expect(notCreates.map((c) => `${c.address}: ${c.change.actions.join()}`)).toEqual([]);
  expect(countByType(plan)).toEqual(expected.counts);

  const roleArns: Record<string, string> = expected.roleArns!;
  // One role per binding, addressed by the binding's name; its ARN, as IAM will make it from the
  // planned path and name, is the one in the output.
  expect(
    changes(plan, "aws_iam_role")
      .map((c) => c.address)
      .sort(),
  ).toEqual(
    Object.keys(roleArns)
      .map((b) => `aws_iam_role.${b}`)
      .sort(),
  );
  for (const [binding, arn] of Object.entries(roleArns)) {
    const role = after(plan, `aws_iam_role.${binding}`);
    expect(arn.endsWith(`:role${role.path}${role.name}`)).toBe(true);
  }
  const roleNames = new Set(changes(plan, "aws_iam_role").map((c) => c.change.after.name));
  for (const c of changes(plan, "aws_iam_role_policy_attachment")) expect(roleNames).toContain(c.change.after.role);
  for (const c of changes(plan, "aws_iam_role_policy_attachments_exclusive"))
    expect(roleNames).toContain(c.change.after.role_name);
  for (const c of changes(plan, "aws_eks_pod_identity_association"))
    expect([...Object.values(roleArns), ...(expected.externalRoleArns ?? [])]).toContain(c.change.after.role_arn);

  // OIDC providers, by cluster key, for the audience STS; a role that trusts one this stack
  // creates depends on it (so that apply creates the provider first).
  const providers = changes(plan, "aws_iam_openid_connect_provider");
  expect(providers.map((c) => c.address).sort()).toEqual(
    expected.oidcProviders!.map((key) => `aws_iam_openid_connect_provider.${key}`).sort(),
  );
  const providerByHost = new Map(
    providers.map((c) => [String(c.change.after.url).replace(/^https:\/\//, ""), c.address]),
  );
  for (const c of providers) {
    expect(c.change.after.client_id_list).toEqual([STS]);
    expect(c.change.after.url).toMatch(/^https:\/\//);
  }
  for (const role of changes(plan, "aws_iam_role")) {
    for (const s of statements(role.change.after.assume_role_policy)) {
      const federated: string | undefined = s.Principal?.Federated;
      if (federated === undefined) continue;
      const host = federated.replace(/^arn:[^:]+:iam::[0-9]{12}:oidc-provider\//, "");
      expect(s.Condition.StringEquals[`${host}:aud`]).toBe(STS);
      const provider = providerByHost.get(host);
      if (provider) expect(configured(plan, role.address).depends_on ?? []).toContain(provider);
    }
  }

  const output = plan.output_changes?.role_arns;
  expect(output?.actions).toEqual(["create"]);
  expect(output?.after).toEqual(roleArns);
}

// --- the suite ----------------------------------------------------------------------------------

describeWithTerraform("IAM stacks under the real Terraform AWS provider (offline)", () => {
  const run = limiter(PARALLELISM);
  const scratch: string[] = [];
  /** By `<file>:<stack>`. */
  const runs = new Map<string, Promise<StackRun>>();
  const synthesized = new Map<string, { outdir: string; text: string }>();
  const key = (file: string, stack: string) => `${file}:${stack}`;

  beforeAll(() => {
    for (const fixture of CASES) {
      const outdir = synthToDir(modelOfFile(fixture.file));
      for (const stack of fixture.stacks) {
        const path = join(outdir, "stacks", stack.stack, "cdk.tf.json");
        synthesized.set(key(fixture.file, stack.stack), { outdir, text: readFileSync(path, "utf8") });
        const dir = offlineStackCopy(outdir, stack.stack);
        scratch.push(dirname(dir));
        // Started now, awaited by the tests: the stacks run in parallel while tests report in order.
        runs.set(
          key(fixture.file, stack.stack),
          run(() => runStack(dir, stack.stack, { plan: stack.validateOnly === undefined, validate: false })),
        );
      }
    }
  }, TIMEOUT);

  afterAll(async () => {
    await Promise.allSettled(runs.values());
    if (process.env.PODIAM_KEEP_TF_SCRATCH !== "1")
      for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
  }, TIMEOUT);

  for (const fixture of CASES) {
    const name = relative(ROOT, fixture.file);
    describe(name, () => {
      test("synthesizes the IAM stacks under test, and no other IAM stack", () => {
        const outdir = synthesized.get(key(fixture.file, fixture.stacks[0].stack))!.outdir;
        const stacks = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8")).stacks;
        expect(
          Object.keys(stacks)
            .filter((s) => s.startsWith("iam-"))
            .sort(),
        ).toEqual(fixture.stacks.map((s) => s.stack).sort());
      });

      for (const stack of fixture.stacks) {
        const id = key(fixture.file, stack.stack);
        const json = () => JSON.parse(synthesized.get(id)!.text);

        if (stack.validateOnly !== undefined) {
          test(
            `${stack.stack}: terraform init and validate, no error and no warning`,
            async () => {
              const result = await runs.get(id)!;
              if (result.init.code !== 0) throw new Error(describeFailure(result.init));
              expect(diagnostics(result.validate!)).toEqual([]);
              expect(result.validate!.code).toBe(0);
            },
            TIMEOUT,
          );
          test.skip(`${stack.stack}: offline plan skipped: ${stack.validateOnly}`, () => undefined);
          if (stack.check) test(`${stack.stack}: synthesized JSON`, () => stack.check!(undefined, json()));
          continue;
        }

        test(
          // The plan validates the configuration itself: no separate `terraform validate` here.
          `${stack.stack}: terraform init and plan (validating), no error and no warning`,
          async () => {
            const result = await runs.get(id)!;
            if (result.init.code !== 0) throw new Error(describeFailure(result.init));
            expect(diagnostics(result.plan!)).toEqual([]);
            expect(result.plan!.code).toBe(0);
          },
          TIMEOUT,
        );

        test(
          `${stack.stack}: offline plan creates what the bindings imply, and outputs role_arns`,
          async () => {
            const result = await runs.get(id)!;
            if (!result.planJson)
              throw new Error(describeFailure(result.show ?? result.plan ?? result.validate ?? result.init));
            checkPlanConsistency(result.planJson, stack);
            stack.check?.(result.planJson, json());
          },
          TIMEOUT,
        );
      }

      test(
        "what users get is untouched: only the scratch copies were patched",
        async () => {
          await Promise.allSettled(fixture.stacks.map((s) => runs.get(key(fixture.file, s.stack))!));
          for (const stack of fixture.stacks) {
            const { outdir, text } = synthesized.get(key(fixture.file, stack.stack))!;
            expect(readFileSync(join(outdir, "stacks", stack.stack, "cdk.tf.json"), "utf8")).toBe(text);
          }
        },
        TIMEOUT,
      );
    });
  }
});
