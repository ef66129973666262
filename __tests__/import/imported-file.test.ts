/**
 * The writer every importer shares: the data comes back as it went in, each note is a comment
 * above what it is about, binding names are always valid and unique, and a TODO(podiam) value is
 * refused by validate where it is, as that alone.
 */
import fc from "fast-check";
import { parse, parseDocument } from "yaml";
import { loadBindings } from "../../src/bindings/load";
import { IDENTIFIER } from "../../src/bindings/schema";
import { UNFINISHED_MARKER } from "../../src/bindings/unfinished";
import { sanitisedName, uniqueBindingName } from "../../src/import/binding-names";
import { ImportResult, renderImportedFile } from "../../src/import/imported-file";
import { statementsOfDocument } from "../../src/import/policy-statements";
import { writeImport } from "../../src/import/write-import";

const ISSUER = "https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";

function result(overrides: Partial<ImportResult> = {}): ImportResult {
  return {
    tool: "eksctl",
    inputs: ["cluster.yaml"],
    counts: { whole: 1, narrowed: 0, notImported: 0 },
    file: {
      version: 1,
      accounts: { prod: { id: "111122223333", region: "eu-west-1" } },
      clusters: { eu: { account: "prod", region: "eu-west-1", name: "prod-eu-1", oidcIssuer: ISSUER } },
      bindings: [
        {
          name: "api",
          cluster: "eu",
          serviceAccounts: ["app/api"],
          policies: { managed: ["arn:aws:iam::aws:policy/ReadOnlyAccess"] },
        },
      ],
    },
    notes: [],
    ...overrides,
  };
}

describe("renderImportedFile", () => {
  it("writes the data as it is, and a file podiam validates", () => {
    const r = result();
    const text = renderImportedFile(r);
    expect(parse(text)).toEqual(r.file);
    expect(loadBindings(text).problems.filter((p) => p.severity === "error")).toEqual([]);
  });

  it("puts each note above the line it is about, the unplaceable ones in the header, with their source", () => {
    const text = renderImportedFile(
      result({
        notes: [
          { at: ["bindings", 0, "serviceAccounts", 0], kind: "narrowed", message: "was StringLike", source: "role x" },
          { at: ["bindings", 0, "policies", "managed"], kind: "hint", message: "two lines\nof text" },
          { at: ["bindings", 0, "no-such-key"], kind: "not-carried", message: "on the binding" },
          { at: [], kind: "skipped", message: "addon vpc-cni" },
        ],
      }),
    );
    const lines = text.split("\n");
    const above = (pattern: RegExp) => lines[lines.findIndex((l) => pattern.test(l)) - 1].trim();
    expect(above(/- app\/api$/)).toBe("# NARROWED: was StringLike (role x)");
    expect(above(/managed:/)).toBe("# of text");
    expect(above(/- name: api/)).toBe("# NOT CARRIED OVER: on the binding");
    expect(lines.slice(0, 8).join("\n")).toMatch(/# SKIPPED: addon vpc-cni/);
    expect(lines[0]).toBe("# Written by podiam import eksctl from cluster.yaml.");
    expect(parseDocument(text).errors).toEqual([]);
  });
});

describe("binding names", () => {
  it("are valid binding names and unique, whatever the source names", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 90 }), { maxLength: 30 }), (raws) => {
        const taken = new Set<string>();
        const names = raws.map((raw) => uniqueBindingName(raw, taken));
        for (const name of names) {
          expect(name).toMatch(IDENTIFIER);
          expect(name.length).toBeLessThanOrEqual(64);
        }
        expect(new Set(names).size).toBe(names.length);
      }),
    );
  });

  it("keep words apart", () => {
    expect(sanitisedName("AmazonEKSLoadBalancerControllerRole")).toBe("amazon-eks-load-balancer-controller-role");
    expect(sanitisedName("eks.payments@api")).toBe("eks-payments-api");
  });
});

describe("a value left to fill in", () => {
  it("is an error at its position, reported once, wherever it is", () => {
    const text = renderImportedFile(
      result({
        file: {
          ...result().file,
          bindings: [
            {
              name: "api",
              cluster: "eu",
              serviceAccounts: ["app/api"],
              role: { name: `${UNFINISHED_MARKER} the name eksctl gave the role` },
              policies: { managed: [`${UNFINISHED_MARKER} a policy ARN`] },
            },
          ],
        },
      }),
    );
    const errors = loadBindings(text).problems.filter((p) => p.severity === "error");
    expect(errors.map((p) => [p.path, p.message])).toEqual([
      [
        "bindings[0].role.name",
        "is left to fill in: the name eksctl gave the role; replace the TODO(podiam) value with the real one",
      ],
      [
        "bindings[0].policies.managed[0]",
        "is left to fill in: a policy ARN; replace the TODO(podiam) value with the real one",
      ],
    ]);
    expect(errors[0].line).toBe(text.split("\n").findIndex((l) => l.includes("the name eksctl gave")) + 1);
  });
});

describe("policy documents", () => {
  const document = {
    Version: "2012-10-17",
    Statement: [
      { Sid: "Read", Effect: "Allow", Action: "s3:GetObject", Resource: ["arn:aws:s3:::b/*"] },
      {
        Effect: "Deny",
        NotAction: ["s3:*"],
        NotResource: "arn:aws:s3:::b",
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      },
    ],
  };
  const expected = [
    { sid: "Read", actions: ["s3:GetObject"], resources: ["arn:aws:s3:::b/*"] },
    {
      effect: "Deny",
      notActions: ["s3:*"],
      notResources: ["arn:aws:s3:::b"],
      conditions: { Bool: { "aws:SecureTransport": "false" } },
    },
  ];

  it("read the same as an object, as JSON and as the API's URL-encoded JSON", () => {
    for (const form of [document, JSON.stringify(document), encodeURIComponent(JSON.stringify(document))])
      expect(statementsOfDocument(form)).toEqual({ statements: expected });
  });

  it("that are not IAM policies say why, and give no statements", () => {
    for (const bad of ["%E0%A4%A", "{", { Statement: [] }, { Version: "2012-10-17", Statement: [{ Effect: "Maybe" }] }])
      expect(statementsOfDocument(bad)).toEqual({ problem: expect.any(String) });
  });
});

describe("writeImport", () => {
  function written(r: ImportResult): { code: number; out: string; err: string } {
    let out = "";
    let err = "";
    const code = writeImport({ out: (t) => (out += t), err: (t) => (err += t) }, r);
    return { code, out, err };
  }

  it("says when validate would refuse the file for a lint error, as for any other error", () => {
    const admin = result({
      file: {
        ...result().file,
        bindings: [
          {
            name: "api",
            cluster: "eu",
            serviceAccounts: ["app/api"],
            policies: { statements: [{ actions: ["*"], resources: ["*"] }] },
          },
        ],
      },
    });
    const { code, err } = written(admin);
    expect(code).toBe(0);
    expect(err).toMatch(
      /the file is not finished: podiam validate will report 1 error\(s\), starting with bindings\[0\]\.policies\.statements\[0\]/,
    );
    expect(written(result()).err).not.toMatch(/not finished/);
  });
});
