/** What a valid file becomes (defaults applied, ARNs computed, order fixed), and how problems are reported together. */
import { readFileSync } from "fs";
import { join } from "path";
import { loadBindings } from "../../src/bindings/load";
import { formatProblem } from "../../src/bindings/problems";
import { FILE, problemsOf, yaml } from "./problems-of";

describe("a valid file", () => {
  const text = yaml`
    version: 1
    accounts:
      prod: { id: "111122223333", region: eu-west-1 }
      gov: { id: "444455556666", partition: aws-us-gov, region: us-gov-west-1 }
    clusters:
      eu: { account: prod, region: eu-west-1 }
      gov: { account: gov, region: us-gov-west-1, name: gov-cluster-1 }
    defaults:
      roleNamePrefix: eks-
      rolePath: /workloads/
      maxSessionDuration: 7200
      tags: { managed-by: podiam, team: platform }
      serviceAccount:
        annotations: { eks.amazonaws.com/sts-regional-endpoints: "true" }
        labels: { app.kubernetes.io/managed-by: podiam }
        automountToken: false
    bindings:
      - name: zeta
        cluster: eu
        serviceAccounts: [billing/zeta-api, billing/zeta-worker]
        role: { name: ZetaRole, path: /custom/, tags: { team: billing } }
        serviceAccount:
          create: false
          annotations: { eks.amazonaws.com/token-expiration: "3600" }
          labels: { app.kubernetes.io/managed-by: helm }
      - name: alpha
        cluster: gov
        serviceAccounts: [ops/alpha]
        mode: both
  `;
  const result = loadBindings(text, FILE);
  const byName = (name: string) => result.model!.bindings.find((binding) => binding.name === name)!;

  test("has no problems and a model", () => {
    expect(result.problems).toEqual([]);
    expect(result.model).toBeDefined();
  });

  test("bindings are sorted by name and remember their place in the file", () => {
    expect(result.model!.bindings.map((binding) => [binding.name, binding.index])).toEqual([
      ["alpha", 1],
      ["zeta", 0],
    ]);
  });

  test("defaults apply where the binding says nothing", () => {
    const alpha = byName("alpha");
    expect(alpha.role).toEqual({
      external: false,
      name: "eks-alpha",
      path: "/workloads/",
      arn: "arn:aws-us-gov:iam::444455556666:role/workloads/eks-alpha",
      maxSessionDuration: 7200,
      tags: { "managed-by": "podiam", team: "platform" },
      exclusivePolicyAttachments: true,
    });
    expect(alpha.serviceAccount).toEqual({
      create: true,
      annotations: { "eks.amazonaws.com/sts-regional-endpoints": "true" },
      labels: { "app.kubernetes.io/managed-by": "podiam" },
      automountToken: false,
    });
    expect(alpha).toMatchObject({
      account: "gov",
      clusters: ["gov"],
      mode: "both",
      serviceAccounts: [{ namespace: "ops", name: "alpha", index: 0 }],
      serviceAccountPatterns: [],
    });
  });

  test("the binding's own settings win, and maps are merged", () => {
    const zeta = byName("zeta");
    expect(zeta.role).toEqual({
      external: false,
      name: "ZetaRole",
      path: "/custom/",
      arn: "arn:aws:iam::111122223333:role/custom/ZetaRole",
      maxSessionDuration: 7200,
      tags: { "managed-by": "podiam", team: "billing" },
      exclusivePolicyAttachments: true,
    });
    expect(zeta.serviceAccount).toEqual({
      create: false,
      annotations: { "eks.amazonaws.com/sts-regional-endpoints": "true", "eks.amazonaws.com/token-expiration": "3600" },
      labels: { "app.kubernetes.io/managed-by": "helm" },
      automountToken: false,
    });
    expect(zeta).toMatchObject({
      account: "prod",
      mode: "irsa",
      serviceAccounts: [
        { namespace: "billing", name: "zeta-api", index: 0 },
        { namespace: "billing", name: "zeta-worker", index: 1 },
      ],
    });
  });

  test("accounts and clusters get their defaults", () => {
    expect(result.model!.accounts.get("prod")).toEqual({
      alias: "prod",
      id: "111122223333",
      partition: "aws",
      region: "eu-west-1",
      previousNames: [],
    });
    expect(result.model!.clusters.get("eu")).toEqual({
      key: "eu",
      account: "prod",
      region: "eu-west-1",
      name: "eu",
      oidcProvider: "create",
      kubernetesAuth: "token",
      previousNames: [],
    });
    expect(result.model!.clusters.get("gov")!.name).toBe("gov-cluster-1");
    expect(result.model!.tags).toEqual({ "managed-by": "podiam", team: "platform" });
  });

  test("without defaults: no prefix, path /, an hour", () => {
    const model = loadBindings(
      yaml`
        version: 1
        accounts:
          prod: { id: "111122223333", region: eu-west-1 }
        clusters:
          eu: { account: prod, region: eu-west-1 }
        bindings:
          - name: api
            cluster: eu
            serviceAccounts: [billing/api]
      `,
      FILE,
    ).model!;
    expect(model.bindings[0].role).toMatchObject({
      name: "api",
      path: "/",
      arn: "arn:aws:iam::111122223333:role/api",
      maxSessionDuration: 3600,
      tags: {},
    });
    expect(model.quotas).toEqual({ managedPoliciesPerRole: 10, roleTrustPolicyLength: 2048 });
    expect(model.backend).toEqual({ kind: "local" });
  });
});

test("every problem is reported at once, from every stage of the loader, in file order", () => {
  const longName = "r".repeat(65);
  const text = yaml`
    version: 1
    accounts:
      prod: { id: "111122223333", region: eu-west-1 }
    clusters:
      eu: { account: prod, region: eu-west-1, oidcIssuer: http://oidc.example.com }
    bindings:
      - name: first
        cluster: eu
        serviceAccounts: [billing/first]
        role: { name: ${longName} }
      - name: second
        cluster: us
        serviceAccounts: [billing/second]
      - name: third
        cluster: eu
        serviceAcount: [billing/third]
      - name: fourth
        cluster: eu
        serviceAccounts: [Billing/fourth]
  `;
  expect(problemsOf(text)).toEqual([
    `bindings.yaml:5:55: clusters.eu.oidcIssuer: "http://oidc.example.com" is not an https:// URL; IAM OIDC providers need the cluster's https:// issuer`,
    `bindings.yaml:10:19: bindings[0].role.name: role name "${longName}" is 65 characters; IAM allows 64 (set role.name, or shorten defaults.roleNamePrefix)`,
    'bindings.yaml:12:14: bindings[1].cluster: unknown cluster "us"; declared: eu',
    'bindings.yaml:16:5: bindings[2].serviceAcount: unknown key "serviceAcount" (did you mean "serviceAccounts"?)',
    `bindings.yaml:19:23: bindings[3].serviceAccounts[0]: "Billing/fourth" is not namespace/name: the namespace must be lowercase RFC 1123 (a-z, 0-9, '-', at most 63)`,
  ]);
});

test("the example bindings.yaml is valid, its bindings sorted by name", () => {
  const result = loadBindings(readFileSync(join(__dirname, "..", "..", "bindings.yaml"), "utf8"), FILE);
  expect(result.problems.map(formatProblem)).toEqual([]);
  const names = result.model!.bindings.map((binding) => binding.name);
  expect(names.length).toBeGreaterThan(0);
  expect(names).toEqual([...names].sort());
});
