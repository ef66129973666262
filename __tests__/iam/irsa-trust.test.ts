/**
 * IRSA trust policies, proven with a policy simulator: the request STS evaluates for
 * AssumeRoleWithWebIdentity (federated principal = the OIDC provider in the ROLE's account, keys
 * `<issuer host>:sub` and `<issuer host>:aud`). Expected outcomes follow the spec ("Trust
 * policies", irsa): only the bound ServiceAccounts of the trusted clusters, audience STS.
 */
import { simulateIrsa, simulatePodIdentity } from "../helpers/simulate";
import { trustSources } from "./trust-sources";

const EU = "oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";
const US = "oidc.eks.us-east-1.amazonaws.com/id/5C5D4D1B8E2F4A3B9C7D6E5F4A3B2C1D";
const STAGING = "oidc.eks.eu-west-1.amazonaws.com/id/0A1B2C3D4E5F60718293A4B5C6D7E8F9";
const PROD = "111122223333";
const SHARED = "444455556666";
const AUD = "sts.amazonaws.com";

const provider = (account: string, host: string) => `arn:aws:iam::${account}:oidc-provider/${host}`;
const subject = (namespace: string, name: string) => `system:serviceaccount:${namespace}:${name}`;

const ACCOUNTS_AND_CLUSTERS = `
version: 1
accounts:
  prod: { id: "${PROD}", region: eu-west-1 }
  shared: { id: "${SHARED}", region: eu-west-1 }
clusters:
  prod-eu: { account: prod, region: eu-west-1, name: prod-eu-1, oidcIssuer: "https://${EU}" }
  prod-us: { account: prod, region: us-east-1, name: prod-us-1, oidcIssuer: "https://${US}" }
  staging-eu: { account: prod, region: eu-west-1, name: staging-eu-1, oidcIssuer: "https://${STAGING}" }
defaults:
  mode: irsa
  roleNamePrefix: eks-
  rolePath: /eks/
`;

describe.each(
  trustSources(
    `${ACCOUNTS_AND_CLUSTERS}
bindings:
  - name: invoice-api
    cluster: prod-eu
    serviceAccounts: [billing/invoice-api]
  # So that prod also has an OIDC provider for prod-us and staging-eu: tokens of those clusters
  # reach STS with a principal that exists in the role's account.
  - name: other-clusters
    clusters: [prod-us, staging-eu]
    serviceAccounts: [billing/other-clusters]
`,
    "iam-prod",
  ),
)("IRSA, one cluster, one ServiceAccount ($source)", ({ policy }) => {
  const roleArn = `arn:aws:iam::${PROD}:role/eks/eks-invoice-api`;
  const token = { roleArn, providerArn: provider(PROD, EU), sub: subject("billing", "invoice-api"), aud: AUD };

  test("the bound ServiceAccount is allowed", () => {
    expect(simulateIrsa(policy("invoice-api"), token)).toBe("Allowed");
  });
  test("another ServiceAccount in the same namespace is denied", () => {
    expect(simulateIrsa(policy("invoice-api"), { ...token, sub: subject("billing", "invoice-worker") })).toBe("Denied");
  });
  test("the same name in another namespace is denied", () => {
    expect(simulateIrsa(policy("invoice-api"), { ...token, sub: subject("reports", "invoice-api") })).toBe("Denied");
  });
  test("the namespace's default ServiceAccount is denied", () => {
    expect(simulateIrsa(policy("invoice-api"), { ...token, sub: subject("billing", "default") })).toBe("Denied");
  });
  test("a subject that merely starts like the bound one is denied", () => {
    expect(simulateIrsa(policy("invoice-api"), { ...token, sub: subject("billing", "invoice-api-2") })).toBe("Denied");
  });
  test("a token of another cluster with the same subject is denied", () => {
    expect(simulateIrsa(policy("invoice-api"), { ...token, providerArn: provider(PROD, US) })).toBe("Denied");
    expect(simulateIrsa(policy("invoice-api"), { ...token, providerArn: provider(PROD, STAGING) })).toBe("Denied");
  });
  test("a wrong audience is denied", () => {
    expect(simulateIrsa(policy("invoice-api"), { ...token, aud: "https://kubernetes.default.svc" })).toBe("Denied");
  });
  test("a missing audience is denied", () => {
    expect(simulateIrsa(policy("invoice-api"), { ...token, aud: undefined })).toBe("Denied");
  });
  test("a missing subject is denied", () => {
    expect(simulateIrsa(policy("invoice-api"), { ...token, sub: undefined })).toBe("Denied");
  });
  test("the other binding's ServiceAccount is denied on this role", () => {
    expect(simulateIrsa(policy("invoice-api"), { ...token, sub: subject("billing", "other-clusters") })).toBe("Denied");
  });
});

describe.each(
  trustSources(
    `${ACCOUNTS_AND_CLUSTERS}
bindings:
  - name: invoices
    cluster: prod-eu
    serviceAccounts: [billing/invoice-api, billing/invoice-worker, reports/exporter]
`,
    "iam-prod",
  ),
)("IRSA, several ServiceAccounts in one binding ($source)", ({ policy }) => {
  const token = { roleArn: `arn:aws:iam::${PROD}:role/eks/eks-invoices`, providerArn: provider(PROD, EU), aud: AUD };

  test.each([
    ["billing", "invoice-api"],
    ["billing", "invoice-worker"],
    ["reports", "exporter"],
  ])("%s/%s is allowed", (namespace, name) => {
    expect(simulateIrsa(policy("invoices"), { ...token, sub: subject(namespace, name) })).toBe("Allowed");
  });
  test.each([
    ["billing", "exporter"],
    ["reports", "invoice-api"],
    ["reports", "invoice-worker"],
    ["billing", "default"],
    ["reports", "default"],
  ])("%s/%s (a mix of the bound ones, or default) is denied", (namespace, name) => {
    expect(simulateIrsa(policy("invoices"), { ...token, sub: subject(namespace, name) })).toBe("Denied");
  });
  test("a bound subject without audience, or with another audience, is denied", () => {
    expect(simulateIrsa(policy("invoices"), { ...token, sub: subject("reports", "exporter"), aud: undefined })).toBe(
      "Denied",
    );
    expect(simulateIrsa(policy("invoices"), { ...token, sub: subject("reports", "exporter"), aud: "vault" })).toBe(
      "Denied",
    );
  });
});

describe.each(
  trustSources(
    `${ACCOUNTS_AND_CLUSTERS}
bindings:
  - name: external-dns
    clusters: [prod-eu, prod-us]
    serviceAccounts: [external-dns/external-dns, kube-system/external-dns]
  - name: staging-only
    cluster: staging-eu
    serviceAccounts: [external-dns/external-dns]
`,
    "iam-prod",
  ),
)("IRSA, one role trusted by two clusters ($source)", ({ policy }) => {
  const base = { roleArn: `arn:aws:iam::${PROD}:role/eks/eks-external-dns`, aud: AUD };
  const bound = [subject("external-dns", "external-dns"), subject("kube-system", "external-dns")];

  test.each([
    ["prod-eu", EU],
    ["prod-us", US],
  ])("every bound ServiceAccount of %s is allowed", (_cluster, host) => {
    for (const sub of bound)
      expect(simulateIrsa(policy("external-dns"), { ...base, providerArn: provider(PROD, host), sub })).toBe("Allowed");
  });
  test.each([
    ["prod-eu", EU],
    ["prod-us", US],
  ])("on %s, other ServiceAccounts, a wrong or missing audience, a missing subject are denied", (_cluster, host) => {
    const token = { ...base, providerArn: provider(PROD, host), sub: bound[0] };
    expect(simulateIrsa(policy("external-dns"), { ...token, sub: subject("external-dns", "default") })).toBe("Denied");
    expect(simulateIrsa(policy("external-dns"), { ...token, sub: subject("kube-system", "default") })).toBe("Denied");
    expect(simulateIrsa(policy("external-dns"), { ...token, sub: subject("ingress", "external-dns") })).toBe("Denied");
    expect(simulateIrsa(policy("external-dns"), { ...token, aud: "other" })).toBe("Denied");
    expect(simulateIrsa(policy("external-dns"), { ...token, aud: undefined })).toBe("Denied");
    expect(simulateIrsa(policy("external-dns"), { ...token, sub: undefined })).toBe("Denied");
  });
  test("a third cluster's token with a bound subject is denied", () => {
    for (const sub of bound)
      expect(simulateIrsa(policy("external-dns"), { ...base, providerArn: provider(PROD, STAGING), sub })).toBe(
        "Denied",
      );
  });
  test("one cluster's principal with the other cluster's keys is denied (each statement is scoped to its own issuer)", () => {
    // Not a request STS makes (it names the keys after the token's issuer), but it shows that the
    // trust for prod-eu checks prod-eu's keys, not any cluster's.
    expect(
      simulateIrsa(policy("external-dns"), { ...base, providerArn: provider(PROD, EU), keyHost: US, sub: bound[0] }),
    ).toBe("Denied");
    expect(
      simulateIrsa(policy("external-dns"), { ...base, providerArn: provider(PROD, US), keyHost: EU, sub: bound[0] }),
    ).toBe("Denied");
  });
  test("the single-cluster role on staging-eu admits staging-eu only", () => {
    const token = { roleArn: `arn:aws:iam::${PROD}:role/eks/eks-staging-only`, aud: AUD, sub: bound[0] };
    expect(simulateIrsa(policy("staging-only"), { ...token, providerArn: provider(PROD, STAGING) })).toBe("Allowed");
    expect(simulateIrsa(policy("staging-only"), { ...token, providerArn: provider(PROD, EU) })).toBe("Denied");
    expect(simulateIrsa(policy("staging-only"), { ...token, providerArn: provider(PROD, US) })).toBe("Denied");
  });
});

describe.each(
  trustSources(
    `${ACCOUNTS_AND_CLUSTERS}
bindings:
  - name: invoice-reader
    cluster: prod-eu
    account: shared
    serviceAccounts: [billing/invoice-api, billing/invoice-worker]
`,
    "iam-shared",
  ),
)("IRSA, cross-account: role in shared, cluster in prod ($source)", ({ policy }) => {
  const token = {
    roleArn: `arn:aws:iam::${SHARED}:role/eks/eks-invoice-reader`,
    providerArn: provider(SHARED, EU),
    aud: AUD,
  };

  test("the bound ServiceAccounts are allowed through the OIDC provider in the role's account", () => {
    expect(simulateIrsa(policy("invoice-reader"), { ...token, sub: subject("billing", "invoice-api") })).toBe(
      "Allowed",
    );
    expect(simulateIrsa(policy("invoice-reader"), { ...token, sub: subject("billing", "invoice-worker") })).toBe(
      "Allowed",
    );
  });
  test("the OIDC provider of the cluster's own account is not the principal", () => {
    expect(
      simulateIrsa(policy("invoice-reader"), {
        ...token,
        providerArn: provider(PROD, EU),
        sub: subject("billing", "invoice-api"),
      }),
    ).toBe("Denied");
  });
  test("other ServiceAccounts, other clusters, wrong or missing audience, missing subject are denied", () => {
    const sub = subject("billing", "invoice-api");
    expect(simulateIrsa(policy("invoice-reader"), { ...token, sub: subject("billing", "default") })).toBe("Denied");
    expect(simulateIrsa(policy("invoice-reader"), { ...token, sub: subject("reports", "invoice-api") })).toBe("Denied");
    expect(simulateIrsa(policy("invoice-reader"), { ...token, sub: subject("billing", "invoice-exporter") })).toBe(
      "Denied",
    );
    expect(simulateIrsa(policy("invoice-reader"), { ...token, providerArn: provider(SHARED, US), sub })).toBe("Denied");
    expect(simulateIrsa(policy("invoice-reader"), { ...token, sub, aud: "other" })).toBe("Denied");
    expect(simulateIrsa(policy("invoice-reader"), { ...token, sub, aud: undefined })).toBe("Denied");
    expect(simulateIrsa(policy("invoice-reader"), { ...token, sub: undefined })).toBe("Denied");
  });
});

describe.each(
  trustSources(
    `${ACCOUNTS_AND_CLUSTERS}
bindings:
  - name: plain
    cluster: prod-eu
    serviceAccounts: [billing/invoice-api]
`,
    "iam-prod",
  ),
)("IRSA only ($source)", ({ policy }) => {
  test("EKS Pod Identity is not trusted by an irsa role", () => {
    const request = {
      roleArn: `arn:aws:iam::${PROD}:role/eks/eks-plain`,
      clusterArn: `arn:aws:eks:eu-west-1:${PROD}:cluster/prod-eu-1`,
      namespace: "billing",
      serviceAccount: "invoice-api",
    };
    expect(simulatePodIdentity(policy("plain"), { ...request, action: "sts:AssumeRole" })).toBe("Denied");
    expect(simulatePodIdentity(policy("plain"), { ...request, action: "sts:TagSession" })).toBe("Denied");
  });
});

describe.each(
  trustSources(
    `${ACCOUNTS_AND_CLUSTERS}
quotas: { roleTrustPolicyLength: 4096 }
bindings:
  - name: irsa-two
    clusters: [prod-eu, prod-us]
    serviceAccounts: [billing/invoice-api, reports/exporter]
  - name: both-two
    mode: both
    clusters: [prod-eu, prod-us]
    serviceAccounts: [billing/invoice-worker, reports/importer]
`,
    "iam-prod",
  ),
)("condition operators ($source)", ({ policy }) => {
  // StringLike with these exact values would evaluate the same, so the simulator cannot see this:
  // the spec asks for StringEquals and "nothing else, no other operator".
  test.each(["irsa-two", "both-two"])(
    "every statement of %s is an Allow with one principal and StringEquals only",
    (name) => {
      const document = JSON.parse(policy(name));
      expect(document.Statement.length).toBeGreaterThan(0);
      for (const statement of document.Statement) {
        expect(statement.Effect).toBe("Allow");
        expect(Object.keys(statement.Principal)).toHaveLength(1);
        expect(Object.keys(statement.Condition)).toEqual(["StringEquals"]);
      }
    },
  );
});
