/** What `explain --base` counts as a change, and what it does not. */
import { loadBindings } from "../../src/bindings/load";
import { diffReviews, isEmptyDiff, ReviewDiff } from "../../src/explain/diff";
import { iamCatalog } from "../../src/explain/iam-catalog";
import { renderDiffText } from "../../src/explain/render-text";
import { reviewOf, ReviewModel } from "../../src/explain/review";
import { lint } from "../../src/rules/lint";

const HEADER = `
version: 1
accounts:
  prod: { id: "111122223333", region: eu-west-1 }
clusters:
  prod-eu:
    account: prod
    region: eu-west-1
    oidcIssuer: https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE
bindings:
`;

function review(bindings: string, file = "bindings.yaml"): ReviewModel {
  const result = loadBindings(HEADER + bindings, file);
  if (!result.model || !result.source) throw new Error(result.problems.map((p) => p.message).join("\n"));
  return reviewOf(file, result.model, lint(result.model, result.source), iamCatalog);
}

function diff(base: string, head: string): ReviewDiff {
  return diffReviews(review(base, "base.yaml"), review(head), "base.yaml");
}

const READER = `
  - name: reader
    cluster: prod-eu
    serviceAccounts: [app/reader]
    policies:
      statements:
        - sid: Read
          actions: [s3:GetObject, s3:ListBucket]
          resources: [arn:aws:s3:::b, arn:aws:s3:::b/*]
        - sid: Queue
          actions: [sqs:ReceiveMessage]
          resources: [arn:aws:sqs:eu-west-1:111122223333:q]
`;

test("the same file: no change, and the text says so", () => {
  const d = diff(READER, READER);
  expect(isEmptyDiff(d)).toBe(true);
  expect(d.unchanged).toBe(1);
  expect(renderDiffText(d)).toContain("No change to what any ServiceAccount may do.");
});

test("reordered statements, a renamed Sid and an action moved to its own statement change nothing", () => {
  const head = `
  - name: reader
    cluster: prod-eu
    serviceAccounts: [app/reader]
    policies:
      statements:
        - sid: ConsumeQueue
          actions: [sqs:ReceiveMessage]
          resources: [arn:aws:sqs:eu-west-1:111122223333:q]
        - actions: [s3:ListBucket]
          resources: [arn:aws:s3:::b/*, arn:aws:s3:::b]
        - sid: Read
          actions: [s3:GetObject]
          resources: [arn:aws:s3:::b, arn:aws:s3:::b/*]
`;
  expect(isEmptyDiff(diff(READER, head))).toBe(true);
});

test("a resource added to a statement of two actions is one grant of both actions on it", () => {
  const head = READER.replace(
    "resources: [arn:aws:s3:::b, arn:aws:s3:::b/*]",
    "resources: [arn:aws:s3:::b, arn:aws:s3:::b/*, arn:aws:s3:::c]",
  );
  const [change] = diff(READER, head).changed;
  expect(change.granted).toEqual([
    expect.objectContaining({
      sid: "Read",
      effect: "Allow",
      resources: ["arn:aws:s3:::c"],
      actions: [
        expect.objectContaining({ pattern: "s3:GetObject" }),
        expect.objectContaining({ pattern: "s3:ListBucket" }),
      ],
    }),
  ]);
  expect(change.revoked).toEqual([]);
});

test("a condition added narrows: the unconditional permission is revoked, the conditional one granted", () => {
  const head = READER.replace(
    "          resources: [arn:aws:sqs:eu-west-1:111122223333:q]\n",
    "          resources: [arn:aws:sqs:eu-west-1:111122223333:q]\n          conditions: { StringEquals: { aws:SourceVpce: vpce-1a2b3c4d } }\n",
  );
  const [change] = diff(READER, head).changed;
  expect(change.revoked.map((g) => g.conditions)).toEqual([[]]);
  expect(change.granted.map((g) => g.conditions)).toEqual([
    [{ operator: "StringEquals", key: "aws:SourceVpce", values: ["vpce-1a2b3c4d"] }],
  ]);
});

test("Deny statements are reported apart from grants", () => {
  const head = `${READER}        - effect: Deny
          actions: [s3:DeleteObject]
          resources: ["*"]
`;
  const [change] = diff(READER, head).changed;
  expect(change.granted).toEqual([]);
  expect(change.denyAdded).toEqual([expect.objectContaining({ effect: "Deny", resources: ["*"] })]);
  expect(diff(head, READER).changed[0].denyRemoved).toHaveLength(1);
});

test("managed policies attached and detached; the permissions boundary", () => {
  const base = READER.replace(
    "    policies:\n",
    "    policies:\n      managed: [arn:aws:iam::aws:policy/AmazonSQSReadOnlyAccess]\n",
  );
  const head = READER.replace(
    "    policies:\n",
    "    role: { permissionsBoundary: arn:aws:iam::111122223333:policy/boundary }\n    policies:\n      managed: [arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess]\n",
  );
  const [change] = diff(base, head).changed;
  expect(change.managedPoliciesAttached.map((p) => p.arn)).toEqual(["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"]);
  expect(change.managedPoliciesDetached.map((p) => p.arn)).toEqual(["arn:aws:iam::aws:policy/AmazonSQSReadOnlyAccess"]);
  expect(change.permissionsBoundary).toEqual({ before: null, after: "arn:aws:iam::111122223333:policy/boundary" });
});

test("a binding renamed with previousNames is a rename, not a removal and an addition", () => {
  const head = READER.replace(
    "name: reader",
    "name: bucket-reader\n    previousNames: [reader]\n    role: { name: reader }",
  );
  const d = diff(READER, head);
  expect(d.added).toEqual([]);
  expect(d.removed).toEqual([]);
  expect(d.changed).toEqual([
    expect.objectContaining({ name: "bucket-reader", renamedFrom: "reader", granted: [], trustWidened: [] }),
  ]);
});

test("trust: a cluster's ServiceAccount removed narrows, a mode of both widens by Pod Identity", () => {
  const base = READER.replace("[app/reader]", "[app/reader, app/old]");
  const head = READER.replace("    cluster: prod-eu\n", "    cluster: prod-eu\n    mode: both\n");
  const [change] = diff(base, head).changed;
  expect(change.mode).toEqual({ before: "irsa", after: "both" });
  expect(change.trustNarrowed).toEqual([{ cluster: "prod-eu", namespace: "app", name: "old", mechanism: "irsa" }]);
  expect(change.trustWidened).toEqual([
    { cluster: "prod-eu", namespace: "app", name: "reader", mechanism: "pod-identity" },
  ]);
});

test("lint: a new finding, then waived: resolved, with the waiver shown", () => {
  const star = READER.replace("resources: [arn:aws:sqs:eu-west-1:111122223333:q]", 'resources: ["*"]');
  const withFinding = diff(READER, star).changed[0];
  expect(withFinding.newFindings).toEqual([expect.objectContaining({ rule: "IAM007", severity: "warning" })]);

  const waived = star.replace(
    "    policies:\n",
    "    waivers: [{ rule: IAM007, reason: the queue name is chosen at deploy time }]\n    policies:\n",
  );
  const change = diff(star, waived).changed[0];
  expect(change.newFindings).toEqual([]);
  expect(change.resolvedFindings).toEqual([expect.objectContaining({ rule: "IAM007" })]);
  expect(change.waiversAdded).toEqual([{ rule: "IAM007", reason: "the queue name is chosen at deploy time" }]);
});
