/** ARNs, account ids and OIDC issuers: the values IAM would reject at apply, caught at load. */
import { problemsOf, yaml } from "./problems-of";

describe("malformed ARNs", () => {
  test("a managed policy ARN without policy/", () => {
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
          policies: { managed: [arn:aws:iam::aws:AmazonS3ReadOnlyAccess] }
    `;
    expect(problemsOf(text)).toEqual([
      'bindings.yaml:10:27: bindings[0].policies.managed[0]: "arn:aws:iam::aws:AmazonS3ReadOnlyAccess" is not a managed policy ARN (arn:aws:iam::aws:policy/NAME or arn:aws:iam::123456789012:policy/NAME)',
    ]);
  });

  test("a role ARN given as a managed policy", () => {
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
          policies:
            managed:
              - arn:aws:iam::111122223333:role/reader
    `;
    expect(problemsOf(text)).toEqual([
      'bindings.yaml:12:11: bindings[0].policies.managed[0]: "arn:aws:iam::111122223333:role/reader" is not a managed policy ARN (arn:aws:iam::aws:policy/NAME or arn:aws:iam::123456789012:policy/NAME)',
    ]);
  });

  test("a managed policy listed twice", () => {
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
          policies:
            managed:
              - arn:aws:iam::aws:policy/ReadOnlyAccess
              - arn:aws:iam::aws:policy/ReadOnlyAccess
    `;
    expect(problemsOf(text)).toEqual([
      'bindings.yaml:13:11: bindings[0].policies.managed[1]: "arn:aws:iam::aws:policy/ReadOnlyAccess" is listed twice',
    ]);
  });

  test("a permissions boundary with a short account id", () => {
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
          role: { permissionsBoundary: "arn:aws:iam::11112222333:policy/boundary" }
    `;
    expect(problemsOf(text)).toEqual([
      'bindings.yaml:10:34: bindings[0].role.permissionsBoundary: "arn:aws:iam::11112222333:policy/boundary" is not a managed policy ARN (arn:aws:iam::aws:policy/NAME or arn:aws:iam::123456789012:policy/NAME)',
    ]);
  });

  test("a providerRoleArn that is not a role", () => {
    const text = yaml`
      version: 1
      accounts:
        prod:
          id: "111122223333"
          region: eu-west-1
          providerRoleArn: arn:aws:iam::111122223333:terraform
      clusters: {}
      bindings: []
    `;
    expect(problemsOf(text)).toEqual([
      'bindings.yaml:6:22: accounts.prod.providerRoleArn: "arn:aws:iam::111122223333:terraform" is not an IAM role ARN (arn:aws:iam::123456789012:role/NAME)',
    ]);
  });

  test("a providerRoleArn in another partition than its account", () => {
    const text = yaml`
      version: 1
      accounts:
        prod:
          id: "111122223333"
          region: eu-west-1
          providerRoleArn: arn:aws-cn:iam::111122223333:role/terraform
      clusters: {}
      bindings: []
    `;
    expect(problemsOf(text)).toEqual([
      "bindings.yaml:6:22: accounts.prod.providerRoleArn: is in partition aws-cn, the account in aws",
    ]);
  });
});

describe("account ids", () => {
  test("not 12 digits", () => {
    const text = yaml`
      version: 1
      accounts:
        prod:
          id: "11112222333"
          region: eu-west-1
      clusters: {}
      bindings: []
    `;
    expect(problemsOf(text)).toEqual([
      'bindings.yaml:4:9: accounts.prod.id: "11112222333" must be 12 digits, quoted, for example "111122223333"',
    ]);
  });

  test("an unquoted number", () => {
    const text = yaml`
      version: 1
      accounts:
        prod:
          id: 111122223333
          region: eu-west-1
      clusters: {}
      bindings: []
    `;
    expect(problemsOf(text)).toEqual([
      'bindings.yaml:4:9: accounts.prod.id: must be a quoted string of 12 digits, for example id: "111122223333" (got the number 111122223333)',
    ]);
  });

  test("an unquoted number with a leading zero, which YAML drops", () => {
    const text = yaml`
      version: 1
      accounts:
        prod:
          id: 011122223333
          region: eu-west-1
      clusters: {}
      bindings: []
    `;
    expect(problemsOf(text)).toEqual([
      'bindings.yaml:4:9: accounts.prod.id: must be a quoted string of 12 digits, for example id: "111122223333" (got the number 11122223333)',
    ]);
  });

  test("an account with a bad id hides nothing else, and adds no noise for what references it", () => {
    const text = yaml`
      version: 1
      accounts:
        prod: { id: "1111", region: eu-west-1 }
      clusters:
        eu: { account: prod, region: eu-west1 }
      bindings:
        - name: api
          cluster: eu
          serviceAccounts: [Billing/api]
    `;
    expect(problemsOf(text)).toEqual([
      'bindings.yaml:3:15: accounts.prod.id: "1111" must be 12 digits, quoted, for example "111122223333"',
      'bindings.yaml:5:32: clusters.eu.region: "eu-west1" is not an AWS region (for example eu-west-1)',
      `bindings.yaml:9:23: bindings[0].serviceAccounts[0]: "Billing/api" is not namespace/name: the namespace must be lowercase RFC 1123 (a-z, 0-9, '-', at most 63)`,
    ]);
  });
});

describe("OIDC issuers", () => {
  const withIssuer = (issuer: string) => yaml`
    version: 1
    accounts:
      prod: { id: "111122223333", region: eu-west-1 }
    clusters:
      eu:
        account: prod
        region: eu-west-1
        oidcIssuer: ${issuer}
    bindings: []
  `;

  test("not https://", () => {
    expect(problemsOf(withIssuer("http://oidc.eks.eu-west-1.amazonaws.com/id/ABC"))).toEqual([
      `bindings.yaml:8:17: clusters.eu.oidcIssuer: "http://oidc.eks.eu-west-1.amazonaws.com/id/ABC" is not an https:// URL; IAM OIDC providers need the cluster's https:// issuer`,
    ]);
  });

  test("no scheme at all", () => {
    expect(problemsOf(withIssuer("oidc.eks.eu-west-1.amazonaws.com/id/ABC"))).toEqual([
      `bindings.yaml:8:17: clusters.eu.oidcIssuer: "oidc.eks.eu-west-1.amazonaws.com/id/ABC" is not an https:// URL; IAM OIDC providers need the cluster's https:// issuer`,
    ]);
  });

  test("a trailing slash", () => {
    expect(problemsOf(withIssuer("https://oidc.eks.eu-west-1.amazonaws.com/id/ABC/"))).toEqual([
      `bindings.yaml:8:17: clusters.eu.oidcIssuer: "https://oidc.eks.eu-west-1.amazonaws.com/id/ABC/" ends with '/'; write the issuer without the trailing slash, as EKS reports it`,
    ]);
  });

  test("a query string", () => {
    expect(problemsOf(withIssuer("https://oidc.example.com/id?x=1"))).toEqual([
      `bindings.yaml:8:17: clusters.eu.oidcIssuer: "https://oidc.example.com/id?x=1" is not a URL of the form https://host/path`,
    ]);
  });

  test("two clusters sharing one issuer", () => {
    const text = yaml`
      version: 1
      accounts:
        prod: { id: "111122223333", region: eu-west-1 }
      clusters:
        eu:
          account: prod
          region: eu-west-1
          oidcIssuer: https://oidc.eks.eu-west-1.amazonaws.com/id/ABC
        eu-copy:
          account: prod
          region: eu-west-1
          oidcIssuer: https://oidc.eks.eu-west-1.amazonaws.com/id/ABC
      bindings: []
    `;
    expect(problemsOf(text)).toEqual([
      'bindings.yaml:12:17: clusters.eu-copy.oidcIssuer: is already the issuer of cluster "eu"; two clusters cannot share one OIDC issuer',
    ]);
  });
});
