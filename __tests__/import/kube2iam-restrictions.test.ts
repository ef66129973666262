/**
 * Namespace restrictions as the daemons apply them (kube2iam.md §2): kube2iam's allowed-roles
 * (names get the base ARN; glob, `*` also across `/`; or unanchored regexp), kiam's permitted
 * (anchored on the ARN under v4, unless strict mode is off; RE2's leading flag group), and role
 * annotations resolved as both resolve them.
 */
import { globMatches, restrictionVerdict, type RestrictionSettings } from "../../src/import/kube2iam/restrictions";
import { parseBaseArn, resolveRole } from "../../src/import/kube2iam/role-reference";

const BASE = "arn:aws:iam::777788889999:role/";
const GLOB: RestrictionSettings = { baseArn: BASE, allowedRolesFormat: "glob", unanchoredPermitted: false };
const arn = (name: string) => `${BASE}${name}`;
const allowed = (restriction: { allowedRoles?: string[]; permitted?: string }, role: string, settings = GLOB) =>
  restrictionVerdict({ namespace: "ns", where: "f:1:1", ...restriction }, role, settings)?.allowed;

test("allowed-roles: names get the base ARN, globs match across paths, ARNs as they are", () => {
  expect(allowed({ allowedRoles: ["orders-*"] }, arn("orders-db-backup"))).toBe(true);
  expect(allowed({ allowedRoles: ["orders-*"] }, arn("payments-api"))).toBe(false);
  expect(allowed({ allowedRoles: ["shared/*"] }, arn("shared/metrics-publisher"))).toBe(true);
  expect(allowed({ allowedRoles: ["payments-api"] }, arn("payments-admin"))).toBe(false);
  expect(allowed({ allowedRoles: ["Payments-api"] }, arn("payments-api"))).toBe(false); // case-sensitive
  expect(
    allowed(
      { allowedRoles: ["arn:aws:iam::444455556666:role/orders-export-writer"] },
      "arn:aws:iam::444455556666:role/orders-export-writer",
    ),
  ).toBe(true);
  expect(allowed({ allowedRoles: [] }, arn("anything"))).toBe(false);
  expect(globMatches("a.b*", "a.bc")).toBe(true);
  expect(globMatches("a.b*", "axbc")).toBe(false); // `.` is itself
});

test("allowed-roles with --namespace-restriction-format=regexp: unanchored", () => {
  const regexp = { ...GLOB, allowedRolesFormat: "regexp" as const };
  expect(allowed({ allowedRoles: ["orders-.*"] }, arn("orders-api"), regexp)).toBe(true);
  expect(allowed({ allowedRoles: ["^orders"] }, arn("orders-api"), regexp)).toBe(false);
});

test("permitted: anchored on the ARN (kiam v4), unless strict mode is off; RE2 flags", () => {
  expect(allowed({ permitted: "orders-.*" }, arn("orders-api"))).toBe(false); // v4: matches nothing
  expect(allowed({ permitted: ".*role/orders-.*" }, arn("orders-api"))).toBe(true);
  expect(allowed({ permitted: "arn:aws:iam::777788889999:role/reporting/.*" }, arn("reporting/backfill"))).toBe(true);
  expect(allowed({ permitted: "orders-.*" }, arn("orders-api"), { ...GLOB, unanchoredPermitted: true })).toBe(true);
  expect(allowed({ permitted: "(?i).*ROLE/ORDERS-.*" }, arn("orders-api"))).toBe(true);
  expect(allowed({ permitted: "a|.*" }, arn("x"))).toBe(true); // the alternation is anchored as a whole
});

test("no annotation: no verdict; both annotations: either refusal wins", () => {
  expect(restrictionVerdict({ namespace: "ns", where: "f:1:1" }, arn("x"), GLOB)).toBeUndefined();
  expect(allowed({ allowedRoles: ["x"], permitted: "nothing" }, arn("x"))).toBe(false);
});

test("role annotations: names with the base ARN and a path; ARNs; kiam's leading slash", () => {
  const base = parseBaseArn("arn:aws:iam::777788889999:role/")!;
  expect(resolveRole("shared/metrics-publisher", base)).toEqual({
    partition: "aws",
    account: "777788889999",
    path: "/shared/",
    name: "metrics-publisher",
  });
  expect(resolveRole("/orders-api", base)).toMatchObject({ path: "/", name: "orders-api" });
  expect(resolveRole("arn:aws:iam::444455556666:role/logging/fluent-bit", base)).toEqual({
    partition: "aws",
    account: "444455556666",
    path: "/logging/",
    name: "fluent-bit",
  });
  expect(resolveRole("ARN:aws:iam::444455556666:role/x", base)).toHaveProperty("problem");
  expect(resolveRole("orders-api", undefined)).toEqual({ partition: "aws", path: "/", name: "orders-api" });
  expect(parseBaseArn("arn:aws:iam::777788889999:role")).toEqual({
    partition: "aws",
    account: "777788889999",
    path: "/",
  });
  expect(parseBaseArn("arn:aws:iam::7777:role/")).toBeUndefined();
});
