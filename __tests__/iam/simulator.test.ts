/**
 * The simulator itself, on hand-written trust policies: before trusting its Denied verdicts on
 * podiam's policies, check it really evaluates the IRSA keys `<issuer>:sub` / `<issuer>:aud`, the
 * Pod Identity session tags and the principals (a request with a wrong subject must be denied).
 */
import { simulateIrsa, simulatePodIdentity } from "../helpers/simulate";

const HOST = "oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";
const PROVIDER = `arn:aws:iam::111122223333:oidc-provider/${HOST}`;
const ROLE = "arn:aws:iam::111122223333:role/handwritten";
const CLUSTER = "arn:aws:eks:eu-west-1:111122223333:cluster/prod-eu-1";

const irsaPolicy = JSON.stringify({
  Version: "2012-10-17",
  Statement: [
    {
      Effect: "Allow",
      Principal: { Federated: PROVIDER },
      Action: "sts:AssumeRoleWithWebIdentity",
      Condition: {
        StringEquals: { [`${HOST}:sub`]: "system:serviceaccount:billing:api", [`${HOST}:aud`]: "sts.amazonaws.com" },
      },
    },
  ],
});

const podIdentityPolicy = JSON.stringify({
  Version: "2012-10-17",
  Statement: [
    {
      Effect: "Allow",
      Principal: { Service: "pods.eks.amazonaws.com" },
      Action: ["sts:AssumeRole", "sts:TagSession"],
      Condition: {
        StringEquals: {
          "aws:SourceAccount": "111122223333",
          "aws:RequestTag/eks-cluster-arn": CLUSTER,
          "aws:RequestTag/kubernetes-namespace": "billing",
          "aws:RequestTag/kubernetes-service-account": "api",
        },
      },
    },
  ],
});

describe("the simulator evaluates IRSA trust conditions", () => {
  const good = {
    roleArn: ROLE,
    providerArn: PROVIDER,
    sub: "system:serviceaccount:billing:api",
    aud: "sts.amazonaws.com",
  };

  test("the matching token is allowed", () => {
    expect(simulateIrsa(irsaPolicy, good)).toBe("Allowed");
  });
  test("a wrong subject is denied", () => {
    expect(simulateIrsa(irsaPolicy, { ...good, sub: "system:serviceaccount:billing:other" })).toBe("Denied");
  });
  test("a wrong audience is denied", () => {
    expect(simulateIrsa(irsaPolicy, { ...good, aud: "sts.amazonaws.com.evil" })).toBe("Denied");
  });
  test("a missing key is denied", () => {
    expect(simulateIrsa(irsaPolicy, { ...good, sub: undefined })).toBe("Denied");
    expect(simulateIrsa(irsaPolicy, { ...good, aud: undefined })).toBe("Denied");
  });
  test("another federated principal is denied", () => {
    expect(
      simulateIrsa(irsaPolicy, {
        ...good,
        providerArn: "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/OTHER",
        keyHost: HOST,
      }),
    ).toBe("Denied");
  });
  test("keys named after another issuer are denied", () => {
    expect(simulateIrsa(irsaPolicy, { ...good, keyHost: "oidc.eks.eu-west-1.amazonaws.com/id/OTHER" })).toBe("Denied");
  });
});

describe("the simulator evaluates Pod Identity trust conditions", () => {
  const good = {
    roleArn: ROLE,
    action: "sts:AssumeRole",
    clusterArn: CLUSTER,
    namespace: "billing",
    serviceAccount: "api",
  };

  test("the matching request is allowed, for both actions", () => {
    expect(simulatePodIdentity(podIdentityPolicy, good)).toBe("Allowed");
    expect(simulatePodIdentity(podIdentityPolicy, { ...good, action: "sts:TagSession" })).toBe("Allowed");
  });
  test("a wrong session tag, source account, principal or action is denied", () => {
    expect(simulatePodIdentity(podIdentityPolicy, { ...good, serviceAccount: "other" })).toBe("Denied");
    expect(simulatePodIdentity(podIdentityPolicy, { ...good, namespace: "other" })).toBe("Denied");
    expect(
      simulatePodIdentity(podIdentityPolicy, {
        ...good,
        clusterArn: "arn:aws:eks:eu-west-1:111122223333:cluster/other",
      }),
    ).toBe("Denied");
    expect(simulatePodIdentity(podIdentityPolicy, { ...good, sourceAccount: "999999999999" })).toBe("Denied");
    expect(simulatePodIdentity(podIdentityPolicy, { ...good, principal: "ec2.amazonaws.com" })).toBe("Denied");
    expect(simulatePodIdentity(podIdentityPolicy, { ...good, action: "sts:AssumeRoleWithWebIdentity" })).toBe("Denied");
  });
});
