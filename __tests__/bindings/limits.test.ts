/**
 * AWS limits, checked before Terraform meets them: role name and path, session duration, trust
 * and managed policy sizes, attachments per role, and the quotas that raise them. Expected sizes
 * are computed here from the documents the spec describes, not by podiam's code.
 */
import { loadBindings } from "../../src/bindings/load";
import { formatProblem } from "../../src/bindings/problems";
import { FILE, problemsOf, yaml } from "./problems-of";

const ISSUER_HOST = "oidc.eks.eu-west-1.amazonaws.com/id/ABC";

describe("role name", () => {
  test("over 64 characters, set on the binding", () => {
    const name = "r".repeat(65);
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
          role: { name: ${name} }
    `;
    expect(problemsOf(text)).toEqual([
      `bindings.yaml:10:19: bindings[0].role.name: role name "${name}" is 65 characters; IAM allows 64 (set role.name, or shorten defaults.roleNamePrefix)`,
    ]);
  });

  test("over 64 characters by the prefix from defaults: reported at the binding name", () => {
    const bindingName = "b".repeat(46);
    const text = yaml`
      version: 1
      accounts:
        prod: { id: "111122223333", region: eu-west-1 }
      clusters:
        eu: { account: prod, region: eu-west-1 }
      defaults: { roleNamePrefix: platform-workloads- }
      bindings:
        - name: ${bindingName}
          cluster: eu
          serviceAccounts: [billing/api]
    `;
    expect(problemsOf(text)).toEqual([
      `bindings.yaml:8:11: bindings[0].name: role name "platform-workloads-${bindingName}" is 65 characters; IAM allows 64 (set role.name, or shorten defaults.roleNamePrefix)`,
    ]);
  });

  test("exactly 64 characters is fine", () => {
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
          role: { name: ${"r".repeat(64)} }
    `;
    expect(problemsOf(text)).toEqual([]);
  });

  test("characters IAM does not allow", () => {
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
          role: { name: "team/reader" }
    `;
    expect(problemsOf(text)).toEqual([
      'bindings.yaml:10:19: bindings[0].role.name: role name "team/reader" may only contain letters, digits and + = , . @ _ -',
    ]);
  });
});

describe("role path", () => {
  test("over 512 characters", () => {
    const path = `/${"p".repeat(511)}/`;
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
          role: { path: ${path} }
    `;
    expect(path).toHaveLength(513);
    expect(problemsOf(text)).toEqual([
      "bindings.yaml:10:19: bindings[0].role.path: role path is 513 characters; IAM allows 512",
    ]);
  });

  test("without its slashes", () => {
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
          role: { path: eks }
    `;
    expect(problemsOf(text)).toEqual([
      `bindings.yaml:10:19: bindings[0].role.path: role path "eks" must start and end with '/' and hold no braces (for example /eks/)`,
    ]);
  });

  test("malformed in defaults: reported at defaults.rolePath", () => {
    const text = yaml`
      version: 1
      accounts:
        prod: { id: "111122223333", region: eu-west-1 }
      clusters:
        eu: { account: prod, region: eu-west-1 }
      defaults:
        rolePath: /eks
      bindings:
        - name: api
          cluster: eu
          serviceAccounts: [billing/api]
    `;
    expect(problemsOf(text)).toEqual([
      `bindings.yaml:7:13: defaults.rolePath: role path "/eks" must start and end with '/' and hold no braces (for example /eks/)`,
    ]);
  });
});

describe("maxSessionDuration", () => {
  const withDuration = (value: string) => yaml`
    version: 1
    accounts:
      prod: { id: "111122223333", region: eu-west-1 }
    clusters:
      eu: { account: prod, region: eu-west-1 }
    bindings:
      - name: api
        cluster: eu
        serviceAccounts: [billing/api]
        role: { maxSessionDuration: ${value} }
  `;

  test("below IAM's minimum", () => {
    expect(problemsOf(withDuration("60"))).toEqual([
      "bindings.yaml:10:33: bindings[0].role.maxSessionDuration: the number 60 must be at least 3600 seconds (IAM's minimum)",
    ]);
  });

  test("above IAM's maximum", () => {
    expect(problemsOf(withDuration("50000"))).toEqual([
      "bindings.yaml:10:33: bindings[0].role.maxSessionDuration: the number 50000 must be at most 43200 seconds (IAM's maximum)",
    ]);
  });

  test("not a whole number", () => {
    expect(problemsOf(withDuration("3600.5"))).toEqual([
      "bindings.yaml:10:33: bindings[0].role.maxSessionDuration: must be a whole number of seconds (got the number 3600.5)",
    ]);
  });

  test("the bounds themselves are fine", () => {
    expect(problemsOf(withDuration("3600"))).toEqual([]);
    expect(problemsOf(withDuration("43200"))).toEqual([]);
  });

  test("in defaults", () => {
    const text = yaml`
      version: 1
      accounts: {}
      clusters: {}
      defaults: { maxSessionDuration: 100000 }
      bindings: []
    `;
    expect(problemsOf(text)).toEqual([
      "bindings.yaml:4:33: defaults.maxSessionDuration: the number 100000 must be at most 43200 seconds (IAM's maximum)",
    ]);
  });
});

describe("trust policy size", () => {
  const serviceAccounts = Array.from({ length: 50 }, (_, i) => `billing/worker-${String(i).padStart(2, "0")}`);
  /** The IRSA trust policy of the spec, for one cluster, as IAM measures it (no whitespace). */
  const expectedLength = JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Federated: `arn:aws:iam::111122223333:oidc-provider/${ISSUER_HOST}` },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: {
          StringEquals: {
            [`${ISSUER_HOST}:sub`]: serviceAccounts.map((sa) => `system:serviceaccount:${sa.replace("/", ":")}`),
            [`${ISSUER_HOST}:aud`]: "sts.amazonaws.com",
          },
        },
      },
    ],
  }).length;

  const manyServiceAccounts = (quotas = "") => yaml`
    version: 1
    accounts:
      prod: { id: "111122223333", region: eu-west-1 }
    clusters:
      eu: { account: prod, region: eu-west-1, oidcIssuer: "https://${ISSUER_HOST}" }
    bindings:
      - name: api
        cluster: eu
        serviceAccounts: [${serviceAccounts.join(", ")}]
    ${quotas}
  `;

  test("many ServiceAccounts: over 2048 characters, reported at serviceAccounts", () => {
    expect(expectedLength).toBeGreaterThan(2048);
    expect(problemsOf(manyServiceAccounts())).toEqual([
      `bindings.yaml:9:5: bindings[0].serviceAccounts: the trust policy of "api" is ${expectedLength} characters without whitespace (1 cluster(s), 50 ServiceAccount(s)); IAM allows 2048: split the binding, or raise quotas.roleTrustPolicyLength if AWS raised it for you`,
    ]);
  });

  test("quotas.roleTrustPolicyLength raises the limit, to the character", () => {
    expect(problemsOf(manyServiceAccounts(`quotas: { roleTrustPolicyLength: ${expectedLength} }`))).toEqual([]);
    expect(problemsOf(manyServiceAccounts(`quotas: { roleTrustPolicyLength: ${expectedLength - 1} }`))).toEqual([
      `bindings.yaml:9:5: bindings[0].serviceAccounts: the trust policy of "api" is ${expectedLength} characters without whitespace (1 cluster(s), 50 ServiceAccount(s)); IAM allows ${expectedLength - 1}: split the binding, or raise quotas.roleTrustPolicyLength if AWS raised it for you`,
    ]);
  });

  test("the quota cannot be set beyond what AWS grants", () => {
    expect(problemsOf(manyServiceAccounts("quotas: { roleTrustPolicyLength: 10000 }"))).toContain(
      "bindings.yaml:10:34: quotas.roleTrustPolicyLength: the number 10000 must be at most 8192",
    );
  });
});

describe("managed policy size", () => {
  const resources = Array.from({ length: 250 }, (_, i) => `arn:aws:s3:::invoices-${String(i).padStart(3, "0")}/*`);
  /** The binding's policy as the spec describes it: its statements, no whitespace. */
  const expectedLength = JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: resources }],
  }).length;

  test("statements over 6144 characters without whitespace, reported at policies.statements", () => {
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
                resources: [${resources.join(", ")}]
    `;
    expect(expectedLength).toBeGreaterThan(6144);
    expect(problemsOf(text)).toEqual([
      `bindings.yaml:11:7: bindings[0].policies.statements: the policy of "api" is ${expectedLength} characters without whitespace; IAM allows 6144 per managed policy: split it, or attach managed policies`,
    ]);
  });

  test("whitespace in the YAML does not count", () => {
    // 200 resources stay under the limit however the list is laid out.
    const fewer = resources.slice(0, 200);
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
                resources:
                  ${fewer.map((arn) => `- ${arn}`).join("\n                  ")}
    `;
    expect(
      JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: fewer }],
      }).length,
    ).toBeLessThanOrEqual(6144);
    expect(text.length).toBeGreaterThan(6144);
    expect(problemsOf(text)).toEqual([]);
  });
});

describe("managed policies per role", () => {
  const policies = (count: number) =>
    Array.from({ length: count }, (_, i) => `- arn:aws:iam::aws:policy/Policy${i}`).join("\n            ");
  const withManaged = (count: number, extra = "") => yaml`
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
            ${policies(count)}
    ${extra}
  `;

  test("more than 10 attached, reported at policies.managed", () => {
    expect(problemsOf(withManaged(11))).toEqual([
      'bindings.yaml:11:7: bindings[0].policies.managed: "api" attaches 11 managed policies (its statements count as one); the quota is 10 per role: raise quotas.managedPoliciesPerRole if AWS raised it for you',
    ]);
  });

  test("10 attached is fine", () => {
    expect(problemsOf(withManaged(10))).toEqual([]);
  });

  test("the binding's statements count as one", () => {
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
              ${policies(10).replace(/\n {12}/g, "\n              ")}
            statements:
              - { actions: [s3:GetObject], resources: ["*"] }
    `;
    expect(problemsOf(text)).toEqual([
      'bindings.yaml:11:7: bindings[0].policies.managed: "api" attaches 11 managed policies (its statements count as one); the quota is 10 per role: raise quotas.managedPoliciesPerRole if AWS raised it for you',
    ]);
  });

  test("quotas.managedPoliciesPerRole raises the limit", () => {
    expect(problemsOf(withManaged(11, "quotas: { managedPoliciesPerRole: 11 }"))).toEqual([]);
    expect(problemsOf(withManaged(12, "quotas: { managedPoliciesPerRole: 11 }"))).toEqual([
      'bindings.yaml:11:7: bindings[0].policies.managed: "api" attaches 12 managed policies (its statements count as one); the quota is 11 per role: raise quotas.managedPoliciesPerRole if AWS raised it for you',
    ]);
  });
});

describe("stack size", () => {
  const file = (roles: number) =>
    [
      "version: 1",
      "accounts:",
      '  big: { id: "111122223333", region: eu-west-1 }',
      '  small: { id: "444455556666", region: eu-west-1 }',
      "clusters:",
      "  eu: { account: big, region: eu-west-1 }",
      "bindings:",
      ...Array.from(
        { length: roles },
        (_, i) => `  - { name: app-${i}, cluster: eu, serviceAccounts: [team/app-${i}] }`,
      ),
      "",
    ].join("\n");

  test("a stack past 500 roles gets a warning with the measured plan time, at its account", () => {
    const result = loadBindings(file(501), FILE);
    expect(result.model).toBeDefined();
    expect(result.problems.map(formatProblem)).toEqual([
      "bindings.yaml:3:3: accounts.big: warning: the stack iam-big holds 501 roles: past 500, terraform plan gets slow (measured offline: about 17 s for 501 roles, and a real plan refreshes each role and attachment against IAM); share the roles out into team stacks (stack:, see README, Stacks per team), or expect slow plans and plan with -refresh=false where a review needs only the diff",
    ]);
  });

  test("500 roles is quiet", () => {
    expect(problemsOf(file(500))).toEqual([]);
  });
});
