/**
 * The Terraform JSON of every spec feature, through the stacks a user gets from `podiam synth`.
 */
import { IamOpenidConnectProvider } from "@cdktf/provider-aws/lib/iam-openid-connect-provider";
import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachmentsExclusive } from "@cdktf/provider-aws/lib/iam-role-policy-attachments-exclusive";
import { EksPodIdentityAssociation } from "@cdktf/provider-aws/lib/eks-pod-identity-association";
import { ServiceAccountV1 } from "@cdktf/provider-kubernetes/lib/service-account-v1";
import { modelOf, stackTexts, synthToDir, TerraformJson } from "../helpers/synth";

const ISSUER_EU = "https://oidc.eks.eu-west-1.amazonaws.com/id/AAAA1111";
const HOST_EU = "oidc.eks.eu-west-1.amazonaws.com/id/AAAA1111";
const ISSUER_US = "https://oidc.eks.us-east-1.amazonaws.com/id/BBBB2222";
const HOST_US = "oidc.eks.us-east-1.amazonaws.com/id/BBBB2222";

const BASE = `
version: 1
accounts:
  prod: { id: "111122223333", region: eu-west-1, providerRoleArn: "arn:aws:iam::111122223333:role/terraform" }
  shared: { id: "444455556666", region: eu-west-1 }
clusters:
  eu: { account: prod, region: eu-west-1, name: eu-1, oidcIssuer: "${ISSUER_EU}" }
  us: { account: prod, region: us-east-1, oidcIssuer: "${ISSUER_US}" }
defaults:
  roleNamePrefix: eks-
  rolePath: /eks/
  tags: { managed-by: podiam }
  serviceAccount:
    annotations: { eks.amazonaws.com/sts-regional-endpoints: "true" }
    labels: { app.kubernetes.io/managed-by: podiam }
`;

function synth(bindings: string, base = BASE): { texts: Record<string, string>; json: Record<string, TerraformJson> } {
  const texts = stackTexts(synthToDir(modelOf(`${base}bindings:\n${bindings}`)));
  const json = Object.fromEntries(Object.entries(texts).map(([name, text]) => [name, JSON.parse(text)]));
  return { texts, json };
}

function trustOf(stack: TerraformJson, binding: string): TerraformJson {
  return JSON.parse(stack.resource.aws_iam_role[binding].assume_role_policy);
}

describe("IRSA role", () => {
  const { texts, json } = synth(`
  - name: invoice-reader
    cluster: eu
    serviceAccounts: [billing/api, billing/worker]
    role: { description: Reads invoices, maxSessionDuration: 7200, tags: { team: billing } }
    policies:
      managed: [arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess]
      statements:
        - sid: ReadInvoices
          actions: [s3:GetObject]
          resources: ["arn:aws:s3:::invoices/*"]
`);
  const iam = json["iam-prod"];

  test("the role has its computed name, path, settings and merged tags", () => {
    expect(texts["iam-prod"]).toHaveResourceWithProperties(IamRole, {
      name: "eks-invoice-reader",
      path: "/eks/",
      description: "Reads invoices",
      max_session_duration: 7200,
      tags: { "managed-by": "podiam", team: "billing" },
    });
  });

  test("the trust policy is literal JSON: one statement, the OIDC provider, sub and aud, nothing else", () => {
    expect(trustOf(iam, "invoice-reader")).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Federated: `arn:aws:iam::111122223333:oidc-provider/${HOST_EU}` },
          Action: "sts:AssumeRoleWithWebIdentity",
          Condition: {
            StringEquals: {
              [`${HOST_EU}:sub`]: ["system:serviceaccount:billing:api", "system:serviceaccount:billing:worker"],
              [`${HOST_EU}:aud`]: "sts.amazonaws.com",
            },
          },
        },
      ],
    });
  });

  test("the role waits for the OIDC provider this stack creates, and for its policy", () => {
    expect(iam.resource.aws_iam_role["invoice-reader"].depends_on).toEqual([
      "aws_iam_openid_connect_provider.eu",
      "aws_iam_policy.invoice-reader",
    ]);
    expect(texts["iam-prod"]).toHaveResourceWithProperties(IamOpenidConnectProvider, {
      url: ISSUER_EU,
      client_id_list: ["sts.amazonaws.com"],
    });
    // Only the trusted cluster gets a provider.
    expect(Object.keys(iam.resource.aws_iam_openid_connect_provider)).toEqual(["eu"]);
  });

  test("statements become one customer-managed policy, replaced create-before-destroy, its description kept", () => {
    expect(texts["iam-prod"]).toHaveResourceWithProperties(IamPolicy, {
      name: "eks-invoice-reader",
      path: "/eks/",
      description: "Reads invoices",
      lifecycle: { create_before_destroy: true, ignore_changes: ["description"] },
    });
    expect(JSON.parse(iam.resource.aws_iam_policy["invoice-reader"].policy)).toEqual({
      Version: "2012-10-17",
      Statement: [
        { Sid: "ReadInvoices", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::invoices/*" },
      ],
    });
  });

  test("the exclusive attachments attach every policy, after the role and the policies; no attachment of its own", () => {
    // Literal names and ARNs, so a reviewer reads the real ones in the plan; depends_on keeps the order.
    expect(texts["iam-prod"]).toHaveResourceWithProperties(IamRolePolicyAttachmentsExclusive, {
      role_name: "eks-invoice-reader",
      policy_arns: [
        "arn:aws:iam::111122223333:policy/eks/eks-invoice-reader",
        "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
      ],
      depends_on: ["aws_iam_role.invoice-reader", "aws_iam_policy.invoice-reader"],
    });
    expect(iam.resource.aws_iam_role_policy_attachment).toBeUndefined();
    // Deleted, the exclusive attachments detach nothing: the role, deleted before its policy, detaches all.
    expect(iam.resource.aws_iam_role["invoice-reader"]).toMatchObject({
      force_detach_policies: true,
      lifecycle: { create_before_destroy: true },
    });
  });

  test("the attachments of podiam 0.1's layout leave the state, and stay in AWS: removed, destroy = false", () => {
    expect(iam.removed).toEqual([
      { from: "aws_iam_role_policy_attachment.invoice-reader", lifecycle: { destroy: false } },
      {
        from: "aws_iam_role_policy_attachment.invoice-reader__aws_AmazonS3ReadOnlyAccess",
        lifecycle: { destroy: false },
      },
    ]);
    expect(iam.terraform.required_version).toBe(">= 1.7");
  });

  test("no reference between resources: nothing in the stack but literals (issuers known)", () => {
    expect(texts["iam-prod"]).not.toMatch(/\$\{(aws_|data\.|local\.)/);
  });

  test("the provider assumes the account's role and only accepts that account", () => {
    expect(iam.provider.aws).toEqual([
      {
        region: "eu-west-1",
        allowed_account_ids: ["111122223333"],
        assume_role: [{ role_arn: "arn:aws:iam::111122223333:role/terraform" }],
      },
    ]);
  });

  test("the output lists every role's ARN, computed", () => {
    expect(iam.output.role_arns.value).toEqual({
      "invoice-reader": "arn:aws:iam::111122223333:role/eks/eks-invoice-reader",
    });
  });

  test("the ServiceAccounts carry the role ARN plus default annotations and labels", () => {
    expect(texts["k8s-eu"]).toHaveResourceWithProperties(ServiceAccountV1, {
      metadata: {
        name: "api",
        namespace: "billing",
        annotations: {
          "eks.amazonaws.com/role-arn": "arn:aws:iam::111122223333:role/eks/eks-invoice-reader",
          "eks.amazonaws.com/sts-regional-endpoints": "true",
        },
        labels: { "app.kubernetes.io/managed-by": "podiam" },
      },
      automount_service_account_token: true,
    });
    expect(Object.keys(json["k8s-eu"].resource.kubernetes_service_account_v1).sort()).toEqual([
      "billing__api",
      "billing__worker",
    ]);
  });

  test("the k8s stack reaches the API server as eks-oidc does: endpoint, CA and token from the cluster", () => {
    const k8s = json["k8s-eu"];
    expect(k8s.data.aws_eks_cluster.eu.name).toBe("eu-1");
    expect(k8s.data.aws_eks_cluster_auth.eu.name).toBe("eu-1");
    expect(k8s.provider.kubernetes).toEqual([
      {
        host: "${data.aws_eks_cluster.eu.endpoint}",
        cluster_ca_certificate: "${base64decode(data.aws_eks_cluster.eu.certificate_authority[0].data)}",
        token: "${data.aws_eks_cluster_auth.eu.token}",
      },
    ]);
    expect(k8s.provider.aws[0]).toMatchObject({ region: "eu-west-1", allowed_account_ids: ["111122223333"] });
  });

  test("no k8s stack for a cluster without ServiceAccounts; an IAM stack for every account", () => {
    expect(Object.keys(texts)).toEqual(["iam-prod", "iam-shared", "k8s-eu"]);
    expect(json["iam-shared"].resource).toBeUndefined();
    expect(json["iam-shared"].output.role_arns.value).toEqual({});
  });
});

describe("multi-cluster and cross-account IRSA", () => {
  const { json } = synth(`
  - name: dns
    clusters: [us, eu]
    serviceAccounts: [dns/external-dns]
  - name: reader
    cluster: eu
    account: shared
    serviceAccounts: [billing/api]
`);

  test("one trust statement per trusted cluster, each with its own issuer", () => {
    const statements = trustOf(json["iam-prod"], "dns").Statement;
    expect(statements.map((s: TerraformJson) => s.Principal.Federated)).toEqual([
      `arn:aws:iam::111122223333:oidc-provider/${HOST_EU}`,
      `arn:aws:iam::111122223333:oidc-provider/${HOST_US}`,
    ]);
    expect(statements[1].Condition.StringEquals).toEqual({
      [`${HOST_US}:sub`]: "system:serviceaccount:dns:external-dns",
      [`${HOST_US}:aud`]: "sts.amazonaws.com",
    });
    expect(json["iam-prod"].resource.aws_iam_role.dns.depends_on).toEqual([
      "aws_iam_openid_connect_provider.eu",
      "aws_iam_openid_connect_provider.us",
    ]);
  });

  test("the role's account gets its own OIDC provider for the foreign cluster", () => {
    const shared = json["iam-shared"];
    expect(shared.resource.aws_iam_openid_connect_provider.eu.url).toBe(ISSUER_EU);
    expect(trustOf(shared, "reader").Statement[0].Principal.Federated).toBe(
      `arn:aws:iam::444455556666:oidc-provider/${HOST_EU}`,
    );
    expect(shared.output.role_arns.value).toEqual({ reader: "arn:aws:iam::444455556666:role/eks/eks-reader" });
  });

  test("the ServiceAccount on the cluster is annotated with the role in the other account", () => {
    const sa = json["k8s-eu"].resource.kubernetes_service_account_v1.billing__api;
    expect(sa.metadata.annotations["eks.amazonaws.com/role-arn"]).toBe("arn:aws:iam::444455556666:role/eks/eks-reader");
  });
});

describe("Pod Identity and both", () => {
  const { texts, json } = synth(`
  - name: orders
    cluster: us
    serviceAccounts: [orders/consumer, orders/producer]
    mode: pod-identity
  - name: payments
    cluster: eu
    serviceAccounts: [payments/api]
    mode: both
`);
  const iam = json["iam-prod"];

  test("pod-identity: the service principal, both actions, one scoped statement per ServiceAccount", () => {
    const statements = trustOf(iam, "orders").Statement;
    expect(statements).toHaveLength(2);
    expect(statements[1]).toEqual({
      Effect: "Allow",
      Principal: { Service: "pods.eks.amazonaws.com" },
      Action: ["sts:AssumeRole", "sts:TagSession"],
      Condition: {
        StringEquals: {
          "aws:SourceAccount": "111122223333",
          "aws:RequestTag/eks-cluster-arn": "arn:aws:eks:us-east-1:111122223333:cluster/us",
          "aws:RequestTag/kubernetes-namespace": "orders",
          "aws:RequestTag/kubernetes-service-account": "producer",
        },
      },
    });
    expect(iam.resource.aws_iam_role.orders.depends_on).toBeUndefined();
  });

  test("one association per (cluster, ServiceAccount), through a provider for the cluster's region", () => {
    expect(texts["iam-prod"]).toHaveResourceWithProperties(EksPodIdentityAssociation, {
      cluster_name: "us",
      namespace: "orders",
      service_account: "consumer",
      role_arn: "arn:aws:iam::111122223333:role/eks/eks-orders",
      provider: "aws.us-east-1",
      depends_on: ["aws_iam_role.orders"],
    });
    expect(Object.keys(iam.resource.aws_eks_pod_identity_association).sort()).toEqual([
      "eu__payments__api",
      "us__orders__consumer",
      "us__orders__producer",
    ]);
    expect(iam.provider.aws.map((p: TerraformJson) => p.alias ?? "(default)")).toEqual(["(default)", "us-east-1"]);
    expect(iam.resource.aws_eks_pod_identity_association.eu__payments__api.provider).toBeUndefined();
  });

  test("pod-identity ServiceAccounts carry no IRSA annotation; both annotates", () => {
    const orders = json["k8s-us"].resource.kubernetes_service_account_v1.orders__consumer;
    expect(orders.metadata.annotations["eks.amazonaws.com/role-arn"]).toBeUndefined();
    const payments = json["k8s-eu"].resource.kubernetes_service_account_v1.payments__api;
    expect(payments.metadata.annotations["eks.amazonaws.com/role-arn"]).toBe(
      "arn:aws:iam::111122223333:role/eks/eks-payments",
    );
  });

  test("both: the IRSA statement and the Pod Identity statement on one role, and no OIDC provider for pod-identity alone", () => {
    const statements = trustOf(iam, "payments").Statement;
    expect(statements.map((s: TerraformJson) => Object.keys(s.Principal)[0])).toEqual(["Federated", "Service"]);
    expect(Object.keys(iam.resource.aws_iam_openid_connect_provider)).toEqual(["eu"]);
  });
});

describe("OIDC provider modes and issuers read at plan time", () => {
  const base = BASE.replace(`oidcIssuer: "${ISSUER_US}" }`, "oidcProvider: existing }").replace(
    `name: eu-1, oidcIssuer: "${ISSUER_EU}" }`,
    `name: eu-1, oidcIssuer: "${ISSUER_EU}", oidcProvider: adopt }`,
  );
  const { json } = synth(
    `
  - name: a
    clusters: [eu, us]
    serviceAccounts: [team/a]
`,
    base,
  );
  const iam = json["iam-prod"];

  test("adopt imports the existing provider by its ARN", () => {
    expect(iam.import).toContainEqual({
      to: "aws_iam_openid_connect_provider.eu",
      id: `arn:aws:iam::111122223333:oidc-provider/${HOST_EU}`,
    });
  });

  test("an issuer read from the cluster: data source in the cluster's region, a local for the host, the trust uses it", () => {
    expect(iam.data.aws_eks_cluster.us).toMatchObject({ name: "us", provider: "aws.us-east-1" });
    expect(iam.locals.oidc_issuer_host_us).toBe(
      '${replace(data.aws_eks_cluster.us.identity[0].oidc[0].issuer, "https://", "")}',
    );
    const policy = iam.resource.aws_iam_role.a.assume_role_policy as string;
    expect(policy).toContain('"Federated":"arn:aws:iam::111122223333:oidc-provider/${local.oidc_issuer_host_us}"');
    expect(policy).toContain('"${local.oidc_issuer_host_us}:sub":"system:serviceaccount:team:a"');
  });

  test("existing: no provider resource, nothing to wait for", () => {
    expect(Object.keys(iam.resource.aws_iam_openid_connect_provider)).toEqual(["eu"]);
    expect(iam.resource.aws_iam_role.a.depends_on).toEqual(["aws_iam_openid_connect_provider.eu"]);
  });
});

describe("ServiceAccounts owned elsewhere, exec auth, opt-outs and adoption", () => {
  const base = BASE.replace(`oidcIssuer: "${ISSUER_US}" }`, `oidcIssuer: "${ISSUER_US}", kubernetes: { auth: exec } }`);
  const { json } = synth(
    `
  - name: helm-owned
    cluster: eu
    serviceAccounts: [kube-system/lb-controller]
    serviceAccount: { create: false }
  - name: adopted
    cluster: us
    serviceAccounts: [team/app]
    adopt: { role: true, policy: true, serviceAccounts: true }
    role: { exclusivePolicyAttachments: false }
    policies:
      statements: [{ actions: [sqs:SendMessage], resources: ["arn:aws:sqs:us-east-1:111122223333:q"] }]
    serviceAccount: { automountToken: false, labels: { team: app }, annotations: { eks.amazonaws.com/token-expiration: "3600" } }
`,
    base,
  );

  test("create: false makes the role but no ServiceAccount, and no k8s stack for that cluster alone", () => {
    expect(json["iam-prod"].resource.aws_iam_role["helm-owned"]).toBeDefined();
    expect(json["k8s-eu"]).toBeUndefined();
  });

  test("exec auth runs aws eks get-token with the account's provider role", () => {
    expect(json["k8s-us"].provider.kubernetes[0].exec).toEqual([
      {
        api_version: "client.authentication.k8s.io/v1beta1",
        command: "aws",
        args: [
          "eks",
          "get-token",
          "--cluster-name",
          "us",
          "--region",
          "us-east-1",
          "--role-arn",
          "arn:aws:iam::111122223333:role/terraform",
        ],
      },
    ]);
    expect(json["k8s-us"].data.aws_eks_cluster_auth).toBeUndefined();
  });

  test("the binding's own settings override and merge with the defaults", () => {
    const sa = json["k8s-us"].resource.kubernetes_service_account_v1.team__app;
    expect(sa.automount_service_account_token).toBe(false);
    expect(sa.metadata.labels).toEqual({ "app.kubernetes.io/managed-by": "podiam", team: "app" });
    expect(Object.keys(sa.metadata.annotations)).toEqual([
      "eks.amazonaws.com/role-arn",
      "eks.amazonaws.com/sts-regional-endpoints",
      "eks.amazonaws.com/token-expiration",
    ]);
  });

  test("adopt imports the role by name, the policy by ARN and the ServiceAccount by namespace/name", () => {
    expect(json["iam-prod"].import).toEqual(
      expect.arrayContaining([
        { to: "aws_iam_role.adopted", id: "eks-adopted" },
        { to: "aws_iam_policy.adopted", id: "arn:aws:iam::111122223333:policy/eks/eks-adopted" },
      ]),
    );
    expect(json["k8s-us"].import).toEqual([{ to: "kubernetes_service_account_v1.team__app", id: "team/app" }]);
  });

  test("exclusivePolicyAttachments: false leaves other attachments alone, and attaches each policy itself", () => {
    const resources = json["iam-prod"].resource;
    expect(resources.aws_iam_role_policy_attachments_exclusive?.adopted).toBeUndefined();
    expect(resources.aws_iam_role_policy_attachments_exclusive["helm-owned"].policy_arns).toEqual([]);
    expect(resources.aws_iam_role_policy_attachment.adopted).toEqual(
      expect.objectContaining({
        role: "eks-adopted",
        policy_arn: "arn:aws:iam::111122223333:policy/eks/eks-adopted",
        depends_on: ["aws_iam_role.adopted", "aws_iam_policy.adopted"],
      }),
    );
    // As before: no create-before-destroy and no force-detach, nothing to forget.
    expect(resources.aws_iam_role.adopted.lifecycle).toBeUndefined();
    expect(resources.aws_iam_role.adopted.force_detach_policies).toBeUndefined();
    expect(resources.aws_iam_policy.adopted.lifecycle).toEqual({ ignore_changes: ["description"] });
    // helm-owned has no policy: nothing there to forget either.
    expect(json["iam-prod"].removed).toBeUndefined();
  });
});

describe("renames", () => {
  const base = BASE.replace("  us: {", "  us-east: {")
    .replace(/clusters:\n/, "clusters:\n")
    .replace(
      `us-east: { account: prod, region: us-east-1, oidcIssuer`,
      `us-east: { account: prod, region: us-east-1, previousNames: [us], oidcIssuer`,
    );
  const { json } = synth(
    `
  - name: dns-v3
    previousNames: [dns, dns-v2]
    cluster: us-east
    serviceAccounts: [dns/external-dns]
    policies:
      managed: [arn:aws:iam::aws:policy/AmazonRoute53ReadOnlyAccess]
      statements: [{ actions: ["route53:ChangeResourceRecordSets"], resources: ["*"] }]
  - name: orders
    cluster: us-east
    mode: pod-identity
    serviceAccounts: [orders/consumer]
`,
    base,
  );
  const iam = json["iam-prod"];

  test("the role keeps the name it was created with, and its ARN", () => {
    expect(iam.resource.aws_iam_role["dns-v3"].name).toBe("eks-dns");
    expect(iam.output.role_arns.value["dns-v3"]).toBe("arn:aws:iam::111122223333:role/eks/eks-dns");
  });

  test("a renamed cluster keeps its EKS name and its stack's state", () => {
    expect(json["k8s-us-east"].data.aws_eks_cluster["us-east"].name).toBe("us");
    // The state is named after what the cluster is (account id, region, EKS name), not its key.
    expect(json["k8s-us-east"].terraform.backend.local.path).toBe(
      "../../../terraform.k8s-111122223333-us-east-1-us.tfstate",
    );
  });

  test("moved blocks chain every old address to the current one", () => {
    const moved: { from: string; to: string }[] = iam.moved;
    const chain = (type: string, suffix = "") => [
      { from: `${type}.dns${suffix}`, to: `${type}.dns-v2${suffix}` },
      { from: `${type}.dns-v2${suffix}`, to: `${type}.dns-v3${suffix}` },
    ];
    expect(moved).toEqual(
      expect.arrayContaining([
        ...chain("aws_iam_role"),
        ...chain("aws_iam_policy"),
        ...chain("aws_iam_role_policy_attachments_exclusive"),
        { from: "aws_iam_openid_connect_provider.us", to: "aws_iam_openid_connect_provider.us-east" },
        {
          from: "aws_eks_pod_identity_association.us__orders__consumer",
          to: "aws_eks_pod_identity_association.us-east__orders__consumer",
        },
      ]),
    );
    expect(moved).toHaveLength(8);
  });

  test("the attachments podiam 0.1 made are forgotten under every name the binding had, never destroyed", () => {
    const names = ["dns", "dns-v2", "dns-v3"];
    expect(iam.removed).toEqual([
      ...names.map((name) => ({ from: `aws_iam_role_policy_attachment.${name}`, lifecycle: { destroy: false } })),
      ...names.map((name) => ({
        from: `aws_iam_role_policy_attachment.${name}__aws_AmazonRoute53ReadOnlyAccess`,
        lifecycle: { destroy: false },
      })),
    ]);
  });
});

describe("names that join alike", () => {
  // "a" + "b-c/d" and "a-b" + "c/d" read the same when joined with "-": each must stay its own.
  const { json } = synth(`
  - { name: a, cluster: eu, mode: both, serviceAccounts: [b-c/d] }
  - { name: a-b, cluster: eu, mode: both, serviceAccounts: [c/d] }
  - name: two-policies
    cluster: eu
    serviceAccounts: [team/app]
    policies:
      managed: ["arn:aws:iam::111122223333:policy/team.reader", "arn:aws:iam::111122223333:policy/team_reader"]
`);

  test("every ServiceAccount and association keeps its own address", () => {
    expect(Object.keys(json["k8s-eu"].resource.kubernetes_service_account_v1).sort()).toEqual([
      "b-c__d",
      "c__d",
      "team__app",
    ]);
    expect(Object.keys(json["iam-prod"].resource.aws_eks_pod_identity_association).sort()).toEqual([
      "eu__b-c__d",
      "eu__c__d",
    ]);
  });

  test("two managed policies whose names differ only in punctuation get distinct keys, whatever their order", () => {
    // Without exclusive attachments, each policy has an attachment under its key.
    const attachmentsOf = (managed: string) =>
      synth(`
  - name: two-policies
    cluster: eu
    serviceAccounts: [team/app]
    role: { exclusivePolicyAttachments: false }
    policies:
      managed: ${managed}
`).json["iam-prod"].resource.aws_iam_role_policy_attachment;
    const attachments = attachmentsOf(
      '["arn:aws:iam::111122223333:policy/team.reader", "arn:aws:iam::111122223333:policy/team_reader"]',
    );
    const keys = Object.keys(attachments)
      .filter((k) => k.startsWith("two-policies__"))
      .sort();
    expect(keys).toHaveLength(2);
    expect(keys.map((k) => attachments[k].policy_arn).sort()).toEqual([
      "arn:aws:iam::111122223333:policy/team.reader",
      "arn:aws:iam::111122223333:policy/team_reader",
    ]);
    const reversed = attachmentsOf(
      '["arn:aws:iam::111122223333:policy/team_reader", "arn:aws:iam::111122223333:policy/team.reader"]',
    );
    for (const key of keys) expect(reversed[key].policy_arn).toBe(attachments[key].policy_arn);
    // With them (the default), the same keys name the attachments podiam 0.1 made, to forget.
    const removed = json["iam-prod"].removed.map((r: { from: string }) => r.from);
    for (const key of keys) expect(removed).toContain(`aws_iam_role_policy_attachment.${key}`);
  });
});

describe("backends", () => {
  test("local state: one file per stack, relative to the stack directory, named after what never changes", () => {
    const { json } = synth("  - { name: a, cluster: eu, serviceAccounts: [t/a] }\n");
    expect(json["iam-prod"].terraform.backend).toEqual({
      local: { path: "../../../terraform.iam-111122223333.tfstate" },
    });
    expect(json["k8s-eu"].terraform.backend).toEqual({
      local: { path: "../../../terraform.k8s-111122223333-eu-west-1-eu-1.tfstate" },
    });
  });

  test("S3: one key per stack under the prefix, S3-native locking, encrypted", () => {
    const base = `${BASE}terraform:\n  backend:\n    s3: { bucket: acme-tf-state, region: eu-west-1, keyPrefix: irsa }\n`;
    const { json } = synth("  - { name: a, cluster: eu, serviceAccounts: [t/a] }\n", base);
    expect(json["iam-shared"].terraform.backend).toEqual({
      s3: {
        bucket: "acme-tf-state",
        region: "eu-west-1",
        key: "irsa/iam-444455556666.tfstate",
        encrypt: true,
        use_lockfile: true,
      },
    });
  });
});

describe("literal text", () => {
  test("IAM policy variables reach IAM as written: Terraform's template syntax is escaped", () => {
    const { json } = synth(`
  - name: a
    cluster: eu
    serviceAccounts: [t/a]
    policies:
      statements: [{ actions: [s3:GetObject], resources: ["arn:aws:s3:::b/\${aws:PrincipalTag/team}/*"] }]
`);
    const policy = json["iam-prod"].resource.aws_iam_policy.a.policy as string;
    expect(policy).toContain("arn:aws:s3:::b/$${aws:PrincipalTag/team}/*");
  });

  test("so is every other text from the file that may hold $ { and %: descriptions, annotations", () => {
    // Tags and labels may not (IAM and Kubernetes refuse those characters): the loader says so.
    const { json } = synth(`
  - name: a
    cluster: eu
    serviceAccounts: [t/a]
    role: { description: "under \${x} and %{w}", tags: { k1: v1 } }
    serviceAccount: { annotations: { note: "\${y}", other: "%{z}" } }
    policies:
      statements: [{ actions: [s3:GetObject], resources: ["*"] }]
`);
    const iam = json["iam-prod"].resource;
    expect(iam.aws_iam_role.a.description).toBe("under $${x} and %%{w}");
    expect(iam.aws_iam_policy.a.description).toBe("under $${x} and %%{w}");
    const sa = json["k8s-eu"].resource.kubernetes_service_account_v1.t__a.metadata;
    expect(sa.annotations.note).toBe("$${y}");
    expect(sa.annotations.other).toBe("%%{z}");
  });
});
