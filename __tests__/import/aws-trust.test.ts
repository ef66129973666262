/**
 * Trust read back into bindings, on made-up roles: what each shape of trust gives, and the
 * property that matters most: the imported binding never admits a (cluster, ServiceAccount,
 * mechanism) that the source did not.
 */
import fc from "fast-check";
import { readAuthorizationDetails } from "../../src/import/aws/authorization-details";
import type { PodIdentityAssociation } from "../../src/import/aws/associations";
import type { EksCluster } from "../../src/import/aws/clusters";
import { subjectOf } from "../../src/import/aws/trust";
import { importAws } from "../../src/import/aws/to-bindings";
import { renderImportedFile } from "../../src/import/imported-file";
import { loadBindings } from "../../src/bindings/load";
import { noDocuments } from "../../src/bindings/documents";
import { formatProblem } from "../../src/bindings/problems";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const ACCOUNT = "111122223333";
const cluster = (name: string, region: string, id: string): EksCluster => ({
  name,
  arn: `arn:aws:eks:${region}:${ACCOUNT}:cluster/${name}`,
  partition: "aws",
  region,
  accountId: ACCOUNT,
  issuer: `https://oidc.eks.${region}.amazonaws.com/id/${id}`,
  issuerHost: `oidc.eks.${region}.amazonaws.com/id/${id}`,
  file: `${name}.json`,
});
const EU = cluster("eu", "eu-west-1", "AAAA1111");
const US = cluster("us", "us-east-1", "BBBB2222");

function irsa(c: EksCluster, subjects: string[], operator = "StringEquals", extra: Json = {}) {
  const sub = { [`${c.issuerHost}:sub`]: subjects.map((s) => `system:serviceaccount:${s.replace("/", ":")}`) };
  const aud = { [`${c.issuerHost}:aud`]: "sts.amazonaws.com" };
  return {
    Effect: "Allow",
    Action: "sts:AssumeRoleWithWebIdentity",
    Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/${c.issuerHost}` },
    Condition:
      operator === "StringEquals"
        ? { StringEquals: { ...sub, ...aud }, ...extra }
        : { [operator]: sub, StringEquals: aud, ...extra },
  };
}
const POD_IDENTITY = {
  Effect: "Allow",
  Action: ["sts:AssumeRole", "sts:TagSession"],
  Principal: { Service: "pods.eks.amazonaws.com" },
};

function importOf(statements: Json[], associations: Partial<PodIdentityAssociation>[] = []) {
  const text = JSON.stringify({
    RoleDetailList: [
      {
        RoleName: "app",
        Path: "/",
        Arn: `arn:aws:iam::${ACCOUNT}:role/app`,
        AssumeRolePolicyDocument: { Version: "2012-10-17", Statement: statements },
        RoleLastUsed: { LastUsedDate: "2026-01-01T00:00:00Z" },
      },
    ],
  });
  const { details, problems } = readAuthorizationDetails("auth.json", text);
  if (!details) throw new Error(JSON.stringify(problems));
  const full = associations.map((a, i): PodIdentityAssociation => ({
    clusterName: "eu",
    namespace: "app",
    serviceAccount: "api",
    roleArn: `arn:aws:iam::${ACCOUNT}:role/app`,
    associationId: `a-${i}`,
    tags: {},
    disableSessionTags: false,
    source: `assoc.json:${i}`,
    ...a,
  }));
  const { result } = importAws({ details, clusters: [EU, US], associations: full, listed: [], inputs: ["auth.json"] });
  const bindings = result.file.bindings as Json[];
  return { binding: bindings[0] as Json | undefined, bindings, notes: result.notes, counts: result.counts, result };
}

describe("trust shapes", () => {
  it("one statement per cluster with the same ServiceAccounts: one binding on both clusters, whole", () => {
    const { binding, counts } = importOf([irsa(EU, ["app/api"]), irsa(US, ["app/api"])]);
    expect(binding).toMatchObject({ clusters: ["eu", "us"], serviceAccounts: ["app/api"], mode: "irsa" });
    expect(counts).toEqual({ whole: 1, narrowed: 0, notImported: 0 });
  });

  it("different ServiceAccounts per cluster: the rectangle of the most uses, the rest narrowed away and said", () => {
    const { binding, notes, counts } = importOf([irsa(EU, ["app/api", "app/worker"]), irsa(US, ["app/api"])]);
    expect(binding).toMatchObject({ serviceAccounts: ["app/api", "app/worker"], cluster: "eu" });
    expect(notes.map((n) => n.message).join("\n")).toMatch(/app\/api on us through IRSA: not imported/);
    expect(counts.narrowed).toBe(2);
  });

  it("a wildcard in the namespace cannot be written: not imported, said", () => {
    const { binding, notes } = importOf([irsa(EU, ["*/api"], "StringLike")]);
    expect(binding).toBeUndefined();
    expect(notes.map((n) => n.message).join("\n")).toMatch(/system:serviceaccount:\*:api cannot be written/);
  });

  it("a Deny statement: not imported (the role without it would admit more)", () => {
    const { binding, notes } = importOf([irsa(EU, ["app/api"]), { ...irsa(EU, ["app/old"]), Effect: "Deny" }]);
    expect(binding).toBeUndefined();
    expect(notes.map((n) => n.message).join("\n")).toMatch(/Deny/);
  });

  it("an exact role principal with AssumeRole and TagSession becomes trust.roles; other conditions trust.conditions", () => {
    const { binding, notes } = importOf([
      irsa(EU, ["app/api"], "StringEquals", { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } }),
      {
        Effect: "Allow",
        Action: ["sts:AssumeRole", "sts:TagSession"],
        Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/deployer` },
      },
    ]);
    expect(binding.trust).toEqual({
      conditions: { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } },
      roles: [`arn:aws:iam::${ACCOUNT}:role/deployer`],
    });
    expect(notes.map((n) => n.message).join("\n")).toMatch(/trust.conditions apply to every statement/);
  });

  it("IRSA and an association for the same ServiceAccount: both; for another: the larger, the other said", () => {
    expect(importOf([irsa(EU, ["app/api"]), POD_IDENTITY], [{}]).binding).toMatchObject({ mode: "both" });
    const other = importOf([irsa(EU, ["app/api", "app/web"]), POD_IDENTITY], [{ serviceAccount: "worker" }]);
    expect(other.binding).toMatchObject({ mode: "irsa", serviceAccounts: ["app/api", "app/web"] });
    expect(other.notes.map((n) => n.message).join("\n")).toMatch(
      /app\/worker on eu through Pod Identity: not imported/,
    );
  });
});

describe("inline policies that several roles share", () => {
  it("become one file policy that each binding attaches", () => {
    const policy = {
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Action: "route53:ChangeResourceRecordSets", Resource: "arn:aws:route53:::hostedzone/*" },
      ],
    };
    const own = {
      Version: "2012-10-17",
      Statement: [{ Sid: "Own", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }],
    };
    const role = (name: string, sa: string, inline: Json[]) => ({
      RoleName: name,
      Path: "/",
      Arn: `arn:aws:iam::${ACCOUNT}:role/${name}`,
      AssumeRolePolicyDocument: { Version: "2012-10-17", Statement: [irsa(EU, [sa])] },
      RolePolicyList: inline,
    });
    const text = JSON.stringify({
      RoleDetailList: [
        role("dns-a", "dns/a", [{ PolicyName: "ChangeSet", PolicyDocument: policy }]),
        role("dns-b", "dns/b", [
          { PolicyName: "ChangeSetB", PolicyDocument: policy },
          { PolicyName: "Own", PolicyDocument: own },
        ]),
      ],
    });
    const { details } = readAuthorizationDetails("auth.json", text);
    const { result } = importAws({
      details: details!,
      clusters: [EU],
      associations: [],
      listed: [],
      inputs: ["auth.json"],
    });
    const file = result.file as Json;
    expect(file.policies).toEqual({
      changeset: {
        statements: [{ actions: ["route53:ChangeResourceRecordSets"], resources: ["arn:aws:route53:::hostedzone/*"] }],
      },
    });
    expect(file.bindings[0].policies).toEqual({ managed: ["changeset"] });
    expect(file.bindings[1].policies).toEqual({
      managed: ["changeset"],
      statements: [{ sid: "Own", actions: ["s3:GetObject"], resources: ["arn:aws:s3:::b/*"] }],
    });
    const loaded = loadBindings(renderImportedFile(result), "imported.yaml", { readDocument: noDocuments });
    expect(loaded.problems.filter((p) => p.severity === "error").map(formatProblem)).toEqual([]);
  });
});

describe("subjectOf", () => {
  it("maps subjects to podiam's ServiceAccounts and wildcards, and nothing else", () => {
    expect(subjectOf("system:serviceaccount:ns:sa", false)).toEqual({ exact: "ns/sa" });
    expect(subjectOf("system:serviceaccount:ns:sa", true)).toEqual({ exact: "ns/sa" });
    expect(subjectOf("system:serviceaccount:ns:*", true)).toEqual({ pattern: "ns/*" });
    expect(subjectOf("system:serviceaccount:ns:amp-*", true)).toEqual({ pattern: "ns/amp-*" });
    expect(subjectOf("system:serviceaccount:ns:amp-*", false)).toEqual({});
    expect(subjectOf("system:serviceaccount:ns:a?c", true)).toEqual({});
    expect(subjectOf("system:serviceaccount:ns:a*c", true)).toEqual({});
    expect(subjectOf("repo:acme/x:ref:refs/heads/main", true)).toEqual({});
  });
});

describe("never wider (property)", () => {
  const serviceAccount = fc.constantFrom("app/api", "app/web", "app/worker", "ops/agent");
  const uses = fc.uniqueArray(serviceAccount, { maxLength: 4 });

  it("admits only (cluster, ServiceAccount, mechanism) triples the source admitted", () => {
    fc.assert(
      fc.property(uses, uses, uses, (euIrsa, usIrsa, euAssociations) => {
        const statements = [
          ...(euIrsa.length > 0 ? [irsa(EU, euIrsa)] : []),
          ...(usIrsa.length > 0 ? [irsa(US, usIrsa)] : []),
          ...(euAssociations.length > 0 ? [POD_IDENTITY] : []),
        ];
        if (statements.length === 0) return;
        const associations = euAssociations.map((sa) => ({
          namespace: sa.split("/")[0],
          serviceAccount: sa.split("/")[1],
        }));
        const { bindings, counts } = importOf(statements, associations);
        const source = new Set([
          ...euIrsa.map((sa) => `eu irsa ${sa}`),
          ...usIrsa.map((sa) => `us irsa ${sa}`),
          ...euAssociations.map((sa) => `eu pod-identity ${sa}`),
        ]);
        for (const binding of bindings) {
          const clusters: string[] = binding.clusters ?? [binding.cluster];
          const mechanisms = binding.mode === "both" ? ["irsa", "pod-identity"] : [binding.mode];
          for (const c of clusters)
            for (const m of mechanisms)
              for (const sa of binding.serviceAccounts) expect(source.has(`${c} ${m} ${sa}`)).toBe(true);
        }
        const units = new Set([...euIrsa, ...usIrsa, ...euAssociations]).size;
        expect(counts.whole + counts.narrowed + counts.notImported).toBe(units);
      }),
      { numRuns: 200 },
    );
  });
});

describe("odd trust policies (property)", () => {
  const value = fc.oneof(
    fc.constantFrom("system:serviceaccount:app:api", "system:serviceaccount:*:x", "sts.amazonaws.com", "*", "app:*"),
    fc.integer(),
    fc.constant(null),
    fc.array(fc.constantFrom("system:serviceaccount:app:api", "system:serviceaccount:app:w*"), { maxLength: 2 }),
  );
  const key = fc.constantFrom(`${EU.issuerHost}:sub`, `${EU.issuerHost}:aud`, "aws:SourceIp", "sts:ExternalId");
  const condition = fc.dictionary(
    fc.constantFrom("StringEquals", "StringLike", "ForAnyValue:StringLike", "IpAddress"),
    fc.dictionary(key, value, { maxKeys: 3 }),
    { maxKeys: 2 },
  );
  const statement = fc.record(
    {
      Effect: fc.constantFrom("Allow", "Deny", "allow"),
      Action: fc.oneof(
        fc.constantFrom("sts:AssumeRoleWithWebIdentity", "sts:AssumeRole", "sts:*", "*"),
        fc.constant(["sts:AssumeRole", "sts:TagSession"]),
      ),
      Principal: fc.oneof(
        fc.constant({ Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/${EU.issuerHost}` }),
        fc.constant({ Service: ["pods.eks.amazonaws.com", "ec2.amazonaws.com"] }),
        fc.constant({ AWS: `arn:aws:iam::${ACCOUNT}:role/x` }),
        fc.constant("*"),
      ),
      Condition: condition,
    },
    { requiredKeys: ["Effect", "Action", "Principal"] },
  );

  it("a condition whose value IAM does not take (null, an empty list) keeps the role out, never dropped", () => {
    for (const odd of [null, [], { a: 1 }]) {
      const statement = irsa(EU, ["app/api"], "StringEquals", { IpAddress: { "aws:SourceIp": odd } });
      const { bindings, notes } = importOf([statement]);
      expect(bindings).toEqual([]);
      expect(notes.some((n) => n.kind === "skipped" && /aws:SourceIp.*would widen the trust/.test(n.message))).toBe(
        true,
      );
    }
  });

  it("never throws, and a workload role is a binding or a note", () => {
    fc.assert(
      fc.property(fc.array(statement, { minLength: 1, maxLength: 3 }), fc.boolean(), (statements, associated) => {
        const { bindings, notes, result } = importOf(statements, associated ? [{}] : []);
        if (bindings.length === 0) expect(notes.some((n) => n.kind === "skipped" || n.kind === "narrowed")).toBe(true);
        const loaded = loadBindings(renderImportedFile(result), "imported.yaml", { readDocument: noDocuments });
        expect(loaded.problems.filter((p) => p.severity === "error").map(formatProblem)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
