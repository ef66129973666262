/**
 * ServiceAccount patterns and what `trust` adds, proven with a policy simulator on the trust policy
 * podiam computes and on the one in the synthesized stack: `ns/*` admits any name of `ns` and none
 * of `ns2` or `ns-x`; `ns/app-*` admits `app-1`, not `ap`, `xapp-1` or another namespace; extra
 * conditions narrow every statement; a listed role is admitted, another role of its account is not.
 */
import { simulateAssumeRole, simulateIrsa, simulatePodIdentity } from "../helpers/simulate";
import { trustSources } from "./trust-sources";

const EU = "oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";
const US = "oidc.eks.us-east-1.amazonaws.com/id/5C5D4D1B8E2F4A3B9C7D6E5F4A3B2C1D";
const PROD = "111122223333";
const SHARED = "444455556666";
const AUD = "sts.amazonaws.com";
const provider = (host: string) => `arn:aws:iam::${PROD}:oidc-provider/${host}`;
const subject = (namespace: string, name: string) => `system:serviceaccount:${namespace}:${name}`;
const role = (name: string) => `arn:aws:iam::${PROD}:role/${name}`;
const CLUSTER_ARN = `arn:aws:eks:eu-west-1:${PROD}:cluster/prod-eu-1`;

const FILE = `
version: 1
accounts:
  prod: { id: "${PROD}", region: eu-west-1 }
  shared: { id: "${SHARED}", region: eu-west-1 }
clusters:
  prod-eu: { account: prod, region: eu-west-1, name: prod-eu-1, oidcIssuer: "https://${EU}" }
  prod-us: { account: prod, region: us-east-1, name: prod-us-1, oidcIssuer: "https://${US}" }
bindings:
  - name: whole-namespace
    cluster: prod-eu
    serviceAccounts: [ns/*]
  - name: prefixed
    cluster: prod-eu
    serviceAccounts: [ns3/app-*, ns3/worker]
  - name: narrowed
    cluster: prod-eu
    mode: both
    serviceAccounts: [billing/api]
    trust:
      conditions:
        IpAddress: { aws:SourceIp: 203.0.113.0/24 }
      roles: [deployer, "arn:aws:iam::${SHARED}:role/release"]
  - name: deployer
    cluster: prod-us
    serviceAccounts: [ci/deployer]
`;

describe.each(trustSources(FILE, "iam-prod"))("ServiceAccount patterns ($source)", ({ policy }) => {
  const token = (namespace: string, name: string) => ({
    roleArn: role("whole-namespace"),
    providerArn: provider(EU),
    sub: subject(namespace, name),
    aud: AUD,
  });

  test("ns/* admits any name in ns", () => {
    for (const name of ["a", "api", "default", "x.y-z", "a-very-long-name-0123456789"])
      expect({ name, decision: simulateIrsa(policy("whole-namespace"), token("ns", name)) }).toEqual({
        name,
        decision: "Allowed",
      });
  });
  test("ns/* admits nothing of ns2 or ns-x, nor a subject that only starts with ns", () => {
    for (const namespace of ["ns2", "ns-x", "n", "xns"])
      expect({ namespace, decision: simulateIrsa(policy("whole-namespace"), token(namespace, "api")) }).toEqual({
        namespace,
        decision: "Denied",
      });
    const bare = { ...token("ns", "api"), sub: "system:serviceaccount:ns" };
    expect(simulateIrsa(policy("whole-namespace"), bare)).toBe("Denied");
  });
  test("the pattern keeps the audience and the cluster: another audience or another cluster's token is denied", () => {
    expect(simulateIrsa(policy("whole-namespace"), { ...token("ns", "api"), aud: "other" })).toBe("Denied");
    expect(simulateIrsa(policy("whole-namespace"), { ...token("ns", "api"), aud: undefined })).toBe("Denied");
    expect(simulateIrsa(policy("whole-namespace"), { ...token("ns", "api"), providerArn: provider(US) })).toBe(
      "Denied",
    );
  });

  const prefixed = (namespace: string, name: string) => ({ ...token(namespace, name), roleArn: role("prefixed") });
  test("ns3/app-* admits app-1, and the exact ServiceAccount beside it stays admitted", () => {
    expect(simulateIrsa(policy("prefixed"), prefixed("ns3", "app-1"))).toBe("Allowed");
    expect(simulateIrsa(policy("prefixed"), prefixed("ns3", "app-"))).toBe("Allowed");
    expect(simulateIrsa(policy("prefixed"), prefixed("ns3", "worker"))).toBe("Allowed");
  });
  test("ns3/app-* admits neither ap, xapp-1, nor app-1 of another namespace; the exact name is exact", () => {
    for (const [namespace, name] of [
      ["ns3", "ap"],
      ["ns3", "app"],
      ["ns3", "xapp-1"],
      ["ns", "app-1"],
      ["ns33", "app-1"],
      ["ns3", "worker-2"],
    ])
      expect({ namespace, name, decision: simulateIrsa(policy("prefixed"), prefixed(namespace, name)) }).toEqual({
        namespace,
        name,
        decision: "Denied",
      });
  });
});

describe.each(trustSources(FILE, "iam-prod"))("trust.conditions and trust.roles ($source)", ({ policy }) => {
  const inRange = { "aws:SourceIp": "203.0.113.7" };
  const outOfRange = { "aws:SourceIp": "198.51.100.7" };
  const irsa = (context?: Record<string, string>) => ({
    roleArn: role("narrowed"),
    providerArn: provider(EU),
    sub: subject("billing", "api"),
    aud: AUD,
    ...(context ? { context } : {}),
  });
  const pod = (action: string, context?: Record<string, string>) => ({
    roleArn: role("narrowed"),
    action,
    clusterArn: CLUSTER_ARN,
    namespace: "billing",
    serviceAccount: "api",
    ...(context ? { context } : {}),
  });

  test("the declared ServiceAccount is admitted, through IRSA and Pod Identity, only when the conditions hold", () => {
    expect(simulateIrsa(policy("narrowed"), irsa(inRange))).toBe("Allowed");
    expect(simulateIrsa(policy("narrowed"), irsa(outOfRange))).toBe("Denied");
    expect(simulateIrsa(policy("narrowed"), irsa())).toBe("Denied");
    for (const action of ["sts:AssumeRole", "sts:TagSession"]) {
      expect(simulatePodIdentity(policy("narrowed"), pod(action, inRange))).toBe("Allowed");
      expect(simulatePodIdentity(policy("narrowed"), pod(action, outOfRange))).toBe("Denied");
    }
  });
  test("an undeclared ServiceAccount is never admitted, conditions or not", () => {
    expect(simulateIrsa(policy("narrowed"), { ...irsa(inRange), sub: subject("billing", "worker") })).toBe("Denied");
    expect(
      simulatePodIdentity(policy("narrowed"), { ...pod("sts:AssumeRole", inRange), serviceAccount: "worker" }),
    ).toBe("Denied");
  });
  test("a listed role (by binding, or by ARN in another account) is admitted, to AssumeRole and TagSession", () => {
    for (const action of ["sts:AssumeRole", "sts:TagSession"]) {
      for (const caller of [role("deployer"), `arn:aws:iam::${SHARED}:role/release`])
        expect({
          caller,
          action,
          decision: simulateAssumeRole(policy("narrowed"), {
            roleArn: role("narrowed"),
            callerRoleArn: caller,
            action,
            context: inRange,
          }),
        }).toEqual({ caller, action, decision: "Allowed" });
    }
  });
  test("another role of the same account is not; nor a listed role outside the conditions", () => {
    for (const caller of [role("other"), `arn:aws:iam::${SHARED}:role/other`, role("deploy")])
      expect({
        caller,
        decision: simulateAssumeRole(policy("narrowed"), {
          roleArn: role("narrowed"),
          callerRoleArn: caller,
          context: inRange,
        }),
      }).toEqual({ caller, decision: "Denied" });
    expect(
      simulateAssumeRole(policy("narrowed"), {
        roleArn: role("narrowed"),
        callerRoleArn: role("deployer"),
        context: outOfRange,
      }),
    ).toBe("Denied");
  });
  test("the account principal needs the listed role's own policy to allow it, as IAM does", () => {
    expect(
      simulateAssumeRole(policy("narrowed"), {
        roleArn: role("narrowed"),
        callerRoleArn: role("deployer"),
        callerAllows: false,
        context: inRange,
      }),
    ).toBe("Denied");
  });
  test("a token of another cluster's provider is denied, even with this issuer's keys", () => {
    expect(simulateIrsa(policy("narrowed"), { ...irsa(inRange), providerArn: provider(US), keyHost: EU })).toBe(
      "Denied",
    );
  });
});

test("the listed roles' statement names each account's root with ArnEquals aws:PrincipalArn, in any order of applies", () => {
  const [source] = trustSources(FILE, "iam-prod");
  const statements = JSON.parse(source.policy("narrowed")).Statement;
  expect(statements.filter((s: { Principal: { AWS?: string } }) => s.Principal.AWS)).toEqual([
    {
      Effect: "Allow",
      Principal: { AWS: `arn:aws:iam::${PROD}:root` },
      Action: ["sts:AssumeRole", "sts:TagSession"],
      Condition: {
        ArnEquals: { "aws:PrincipalArn": role("deployer") },
        IpAddress: { "aws:SourceIp": "203.0.113.0/24" },
      },
    },
    {
      Effect: "Allow",
      Principal: { AWS: `arn:aws:iam::${SHARED}:root` },
      Action: ["sts:AssumeRole", "sts:TagSession"],
      Condition: {
        ArnEquals: { "aws:PrincipalArn": `arn:aws:iam::${SHARED}:role/release` },
        IpAddress: { "aws:SourceIp": "203.0.113.0/24" },
      },
    },
  ]);
});
