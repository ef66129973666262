/**
 * A role made elsewhere (role.arn) and what trust adds (trust.conditions, trust.roles): the model,
 * and every problem at its line and column.
 */
import { modelOf } from "../helpers/synth";
import { problemsOf, yaml } from "./problems-of";

const HEAD = yaml`
  version: 1
  accounts:
    prod: { id: "111122223333", region: eu-west-1 }
    shared: { id: "444455556666", region: eu-west-1 }
  clusters:
    eu: { account: prod, region: eu-west-1, oidcIssuer: https://oidc.eks.eu-west-1.amazonaws.com/id/AAAA }
  bindings:
`;

describe("role.arn: a role made elsewhere", () => {
  test("the model reads its name and path from the ARN, and marks it external", () => {
    const model = modelOf(
      HEAD +
        yaml`
          - name: legacy
            cluster: eu
            serviceAccounts: [legacy/app]
            role: { arn: "arn:aws:iam::444455556666:role/teams/legacy-app" }
        `,
    );
    const [legacy] = model.bindings;
    expect(legacy.role).toMatchObject({
      external: true,
      name: "legacy-app",
      path: "/teams/",
      arn: "arn:aws:iam::444455556666:role/teams/legacy-app",
    });
    // In a declared account: its stack is that account's (where a Pod Identity association would go).
    expect(legacy.account).toBe("shared");
  });

  test("policies, trust, adopt.role, adopt.policy, account and every other role field are refused beside it", () => {
    expect(
      problemsOf(
        HEAD +
          yaml`
            - name: legacy
              cluster: eu
              serviceAccounts: [legacy/app]
              account: shared
              role: { arn: "arn:aws:iam::444455556666:role/legacy", name: legacy, tags: { team: a } }
              policies: { managed: [arn:aws:iam::aws:policy/ReadOnlyAccess] }
              trust: { roles: [arn:aws:iam::444455556666:role/ci] }
              adopt: { role: true, policy: false, serviceAccounts: true }
        `,
      ),
    ).toEqual([
      "bindings.yaml:11:3: bindings[0].account: role.arn says which account the role is in: remove account (the association or the annotation goes with the clusters)",
      "bindings.yaml:12:57: bindings[0].role.name: role.arn names a role made elsewhere: its settings are not podiam's to set; remove role.name, or remove role.arn to let podiam make the role",
      "bindings.yaml:12:71: bindings[0].role.tags: role.arn names a role made elsewhere: its settings are not podiam's to set; remove role.tags, or remove role.arn to let podiam make the role",
      "bindings.yaml:13:3: bindings[0].policies: role.arn names a role made elsewhere: its permissions are not podiam's to set; remove policies, or remove role.arn to let podiam make the role",
      "bindings.yaml:14:3: bindings[0].trust: role.arn names a role made elsewhere: its trust conditions and roles are not podiam's to set; remove trust, or remove role.arn to let podiam make the role",
      "bindings.yaml:15:12: bindings[0].adopt.role: role.arn names a role made elsewhere: its imports are not podiam's to set; remove adopt.role, or remove role.arn to let podiam make the role",
      "bindings.yaml:15:24: bindings[0].adopt.policy: role.arn names a role made elsewhere: its policies are not podiam's to set; remove adopt.policy, or remove role.arn to let podiam make the role",
    ]);
  });

  test("a malformed ARN, or one of another partition than the cluster's", () => {
    expect(
      problemsOf(
        HEAD +
          yaml`
            - name: a
              cluster: eu
              serviceAccounts: [a/app]
              role: { arn: "arn:aws:iam::444455556666:user/legacy" }
            - name: b
              cluster: eu
              serviceAccounts: [b/app]
              role: { arn: "arn:aws-cn:iam::444455556666:role/legacy" }
        `,
      ),
    ).toEqual([
      'bindings.yaml:11:16: bindings[0].role.arn: "arn:aws:iam::444455556666:user/legacy" is not an IAM role ARN (arn:aws:iam::123456789012:role/NAME)',
      "bindings.yaml:15:16: bindings[1].role.arn: is in partition aws-cn, and cluster eu in aws",
    ]);
  });

  test("pod-identity: the role must be in the cluster's account, declared or not", () => {
    expect(
      problemsOf(
        HEAD +
          yaml`
            - name: a
              cluster: eu
              mode: pod-identity
              serviceAccounts: [a/app]
              role: { arn: "arn:aws:iam::444455556666:role/a" }
            - name: b
              cluster: eu
              mode: both
              serviceAccounts: [b/app]
              role: { arn: "arn:aws:iam::999988887777:role/b" }
            - name: c
              cluster: eu
              mode: pod-identity
              serviceAccounts: [c/app]
              role: { arn: "arn:aws:iam::111122223333:role/c" }
        `,
      ),
    ).toEqual([
      "bindings.yaml:12:16: bindings[0].role.arn: mode pod-identity: the role must live in the cluster's account, and cluster eu is in prod (111122223333), the role in 444455556666; EKS Pod Identity has no cross-account roles (use mode: irsa)",
      "bindings.yaml:17:16: bindings[1].role.arn: mode both: the role must live in the cluster's account, and cluster eu is in prod (111122223333), the role in 999988887777; EKS Pod Identity has no cross-account roles (use mode: irsa)",
    ]);
  });

  test("cross-account IRSA on a cluster without oidcIssuer is fine: the role's trust is where it was made", () => {
    const model = modelOf(yaml`
      version: 1
      accounts:
        prod: { id: "111122223333", region: eu-west-1 }
      clusters:
        eu: { account: prod, region: eu-west-1 }
      bindings:
        - name: legacy
          cluster: eu
          serviceAccounts: [legacy/app]
          role: { arn: "arn:aws:iam::999988887777:role/legacy" }
    `);
    expect(model.bindings[0].role.external).toBe(true);
  });

  test("its name may not be a role podiam makes in that account; two bindings may name one role made elsewhere", () => {
    expect(
      problemsOf(
        HEAD +
          yaml`
            - name: made-here
              cluster: eu
              serviceAccounts: [a/app]
            - name: shared-one
              cluster: eu
              serviceAccounts: [b/app]
              role: { arn: "arn:aws:iam::111122223333:role/made-here" }
            - name: shared-two
              cluster: eu
              serviceAccounts: [c/app]
              role: { arn: "arn:aws:iam::111122223333:role/made-here" }
        `,
      ),
    ).toEqual([
      'bindings.yaml:14:16: bindings[1].role.arn: role name "made-here" is already podiam\'s role of binding "made-here" in account 111122223333 (IAM role names are unique per account, ignoring case): podiam would make a role that exists; set another role.name',
    ]);
  });
});

describe("trust", () => {
  test("conditions and roles go into the model; a binding's name stands for its role's ARN", () => {
    const model = modelOf(
      HEAD +
        yaml`
          - name: app
            cluster: eu
            serviceAccounts: [app/api]
            trust:
              conditions: { IpAddress: { aws:SourceIp: [203.0.113.0/24] } }
              roles: [deployer, "arn:aws:iam::444455556666:role/release"]
          - name: deployer
            cluster: eu
            serviceAccounts: [ci/deployer]
            role: { name: ci-deployer, path: /ci/ }
        `,
    );
    const app = model.bindings.find((b) => b.name === "app")!;
    expect(app.trust).toEqual({
      conditions: { IpAddress: { "aws:SourceIp": ["203.0.113.0/24"] } },
      roles: [
        { arn: "arn:aws:iam::111122223333:role/ci/ci-deployer", binding: "deployer" },
        { arn: "arn:aws:iam::444455556666:role/release" },
      ],
    });
    expect(model.bindings.find((b) => b.name === "deployer")!.trust).toEqual({ roles: [] });
  });

  test("podiam's own keys are refused in trust.conditions, in any case; operators are IAM's", () => {
    expect(
      problemsOf(
        HEAD +
          yaml`
            - name: app
              cluster: eu
              serviceAccounts: [app/api]
              trust:
                conditions:
                  StringEquals:
                    oidc.eks.eu-west-1.amazonaws.com/id/AAAA:sub: system:serviceaccount:x:y
                    accounts.google.com:AUD: x
                    AWS:SourceAccount: "111122223333"
                    aws:requesttag/kubernetes-namespace: x
                    aws:PrincipalTag/team: ok
                  StringEqual: { aws:PrincipalTag/team: x }
        `,
      ),
    ).toEqual([
      'bindings.yaml:14:9: bindings[0].trust.conditions.StringEquals["oidc.eks.eu-west-1.amazonaws.com/id/AAAA:sub"]: "oidc.eks.eu-west-1.amazonaws.com/id/AAAA:sub" is a key podiam sets itself: a token\'s subject and audience come from the binding\'s clusters and serviceAccounts; trust.conditions may only narrow the trust with other keys',
      'bindings.yaml:15:9: bindings[0].trust.conditions.StringEquals["accounts.google.com:AUD"]: "accounts.google.com:AUD" is a key podiam sets itself: a token\'s subject and audience come from the binding\'s clusters and serviceAccounts; trust.conditions may only narrow the trust with other keys',
      'bindings.yaml:16:9: bindings[0].trust.conditions.StringEquals["AWS:SourceAccount"]: "AWS:SourceAccount" is a key podiam sets itself (aws:SourceAccount): EKS Pod Identity\'s account and session tags come from the binding\'s clusters and serviceAccounts; trust.conditions may only narrow the trust with other keys',
      'bindings.yaml:17:9: bindings[0].trust.conditions.StringEquals["aws:requesttag/kubernetes-namespace"]: "aws:requesttag/kubernetes-namespace" is a key podiam sets itself (aws:RequestTag/kubernetes-namespace): EKS Pod Identity\'s account and session tags come from the binding\'s clusters and serviceAccounts; trust.conditions may only narrow the trust with other keys',
      'bindings.yaml:19:7: bindings[0].trust.conditions.StringEqual: "StringEqual" is not an IAM condition operator (StringEquals, StringLike, ArnEquals, IpAddress, Bool, NumericLessThan, ..., with IfExists or ForAnyValue: where needed)',
    ]);
  });

  test("trust.roles: no wildcard, no account root, no bare account id, no unknown binding", () => {
    expect(
      problemsOf(
        HEAD +
          yaml`
            - name: app
              cluster: eu
              serviceAccounts: [app/api]
              trust:
                roles:
                  - "arn:aws:iam::444455556666:role/ci-*"
                  - "arn:aws:iam::444455556666:root"
                  - "444455556666"
                  - deployr
                  - Deployer
            - name: deployer
              cluster: eu
              serviceAccounts: [ci/deployer]
        `,
      ),
    ).toEqual([
      'bindings.yaml:13:9: bindings[0].trust.roles[0]: "arn:aws:iam::444455556666:role/ci-*" has a wildcard: trust.roles admits exact roles only; list each role\'s ARN',
      'bindings.yaml:14:9: bindings[0].trust.roles[1]: "arn:aws:iam::444455556666:root" is an account root: it would admit every role and user of the account; list the exact role ARNs',
      'bindings.yaml:15:9: bindings[0].trust.roles[2]: "444455556666" is a bare account id: it would admit every role and user of the account; list the exact role ARNs',
      'bindings.yaml:16:9: bindings[0].trust.roles[3]: unknown binding "deployr" (did you mean "deployer"?); declared: app, deployer; or write the role\'s exact ARN',
      'bindings.yaml:17:9: bindings[0].trust.roles[4]: "Deployer" is neither a binding\'s name nor a role ARN (arn:aws:iam::123456789012:role/NAME)',
    ]);
  });

  test("a listed binding whose own policies cannot assume the role gets a warning; one that can, or may, none", () => {
    expect(
      problemsOf(
        HEAD +
          yaml`
            - name: app
              cluster: eu
              serviceAccounts: [app/api]
              trust: { roles: [cannot, can, may] }
            - name: cannot
              cluster: eu
              serviceAccounts: [ci/cannot]
              policies: { statements: [{ actions: sts:AssumeRole, resources: "arn:aws:iam::111122223333:role/other" }] }
            - name: can
              cluster: eu
              serviceAccounts: [ci/can]
              policies: { statements: [{ actions: "sts:Assume*", resources: "arn:aws:iam::111122223333:role/a*" }] }
            - name: may
              cluster: eu
              serviceAccounts: [ci/may]
              policies: { managed: [arn:aws:iam::111122223333:policy/assumes-things] }
        `,
      ),
    ).toEqual([
      'bindings.yaml:11:20: bindings[0].trust.roles[0]: warning: binding "cannot" may assume this role only if its own policy allows it (the trust names its account, with aws:PrincipalArn), and none of its statements allows sts:AssumeRole on arn:aws:iam::111122223333:role/app: add one to "cannot"',
    ]);
  });

  test("the trust policy's size counts the conditions and roles", () => {
    const roles = Array.from({ length: 40 }, (_, i) => `"arn:aws:iam::444455556666:role/release-pipeline-${i}"`);
    expect(
      problemsOf(
        HEAD +
          yaml`
            - name: app
              cluster: eu
              serviceAccounts: [app/api]
              trust: { roles: [${roles.join(", ")}] }
        `,
      ),
    ).toEqual([
      expect.stringMatching(
        /^bindings\.yaml:10:3: bindings\[0\]\.serviceAccounts: the trust policy of "app" is \d+ characters without whitespace .*IAM allows 2048/,
      ),
    ]);
  });
});
