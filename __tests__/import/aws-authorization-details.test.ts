/**
 * Reading `aws iam get-account-authorization-details` output: the fixture account as a typed
 * model (documents decoded whatever their encoding, the default policy version, tags as a record),
 * and hostile inputs refused at their line and column.
 */
import { join } from "path";
import { findRole, readAuthorizationDetails } from "../../src/import/aws/authorization-details";
import { decodeDocument } from "../../src/import/aws/json-input";
import { statementsOfDocument } from "../../src/import/policy-statements";
import { formatProblem } from "../../src/bindings/problems";

const FIXTURES = join(__dirname, "..", "fixtures", "import", "aws");

function read(text: string) {
  const result = readAuthorizationDetails("auth.json", text);
  return { ...result, messages: result.problems.map(formatProblem) };
}

const role = (extra: Record<string, unknown> = {}) => ({
  Path: "/",
  RoleName: "app",
  Arn: "arn:aws:iam::111122223333:role/app",
  AssumeRolePolicyDocument: { Version: "2012-10-17", Statement: [] },
  ...extra,
});

describe("readAuthorizationDetails on the fixture account", () => {
  const { details, problems } = readAuthorizationDetails(join(FIXTURES, "authorization-details.json"));

  it("reads every role and customer-managed policy without problems", () => {
    expect(problems).toEqual([]);
    expect(details?.roles).toHaveLength(44);
    expect(details?.policies.size).toBe(16);
    expect(details?.policiesListed).toBe(true);
  });

  it("decodes a URL-encoded trust and inline policy (the raw API's form)", () => {
    const autoscaler = findRole(details!, "eksctl-prod-eu-1-addon-iamserviceaccount-kube-Role1-7GhJkL2mNpQr")!;
    expect(autoscaler.trust.Version).toBe("2012-10-17");
    expect(JSON.stringify(autoscaler.trust)).toContain("system:serviceaccount:kube-system:autoscaler-service");
    expect(autoscaler.inlinePolicies[0].document.Statement).toBeDefined();
  });

  it("keeps the role's account, path, tags, boundary and attachments", () => {
    const dns = findRole(details!, "arn:aws:iam::111122223333:role/eks/eks-external-dns")!;
    expect(dns).toMatchObject({ name: "eks-external-dns", path: "/eks/", accountId: "111122223333", partition: "aws" });
    expect(dns.permissionsBoundaryArn).toBe("arn:aws:iam::111122223333:policy/workload-boundary");
    expect(dns.attachedPolicyArns).toEqual([
      "arn:aws:iam::111122223333:policy/AmazonEKS_External_DNS_Policy-20240513104512345600000002",
    ]);
    expect(typeof dns.tags).toBe("object");
    const reader = findRole(details!, "2024-migration-reader")!;
    expect(reader.lastUsedDate).toBeUndefined();
  });

  it("finds roles by name case-insensitively, as IAM compares them", () => {
    expect(findRole(details!, "batch.worker")?.name).toBe("Batch.Worker");
    expect(findRole(details!, "no-such-role")).toBeUndefined();
  });

  it("takes the default version of a customer-managed policy, not v1 nor the last listed", () => {
    const dns = details!.policies.get(
      "arn:aws:iam::111122223333:policy/AmazonEKS_External_DNS_Policy-20240513104512345600000002",
    )!;
    expect(dns.defaultVersionId).toBe("v3");
    const payments = details!.policies.get("arn:aws:iam::111122223333:policy/payments-secrets-read")!;
    expect(payments.defaultVersionId).toBe("v2");
    expect(payments.document.Statement).toBeDefined();
  });
});

describe("refusals, each at its position", () => {
  it("refuses one page of a paginated output", () => {
    const { details, problems } = readAuthorizationDetails(join(FIXTURES, "authorization-details-truncated-page.json"));
    expect(details).toBeUndefined();
    expect(problems.map(formatProblem).join("\n")).toMatch(
      /authorization-details-truncated-page\.json:\d+:\d+: IsTruncated: this is one page/,
    );
  });

  it("refuses malformed JSON at its line and column", () => {
    const { details, messages } = read('{\n  "RoleDetailList": [\n    {"RoleName": }\n  ]\n}');
    expect(details).toBeUndefined();
    expect(messages[0]).toMatch(/^auth\.json:3:\d+: /);
  });

  it("refuses a file of another shape", () => {
    expect(read("[]").messages[0]).toMatch(/auth\.json:1:1: \(root\): is a list/);
    expect(read('{"Roles": []}').messages[0]).toMatch(/has no RoleDetailList/);
    expect(read('{"RoleDetailList": {}}').messages[0]).toMatch(/RoleDetailList: is an object, expected a list/);
    expect(read("RoleDetailList: []").messages[0]).toMatch(/is not JSON/);
  });

  it("refuses duplicate roles (case-insensitively) and duplicate JSON keys", () => {
    const twice = read(
      JSON.stringify(
        { RoleDetailList: [role(), role({ RoleName: "APP", Arn: "arn:aws:iam::111122223333:role/APP" })] },
        null,
        2,
      ),
    );
    expect(twice.details).toBeUndefined();
    expect(twice.messages.join("\n")).toMatch(
      /RoleDetailList\[1\]\.RoleName: the role "APP" is already RoleDetailList\[0\]/,
    );
    expect(read('{"RoleDetailList": [], "RoleDetailList": []}').messages[0]).toMatch(/already set above/);
  });

  it("refuses wrong members of a role, each at its path", () => {
    const bad = read(
      JSON.stringify(
        {
          RoleDetailList: [
            role({ Arn: "arn:aws:iam::111122223333:role/other" }),
            role({ RoleName: "b", Arn: "arn:aws:iam::111122223333:role/b", AssumeRolePolicyDocument: "%7Bnot json" }),
            role({ RoleName: "c", Arn: "arn:aws:iam::111122223333:role/c", Tags: [{ Key: "a" }] }),
            role({
              RoleName: "d",
              Arn: "arn:aws:iam::111122223333:role/d",
              AttachedManagedPolicies: [{ PolicyArn: "x" }],
            }),
            role({ RoleName: "e", Arn: "arn:aws:iam::111122223333:role/e", AssumeRolePolicyDocument: undefined }),
          ],
        },
        null,
        2,
      ),
    );
    const text = bad.messages.join("\n");
    expect(text).toMatch(/RoleDetailList\[0\]\.Arn: .* does not end in the role's Path and RoleName/);
    expect(text).toMatch(
      /RoleDetailList\[1\]\.AssumeRolePolicyDocument: is a string that is neither JSON nor URL-encoded JSON/,
    );
    expect(text).toMatch(/RoleDetailList\[2\]\.Tags\[0\]: is not a tag/);
    expect(text).toMatch(
      /RoleDetailList\[3\]\.AttachedManagedPolicies\[0\]\.PolicyArn: "x" is not a managed policy ARN/,
    );
    expect(text).toMatch(/RoleDetailList\[4\]: has no AssumeRolePolicyDocument/);
    expect(bad.messages.every((m) => /^auth\.json:\d+:\d+: /.test(m))).toBe(true);
  });

  it("refuses a customer-managed policy whose default version is not listed", () => {
    const bad = read(
      JSON.stringify({
        RoleDetailList: [],
        Policies: [
          {
            Arn: "arn:aws:iam::111122223333:policy/p",
            PolicyName: "p",
            DefaultVersionId: "v2",
            PolicyVersionList: [{ VersionId: "v1", Document: { Statement: [] } }],
          },
        ],
      }),
    );
    expect(bad.messages[0]).toMatch(/Policies\[0\]\.PolicyVersionList: has no version v2/);
  });
});

describe("decodeDocument", () => {
  const document = {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::a+b/*" }],
  };

  it("reads objects, JSON text and URL-encoded JSON, keeping + as a literal", () => {
    expect(decodeDocument(document).document).toEqual(document);
    expect(decodeDocument(JSON.stringify(document)).document).toEqual(document);
    expect(decodeDocument(encodeURIComponent(JSON.stringify(document))).document).toEqual(document);
    const plusKept = encodeURIComponent(JSON.stringify(document)).replace("%2B", "+");
    expect(decodeDocument(plusKept).document).toEqual(document);
  });

  it("says why anything else is not a document", () => {
    expect(decodeDocument(42).problem).toMatch(/is a number/);
    expect(decodeDocument("%E0%A4%A").problem).toMatch(/bad % escape/);
    expect(decodeDocument({ Version: "2012-10-17" }).problem).toMatch(/without Statement/);
  });
});

describe("statementsOfDocument on the raw API's encoding", () => {
  it("keeps + as a literal (RFC 3986), as botocore and eksctl decode it", () => {
    const document = {
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::a+b/*" }],
    };
    const encoded = encodeURIComponent(JSON.stringify(document)).replace("%2B", "+");
    expect(statementsOfDocument(encoded)).toEqual({
      statements: [{ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::a+b/*"] }],
    });
  });
});
