/**
 * The shape of the file: keys, types, version, identifiers, Kubernetes names, statements. One
 * test per error kind, each asserting the exact FILE:LINE:COLUMN: PATH: message lines.
 */
import { problemsOf, yaml } from "./problems-of";

describe("unknown keys", () => {
  test("a typo of a required key is reported once, at the typo, with its did-you-mean", () => {
    const text = yaml`
      version: 1
      accounts:
        prod: { id: "111122223333", region: eu-west-1 }
      clusters:
        eu: { account: prod, region: eu-west-1 }
      bindings:
        - name: api
          cluster: eu
          serviceAcount: [billing/api]
    `;
    expect(problemsOf(text)).toEqual([
      'bindings.yaml:9:5: bindings[0].serviceAcount: unknown key "serviceAcount" (did you mean "serviceAccounts"?)',
    ]);
  });

  test("a typo of an optional nested key suggests the known key", () => {
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
          role: { nmae: reader }
    `;
    expect(problemsOf(text)).toEqual([
      'bindings.yaml:10:13: bindings[0].role.nmae: unknown key "nmae" (did you mean "name"?)',
    ]);
  });

  test("a typo of a required section is not reported again as a missing section", () => {
    const text = yaml`
      verison: 1
      accounts: {}
      clusters: {}
      binding: []
    `;
    expect(problemsOf(text)).toEqual([
      'bindings.yaml:1:1: verison: unknown key "verison" (did you mean "version"?)',
      'bindings.yaml:4:1: binding: unknown key "binding" (did you mean "bindings"?)',
    ]);
  });

  test("a typo of a top-level key (two letters swapped) suggests the section", () => {
    const text = yaml`
      version: 1
      accounts:
        prod: { id: "111122223333", region: eu-west-1 }
      clusters:
        eu: { account: prod, region: eu-west-1 }
      bindings: []
      defualts: { mode: irsa }
    `;
    expect(problemsOf(text)).toEqual([
      'bindings.yaml:7:1: defualts: unknown key "defualts" (did you mean "defaults"?)',
    ]);
  });

  test("a key unlike any known key gets no suggestion, and a YAML merge key says it is not supported", () => {
    const text = yaml`
      version: 1
      accounts:
        prod:
          <<: { region: eu-west-1 }
          id: "111122223333"
          region: eu-west-1
          owner: platform
      clusters: {}
      bindings: []
    `;
    expect(problemsOf(text)).toEqual([
      'bindings.yaml:4:5: accounts.prod["<<"]: YAML merge keys (<<) are not supported; write the keys out',
      'bindings.yaml:7:5: accounts.prod.owner: unknown key "owner"',
    ]);
  });
});

test("an unquoted Null condition operator (YAML's null) is refused with the fix", () => {
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
          statements:
            - actions: [s3:GetObject]
              resources: ["*"]
              conditions:
                Null: { aws:TokenIssueTime: "true" }
  `;
  expect(problemsOf(text)).toEqual([
    `bindings.yaml:15:13: bindings[0].policies.statements[0].conditions: a condition operator is empty: YAML reads an unquoted Null as null; write IAM's operator quoted, "Null":`,
  ]);
});

test("a cluster without a region says what the region is for", () => {
  const text = yaml`
    version: 1
    accounts:
      prod: { id: "111122223333", region: eu-west-1 }
    clusters:
      eu: { account: prod }
    bindings:
      - { name: a, cluster: eu, mode: pod-identity, serviceAccounts: [team/a] }
  `;
  expect(problemsOf(text)).toEqual([
    "bindings.yaml:5:7: clusters.eu.region: is required: the cluster's region, where its stacks read the cluster (endpoint, CA, OIDC issuer) and make its Pod Identity associations",
  ]);
});

describe("version", () => {
  test("missing", () => {
    const text = yaml`
      accounts: {}
      clusters: {}
      bindings: []
    `;
    expect(problemsOf(text)).toEqual([
      "bindings.yaml:1:1: version: is required: add version: 1 at the top of the file",
    ]);
  });

  test("not 1", () => {
    expect(problemsOf("version: 2\naccounts: {}\nclusters: {}\nbindings: []\n")).toEqual([
      "bindings.yaml:1:10: version: must be 1 (got the number 2); this podiam reads version 1",
    ]);
  });

  test('the string "1" is not the number 1', () => {
    expect(problemsOf('version: "1"\naccounts: {}\nclusters: {}\nbindings: []\n')).toEqual([
      'bindings.yaml:1:10: version: must be 1 (got "1"); this podiam reads version 1',
    ]);
  });
});

describe("wrong types", () => {
  test("a list where a mapping belongs", () => {
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
          role: [reader]
    `;
    expect(problemsOf(text)).toEqual([
      "bindings.yaml:10:11: bindings[0].role: expected a mapping (key: value), got a list",
    ]);
  });

  test("a list where the accounts mapping belongs", () => {
    expect(problemsOf("version: 1\naccounts: [prod]\nclusters: {}\nbindings: []\n")).toEqual([
      "bindings.yaml:2:11: accounts: expected a mapping by alias, got a list",
    ]);
  });

  test("a number where a string belongs", () => {
    const text = yaml`
      version: 1
      accounts:
        prod: { id: "111122223333", region: eu-west-1 }
      clusters:
        eu: { account: prod, region: eu-west-1 }
      bindings:
        - name: api
          cluster: 5
          serviceAccounts: [billing/api]
    `;
    expect(problemsOf(text)).toEqual(["bindings.yaml:8:14: bindings[0].cluster: expected a string, got the number 5"]);
  });

  test("an empty value is reported at its key, not after the colon", () => {
    const text = yaml`
      version: 1
      accounts:
        prod: { id: "111122223333", region: eu-west-1 }
      clusters:
        eu: { account: prod, region: eu-west-1 }
      bindings:
        - name: api
          cluster:
          serviceAccounts: [billing/api]
    `;
    expect(problemsOf(text)).toEqual([
      "bindings.yaml:8:5: bindings[0].cluster: expected a string, got nothing (an empty value)",
    ]);
  });

  test("an explicit null (~) is reported where it is written", () => {
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
          role: { name: ~ }
    `;
    expect(problemsOf(text)).toEqual([
      "bindings.yaml:10:19: bindings[0].role.name: expected a string, got nothing (an empty value)",
    ]);
  });

  test("empty top-level sections", () => {
    const text = yaml`
      version: 1
      accounts:
      clusters:
      bindings:
    `;
    expect(problemsOf(text)).toEqual([
      "bindings.yaml:2:1: accounts: expected a mapping by alias, got nothing (an empty value)",
      "bindings.yaml:3:1: clusters: expected a mapping by key, got nothing (an empty value)",
      "bindings.yaml:4:1: bindings: expected a list, got nothing (an empty value)",
    ]);
  });
});

describe("identifiers", () => {
  test("an account alias that is not lowercase", () => {
    const text = yaml`
      version: 1
      accounts:
        Prod: { id: "111122223333", region: eu-west-1 }
      clusters: {}
      bindings: []
    `;
    expect(problemsOf(text)).toEqual([
      `bindings.yaml:3:3: accounts.Prod: "Prod" is not a valid account alias: lowercase letters, digits, '-' and single '_', starting with a letter, at most 64`,
    ]);
  });

  test("a cluster key with a dot, and nothing reported again for the binding that uses it", () => {
    const text = yaml`
      version: 1
      accounts:
        prod: { id: "111122223333", region: eu-west-1 }
      clusters:
        prod.eu: { account: prod, region: eu-west-1 }
      bindings:
        - name: api
          cluster: prod.eu
          serviceAccounts: [billing/api]
    `;
    expect(problemsOf(text)).toEqual([
      `bindings.yaml:5:3: clusters["prod.eu"]: "prod.eu" is not a valid cluster key: lowercase letters, digits, '-' and single '_', starting with a letter, at most 64`,
    ]);
  });

  test("a binding name that is not lowercase", () => {
    const text = yaml`
      version: 1
      accounts:
        prod: { id: "111122223333", region: eu-west-1 }
      clusters:
        eu: { account: prod, region: eu-west-1 }
      bindings:
        - name: Invoice_Reader
          cluster: eu
          serviceAccounts: [billing/api]
    `;
    expect(problemsOf(text)).toEqual([
      `bindings.yaml:7:11: bindings[0].name: "Invoice_Reader": a binding name must be lowercase letters, digits, '-' and single '_', starting with a letter`,
    ]);
  });
});

test("a name with two underscores in a row: they separate the parts of Terraform addresses", () => {
  const text = yaml`
    version: 1
    accounts:
      prod: { id: "111122223333", region: eu-west-1 }
    clusters:
      eu: { account: prod, region: eu-west-1 }
    bindings:
      - name: a__aws_x
        cluster: eu
        serviceAccounts: [billing/api]
  `;
  expect(problemsOf(text)).toEqual([
    `bindings.yaml:7:11: bindings[0].name: "a__aws_x": a binding name must be lowercase letters, digits, '-' and single '_', starting with a letter`,
  ]);
});

describe("Kubernetes names", () => {
  test("a namespace that is not an RFC 1123 label", () => {
    const text = yaml`
      version: 1
      accounts:
        prod: { id: "111122223333", region: eu-west-1 }
      clusters:
        eu: { account: prod, region: eu-west-1 }
      bindings:
        - name: api
          cluster: eu
          serviceAccounts: [billing/api, Billing/api]
    `;
    expect(problemsOf(text)).toEqual([
      `bindings.yaml:9:36: bindings[0].serviceAccounts[1]: "Billing/api" is not namespace/name: the namespace must be lowercase RFC 1123 (a-z, 0-9, '-', at most 63)`,
    ]);
  });

  test("a namespace longer than 63 characters", () => {
    const namespace = "n".repeat(64);
    const text = yaml`
      version: 1
      accounts:
        prod: { id: "111122223333", region: eu-west-1 }
      clusters:
        eu: { account: prod, region: eu-west-1 }
      bindings:
        - name: api
          cluster: eu
          serviceAccounts: [${namespace}/api]
    `;
    expect(problemsOf(text)).toEqual([
      `bindings.yaml:9:23: bindings[0].serviceAccounts[0]: "${namespace}/api" is not namespace/name: the namespace must be lowercase RFC 1123 (a-z, 0-9, '-', at most 63)`,
    ]);
  });

  test("a name that is not an RFC 1123 subdomain (dots are fine, underscores are not)", () => {
    const text = yaml`
      version: 1
      accounts:
        prod: { id: "111122223333", region: eu-west-1 }
      clusters:
        eu: { account: prod, region: eu-west-1 }
      bindings:
        - name: api
          cluster: eu
          serviceAccounts:
            - billing/api.v2
            - billing/api_v2
    `;
    expect(problemsOf(text)).toEqual([
      `bindings.yaml:11:9: bindings[0].serviceAccounts[1]: "billing/api_v2" is not namespace/name: the name must be lowercase RFC 1123 (a-z, 0-9, '-', '.', at most 253)`,
    ]);
  });

  test("no slash at all", () => {
    const text = yaml`
      version: 1
      accounts:
        prod: { id: "111122223333", region: eu-west-1 }
      clusters:
        eu: { account: prod, region: eu-west-1 }
      bindings:
        - name: api
          cluster: eu
          serviceAccounts: [invoice-api]
    `;
    expect(problemsOf(text)).toEqual([
      'bindings.yaml:9:23: bindings[0].serviceAccounts[0]: "invoice-api" is not namespace/name',
    ]);
  });

  test("the same ServiceAccount twice in one binding", () => {
    const text = yaml`
      version: 1
      accounts:
        prod: { id: "111122223333", region: eu-west-1 }
      clusters:
        eu: { account: prod, region: eu-west-1 }
      bindings:
        - name: api
          cluster: eu
          serviceAccounts: [billing/api, billing/api]
    `;
    expect(problemsOf(text)).toEqual([
      'bindings.yaml:9:36: bindings[0].serviceAccounts[1]: "billing/api" is listed twice',
    ]);
  });
});

describe("statements", () => {
  test("a statement without actions", () => {
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
            statements:
              - resources: ["*"]
    `;
    expect(problemsOf(text)).toEqual([
      "bindings.yaml:12:11: bindings[0].policies.statements[0]: needs exactly one of actions and notActions",
    ]);
  });

  test("a statement without resources", () => {
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
            statements:
              - actions: [s3:GetObject]
    `;
    expect(problemsOf(text)).toEqual([
      "bindings.yaml:12:11: bindings[0].policies.statements[0]: needs exactly one of resources and notResources",
    ]);
  });

  test("an empty list of actions", () => {
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
            statements:
              - actions: []
                resources: ["*"]
    `;
    expect(problemsOf(text)).toEqual([
      "bindings.yaml:12:20: bindings[0].policies.statements[0].actions: must list at least one action",
    ]);
  });

  test("a malformed action and a malformed resource", () => {
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
            statements:
              - actions: [s3:GetObject, s3GetObject]
                resources: [my-bucket]
    `;
    expect(problemsOf(text)).toEqual([
      'bindings.yaml:12:35: bindings[0].policies.statements[0].actions[1]: "s3GetObject" is not an IAM action (service:Action, for example s3:GetObject)',
      'bindings.yaml:13:23: bindings[0].policies.statements[0].resources[0]: "my-bucket" is not a resource ARN or *',
    ]);
  });

  test("an effect that is neither Allow nor Deny", () => {
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
            statements:
              - effect: allow
                actions: [s3:GetObject]
                resources: ["*"]
    `;
    expect(problemsOf(text)).toEqual([
      'bindings.yaml:12:19: bindings[0].policies.statements[0].effect: "allow" is not one of: Allow, Deny',
    ]);
  });
});

describe("the role-arn annotation is podiam's", () => {
  test("set on a binding", () => {
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
          serviceAccount:
            annotations: { eks.amazonaws.com/role-arn: "arn:aws:iam::111122223333:role/x" }
    `;
    expect(problemsOf(text)).toEqual([
      `bindings.yaml:11:22: bindings[0].serviceAccount.annotations["eks.amazonaws.com/role-arn"]: eks.amazonaws.com/role-arn is set by podiam from the binding's role; remove it here`,
    ]);
  });

  test("set in defaults", () => {
    const text = yaml`
      version: 1
      accounts: {}
      clusters: {}
      defaults:
        serviceAccount:
          annotations:
            eks.amazonaws.com/role-arn: "arn:aws:iam::111122223333:role/x"
      bindings: []
    `;
    expect(problemsOf(text)).toEqual([
      `bindings.yaml:7:7: defaults.serviceAccount.annotations["eks.amazonaws.com/role-arn"]: eks.amazonaws.com/role-arn is set by podiam from the binding's role; remove it here`,
    ]);
  });
});
