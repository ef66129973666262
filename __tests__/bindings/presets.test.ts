/**
 * policies.presets in the loader: every problem positioned at the preset or its input, and what a
 * valid preset becomes in the model (compiled for the binding's account and clusters, by their EKS
 * names), split into policies of its own within IAM's size, counted in the managed-policy quota.
 */
import { presetPolicies } from "../../src/bindings/binding-presets";
import { loadBindings } from "../../src/bindings/load";
import { ROLE_NAME_MAX } from "../../src/iam/limits";
import { presetNames } from "../../src/presets";
import { FILE, problemsOf, yaml } from "./problems-of";

/** A file whose one binding has `presets` (a YAML flow mapping on line 11). */
const withPresets = (presets: string, extra = "") => yaml`
  version: 1
  accounts:
    prod: { id: "111122223333", region: eu-west-1 }
  clusters:
    eu: { account: prod, region: eu-west-1, name: prod-eu-1 }
    us: { account: prod, region: us-east-1, name: prod-us-1 }
  bindings:
    - name: addon
      clusters: [eu, us]
      serviceAccounts: [kube-system/addon]
      policies: { presets: ${presets} }
  ${extra}
`;

const ZONE = "arn:aws:route53:::hostedzone/Z0123456789ABCDEFGHIJ";

describe("problems, at the preset or its input", () => {
  test("a required input missing, or empty", () => {
    expect(problemsOf(withPresets("{ external-dns: {} }"))).toEqual([
      "bindings.yaml:11:42: bindings[0].policies.presets.external-dns.hostedZoneArns: is required (a list): external-dns needs hostedZoneArns: the hosted zones whose records external-dns may list and change, as arn:aws:route53:::hostedzone/ID",
    ]);
    expect(problemsOf(withPresets("{ external-dns: { hostedZoneArns: [] } }"))).toEqual([
      "bindings.yaml:11:60: bindings[0].policies.presets.external-dns.hostedZoneArns: hostedZoneArns must list at least one ARN (arn:aws:route53:::hostedzone/ID): the hosted zones whose records external-dns may list and change",
    ]);
  });

  test("an ARN of the wrong service or resource type", () => {
    expect(problemsOf(withPresets("{ cert-manager: { hostedZoneArns: [arn:aws:s3:::bucket] } }"))).toEqual([
      'bindings.yaml:11:61: bindings[0].policies.presets.cert-manager.hostedZoneArns[0]: "arn:aws:s3:::bucket" in hostedZoneArns is not a Route 53 hosted zone ARN; expected arn:aws:route53:::hostedzone/ID (in any partition)',
    ]);
    expect(problemsOf(withPresets("{ karpenter: { nodeRoleArns: [arn:aws:iam::111122223333:policy/node] } }"))).toEqual(
      [
        'bindings.yaml:11:56: bindings[0].policies.presets.karpenter.nodeRoleArns[0]: "arn:aws:iam::111122223333:policy/node" in nodeRoleArns is not an IAM role ARN; expected arn:aws:iam::ACCOUNT:role/NAME (in any partition)',
      ],
    );
  });

  test("an unknown input, with the input it was probably meant to be", () => {
    expect(problemsOf(withPresets(`{ external-dns: { hostedZoneArn: [${ZONE}] } }`))).toEqual([
      'bindings.yaml:11:44: bindings[0].policies.presets.external-dns.hostedZoneArn: unknown key "hostedZoneArn" (did you mean "hostedZoneArns"?)',
    ]);
  });

  test("an unknown preset, with the preset it was probably meant to be", () => {
    expect(problemsOf(withPresets(`{ externaldns: { hostedZoneArns: [${ZONE}] } }`))).toEqual([
      'bindings.yaml:11:28: bindings[0].policies.presets.externaldns: unknown key "externaldns" (did you mean "external-dns"?)',
    ]);
  });

  test("App Mesh is refused with what to use instead", () => {
    const [problem, ...rest] = problemsOf(withPresets("{ appmesh-controller: {} }"));
    expect(rest).toEqual([]);
    expect(problem).toMatch(
      /^bindings\.yaml:11:28: bindings\[0\]\.policies\.presets\.appmesh-controller: AWS App Mesh was discontinued on 2026-09-30 .*Amazon VPC Lattice \(preset aws-gateway-controller/,
    );
  });

  test("a preset without a mapping of inputs says what to write", () => {
    expect(problemsOf(withPresets("{ aws-gateway-controller: null, karpenter: null }"))).toEqual([
      "bindings.yaml:11:52: bindings[0].policies.presets.aws-gateway-controller: preset aws-gateway-controller takes a mapping of its inputs (write {} for the defaults) (got nothing (an empty value))",
      "bindings.yaml:11:69: bindings[0].policies.presets.karpenter: preset karpenter takes a mapping of its inputs, with nodeRoleArns at least (got nothing (an empty value))",
    ]);
  });

  test("a preset's statement too long for any policy (a long list of ARNs)", () => {
    const zones = Array.from({ length: 200 }, (_, i) => `arn:aws:route53:::hostedzone/Z${String(i).padStart(20, "0")}`);
    expect(problemsOf(withPresets(`{ external-dns: { hostedZoneArns: [${zones.join(", ")}] } }`))).toEqual([
      expect.stringMatching(
        /^bindings\.yaml:11:28: bindings\[0\]\.policies\.presets\.external-dns: preset external-dns: its statement "ManageRecordsInZones" is \d+ characters without whitespace, more than the 6144 IAM allows in one managed policy: list fewer ARNs/,
      ),
    ]);
  });

  test("each preset policy counts in the managed-policy quota", () => {
    const managed = Array.from({ length: 9 }, (_, i) => `arn:aws:iam::aws:policy/Policy${i}`).join(", ");
    const text = yaml`
      version: 1
      accounts:
        prod: { id: "111122223333", region: eu-west-1 }
      clusters:
        eu: { account: prod, region: eu-west-1 }
      bindings:
        - name: addon
          cluster: eu
          serviceAccounts: [kube-system/addon]
          policies:
            managed: [${managed}]
            presets: { external-dns: { hostedZoneArns: [${ZONE}] }, aws-gateway-controller: {} }
    `;
    expect(problemsOf(text)).toEqual([
      'bindings.yaml:11:7: bindings[0].policies.managed: "addon" attaches 11 managed policies (its statements count as one, each policy of its presets as one: 2); the quota is 10 per role: raise quotas.managedPoliciesPerRole if AWS raised it for you',
    ]);
  });
});

describe("a valid preset in the model", () => {
  const text = withPresets(
    `{ external-dns: { hostedZoneArns: ["${ZONE}"] }, aws-load-balancer-controller: {}, karpenter: { nodeRoleArns: [arn:aws:iam::111122223333:role/node] } }`,
  );
  const result = loadBindings(text, FILE);
  const binding = result.model!.bindings[0];

  test("loads without errors", () => {
    expect(result.problems.filter((p) => p.severity === "error")).toEqual([]);
  });

  test("presets are sorted by name, with their version, inputs and waivers; the binding's statements stay its own", () => {
    expect(binding.presets.map((p) => [p.name, p.version])).toEqual([
      ["aws-load-balancer-controller", "v3.5.0"],
      ["external-dns", "v0.22.0"],
      ["karpenter", "v1.14.1"],
    ]);
    expect(binding.presets[1].inputs).toEqual({ hostedZoneArns: [ZONE] });
    expect(binding.presets[0].waivers.map((w) => w.rule)).toEqual(["IAM007"]);
    expect(binding.statements).toEqual([]);
  });

  test("clusterNames defaults to the EKS names of the binding's clusters, never their keys", () => {
    const text = JSON.stringify(binding.presets[0].statements);
    expect(text).toContain("prod-eu-1");
    expect(text).toContain("prod-us-1");
    expect(text).not.toMatch(/"(eu|us)"/);
  });

  test("each preset is a policy named <role name>-<preset>; one that outgrows 6,144 characters continues in -2", () => {
    expect(presetPolicies(binding).map((p) => [p.name, p.addressParts])).toEqual([
      ["addon-aws-load-balancer-controller", ["aws-load-balancer-controller"]],
      ["addon-external-dns", ["external-dns"]],
      ["addon-karpenter", ["karpenter"]],
      ["addon-karpenter-2", ["karpenter", "2"]],
    ]);
    // Every statement in one of them, in order.
    const karpenter = presetPolicies(binding).filter((p) => p.preset === "karpenter");
    expect(karpenter.flatMap((p) => p.statements)).toEqual(binding.presets[2].statements);
  });
});

test("a preset policy's name fits IAM's 128 characters with the longest role name, preset name and part", () => {
  const longest = Math.max(...presetNames().map((name) => name.length));
  // `<role name>-<preset>-NN`: a preset that needs 99 policies is beyond the quota anyway.
  expect(ROLE_NAME_MAX + 1 + longest + 3).toBeLessThanOrEqual(128);
});
