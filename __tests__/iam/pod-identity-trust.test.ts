/**
 * EKS Pod Identity trust policies (mode pod-identity and both), proven with a policy simulator:
 * the request the EKS Auth service makes (service principal pods.eks.amazonaws.com, sts:AssumeRole
 * and sts:TagSession, aws:SourceAccount = the cluster's account, session tags eks-cluster-arn,
 * kubernetes-namespace, kubernetes-service-account). Expected outcomes follow the spec ("Trust
 * policies"): only the declared (cluster, ServiceAccount) pairs, never a mix of two of them.
 */
import { simulateIrsa, simulatePodIdentity } from "../helpers/simulate";
import { trustSources } from "./trust-sources";

const PROD = "111122223333";
const OTHER = "999988887777";
const EU = "oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";
const US = "oidc.eks.us-east-1.amazonaws.com/id/5C5D4D1B8E2F4A3B9C7D6E5F4A3B2C1D";
const PROD_EU = `arn:aws:eks:eu-west-1:${PROD}:cluster/prod-eu-1`;
const PROD_US = `arn:aws:eks:us-east-1:${PROD}:cluster/prod-us-1`;
const STAGING_EU = `arn:aws:eks:eu-west-1:${PROD}:cluster/staging-eu-1`;
const ACTIONS = ["sts:AssumeRole", "sts:TagSession"];

const ACCOUNTS_AND_CLUSTERS = `
version: 1
accounts:
  prod: { id: "${PROD}", region: eu-west-1 }
clusters:
  prod-eu: { account: prod, region: eu-west-1, name: prod-eu-1, oidcIssuer: "https://${EU}" }
  prod-us: { account: prod, region: us-east-1, name: prod-us-1, oidcIssuer: "https://${US}" }
  staging-eu: { account: prod, region: eu-west-1, name: staging-eu-1 }
defaults:
  roleNamePrefix: eks-
  rolePath: /eks/
`;

describe.each(
  trustSources(
    `${ACCOUNTS_AND_CLUSTERS}
bindings:
  - name: orders
    mode: pod-identity
    cluster: prod-eu
    serviceAccounts: [orders/api, billing/worker]
`,
    "iam-prod",
  ),
)("Pod Identity, one cluster, two ServiceAccounts ($source)", ({ policy }) => {
  const roleArn = `arn:aws:iam::${PROD}:role/eks/eks-orders`;

  describe.each(ACTIONS)("%s", (action) => {
    const request = { roleArn, action, clusterArn: PROD_EU };

    test.each([
      ["orders", "api"],
      ["billing", "worker"],
    ])("%s/%s is allowed", (namespace, serviceAccount) => {
      expect(simulatePodIdentity(policy("orders"), { ...request, namespace, serviceAccount })).toBe("Allowed");
    });
    test.each([
      ["orders", "worker"],
      ["billing", "api"],
    ])("the mix %s/%s of the two declared ServiceAccounts is denied", (namespace, serviceAccount) => {
      expect(simulatePodIdentity(policy("orders"), { ...request, namespace, serviceAccount })).toBe("Denied");
    });
    test("another ServiceAccount, another namespace, the default ServiceAccount are denied", () => {
      expect(
        simulatePodIdentity(policy("orders"), { ...request, namespace: "orders", serviceAccount: "consumer" }),
      ).toBe("Denied");
      expect(simulatePodIdentity(policy("orders"), { ...request, namespace: "shipping", serviceAccount: "api" })).toBe(
        "Denied",
      );
      expect(
        simulatePodIdentity(policy("orders"), { ...request, namespace: "orders", serviceAccount: "default" }),
      ).toBe("Denied");
    });
    test("another cluster's ARN is denied", () => {
      const sa = { namespace: "orders", serviceAccount: "api" };
      expect(simulatePodIdentity(policy("orders"), { ...request, ...sa, clusterArn: PROD_US })).toBe("Denied");
      expect(simulatePodIdentity(policy("orders"), { ...request, ...sa, clusterArn: STAGING_EU })).toBe("Denied");
      // Same cluster name, another account (its own source account) or another region.
      expect(
        simulatePodIdentity(policy("orders"), {
          ...request,
          ...sa,
          clusterArn: `arn:aws:eks:eu-west-1:${OTHER}:cluster/prod-eu-1`,
        }),
      ).toBe("Denied");
      expect(
        simulatePodIdentity(policy("orders"), {
          ...request,
          ...sa,
          clusterArn: `arn:aws:eks:eu-central-1:${PROD}:cluster/prod-eu-1`,
        }),
      ).toBe("Denied");
    });
    test("another source account is denied", () => {
      expect(
        simulatePodIdentity(policy("orders"), {
          ...request,
          namespace: "orders",
          serviceAccount: "api",
          sourceAccount: OTHER,
        }),
      ).toBe("Denied");
    });
    test("another service principal is denied", () => {
      const sa = { namespace: "orders", serviceAccount: "api" };
      expect(simulatePodIdentity(policy("orders"), { ...request, ...sa, principal: "ec2.amazonaws.com" })).toBe(
        "Denied",
      );
      expect(simulatePodIdentity(policy("orders"), { ...request, ...sa, principal: "eks.amazonaws.com" })).toBe(
        "Denied",
      );
      expect(simulatePodIdentity(policy("orders"), { ...request, ...sa, principal: "lambda.amazonaws.com" })).toBe(
        "Denied",
      );
    });
  });

  test("another action of the service principal is denied", () => {
    const request = { roleArn, clusterArn: PROD_EU, namespace: "orders", serviceAccount: "api" };
    expect(simulatePodIdentity(policy("orders"), { ...request, action: "sts:AssumeRoleWithWebIdentity" })).toBe(
      "Denied",
    );
    expect(simulatePodIdentity(policy("orders"), { ...request, action: "sts:SetSourceIdentity" })).toBe("Denied");
  });

  test("IRSA is not trusted by a pod-identity role", () => {
    const token = { roleArn, providerArn: `arn:aws:iam::${PROD}:oidc-provider/${EU}`, aud: "sts.amazonaws.com" };
    expect(simulateIrsa(policy("orders"), { ...token, sub: "system:serviceaccount:orders:api" })).toBe("Denied");
    expect(simulateIrsa(policy("orders"), { ...token, sub: "system:serviceaccount:billing:worker" })).toBe("Denied");
  });
});

describe.each(
  trustSources(
    `${ACCOUNTS_AND_CLUSTERS}
bindings:
  - name: ebs-csi
    mode: pod-identity
    clusters: [prod-eu, prod-us]
    serviceAccounts: [kube-system/ebs-csi-controller-sa]
`,
    "iam-prod",
  ),
)("Pod Identity, two clusters ($source)", ({ policy }) => {
  const base = {
    roleArn: `arn:aws:iam::${PROD}:role/eks/eks-ebs-csi`,
    namespace: "kube-system",
    serviceAccount: "ebs-csi-controller-sa",
  };

  test.each(ACTIONS.flatMap((action) => [PROD_EU, PROD_US].map((clusterArn) => [action, clusterArn])))(
    "%s from %s is allowed",
    (action, clusterArn) => {
      expect(simulatePodIdentity(policy("ebs-csi"), { ...base, action, clusterArn })).toBe("Allowed");
    },
  );
  test.each(ACTIONS)("%s from a third cluster, or with another ServiceAccount, is denied", (action) => {
    expect(simulatePodIdentity(policy("ebs-csi"), { ...base, action, clusterArn: STAGING_EU })).toBe("Denied");
    expect(
      simulatePodIdentity(policy("ebs-csi"), {
        ...base,
        action,
        clusterArn: PROD_US,
        serviceAccount: "ebs-csi-node-sa",
      }),
    ).toBe("Denied");
    expect(simulatePodIdentity(policy("ebs-csi"), { ...base, action, clusterArn: PROD_EU, namespace: "default" })).toBe(
      "Denied",
    );
    expect(simulatePodIdentity(policy("ebs-csi"), { ...base, action, clusterArn: PROD_EU, sourceAccount: OTHER })).toBe(
      "Denied",
    );
  });
});

describe.each(
  trustSources(
    `${ACCOUNTS_AND_CLUSTERS}
# Two clusters x two ServiceAccounts x (IRSA + Pod Identity) exceed IAM's default 2048 characters.
quotas: { roleTrustPolicyLength: 4096 }
bindings:
  - name: migrating
    mode: both
    clusters: [prod-eu, prod-us]
    serviceAccounts: [orders/api, billing/worker]
`,
    "iam-prod",
  ),
)("mode both: IRSA and Pod Identity on one role ($source)", ({ policy }) => {
  const roleArn = `arn:aws:iam::${PROD}:role/eks/eks-migrating`;
  const declared = [
    ["orders", "api"],
    ["billing", "worker"],
  ];
  const clusters = [
    [EU, PROD_EU],
    [US, PROD_US],
  ];

  test("every declared ServiceAccount of every cluster is allowed through IRSA", () => {
    for (const [host] of clusters) {
      for (const [namespace, name] of declared) {
        const token = {
          roleArn,
          providerArn: `arn:aws:iam::${PROD}:oidc-provider/${host}`,
          sub: `system:serviceaccount:${namespace}:${name}`,
          aud: "sts.amazonaws.com",
        };
        expect(simulateIrsa(policy("migrating"), token)).toBe("Allowed");
      }
    }
  });
  test("every declared (cluster, ServiceAccount) is allowed through Pod Identity, for both actions", () => {
    for (const [, clusterArn] of clusters) {
      for (const [namespace, serviceAccount] of declared) {
        for (const action of ACTIONS)
          expect(
            simulatePodIdentity(policy("migrating"), { roleArn, action, clusterArn, namespace, serviceAccount }),
          ).toBe("Allowed");
      }
    }
  });
  test("IRSA denials hold: other ServiceAccounts, default, another cluster, wrong or missing audience, missing subject", () => {
    const token = {
      roleArn,
      providerArn: `arn:aws:iam::${PROD}:oidc-provider/${EU}`,
      sub: "system:serviceaccount:orders:api",
      aud: "sts.amazonaws.com",
    };
    expect(simulateIrsa(policy("migrating"), { ...token, sub: "system:serviceaccount:orders:worker" })).toBe("Denied");
    expect(simulateIrsa(policy("migrating"), { ...token, sub: "system:serviceaccount:billing:api" })).toBe("Denied");
    expect(simulateIrsa(policy("migrating"), { ...token, sub: "system:serviceaccount:orders:default" })).toBe("Denied");
    expect(simulateIrsa(policy("migrating"), { ...token, sub: "system:serviceaccount:shipping:api" })).toBe("Denied");
    expect(
      simulateIrsa(policy("migrating"), {
        ...token,
        providerArn: `arn:aws:iam::${PROD}:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/0A1B2C3D4E5F60718293A4B5C6D7E8F9`,
      }),
    ).toBe("Denied");
    expect(simulateIrsa(policy("migrating"), { ...token, aud: "other" })).toBe("Denied");
    expect(simulateIrsa(policy("migrating"), { ...token, aud: undefined })).toBe("Denied");
    expect(simulateIrsa(policy("migrating"), { ...token, sub: undefined })).toBe("Denied");
  });
  test.each(ACTIONS)(
    "Pod Identity denials hold for %s: mixes, other ServiceAccount, namespace, cluster, source account, principal",
    (action) => {
      const request = { roleArn, action, clusterArn: PROD_EU, namespace: "orders", serviceAccount: "api" };
      expect(simulatePodIdentity(policy("migrating"), { ...request, serviceAccount: "worker" })).toBe("Denied");
      expect(simulatePodIdentity(policy("migrating"), { ...request, namespace: "billing" })).toBe("Denied");
      expect(simulatePodIdentity(policy("migrating"), { ...request, serviceAccount: "consumer" })).toBe("Denied");
      expect(simulatePodIdentity(policy("migrating"), { ...request, namespace: "shipping" })).toBe("Denied");
      expect(simulatePodIdentity(policy("migrating"), { ...request, clusterArn: STAGING_EU })).toBe("Denied");
      expect(simulatePodIdentity(policy("migrating"), { ...request, sourceAccount: OTHER })).toBe("Denied");
      expect(simulatePodIdentity(policy("migrating"), { ...request, principal: "ec2.amazonaws.com" })).toBe("Denied");
    },
  );
});
