/**
 * References between sections, uniqueness, and the rules of which account a role, a cluster and a
 * policy may live in.
 */
import { problemsOf, yaml } from "./problems-of";

describe("unknown references", () => {
  test("a binding's cluster, with did-you-mean for two swapped letters", () => {
    const text = yaml`
      version: 1
      accounts:
        prod: { id: "111122223333", region: eu-west-1 }
      clusters:
        eu: { account: prod, region: eu-west-1 }
      bindings:
        - name: api
          cluster: ue
          serviceAccounts: [billing/api]
    `;
    expect(problemsOf(text)).toEqual([
      'bindings.yaml:8:14: bindings[0].cluster: unknown cluster "ue" (did you mean "eu"?); declared: eu',
    ]);
  });

  test("one of a binding's clusters", () => {
    const text = yaml`
      version: 1
      accounts:
        prod: { id: "111122223333", region: eu-west-1 }
      clusters:
        eu: { account: prod, region: eu-west-1 }
      bindings:
        - name: api
          clusters: [eu, us-east]
          serviceAccounts: [billing/api]
    `;
    expect(problemsOf(text)).toEqual([
      'bindings.yaml:8:20: bindings[0].clusters[1]: unknown cluster "us-east"; declared: eu',
    ]);
  });

  test("a binding's account", () => {
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
          account: shared
    `;
    expect(problemsOf(text)).toEqual([
      'bindings.yaml:10:14: bindings[0].account: unknown account "shared"; declared: prod',
    ]);
  });

  test("a cluster's account, and nothing reported again for the bindings on that cluster", () => {
    const text = yaml`
      version: 1
      accounts:
        prod: { id: "111122223333", region: eu-west-1 }
      clusters:
        eu: { account: prdo, region: eu-west-1 }
      bindings:
        - name: api
          cluster: eu
          serviceAccounts: [billing/api]
    `;
    expect(problemsOf(text)).toEqual([
      'bindings.yaml:5:18: clusters.eu.account: unknown account "prdo" (did you mean "prod"?); declared: prod',
    ]);
  });

  test("a cluster listed twice", () => {
    const text = yaml`
      version: 1
      accounts:
        prod: { id: "111122223333", region: eu-west-1 }
      clusters:
        eu: { account: prod, region: eu-west-1 }
      bindings:
        - name: api
          clusters: [eu, eu]
          serviceAccounts: [billing/api]
    `;
    expect(problemsOf(text)).toEqual(['bindings.yaml:8:20: bindings[0].clusters[1]: cluster "eu" is listed twice']);
  });
});

describe("cluster and clusters", () => {
  test("both set", () => {
    const text = yaml`
      version: 1
      accounts:
        prod: { id: "111122223333", region: eu-west-1 }
      clusters:
        eu: { account: prod, region: eu-west-1 }
      bindings:
        - name: api
          cluster: eu
          clusters: [eu]
          serviceAccounts: [billing/api]
    `;
    expect(problemsOf(text)).toEqual([
      "bindings.yaml:9:5: bindings[0].clusters: set either cluster or clusters, not both",
    ]);
  });

  test("neither set", () => {
    const text = yaml`
      version: 1
      accounts:
        prod: { id: "111122223333", region: eu-west-1 }
      clusters:
        eu: { account: prod, region: eu-west-1 }
      bindings:
        - name: api
          serviceAccounts: [billing/api]
    `;
    expect(problemsOf(text)).toEqual([
      "bindings.yaml:7:5: bindings[0]: needs cluster (one key) or clusters (a list of keys)",
    ]);
  });

  test("clusters in different accounts without account:", () => {
    const text = yaml`
      version: 1
      accounts:
        prod: { id: "111122223333", region: eu-west-1 }
        shared: { id: "444455556666", region: eu-west-1 }
      clusters:
        eu: { account: prod, region: eu-west-1 }
        us: { account: shared, region: us-east-1 }
      bindings:
        - name: api
          clusters: [eu, us]
          serviceAccounts: [billing/api]
    `;
    expect(problemsOf(text)).toEqual([
      "bindings.yaml:10:5: bindings[0].clusters: the clusters are in different accounts (prod, shared); set account: to say which one holds the role",
    ]);
  });
});

describe("uniqueness", () => {
  test("duplicate binding names", () => {
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
        - name: api
          cluster: eu
          serviceAccounts: [billing/worker]
    `;
    expect(problemsOf(text)).toEqual([
      'bindings.yaml:10:11: bindings[1].name: "api" is already the name of bindings[0]; binding names are unique',
    ]);
  });

  test("the same ServiceAccount bound by two bindings on the same cluster", () => {
    const text = yaml`
      version: 1
      accounts:
        prod: { id: "111122223333", region: eu-west-1 }
      clusters:
        eu: { account: prod, region: eu-west-1 }
        us: { account: prod, region: us-east-1 }
      bindings:
        - name: api
          clusters: [eu, us]
          serviceAccounts: [billing/api]
        - name: worker
          cluster: us
          serviceAccounts: [billing/worker, billing/api]
    `;
    expect(problemsOf(text)).toEqual([
      'bindings.yaml:13:39: bindings[1].serviceAccounts[1]: billing/api on cluster us is already bound by "api" (bindings[0]); a ServiceAccount carries one role: merge the two bindings',
    ]);
  });

  test("the same ServiceAccount on two different clusters is fine", () => {
    const text = yaml`
      version: 1
      accounts:
        prod: { id: "111122223333", region: eu-west-1 }
      clusters:
        eu: { account: prod, region: eu-west-1 }
        us: { account: prod, region: us-east-1 }
      bindings:
        - name: api-eu
          cluster: eu
          serviceAccounts: [billing/api]
        - name: api-us
          cluster: us
          serviceAccounts: [billing/api]
    `;
    expect(problemsOf(text)).toEqual([]);
  });

  test("a role name clash within an account, ignoring case", () => {
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
          role: { name: Reader }
        - name: worker
          cluster: eu
          serviceAccounts: [billing/worker]
          role: { name: reader }
    `;
    expect(problemsOf(text)).toEqual([
      'bindings.yaml:14:19: bindings[1].role.name: role name "reader" is already used by binding "api" in account prod (IAM role names are unique per account, ignoring case); set another role.name',
    ]);
  });

  test("a default role name (prefix + binding name) that clashes with an explicit one is reported at the binding name", () => {
    const text = yaml`
      version: 1
      accounts:
        prod: { id: "111122223333", region: eu-west-1 }
      clusters:
        eu: { account: prod, region: eu-west-1 }
      defaults: { roleNamePrefix: eks- }
      bindings:
        - name: reader
          cluster: eu
          serviceAccounts: [billing/api]
          role: { name: eks-api }
        - name: api
          cluster: eu
          serviceAccounts: [billing/worker]
    `;
    expect(problemsOf(text)).toEqual([
      'bindings.yaml:12:11: bindings[1].name: role name "eks-api" is already used by binding "reader" in account prod (IAM role names are unique per account, ignoring case); set another role.name',
    ]);
  });

  test("one account id under two aliases", () => {
    const text = yaml`
      version: 1
      accounts:
        prod: { id: "111122223333", region: eu-west-1 }
        prod-us: { id: "111122223333", region: us-east-1 }
      clusters: {}
      bindings: []
    `;
    expect(problemsOf(text)).toEqual([
      'bindings.yaml:4:18: accounts.prod-us.id: account 111122223333 is already declared as "prod"; one alias per account',
    ]);
  });
});

describe("which account a role may live in", () => {
  const twoAccounts = (mode: string, issuer = "") => yaml`
    version: 1
    accounts:
      prod: { id: "111122223333", region: eu-west-1 }
      shared: { id: "444455556666", region: eu-west-1 }
    clusters:
      eu: { account: prod, region: eu-west-1${issuer} }
    bindings:
      - name: api
        cluster: eu
        serviceAccounts: [billing/api]
        account: shared
        mode: ${mode}
  `;
  const ISSUER = ", oidcIssuer: https://oidc.eks.eu-west-1.amazonaws.com/id/ABC";

  test("pod-identity with the role in another account than the cluster", () => {
    expect(problemsOf(twoAccounts("pod-identity"))).toEqual([
      "bindings.yaml:11:14: bindings[0].account: mode pod-identity: the role must live in the cluster's account, and cluster eu is in prod, the role in shared; EKS Pod Identity has no cross-account roles (use mode: irsa, or move the role)",
    ]);
  });

  test("both, likewise", () => {
    expect(problemsOf(twoAccounts("both", ISSUER))).toEqual([
      "bindings.yaml:11:14: bindings[0].account: mode both: the role must live in the cluster's account, and cluster eu is in prod, the role in shared; EKS Pod Identity has no cross-account roles (use mode: irsa, or move the role)",
    ]);
  });

  test("cross-account IRSA on a cluster without oidcIssuer", () => {
    expect(problemsOf(twoAccounts("irsa"))).toEqual([
      "bindings.yaml:11:14: bindings[0].account: cluster eu has no oidcIssuer, and the role's account shared cannot read a cluster of account prod; set clusters.eu.oidcIssuer",
    ]);
  });

  test("cross-account IRSA with the issuer given is fine", () => {
    expect(problemsOf(twoAccounts("irsa", ISSUER))).toEqual([]);
  });
});

describe("policies in another account than the role", () => {
  test("a permissions boundary set on the binding", () => {
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
          role: { permissionsBoundary: "arn:aws:iam::444455556666:policy/boundary" }
    `;
    expect(problemsOf(text)).toEqual([
      'bindings.yaml:10:34: bindings[0].role.permissionsBoundary: the permissions boundary "arn:aws:iam::444455556666:policy/boundary" is in account 444455556666, but the role of "api" is in prod (111122223333); IAM can only use policies of the role\'s own account',
    ]);
  });

  test("a permissions boundary inherited from defaults is reported at the defaults line", () => {
    const text = yaml`
      version: 1
      accounts:
        prod: { id: "111122223333", region: eu-west-1 }
      clusters:
        eu: { account: prod, region: eu-west-1 }
      defaults:
        permissionsBoundary: arn:aws:iam::444455556666:policy/boundary
      bindings:
        - name: api
          cluster: eu
          serviceAccounts: [billing/api]
    `;
    expect(problemsOf(text)).toEqual([
      'bindings.yaml:7:24: defaults.permissionsBoundary: the permissions boundary "arn:aws:iam::444455556666:policy/boundary" is in account 444455556666, but the role of "api" is in prod (111122223333); IAM can only use policies of the role\'s own account; set role.permissionsBoundary on that binding',
    ]);
  });

  test("a permissions boundary inherited by many bindings: one problem per account, naming them", () => {
    const text = yaml`
      version: 1
      accounts:
        prod: { id: "111122223333", region: eu-west-1 }
        shared: { id: "444455556666", region: eu-west-1 }
      clusters:
        eu: { account: prod, region: eu-west-1, oidcIssuer: "https://oidc.eks.eu-west-1.amazonaws.com/id/ABC" }
      defaults:
        permissionsBoundary: arn:aws:iam::444455556666:policy/boundary
      bindings:
        - { name: a, cluster: eu, serviceAccounts: [ns/a] }
        - { name: b, cluster: eu, serviceAccounts: [ns/b] }
        - { name: c, cluster: eu, serviceAccounts: [ns/c] }
        - { name: d, cluster: eu, serviceAccounts: [ns/d] }
        - { name: e, cluster: eu, serviceAccounts: [ns/e] }
        - { name: f, cluster: eu, serviceAccounts: [ns/f] }
        - { name: g, cluster: eu, serviceAccounts: [ns/g] }
        - { name: own, cluster: eu, serviceAccounts: [ns/own], role: { permissionsBoundary: "arn:aws:iam::111122223333:policy/b" } }
        - { name: there, cluster: eu, serviceAccounts: [ns/there], account: shared }
    `;
    expect(problemsOf(text)).toEqual([
      'bindings.yaml:8:24: defaults.permissionsBoundary: the permissions boundary "arn:aws:iam::444455556666:policy/boundary" is in account 444455556666, but the roles of "a", "b", "c", "d", "e" and 2 more are in prod (111122223333); IAM can only use policies of the role\'s own account; set role.permissionsBoundary on those bindings',
    ]);
  });

  test("a malformed permissions boundary in defaults: reported once", () => {
    const text = yaml`
      version: 1
      accounts:
        prod: { id: "111122223333", region: eu-west-1 }
      clusters:
        eu: { account: prod, region: eu-west-1 }
      defaults:
        permissionsBoundary: boundary
      bindings:
        - { name: a, cluster: eu, serviceAccounts: [ns/a] }
        - { name: b, cluster: eu, serviceAccounts: [ns/b] }
    `;
    expect(problemsOf(text)).toEqual([
      'bindings.yaml:7:24: defaults.permissionsBoundary: "boundary" is not a managed policy ARN (arn:aws:iam::aws:policy/NAME or arn:aws:iam::123456789012:policy/NAME)',
    ]);
  });

  test("an AWS managed boundary is in every account", () => {
    const text = yaml`
      version: 1
      accounts:
        prod: { id: "111122223333", region: eu-west-1 }
      clusters:
        eu: { account: prod, region: eu-west-1 }
      defaults:
        permissionsBoundary: arn:aws:iam::aws:policy/PowerUserAccess
      bindings:
        - name: api
          cluster: eu
          serviceAccounts: [billing/api]
    `;
    expect(problemsOf(text)).toEqual([]);
  });

  test("a customer-managed policy", () => {
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
          policies: { managed: ["arn:aws:iam::444455556666:policy/reader"] }
    `;
    expect(problemsOf(text)).toEqual([
      'bindings.yaml:10:27: bindings[0].policies.managed[0]: the customer-managed policy "arn:aws:iam::444455556666:policy/reader" is in account 444455556666, but the role of "api" is in prod (111122223333); IAM can only use policies of the role\'s own account',
    ]);
  });

  test("a policy in another partition", () => {
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
          policies: { managed: ["arn:aws-cn:iam::aws:policy/ReadOnlyAccess"] }
    `;
    expect(problemsOf(text)).toEqual([
      'bindings.yaml:10:27: bindings[0].policies.managed[0]: "arn:aws-cn:iam::aws:policy/ReadOnlyAccess" is in partition aws-cn, the role of "api" in aws',
    ]);
  });
});
