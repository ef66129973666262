/**
 * Scalars (a single string for a one-element list) and ServiceAccount patterns (ns/*, ns/prefix*):
 * what the model holds, and every problem at its line and column.
 */
import { modelOf } from "../helpers/synth";
import { problemsOf, yaml } from "./problems-of";

const HEAD = yaml`
  version: 1
  accounts:
    prod: { id: "111122223333", region: eu-west-1 }
  clusters:
    eu: { account: prod, region: eu-west-1, oidcIssuer: https://oidc.eks.eu-west-1.amazonaws.com/id/AAAA }
    us: { account: prod, region: us-east-1, oidcIssuer: https://oidc.eks.us-east-1.amazonaws.com/id/CCCC }
  bindings:
`;

describe("scalars", () => {
  test("actions, notActions, resources, notResources and serviceAccounts take one string, held as a list", () => {
    const model = modelOf(
      HEAD +
        yaml`
        - name: api
          cluster: eu
          serviceAccounts: billing/api
          policies:
            statements:
              - actions: s3:GetObject
                resources: arn:aws:s3:::bucket/*
              - effect: Deny
                notActions: s3:GetObject
                notResources: arn:aws:s3:::bucket/public/*
    `,
    );
    const [api] = model.bindings;
    expect(api.serviceAccounts).toEqual([{ namespace: "billing", name: "api", index: 0 }]);
    expect(api.statements).toEqual([
      { effect: "Allow", actions: ["s3:GetObject"], resources: ["arn:aws:s3:::bucket/*"] },
      { effect: "Deny", notActions: ["s3:GetObject"], notResources: ["arn:aws:s3:::bucket/public/*"] },
    ]);
  });

  test("a scalar's problem is at the scalar, its path without an index", () => {
    expect(
      problemsOf(
        HEAD +
          yaml`
          - name: api
            cluster: eu
            serviceAccounts: Billing/api
            policies:
              statements:
                - actions: s3 GetObject
                  resources: bucket
      `,
      ),
    ).toEqual([
      `bindings.yaml:10:20: bindings[0].serviceAccounts: "Billing/api" is not namespace/name: the namespace must be lowercase RFC 1123 (a-z, 0-9, '-', at most 63)`,
      'bindings.yaml:13:18: bindings[0].policies.statements[0].actions: "s3 GetObject" is not an IAM action (service:Action, for example s3:GetObject)',
      'bindings.yaml:14:20: bindings[0].policies.statements[0].resources: "bucket" is not a resource ARN or *',
    ]);
  });

  test("neither a string nor a list; a list with a number in it, at the number", () => {
    expect(
      problemsOf(
        HEAD +
          yaml`
          - name: api
            cluster: eu
            serviceAccounts: [billing/api]
            policies:
              statements:
                - actions: 3
                  resources: [arn:aws:s3:::bucket/*, 4]
      `,
      ),
    ).toEqual([
      "bindings.yaml:13:18: bindings[0].policies.statements[0].actions: expected an action or a list of actions, got the number 3",
      "bindings.yaml:14:44: bindings[0].policies.statements[0].resources[1]: expected a string, got the number 4",
    ]);
  });

  test("an empty list is still refused", () => {
    expect(
      problemsOf(
        HEAD +
          yaml`
          - name: api
            cluster: eu
            serviceAccounts: []
      `,
      ),
    ).toEqual(["bindings.yaml:10:20: bindings[0].serviceAccounts: must list at least one ServiceAccount"]);
  });
});

describe("ServiceAccount patterns", () => {
  test("ns/* and ns/prefix* are patterns of the model, apart from the exact ServiceAccounts, each at its index", () => {
    const model = modelOf(
      HEAD +
        yaml`
        - name: ci
          cluster: eu
          serviceAccounts: [ci/*, build/deployer, build/runner-*]
    `,
    );
    const [ci] = model.bindings;
    expect(ci.serviceAccounts).toEqual([{ namespace: "build", name: "deployer", index: 1 }]);
    expect(ci.serviceAccountPatterns).toEqual([
      { namespace: "ci", name: "*", index: 0 },
      { namespace: "build", name: "runner-*", index: 2 },
    ]);
  });

  test("'*' only at the end of the name, never in the namespace, no '?'; the prefix starts a Kubernetes name", () => {
    expect(
      problemsOf(
        HEAD +
          yaml`
          - name: ci
            cluster: eu
            serviceAccounts: ["ci*/runner", "ci/run*ner", "ci/runner?", "ci/-runner*", "*/*"]
      `,
      ),
    ).toEqual([
      'bindings.yaml:10:21: bindings[0].serviceAccounts[0]: "ci*/runner" is not namespace/name: a wildcard may end the name (namespace/* or namespace/prefix*), never stand in the namespace',
      `bindings.yaml:10:35: bindings[0].serviceAccounts[1]: "ci/run*ner" is not namespace/name: '*' may only end the name (namespace/* for the whole namespace, namespace/prefix* for names that start with prefix); '?' is not allowed`,
      `bindings.yaml:10:49: bindings[0].serviceAccounts[2]: "ci/runner?" is not namespace/name: '*' may only end the name (namespace/* for the whole namespace, namespace/prefix* for names that start with prefix); '?' is not allowed`,
      `bindings.yaml:10:63: bindings[0].serviceAccounts[3]: "ci/-runner*" is not namespace/name: the prefix before '*' must start a lowercase RFC 1123 name (a-z, 0-9, then also '-' and '.', shorter than 253)`,
      'bindings.yaml:10:78: bindings[0].serviceAccounts[4]: "*/*" is not namespace/name: a wildcard may end the name (namespace/* or namespace/prefix*), never stand in the namespace',
    ]);
  });

  test("IRSA only: pod-identity and both refuse them, also when the mode comes from defaults", () => {
    const text = yaml`
      version: 1
      accounts:
        prod: { id: "111122223333", region: eu-west-1 }
      clusters:
        eu: { account: prod, region: eu-west-1 }
      defaults:
        mode: pod-identity
      bindings:
        - name: ci
          cluster: eu
          serviceAccounts: [ci/runner, ci/job-*]
        - name: web
          cluster: eu
          mode: both
          serviceAccounts: web/*
    `;
    expect(problemsOf(text)).toEqual([
      "bindings.yaml:11:34: bindings[0].serviceAccounts[1]: ci/job-* is a pattern, and mode pod-identity makes an EKS Pod Identity association per ServiceAccount, which names exactly one: list the ServiceAccounts by name, or use mode: irsa",
      "bindings.yaml:15:22: bindings[1].serviceAccounts: web/* is a pattern, and mode both makes an EKS Pod Identity association per ServiceAccount, which names exactly one: list the ServiceAccounts by name, or use mode: irsa",
    ]);
  });

  test("a pattern that covers another binding's ServiceAccount on the same cluster is refused, either way round", () => {
    expect(
      problemsOf(
        HEAD +
          yaml`
            - name: api
              cluster: eu
              serviceAccounts: [ci/runner-1]
            - name: ci
              cluster: eu
              serviceAccounts: [ci/runner-*]
            - name: build
              clusters: [us, eu]
              serviceAccounts: [build/*]
            - name: later
              cluster: eu
              serviceAccounts: [build/runner-2]
          `,
      ),
    ).toEqual([
      'bindings.yaml:13:21: bindings[1].serviceAccounts[0]: the pattern ci/runner-* on cluster eu covers ci/runner-1, which "api" (bindings[0]) binds; a ServiceAccount carries one role: narrow the pattern, or merge the two bindings',
      'bindings.yaml:19:21: bindings[3].serviceAccounts[0]: build/runner-2 on cluster eu is covered by the pattern build/* of "build" (bindings[2]); a ServiceAccount carries one role: narrow that pattern, or merge the two bindings',
    ]);
  });

  test("two patterns that meet are refused; disjoint ones, another namespace or another cluster are not", () => {
    expect(
      problemsOf(
        HEAD +
          yaml`
          - name: a
            cluster: eu
            serviceAccounts: [ci/run*, ops/*]
          - name: b
            cluster: eu
            serviceAccounts: [ci/runner-*, ci/build-*, ci2/run*]
          - name: c
            cluster: us
            serviceAccounts: [ci/*]
      `,
      ),
    ).toEqual([
      'bindings.yaml:13:21: bindings[1].serviceAccounts[0]: the pattern ci/runner-* on cluster eu overlaps the pattern ci/run* of "a" (bindings[0]); a ServiceAccount carries one role: make the patterns disjoint, or merge the two bindings',
    ]);
  });

  test("a name beside its own binding's pattern is no clash (podiam creates that ServiceAccount)", () => {
    const model = modelOf(
      HEAD +
        yaml`
        - name: ci
          cluster: eu
          serviceAccounts: [ci/*, ci/runner]
    `,
    );
    expect(model.bindings[0].serviceAccounts.map((sa) => sa.name)).toEqual(["runner"]);
  });
});
