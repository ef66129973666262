/**
 * `podiam import kube2iam` on the fixture of kubectl output (cluster legacy-eu-1, account
 * 777788889999; see __tests__/fixtures/import/kube2iam and notes' fixtures README): the bindings
 * and reports each case expects, independent of the order of the items; the round trip (validate
 * refuses only the TODOs left for roles whose permissions are unknown; explain shows, per role, the
 * permissions of the authorization details); without --authorization-details every role is a TODO.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { parse, stringify } from "yaml";
import { readAuthorizationDetails } from "../../src/import/aws/authorization-details";
import { loadBindings } from "../../src/bindings/load";
import { explain } from "../../src/explain/command";
import { DETAILS, FULL, run, WORKLOADS } from "./kube2iam-fixture";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Data = any;

describe("the fixture, with the authorization details and the described cluster", () => {
  const result = run(FULL);
  const file: Data = parse(result.out);
  const binding = (name: string) => file.bindings.find((b: Data) => b.name === name);

  test("exit 0, a file on stdout, the counts", () => {
    expect(result.code).toBe(0);
    expect(result.err).toContain("6 ServiceAccount(s) imported as they are, 2 narrowed, 4 not imported");
    expect(result.out).toContain("# 6 ServiceAccount(s) imported as they are, 2 narrowed, 4 not imported.");
  });

  test("the cluster and accounts", () => {
    expect(file.clusters).toEqual({
      "legacy-eu-1": {
        account: "account-777788889999",
        region: "eu-west-1",
        oidcIssuer: "https://oidc.eks.eu-west-1.amazonaws.com/id/9F8E7D6C5B4A39281706F5E4D3C2B1A0",
        oidcProvider: "existing",
      },
    });
    expect(file.accounts).toEqual({
      "account-777788889999": { id: "777788889999", region: "eu-west-1" },
      "account-444455556666": { id: "444455556666", region: "eu-west-1" },
    });
    expect(file.defaults).toEqual({ serviceAccount: { create: false } });
  });

  test("one binding per role, for the ServiceAccounts its pods run as", () => {
    const summary = Object.fromEntries(
      file.bindings.map((b: Data) => [
        b.name,
        { serviceAccounts: b.serviceAccounts, role: b.role.name, path: b.role.path, trust: b.trust?.roles },
      ]),
    );
    const WORKER = "arn:aws:iam::777788889999:role/legacy-eu-1-worker";
    expect(summary).toEqual({
      "orders-export-writer": {
        serviceAccounts: ["orders/orders-exporter"],
        role: "orders-export-writer",
        path: undefined,
        trust: [expect.stringMatching(/^TODO\(podiam\):/)],
      },
      "fluent-bit-cloudwatch": {
        serviceAccounts: ["kube-system/fluent-bit"],
        role: "fluent-bit-cloudwatch",
        path: "/logging/",
        trust: [WORKER],
      },
      "orders-api": { serviceAccounts: ["orders/orders-api"], role: "orders-api", path: undefined, trust: [WORKER] },
      "orders-db-backup": {
        serviceAccounts: ["orders/orders-backup"],
        role: "orders-db-backup",
        path: undefined,
        trust: [WORKER],
      },
      "orders-legacy-sync": {
        serviceAccounts: ["orders/orders-legacy-sync"],
        role: "orders-legacy-sync",
        path: undefined,
        trust: [expect.stringMatching(/^TODO\(podiam\):/)],
      },
      // The trust requires sts:ExternalId: keeping the node role without it would widen the trust.
      "orders-worker": {
        serviceAccounts: ["orders/orders-worker"],
        role: "orders-worker",
        path: undefined,
        trust: undefined,
      },
      "payments-api": {
        serviceAccounts: ["payments/payments-api"],
        role: "payments-api",
        path: undefined,
        trust: [WORKER],
      },
      "adhoc-analyst": {
        serviceAccounts: ["reporting/analyst"],
        role: "adhoc-analyst",
        path: "/reporting/",
        trust: ["arn:aws:iam::777788889999:role/kiam-server"],
      },
    });
    for (const b of file.bindings) {
      expect(b.cluster).toBe("legacy-eu-1");
      expect(b.adopt).toEqual({ role: true });
    }
    expect(binding("orders-export-writer").account).toBe("account-444455556666");
    expect(binding("orders-api").policies.statements).toEqual([
      {
        actions: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:UpdateItem"],
        resources: ["arn:aws:dynamodb:eu-west-1:777788889999:table/orders"],
      },
    ]);
  });

  test("what is not imported, or narrowed, is reported with the reason and the fix", () => {
    const lines = result.err.split("\n");
    const has = (pattern: RegExp) => expect(lines.filter((l) => pattern.test(l))).toHaveLength(1);
    has(/SKIPPED: Pod orders\/orders-api-6c9d8b7a5f-zt7rn .*role\/orders-api-v1.*stale copy.*workloads\.yaml:\d+:\d+/);
    has(
      /SKIPPED: Deployment orders\/orders-metrics .*shared\/metrics-publisher.*default ServiceAccount \(orders\/default.*Fix: give each workload a ServiceAccount of its own/,
    );
    has(/SKIPPED: Pod default\/debug-shell .*debug-readonly.*default ServiceAccount \(default\/default\).*Fix:/);
    has(
      /SKIPPED: Deployment payments\/payments-admin-tool asks for .*role\/payments-admin, which its namespace's allowed-roles \["payments-api"\].*does not allow/,
    );
    has(
      /SKIPPED: reporting\/reporting-jobs is used with 2 different roles \(CronJob reporting\/nightly-report: .*reporting\/nightly-report; Job reporting\/backfill-2025-01: .*reporting\/backfill\).*Fix:/,
    );
    has(/NARROWED: the trust's ec2\.amazonaws\.com statement is dropped/);
    has(/NARROWED: the trust lets .*legacy-eu-1-worker assume the role only with the condition .*sts:ExternalId/);
    has(/NARROWED: Deployment orders\/orders-worker passes iam\.amazonaws\.com\/external-id/);
    has(/NOT CARRIED OVER: Pod reporting\/adhoc-query's iam\.amazonaws\.com\/session-name/);
    has(
      /TODO: the permissions and trust of arn:aws:iam::777788889999:role\/orders-legacy-sync are unknown \(the role is not in/,
    );
    has(
      /TODO: the permissions and trust of arn:aws:iam::444455556666:role\/orders-export-writer are unknown \(the role is in account 444455556666/,
    );
    has(/DaemonSet kube-system\/kube2iam: remove it at the end of the migration/);
    // No binding for what was skipped; the default ServiceAccounts are never bound.
    const accounts = file.bindings.flatMap((b: Data) => b.serviceAccounts);
    for (const sa of ["orders/default", "default/default", "payments/payments-admin", "reporting/reporting-jobs"]) {
      expect(accounts).not.toContain(sa);
    }
    expect(file.bindings.map((b: Data) => b.role.name)).not.toContain("orders-api-v1");
  });

  test("the comment beside each kept trust line says when to delete it", () => {
    expect(result.out).toMatch(
      /# NOTE: arn:aws:iam::777788889999:role\/legacy-eu-1-worker is the nodes' instance role .*Delete this line .* once every one of their pods has restarted with the ServiceAccount's eks\.amazonaws\.com\/role-arn annotation, then apply again\n\s+- arn:aws:iam::777788889999:role\/legacy-eu-1-worker/,
    );
    expect(result.out).toMatch(/kiam-server is kiam's server role: kept so that kiam can still give this role/);
  });

  test("validate refuses exactly the TODOs of the two roles whose permissions are unknown", () => {
    const loaded = loadBindings(result.out, "imported.yaml");
    const errors = loaded.problems.filter((p) => p.severity === "error");
    expect(errors.map((p) => p.path)).toEqual([
      "bindings[0].policies.managed[0]",
      "bindings[0].trust.roles[0]",
      "bindings[4].policies.managed[0]",
      "bindings[4].trust.roles[0]",
    ]);
    for (const error of errors) expect(error.message).toMatch(/is left to fill in/);
  });

  test("explain shows, per role, the permissions of the authorization details", () => {
    // The two unfinished bindings aside, the file is complete: explain it.
    const finished: Data = parse(result.out);
    finished.bindings = finished.bindings.filter((b: Data) => !JSON.stringify(b).includes("TODO(podiam)"));
    delete finished.accounts["account-444455556666"];
    const dir = mkdtempSync(join(tmpdir(), "podiam-k2-"));
    const path = join(dir, "bindings.yaml");
    writeFileSync(path, stringify(finished));
    let out = "";
    expect(explain({ out: (t) => (out += t), err: () => undefined }, path, { format: "json" })).toBe(0);
    const review: Data = JSON.parse(out);
    const details = readAuthorizationDetails(DETAILS).details!;
    expect(review.bindings).toHaveLength(6);
    for (const b of review.bindings) {
      const role = details.roles.find((r) => r.arn === b.role.arn)!;
      expect(role).toBeDefined();
      expect(b.managedPolicies.map((m: Data) => m.arn).sort()).toEqual([...role.attachedPolicyArns].sort());
      const pairs = (statements: Data[], action: (a: Data) => string) =>
        statements
          .flatMap((s) =>
            [s.actions ?? s.Action]
              .flat()
              .flatMap((a: Data) =>
                [s.resources ?? s.Resource].flat().map((r) => `${s.effect ?? s.Effect} ${action(a)} ${r}`),
              ),
          )
          .sort();
      const source = role.inlinePolicies.flatMap((p) => [(p.document as Data).Statement].flat());
      expect(pairs(b.statements, (a) => a.pattern)).toEqual(pairs(source, (a) => a));
    }
  });

  test("the result does not depend on the order of the items", () => {
    const list: Data = parse(readFileSync(WORKLOADS, "utf8"));
    const dir = mkdtempSync(join(tmpdir(), "podiam-k2-"));
    const reversed = join(dir, "workloads.yaml");
    writeFileSync(reversed, stringify({ ...list, items: [...list.items].reverse() }));
    const again = run({ ...FULL, manifests: [reversed] });
    const body = (text: string) =>
      text
        .split("\n")
        .filter((l) => !l.trimStart().startsWith("#"))
        .join("\n");
    expect(body(again.out)).toEqual(body(result.out));
    const notes = (text: string) =>
      text
        .replace(/\([^()]*workloads\.yaml:\d+:\d+\)/g, "")
        .split("\n")
        .sort();
    expect(notes(again.err)).toEqual(notes(result.err));
  });

  test("--adopt-service-accounts: podiam takes the ServiceAccounts over instead", () => {
    const adopted: Data = parse(run({ ...FULL, adoptServiceAccounts: true }).out);
    expect(adopted.defaults).toBeUndefined();
    for (const b of adopted.bindings) expect(b.adopt).toEqual({ role: true, serviceAccounts: true });
  });
});

describe("the fixture alone (no authorization details, no described cluster)", () => {
  const result = run({ cluster: "legacy-eu-1" });
  const file: Data = parse(result.out);

  test("the same bindings, each role's permissions and trust left as TODOs that validate refuses", () => {
    expect(result.code).toBe(0);
    expect(file.bindings.map((b: Data) => b.name)).toEqual([
      "orders-export-writer",
      "fluent-bit-cloudwatch",
      "orders-api",
      "orders-db-backup",
      "orders-legacy-sync",
      "orders-worker",
      "payments-api",
      "adhoc-analyst",
    ]);
    // The account comes from kube2iam's --base-role-arn in its DaemonSet's args.
    expect(file.accounts["account-777788889999"]).toEqual({
      id: "777788889999",
      region: expect.stringMatching(/^TODO\(podiam\):/),
    });
    const loaded = loadBindings(result.out, "imported.yaml");
    const errors = loaded.problems.filter((p) => p.severity === "error");
    expect(errors.every((p) => /is left to fill in/.test(p.message))).toBe(true);
    expect(errors.map((p) => p.path)).toEqual(
      expect.arrayContaining([
        "accounts.account-777788889999.region",
        "clusters.legacy-eu-1.region",
        ...file.bindings.flatMap((_: Data, i: number) => [
          `bindings[${i}].policies.managed[0]`,
          `bindings[${i}].trust.roles[0]`,
        ]),
      ]),
    );
    expect(result.err).toContain("the file is not finished: podiam validate will report");
  });
});
