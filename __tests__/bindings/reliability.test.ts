/**
 * What `validate` accepts, Terraform, AWS and Kubernetes accept too; one real cluster is one
 * cluster; nothing in the file is silently lost. Each class is tested across its members, not by
 * one example.
 */
import { loadBindings } from "../../src/bindings/load";
import { problemsOf } from "./problems-of";

const ISSUER = "https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";

/** A file with one binding (`binding`: lines under it) or the `bindings` given; `clusters` replaces the clusters. */
function file(options: { clusters?: string; binding?: string; defaults?: string; bindings?: string } = {}): string {
  return [
    "version: 1",
    "accounts:",
    '  prod: { id: "111122223333", region: eu-west-1 }',
    '  other: { id: "444455556666", region: eu-west-1 }',
    "clusters:",
    options.clusters ?? "  eu: { account: prod, region: eu-west-1, name: prod-eu-1 }",
    options.defaults ?? "",
    "bindings:",
    options.bindings ??
      ["  - name: api", "    cluster: eu", "    serviceAccounts: [app/api]", options.binding ?? ""].join("\n"),
    "",
  ].join("\n");
}

/** The messages (without position) of every problem. */
function messages(text: string): string[] {
  return problemsOf(text).map((line) => line.replace(/^[^:]*:\d+:\d+: /, ""));
}

describe("one real cluster is one identity", () => {
  test.each([
    ["the same name, account and region under two keys", "name: prod-eu-1", "name: prod-eu-1"],
    ["a key that is the other's EKS name", "name: prod-eu-1", "name: prod-eu-1"],
  ])("%s: refused at the second key", (_, a, b) => {
    const text = file({
      clusters: `  eu: { account: prod, region: eu-west-1, ${a} }\n  eu-again: { account: prod, region: eu-west-1, ${b} }`,
    });
    expect(messages(text)).toContainEqual(
      expect.stringMatching(/^clusters\.eu-again: is the same EKS cluster as "eu" \(prod-eu-1 in eu-west-1/),
    );
  });

  test("a default name equal to another cluster's EKS name is the same cluster", () => {
    const text = file({
      clusters:
        "  prod-eu-1: { account: prod, region: eu-west-1 }\n  eu: { account: prod, region: eu-west-1, name: prod-eu-1 }",
    });
    expect(messages(text).some((m) => m.includes("is the same EKS cluster as"))).toBe(true);
  });

  test("the same name in another region or account is another cluster", () => {
    const text = file({
      clusters: [
        "  eu: { account: prod, region: eu-west-1, name: prod-eu-1 }",
        "  us: { account: prod, region: us-east-1, name: prod-eu-1 }",
        "  other: { account: other, region: eu-west-1, name: prod-eu-1 }",
      ].join("\n"),
    });
    expect(problemsOf(text)).toEqual([]);
  });

  test("one ServiceAccount bound under two keys of one cluster: both the cluster and the binding are refused", () => {
    const text = file({
      clusters:
        "  eu: { account: prod, region: eu-west-1, name: x }\n  eu2: { account: prod, region: eu-west-1, name: x }",
      bindings: [
        "  - { name: a, cluster: eu, mode: both, serviceAccounts: [app/api] }",
        "  - { name: b, cluster: eu2, mode: both, serviceAccounts: [app/api] }",
      ].join("\n"),
    });
    const found = messages(text);
    expect(found.some((m) => m.startsWith("clusters.eu2: is the same EKS cluster"))).toBe(true);
    expect(
      found.some((m) =>
        /^bindings\[1\]\.serviceAccounts\[0\]: app\/api on cluster eu2 is already bound by "a"/.test(m),
      ),
    ).toBe(true);
  });

  // Each spelling of one issuer that IAM would take as another provider URL, or refuse.
  test.each([
    ["upper case in the host", ISSUER.replace("oidc.eks", "OIDC.EKS"), "has capitals in its host"],
    ["a port", ISSUER.replace("amazonaws.com", "amazonaws.com:443"), "names a port"],
    ["a trailing dot on the host", ISSUER.replace("amazonaws.com", "amazonaws.com."), "ends its host with '.'"],
    ["a . segment", ISSUER.replace("/id/", "/./id/"), 'has a "." or ".." path segment'],
    ["a .. segment", ISSUER.replace("/id/", "/x/../id/"), 'has a "." or ".." path segment'],
    ["a query", `${ISSUER}?a=b`, "is not a URL of the form https://host/path"],
    ["a fragment", `${ISSUER}#x`, "is not a URL of the form https://host/path"],
    ["an empty segment", ISSUER.replace("/id/", "//id/"), "is not a URL of the form https://host/path"],
    ["user info", ISSUER.replace("https://", "https://me@"), "is not a URL of the form https://host/path"],
    ["over 255 characters", `${ISSUER}/${"a".repeat(250)}`, "IAM allows 255 for an OIDC provider's URL"],
  ])("an issuer with %s is refused, saying how EKS writes it", (_, issuer, reason) => {
    const text = file({ clusters: `  eu: { account: prod, region: eu-west-1, oidcIssuer: "${issuer}" }` });
    const found = messages(text);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(reason);
  });

  test("the issuer as EKS reports it is accepted", () => {
    expect(
      problemsOf(file({ clusters: `  eu: { account: prod, region: eu-west-1, oidcIssuer: "${ISSUER}" }` })),
    ).toEqual([]);
  });
});

describe("values AWS and Kubernetes refuse are refused first, where they are written", () => {
  test.each([
    ["’", "U+2019"],
    ["“quoted”", "U+201C"],
    ["en – dash", "U+2013"],
    ["emoji 😀", "U+1F600"],
    ["Ωmega", "U+03A9"],
  ])("a role description with %s", (description, code) => {
    const found = messages(file({ binding: `    role: { description: "${description}" }` }));
    expect(found).toEqual([expect.stringContaining(`bindings[0].role.description: has`)]);
    expect(found[0]).toContain(code);
  });

  test("a role description of Latin-1 and ASCII, tabs and line breaks, is accepted", () => {
    expect(
      problemsOf(file({ binding: '    role: { description: "Café, über: 50% of \\"x\\"\\tand\\nmore" }' })),
    ).toEqual([]);
  });

  test.each([
    ["k*y", "v", "has a character IAM refuses"],
    ["k", "v$", "has a character IAM refuses in its value"],
    ["k", "{x}", "has a character IAM refuses in its value"],
    ["k".repeat(129), "v", "is longer than 128 characters"],
    ["k", "v".repeat(257), "has a value longer than 256 characters"],
    ["aws:team", "v", "the aws: prefix is reserved by AWS"],
    ["AWS:team", "v", "the aws: prefix is reserved by AWS"],
  ])("tag %s: %s is refused", (key, value, reason) => {
    for (const where of ["binding", "defaults"] as const) {
      const tags = `{ "${key}": "${value}" }`;
      const text =
        where === "binding"
          ? file({ binding: `    role: { tags: ${tags} }` })
          : file({ defaults: `defaults: { tags: ${tags} }` });
      const found = messages(text);
      expect(found).toHaveLength(1);
      expect(found[0]).toContain(reason);
    }
  });

  test("tags of letters of any script, digits, spaces and _ . : / = + - @ are accepted", () => {
    expect(problemsOf(file({ binding: '    role: { tags: { "équipe:Тест 1": "a_b.c:d/e=f+g-h@i j" } }' }))).toEqual([]);
  });

  test("a Sid used twice in one policy", () => {
    const found = problemsOf(
      file({
        binding: [
          "    policies:",
          "      statements:",
          '        - { sid: Read, actions: [s3:GetObject], resources: ["*"] }',
          '        - { sid: Read, actions: [s3:ListBucket], resources: ["*"] }',
        ].join("\n"),
      }),
    );
    expect(found).toEqual([
      expect.stringMatching(
        /^bindings\.yaml:\d+:\d+: bindings\[0\]\.policies\.statements\[1\]\.sid: Sid "Read" is already the Sid of statements\[0\]/,
      ),
    ]);
  });

  test.each([
    ["a key with a space", `"bad key": v`, "is not a label key Kubernetes accepts"],
    ["a key ending in '-'", `"team-": v`, "is not a label key Kubernetes accepts"],
    ["a prefix in upper case", `"Example.com/team": v`, "its prefix is not a lowercase DNS subdomain"],
    ["a name of 64 characters", `"${"n".repeat(64)}": v`, "is not a label key Kubernetes accepts"],
    ["a value of 64 characters", `team: "${"v".repeat(64)}"`, "has a value Kubernetes refuses"],
    ["a value starting with '-'", `team: "-x"`, "has a value Kubernetes refuses"],
    ["a value with a slash", `team: "a/b"`, "has a value Kubernetes refuses"],
  ])("a label with %s", (_, entry, reason) => {
    const found = messages(file({ binding: `    serviceAccount: { labels: { ${entry} } }` }));
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(reason);
  });

  test("labels Kubernetes takes are accepted, an empty value too", () => {
    const labels = `{ app.kubernetes.io/name: api, "example.com/Team_1.x": "A-b_c.9", empty: "" }`;
    expect(problemsOf(file({ binding: `    serviceAccount: { labels: ${labels} }` }))).toEqual([]);
  });

  test.each([
    ["a space", `"bad key": v`, "is not an annotation key Kubernetes accepts"],
    ["two slashes in the prefix", `"a//b": v`, "its prefix is not a lowercase DNS subdomain"],
    ["an empty name", `"example.com/": v`, "is not an annotation key Kubernetes accepts"],
  ])("an annotation key with %s", (_, entry, reason) => {
    const found = messages(file({ binding: `    serviceAccount: { annotations: { ${entry} } }` }));
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(reason);
  });

  test.each([
    "eks.amazonaws.com/role-arn",
    "EKS.amazonaws.com/Role-Arn",
    " eks.amazonaws.com/role-arn",
    "eks.amazonaws.com/role-arn  ",
  ])("the role-arn annotation written as %j, in a binding or in defaults", (key) => {
    for (const text of [
      file({ binding: `    serviceAccount: { annotations: { "${key}": x } }` }),
      file({ defaults: `defaults: { serviceAccount: { annotations: { "${key}": x } } }` }),
    ]) {
      const found = messages(text);
      expect(found).toHaveLength(1);
      expect(found[0]).toContain("eks.amazonaws.com/role-arn");
      expect(found[0]).toContain("is set by podiam from the binding's role; remove it here");
    }
  });

  test("annotations over Kubernetes' 256 KiB in all", () => {
    const value = "v".repeat(140 * 1024);
    const found = messages(file({ binding: `    serviceAccount: { annotations: { a: "${value}", b: "${value}" } }` }));
    expect(found).toEqual([expect.stringContaining("Kubernetes allows 262144 in all")]);
  });

  test("adopt.policy on a binding with no statements is an error, not ignored", () => {
    expect(messages(file({ binding: "    adopt: { policy: true }" }))).toEqual([
      expect.stringMatching(
        /^bindings\[0\]\.adopt\.policy: imports the binding's own policy, and the binding has no policies\.statements/,
      ),
    ]);
  });
});

describe("nothing in the file is silently lost", () => {
  // A key named __proto__ is what JavaScript (and zod) would drop without a word.
  test.each([
    [
      "a condition key",
      `    policies: { statements: [{ actions: [s3:GetObject], resources: ["*"], conditions: { StringEquals: { __proto__: x } } }] }`,
    ],
    [
      "a condition operator",
      `    policies: { statements: [{ actions: [s3:GetObject], resources: ["*"], conditions: { __proto__: { aws:SourceIp: x } } }] }`,
    ],
    ["a tag", "    role: { tags: { __proto__: x } }"],
    ["an annotation", "    serviceAccount: { annotations: { __proto__: x } }"],
    ["a label", "    serviceAccount: { labels: { __proto__: x } }"],
  ])("__proto__ as %s is reported at the key, never dropped", (_, binding) => {
    const result = loadBindings(file({ binding }));
    expect(result.model).toBeUndefined();
    expect(result.problems.map((p) => p.message)).toContainEqual(
      expect.stringContaining('a key named "__proto__" cannot be read'),
    );
  });

  test("__proto__ in a fixed mapping is an unknown key, once", () => {
    const found = messages(file({ binding: "    role: { __proto__: x }" }));
    expect(found).toEqual(['bindings[0].role.__proto__: unknown key "__proto__"']);
  });

  test.each(["constructor", "toString", "hasOwnProperty", "valueOf"])(
    "a map key named %s is a key like any other: kept, and no key is inherited",
    (key) => {
      const result = loadBindings(
        file({
          binding: [
            `    role: { tags: { ${key}: x } }`,
            `    serviceAccount: { annotations: { ${key}: y } }`,
            `    policies: { statements: [{ actions: [s3:GetObject], resources: ["*"], conditions: { StringEquals: { ${key}: z } } }] }`,
          ].join("\n"),
        }),
      );
      const binding = result.model!.bindings[0];
      expect(Object.entries(binding.role.tags)).toEqual([[key, "x"]]);
      expect(Object.entries(binding.serviceAccount.annotations)).toEqual([[key, "y"]]);
      expect(Object.entries(binding.statements[0].conditions!.StringEquals)).toEqual([[key, "z"]]);
      // Nothing inherited: a key not written is not there, whatever its name.
      const other = key === "toString" ? "constructor" : "toString";
      expect(Object.hasOwn(binding.role.tags, other)).toBe(false);
      expect((binding.role.tags as Record<string, unknown>)[other]).toBeUndefined();
    },
  );
});

describe("messages echo a bounded part of a bad value", () => {
  test.each([
    [
      "a ServiceAccount",
      (v: string) => file({ bindings: `  - { name: api, cluster: eu, serviceAccounts: ["${v}"] }` }),
    ],
    [
      "a cluster reference",
      (v: string) => file({ bindings: `  - { name: api, cluster: "${v}", serviceAccounts: [a/b] }` }),
    ],
    [
      "an action",
      (v: string) => file({ binding: `    policies: { statements: [{ actions: ["${v}"], resources: ["*"] }] }` }),
    ],
    ["a managed policy ARN", (v: string) => file({ binding: `    policies: { managed: ["${v}"] }` })],
    ["a tag key", (v: string) => file({ binding: `    role: { tags: { "${v}": x } }` })],
    [
      "an issuer",
      (v: string) => file({ clusters: `  eu: { account: prod, region: eu-west-1, oidcIssuer: "https://${v}" }` }),
    ],
  ])("a 3 MB value in %s", (_, text) => {
    const huge = `Bad${"x".repeat(3 * 1024 * 1024)}`;
    const problems = loadBindings(text(huge)).problems;
    expect(problems.length).toBeGreaterThan(0);
    for (const problem of problems) {
      expect(problem.message.length).toBeLessThanOrEqual(2000);
      expect(problem.path.length).toBeLessThanOrEqual(2000);
    }
  });
});
