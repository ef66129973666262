/**
 * What podiam deliberately does not do: keys of other tools (eksctl, terraform-aws-modules) say what
 * podiam offers instead; and an unknown key or a value of the right type but the wrong format
 * (a bad account id, a bad name) does not hide the problems behind it.
 */
import { problemsOf, yaml } from "./problems-of";

const HEAD = yaml`
  version: 1
  accounts:
    prod: { id: "111122223333", region: eu-west-1 }
  clusters:
    eu: { account: prod, region: eu-west-1, oidcIssuer: https://oidc.eks.eu-west-1.amazonaws.com/id/AAAA }
  bindings:
`;

/** A binding with one more line (indented as a key of the binding), at line 10. */
function withKey(line: string): string {
  return `${HEAD}  - name: api\n    cluster: eu\n    serviceAccounts: [billing/api]\n    ${line}\n`;
}

describe("keys of other tools say what podiam offers instead", () => {
  test.each([
    [
      "targetRoleArn: arn:aws:iam::444455556666:role/target",
      'bindings[0].targetRoleArn: unknown key "targetRoleArn": EKS Pod Identity target roles (role chaining into another account) need the AWS provider 6.x (target_role_arn), which podiam does not target yet; for a role in another account, use mode: irsa with account: <alias>',
    ],
    [
      "disableSessionTags: true",
      `bindings[0].disableSessionTags: unknown key "disableSessionTags": podiam's Pod Identity trust matches the session tags EKS sets (eks-cluster-arn, kubernetes-namespace, kubernetes-service-account), so they must stay on (turning them off would also need the AWS provider 6.x, which podiam does not target yet); remove it`,
    ],
    [
      "subjectPattern: app-*",
      'bindings[0].subjectPattern: unknown key "subjectPattern": write the pattern in serviceAccounts, as namespace/prefix* (or namespace/* for the whole namespace); IRSA only',
    ],
    [
      "attachRoleARN: arn:aws:iam::111122223333:role/legacy",
      'bindings[0].attachRoleARN: unknown key "attachRoleARN": for a role made elsewhere, write role: { arn: <the role\'s ARN> }',
    ],
    [
      "wellKnownPolicies: { externalDNS: true }",
      'bindings[0].wellKnownPolicies: unknown key "wellKnownPolicies": use policies.presets (external-dns, aws-load-balancer-controller, aws-ebs-csi-driver, aws-efs-csi-driver, cert-manager, cluster-autoscaler, ...): each a well-known add-on\'s policy, scoped by its inputs',
    ],
    [
      "roleOnly: true",
      'bindings[0].roleOnly: unknown key "roleOnly": for the role alone, with the ServiceAccount made elsewhere (Helm), write serviceAccount: { create: false }; podiam export helm-values prints the chart\'s values',
    ],
  ])("%s", (line, message) => {
    expect(problemsOf(withKey(line))).toEqual([`bindings.yaml:10:5: ${message}`]);
  });

  test("in any spelling, and wherever they are written (role:, serviceAccount:)", () => {
    const text = yaml`
      version: 1
      accounts:
        prod: { id: "111122223333", region: eu-west-1 }
      clusters:
        eu: { account: prod, region: eu-west-1 }
      bindings:
        - name: api
          cluster: eu
          serviceAccounts: [billing/api]
          role: { target_role_arn: arn:aws:iam::444455556666:role/target }
          serviceAccount: { roleonly: true }
    `;
    expect(problemsOf(text).map((p) => p.slice(0, p.indexOf(":", p.indexOf('"') + 1) + 1))).toEqual([
      'bindings.yaml:10:13: bindings[0].role.target_role_arn: unknown key "target_role_arn":',
      'bindings.yaml:11:23: bindings[0].serviceAccount.roleonly: unknown key "roleonly":',
    ]);
  });

  test("an unknown key of no other tool keeps its did-you-mean", () => {
    expect(problemsOf(withKey("polices: {}"))).toEqual([
      'bindings.yaml:10:5: bindings[0].polices: unknown key "polices" (did you mean "policies"?)',
    ]);
  });
});

describe("a problem does not hide the ones behind it", () => {
  test("an unknown key: the binding's other problems are still reported", () => {
    // Before, the unknown key left the binding out, and its unknown cluster and bad ServiceAccount went unsaid.
    const text = yaml`
      version: 1
      accounts:
        prod: { id: "111122223333", region: eu-west-1 }
      clusters:
        eu: { account: prod, region: eu-west-1 }
      bindings:
        - name: api
          cluster: eux
          serviceAccounts: [Billing/api]
          roleOnly: true
    `;
    expect(problemsOf(text)).toEqual([
      'bindings.yaml:8:14: bindings[0].cluster: unknown cluster "eux" (did you mean "eu"?); declared: eu',
      `bindings.yaml:9:23: bindings[0].serviceAccounts[0]: "Billing/api" is not namespace/name: the namespace must be lowercase RFC 1123 (a-z, 0-9, '-', at most 63)`,
      expect.stringMatching(/^bindings\.yaml:10:5: bindings\[0\]\.roleOnly: unknown key "roleOnly": /),
    ]);
  });

  test("a bad account id: the clusters and bindings of the account are still checked", () => {
    const text = yaml`
      version: 1
      accounts:
        prod: { id: "11112222333", region: eu-west-1 }
      clusters:
        eu: { account: prod, region: eu-west-1 }
      bindings:
        - name: api
          cluster: eu
          serviceAccounts: [billing/api]
        - name: web
          cluster: eu
          serviceAccounts: [billing/api]
    `;
    expect(problemsOf(text)).toEqual([
      'bindings.yaml:3:15: accounts.prod.id: "11112222333" must be 12 digits, quoted, for example "111122223333"',
      'bindings.yaml:12:23: bindings[1].serviceAccounts[0]: billing/api on cluster eu is already bound by "api" (bindings[0]); a ServiceAccount carries one role: merge the two bindings',
    ]);
  });

  test("a bad account id under a role that trust.roles names by binding: reported, nothing breaks", () => {
    const text = yaml`
      version: 1
      accounts:
        prod: { id: "11112222333", region: eu-west-1 }
      clusters:
        eu: { account: prod, region: eu-west-1 }
      bindings:
        - { name: a, cluster: eu, serviceAccounts: a/a, trust: { roles: [b] } }
        - { name: b, cluster: eu, serviceAccounts: b/b }
    `;
    expect(problemsOf(text)).toEqual([
      'bindings.yaml:3:15: accounts.prod.id: "11112222333" must be 12 digits, quoted, for example "111122223333"',
      expect.stringMatching(
        /^bindings\.yaml:7:68: bindings\[0\]\.trust\.roles\[0\]: warning: binding "b" may assume this role only if/,
      ),
    ]);
  });

  test("an unknown key beside a missing required one: the typo, once", () => {
    const text = yaml`
      version: 1
      accounts:
        prod: { id: "111122223333", region: eu-west-1 }
      clusters:
        eu: { account: prod, region: eu-west-1 }
      bindings:
        - name: api
          cluster: eu
          serviceAcounts: [billing/api]
    `;
    expect(problemsOf(text)).toEqual([
      'bindings.yaml:9:5: bindings[0].serviceAcounts: unknown key "serviceAcounts" (did you mean "serviceAccounts"?)',
    ]);
  });
});
