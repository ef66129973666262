/**
 * Lint on presets: their statements are linted as the binding's own, reported at
 * `policies.presets.<name>` and labelled with the preset; a preset's built-in waivers cover its own
 * statements only, with reasons that name it; PRE001 warns on ARN inputs that cover every resource
 * of their type (or sit in another partition); PRE002 hints when the binding does not bind the
 * add-on chart's default ServiceAccount.
 */
import { activeProblems } from "../../src/rules/lint";
import { PRESETS } from "../../src/presets";
import { fileWith, findingsOf, lineColumn, lintText, where } from "./lint-helpers";

const ZONE = "arn:aws:route53:::hostedzone/Z0123456789ABCDEFGHIJ";

/** One binding "lb" with the load balancer controller preset and, optionally, statements of its own. */
const controller = (serviceAccount = "kube-system/aws-load-balancer-controller", statements = "") =>
  fileWith(`  - name: lb
    cluster: prod-eu
    serviceAccounts: [${serviceAccount}]
    policies:
      presets:
        aws-load-balancer-controller: {}
${statements}`);

describe("a preset's statements", () => {
  test("are linted, labelled with the preset, at the preset's key, and waived by its built-in waivers with their reasons", () => {
    const text = controller();
    const findings = findingsOf(text, "IAM007");
    expect(findings.length).toBeGreaterThan(0);
    const reason = PRESETS["aws-load-balancer-controller"].waivers!.find((w) => w.rule === "IAM007")!.reason;
    for (const finding of findings) {
      expect(finding.problem.path).toBe("bindings[0].policies.presets.aws-load-balancer-controller");
      expect(lineColumn(finding)).toBe(where(text, "{}"));
      expect(finding.problem.message).toMatch(/^binding "lb", preset aws-load-balancer-controller, statement "\w+": /);
      expect(finding.problem.message).toContain("fix: preset aws-load-balancer-controller grants it");
      expect(finding.waived).toBe(`preset aws-load-balancer-controller: ${reason}`);
    }
    expect(activeProblems(lintText(text))).toEqual([]);
  });

  test("the built-in waivers never cover the binding's own statements", () => {
    const text = controller(
      undefined,
      `      statements:
        - sid: Anything
          actions: [s3:GetObject]
          resources: ["*"]
`,
    );
    const own = findingsOf(text, "IAM007").filter((f) => f.problem.path.startsWith("bindings[0].policies.statements"));
    expect(own.map((f) => [f.problem.path, f.waived])).toEqual([
      ["bindings[0].policies.statements[0].resources[0]", undefined],
    ]);
  });

  test("a rule the preset does not waive is reported (the binding may still waive it)", () => {
    // Karpenter waives IAM003 for its own PassRole; the binding's own iam:PassRole on top is not.
    const text = fileWith(`  - name: karpenter
    cluster: prod-eu
    serviceAccounts: [kube-system/karpenter]
    policies:
      presets:
        karpenter: { nodeRoleArns: [arn:aws:iam::111122223333:role/node] }
      statements:
        - sid: PassAnything
          actions: [iam:PassRole]
          resources: [arn:aws:iam::111122223333:role/other]
          conditions: { StringEquals: { iam:PassedToService: ec2.amazonaws.com } }
`);
    // Each escalation path is reported once, where the first of its grants is: the binding's own
    // PassRole, which the preset's waiver does not cover.
    const iam003 = findingsOf(text, "IAM003");
    const unwaived = iam003.filter((f) => f.waived === undefined);
    expect(unwaived.length).toBeGreaterThan(0);
    expect(new Set(unwaived.map((f) => f.problem.path))).toEqual(
      new Set(["bindings[0].policies.statements[0].actions[0]"]),
    );
    expect(unwaived.map((f) => f.problem.message).join("\n")).toContain('"iam:PassRole", statement "PassAnything"');
    expect(iam003.filter((f) => f.waived !== undefined).map((f) => f.problem.path)).toEqual([]);
  });
});

describe("PRE001: ARN inputs that cover every resource of their type", () => {
  test("hostedzone/* is accepted, with a warning that names the preset, at the input", () => {
    const text = fileWith(`  - name: dns
    cluster: prod-eu
    serviceAccounts: [external-dns/external-dns]
    policies:
      presets:
        external-dns: { hostedZoneArns: [${ZONE}, "arn:aws:route53:::hostedzone/*"] }
`);
    const findings = findingsOf(text, "PRE001");
    expect(findings.map((f) => [f.problem.path, f.problem.severity, lineColumn(f)])).toEqual([
      [
        "bindings[0].policies.presets.external-dns.hostedZoneArns[1]",
        "warning",
        where(text, '"arn:aws:route53:::hostedzone/*"'),
      ],
    ]);
    expect(findings[0].problem.message).toBe(
      'binding "dns", preset external-dns: hostedZoneArns "arn:aws:route53:::hostedzone/*" covers every resource of its type; fix: list the ones external-dns needs (arn:aws:route53:::hostedzone/ID)',
    );
  });

  test("a bare * and an ARN of another partition", () => {
    const text = fileWith(`  - name: secrets
    cluster: prod-eu
    serviceAccounts: [external-secrets/external-secrets]
    policies:
      presets:
        external-secrets: { secretsManagerArns: ["*", "arn:aws-cn:secretsmanager:cn-north-1:111122223333:secret:x"] }
`);
    expect(findingsOf(text, "PRE001").map((f) => f.problem.path + ": " + f.problem.message.replace(/;.*/, ""))).toEqual(
      [
        'bindings[0].policies.presets.external-secrets.secretsManagerArns[0]: binding "secrets", preset external-secrets: secretsManagerArns "*" covers every resource of its type',
        'bindings[0].policies.presets.external-secrets.secretsManagerArns[1]: binding "secrets", preset external-secrets: secretsManagerArns "arn:aws-cn:secretsmanager:cn-north-1:111122223333:secret:x" is in partition aws-cn, the role is in aws: it never matches',
      ],
    );
  });

  test("named resources are fine", () => {
    const text = fileWith(`  - name: dns
    cluster: prod-eu
    serviceAccounts: [external-dns/external-dns]
    policies:
      presets:
        external-dns: { hostedZoneArns: [${ZONE}] }
`);
    expect(lintText(text)).toEqual([]);
  });
});

describe("PRE002: the add-on chart's default ServiceAccount", () => {
  test("a binding that does not bind it gets a hint with the default's name, at the preset", () => {
    const text = controller("kube-system/alb");
    const findings = findingsOf(text, "PRE002");
    expect(findings.map((f) => [f.problem.path, f.problem.severity, f.waived])).toEqual([
      ["bindings[0].policies.presets.aws-load-balancer-controller", "warning", undefined],
    ]);
    expect(findings[0].problem.message).toBe(
      "binding \"lb\", preset aws-load-balancer-controller: the add-on's chart runs as kube-system/aws-load-balancer-controller by default, and the binding binds kube-system/alb; fix: bind kube-system/aws-load-balancer-controller, or set the chart's ServiceAccount (namespace and name) to the one bound here, or waive PRE002 with that reason",
    );
  });

  test("the namespace counts as well as the name", () => {
    expect(findingsOf(controller("ingress/aws-load-balancer-controller"), "PRE002")).toHaveLength(1);
  });

  test("binding the default (among others) is what the chart expects", () => {
    expect(findingsOf(controller("kube-system/aws-load-balancer-controller"), "PRE002")).toEqual([]);
  });
});
