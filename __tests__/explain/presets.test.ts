/**
 * explain on presets: each preset with its version, inputs, policies and expanded statements; and
 * `--base` against a review saved by an older podiam (`explain --format json`), the one base that
 * can differ in a preset's version: the version change is shown with the permissions it adds and
 * removes. Files without presets explain exactly as before (no `presets` key anywhere).
 */
import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { run } from "../../src/cli";
import { ROOT } from "../helpers/synth";

const FIXTURES = join(ROOT, "__tests__", "fixtures", "explain");
const HEAD = join(FIXTURES, "presets-head.yaml");

function explain(...args: string[]): { code: number; out: string; err: string } {
  let out = "";
  let err = "";
  const code = run(["explain", ...args], { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const review = (): Json => JSON.parse(explain("-f", HEAD, "--format", "json").out);

test("the review has each preset's version, source, inputs, policies, statements and built-in waivers", () => {
  const dns = review().bindings.find((b: Json) => b.name === "external-dns");
  expect(dns.statements).toEqual([]);
  expect(dns.presets).toHaveLength(1);
  expect(dns.presets[0]).toMatchObject({
    name: "external-dns",
    version: "v0.22.0",
    inputs: { hostedZoneArns: ["arn:aws:route53:::hostedzone/Z0123456789EXAMPLE"] },
    policies: ["external-dns-external-dns"],
    waivers: [],
  });
  expect(dns.presets[0].statements.map((s: Json) => s.sid)).toEqual(["ManageRecordsInZones", "ListHostedZones"]);
  // What the role may do counts the preset's actions.
  expect(dns.access.actionCount).toBe(4);
  const efs = review().bindings.find((b: Json) => b.name === "velero").presets[0];
  expect(efs.waivers.map((w: Json) => w.rule)).toEqual(["IAM007"]);
});

test("a file without presets has no presets key in its review", () => {
  const plain = JSON.parse(explain("-f", join(FIXTURES, "review.yaml"), "--format", "json").out);
  expect(plain.bindings.every((b: Json) => !("presets" in b))).toBe(true);
});

describe("--base, a review saved by an older podiam", () => {
  /** The head's review as an older preset would have made it: another version, one action fewer, one more. */
  const savedBase = (): string => {
    const base = review();
    const dns = base.bindings.find((b: Json) => b.name === "external-dns").presets[0];
    dns.version = "v0.21.0";
    const manage = dns.statements.find((s: Json) => s.sid === "ManageRecordsInZones");
    manage.actions = manage.actions.filter((a: Json) => a.pattern !== "route53:ListTagsForResources");
    manage.actions.push({ ...manage.actions[0], pattern: "route53:GetHostedZone" });
    const dir = mkdtempSync(join(tmpdir(), "podiam-saved-review-"));
    const file = join(dir, "review.json");
    writeFileSync(file, JSON.stringify(base));
    return file;
  };

  test("shows the version change with the permissions it adds and removes", () => {
    const { code, out } = explain("-f", HEAD, "--base", savedBase());
    expect(code).toBe(0);
    const block = out.slice(out.indexOf("~ external-dns (changed)"));
    expect(block.split("\n").slice(0, 4)).toEqual([
      "~ external-dns (changed)",
      "    + granted: Allow route53:ListTagsForResources (Read) on arn:aws:route53:::hostedzone/Z0123456789EXAMPLE [preset external-dns: ManageRecordsInZones]",
      "    - revoked: Allow route53:GetHostedZone (Write) on arn:aws:route53:::hostedzone/Z0123456789EXAMPLE [preset external-dns: ManageRecordsInZones]",
      "    ~ preset external-dns: version v0.21.0 -> v0.22.0",
    ]);
    // Nothing else changed.
    expect(out).toContain("0 bindings added, 0 removed, 1 changed, 2 unchanged");
  });

  test("in JSON and in markdown too", () => {
    const base = savedBase();
    const json = JSON.parse(explain("-f", HEAD, "--base", base, "--format", "json").out);
    expect(json.changed[0].presetVersions).toEqual([{ preset: "external-dns", before: "v0.21.0", after: "v0.22.0" }]);
    expect(json.changed[0]).not.toHaveProperty("presetInputs");
    const markdown = explain("-f", HEAD, "--base", base, "--format", "markdown").out;
    expect(markdown).toContain(
      "| `external-dns` | changed | 1 permission granted, 1 permission revoked, 1 preset version changed |",
    );
  });

  test("a review of another JSON version is refused with what to do", () => {
    const dir = mkdtempSync(join(tmpdir(), "podiam-saved-review-"));
    const file = join(dir, "review.json");
    writeFileSync(file, JSON.stringify({ kind: "review", version: 99, bindings: [] }));
    const { code, err } = explain("-f", HEAD, "--base", file);
    expect(code).toBe(1);
    expect(err).toContain("is an explain review of JSON version 99; this podiam reads version 1");
  });
});
