/**
 * The input schemas: a missing required input, an ARN of the wrong service or resource type, an
 * unknown input and a refused preset are refused with a message in plain English that names the
 * field; all three partitions and every-resource wildcards are accepted; every field documents
 * itself for editors (description, examples, and its default when it has one).
 */
import { z } from "zod";
import {
  presetArnFindings,
  presetNames,
  PRESETS,
  presetsSchema,
  REFUSED_PRESETS,
  parseAndCompilePreset,
} from "../../src/presets";
import { arns, configs, CONTEXT, contextFor } from "./fixtures";

function issuesOf(name: string, raw: unknown): { path: string; message: string }[] {
  const result = PRESETS[name].inputs.safeParse(raw);
  return result.success ? [] : result.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
}

/** Presets with a required input, and that input. */
const REQUIRED: [string, string][] = [
  ["aws-load-balancer-controller-targetgroup-binding", "targetGroupArns"],
  ["external-dns", "hostedZoneArns"],
  ["cert-manager", "hostedZoneArns"],
  ["karpenter", "nodeRoleArns"],
  ["aws-mountpoint-s3-csi-driver", "bucketArns"],
  ["velero", "bucketArns"],
  ["aws-node-termination-handler", "queueArns"],
  ["aws-privateca-issuer", "certificateAuthorityArns"],
  ["amazon-managed-prometheus", "workspaceArns"],
];

describe("a required input", () => {
  test.each(REQUIRED)("%s without %s is refused, naming the preset and the input", (name, field) => {
    const raw = { ...configs()[name].required };
    delete raw[field];
    const issues = issuesOf(name, raw);
    expect(issues).toHaveLength(1);
    expect(issues[0].path).toBe(field);
    expect(issues[0].message).toContain(`${name} needs ${field}`);
    expect(issues[0].message).toMatch(/arn:aws:/);
  });

  test.each(REQUIRED)("%s with an empty %s is refused: no silent *, no empty statement", (name, field) => {
    const issues = issuesOf(name, { ...configs()[name].required, [field]: [] });
    expect(issues).toEqual([{ path: field, message: expect.stringContaining(`${field} must list at least one ARN`) }]);
  });

  test("external-secrets needs secretsManagerArns or ssmParameterArns", () => {
    expect(issuesOf("external-secrets", {})).toEqual([
      {
        path: "secretsManagerArns",
        message: "external-secrets needs secretsManagerArns or ssmParameterArns (or both): the secrets it may read",
      },
    ]);
    expect(issuesOf("external-secrets", { ssmParameterArns: [arns().parameter] })).toEqual([]);
    expect(issuesOf("external-secrets", { kmsKeyArns: [arns().key], pushSecrets: true })).toHaveLength(1);
  });

  test("presets without required inputs take {}", () => {
    for (const name of presetNames()) {
      if (REQUIRED.some(([n]) => n === name) || name === "external-secrets") expect(issuesOf(name, {})).not.toEqual([]);
      else expect(issuesOf(name, {})).toEqual([]);
    }
  });
});

describe("an ARN of the wrong service or resource type", () => {
  const a = arns();
  const WRONG: [string, string, string, string][] = [
    ["external-dns", "hostedZoneArns", a.bucket, "arn:aws:route53:::hostedzone/ID"],
    ["external-dns", "hostedZoneArns", "arn:aws:route53:::change/C123", "arn:aws:route53:::hostedzone/ID"],
    ["cert-manager", "hostedZoneArns", "Z0123456789ABCDEFGHIJ", "arn:aws:route53:::hostedzone/ID"],
    [
      "aws-load-balancer-controller-targetgroup-binding",
      "targetGroupArns",
      "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/0123456789abcdef",
      "targetgroup/NAME/ID",
    ],
    ["karpenter", "nodeRoleArns", "arn:aws:iam::111122223333:instance-profile/node", "arn:aws:iam::ACCOUNT:role/NAME"],
    ["aws-mountpoint-s3-csi-driver", "bucketArns", a.objects, "arn:aws:s3:::BUCKET"],
    ["velero", "bucketArns", "acme-data", "arn:aws:s3:::BUCKET"],
    ["velero", "kmsKeyArns", "arn:aws:kms:eu-west-1:111122223333:alias/backups", "key/KEY-ID"],
    [
      "aws-node-termination-handler",
      "queueArns",
      "https://sqs.eu-west-1.amazonaws.com/111122223333/q",
      "arn:aws:sqs:REGION:ACCOUNT:QUEUE",
    ],
    ["aws-privateca-issuer", "certificateAuthorityArns", a.key, "certificate-authority/ID"],
    ["amazon-managed-prometheus", "workspaceArns", "ws-12345678", "workspace/ws-ID"],
    ["external-secrets", "secretsManagerArns", a.parameter, "secret:NAME"],
    ["external-secrets", "ssmParameterArns", a.secret, "parameter/NAME"],
    [
      "aws-fsx-csi-driver",
      "serviceRoleArns",
      "arn:aws:iam::111122223333:role/admin",
      "aws-service-role/s3.data-source.lustre.fsx.amazonaws.com/",
    ],
    [
      "aws-efs-csi-driver",
      "fileSystemArns",
      "arn:aws:fsx:eu-west-1:111122223333:file-system/fs-0123",
      "elasticfilesystem",
    ],
    [
      "cluster-autoscaler",
      "autoScalingGroupArns",
      "arn:aws:autoscaling:eu-west-1:111122223333:launchConfiguration:*",
      "autoScalingGroupName/NAME",
    ],
    ["aws-ebs-csi-driver", "kmsKeyArns", "arn:aws:kms:eu-west-1:111122223333:key", "key/KEY-ID"],
    ["aws-mountpoint-s3-csi-driver", "directoryBucketArns", a.bucket, "s3express"],
  ];

  test.each(WRONG)("%s: %s = %s is refused, naming the field and the expected shape", (name, field, arn, expected) => {
    const base = { ...configs()[name].required };
    const raw = { ...base, [field]: [arn] };
    const issues = issuesOf(name, raw);
    expect(issues).toEqual([
      { path: `${field}.0`, message: expect.stringContaining(`${JSON.stringify(arn)} in ${field} is not`) },
    ]);
    expect(issues[0].message).toContain(expected);
  });

  test("a single ARN input (karpenter interruptionQueueArn) is checked the same way", () => {
    const issues = issuesOf("karpenter", { nodeRoleArns: [a.nodeRole], interruptionQueueArn: a.bucket });
    expect(issues).toEqual([
      { path: "interruptionQueueArn", message: expect.stringContaining("is not an SQS queue ARN") },
    ]);
  });

  test("a non-string is refused with the shape too", () => {
    expect(issuesOf("external-dns", { hostedZoneArns: [42] })).toEqual([
      { path: "hostedZoneArns.0", message: "hostedZoneArns lists ARNs, as strings (arn:aws:route53:::hostedzone/ID)" },
    ]);
    expect(issuesOf("external-dns", { hostedZoneArns: "arn:aws:route53:::hostedzone/Z1" })).toEqual([
      { path: "hostedZoneArns", message: "hostedZoneArns must be a list of ARNs (arn:aws:route53:::hostedzone/ID)" },
    ]);
  });
});

describe("what is accepted", () => {
  test.each(["aws", "aws-cn", "aws-us-gov"] as const)("every fixture parses and compiles in %s", (partition) => {
    for (const name of presetNames()) {
      const c = configs(partition)[name];
      for (const raw of [c.required, c.full, ...c.variants]) {
        const result = parseAndCompilePreset(name, raw, contextFor(partition));
        expect({ name, ok: result.ok }).toEqual({ name, ok: true });
      }
    }
  });

  test("ARNs that cover every resource of their type are accepted, and reported for the lint", () => {
    const raw = { hostedZoneArns: ["arn:aws:route53:::hostedzone/*", "*", arns().zone] };
    expect(issuesOf("external-dns", raw)).toEqual([]);
    const findings = presetArnFindings("external-dns", raw, CONTEXT);
    expect(findings.map((f) => [f.path, f.kind])).toEqual([
      [["hostedZoneArns", 0], "every-resource"],
      [["hostedZoneArns", 1], "every-resource"],
    ]);
    expect(findings[0].message).toContain("preset external-dns");
    expect(presetArnFindings("velero", { bucketArns: ["arn:aws:s3:::*"] }, CONTEXT).map((f) => f.kind)).toEqual([
      "every-resource",
    ]);
    expect(presetArnFindings("velero", { bucketArns: ["arn:aws:s3:::acme-*"] }, CONTEXT)).toEqual([]);
    expect(
      presetArnFindings(
        "karpenter",
        { nodeRoleArns: [arns().nodeRole], interruptionQueueArn: "arn:aws:sqs:eu-west-1:111122223333:*" },
        CONTEXT,
      ),
    ).toEqual([expect.objectContaining({ path: ["interruptionQueueArn"], kind: "every-resource" })]);
  });

  test("an ARN of another partition than the binding's is reported for the lint", () => {
    const findings = presetArnFindings("external-dns", { hostedZoneArns: [arns("aws").zone] }, contextFor("aws-cn"));
    expect(findings).toEqual([expect.objectContaining({ kind: "other-partition", path: ["hostedZoneArns", 0] })]);
  });

  test("clusterNames are EKS names, at least one", () => {
    expect(issuesOf("aws-load-balancer-controller", { clusterNames: [] })).toEqual([
      { path: "clusterNames", message: expect.stringContaining("at least one") },
    ]);
    expect(issuesOf("aws-load-balancer-controller", { clusterNames: ["bad name"] })).toEqual([
      { path: "clusterNames.0", message: expect.stringContaining("is not an EKS cluster name") },
    ]);
  });

  test("contradictory options are refused with what to do", () => {
    expect(issuesOf("aws-ebs-csi-driver", { scope: "account", clusterNames: ["prod-eu-1"] })).toEqual([
      { path: "clusterNames", message: expect.stringContaining("scope: account") },
    ]);
    expect(
      issuesOf("aws-load-balancer-controller-targetgroup-binding", {
        targetGroupArns: [arns().targetGroup],
        securityGroupArns: [arns().securityGroup],
      }),
    ).toEqual([{ path: "securityGroupArns", message: expect.stringContaining("manageSecurityGroupRules: true") }]);
    expect(
      issuesOf("cluster-autoscaler", {
        autoScalingGroupArns: [arns().asg],
        asgClusterTag: "kubernetes.io/cluster/<cluster>",
      }),
    ).toEqual([{ path: "asgClusterTag", message: expect.stringContaining("one or the other") }]);
  });

  test("an enum or boolean of the wrong kind says what it takes", () => {
    expect(issuesOf("aws-vpc-cni", { ipFamily: "v6" })).toEqual([
      { path: "ipFamily", message: "must be one of: ipv4, ipv6, dual" },
    ]);
    expect(issuesOf("velero", { bucketArns: [arns().bucket], snapshots: "yes" })).toEqual([
      { path: "snapshots", message: "must be true or false" },
    ]);
  });
});

describe("unknown inputs and presets", () => {
  test("an unknown input is refused, naming it, the preset and its inputs", () => {
    expect(issuesOf("external-dns", { hostedZoneArns: [arns().zone], zoneArns: [] })).toEqual([
      { path: "", message: 'unknown input "zoneArns" for preset external-dns; its inputs are hostedZoneArns' },
    ]);
    expect(issuesOf("aws-gateway-controller", { clusterNames: ["x"] })).toEqual([
      { path: "", message: 'unknown input "clusterNames" for preset aws-gateway-controller; it takes no inputs' },
    ]);
  });

  test("a preset's value must be a mapping", () => {
    expect(issuesOf("aws-vpc-cni", null)).toEqual([
      { path: "", message: "preset aws-vpc-cni takes a mapping of its inputs (write {} for the defaults)" },
    ]);
  });

  test("policies.presets refuses an unknown preset, listing the known ones", () => {
    const result = presetsSchema().safeParse({ "external-dn": {} });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0].message).toMatch(
      /^unknown preset "external-dn"; the presets are amazon-cloudwatch-observability, .*, velero$/,
    );
  });

  test("App Mesh is refused with the reason and what to use instead", () => {
    expect(Object.keys(REFUSED_PRESETS).sort()).toEqual(["appmesh-controller", "appmesh-envoy-proxy"]);
    for (const [name, message] of Object.entries(REFUSED_PRESETS)) {
      expect(message).toContain("AWS App Mesh was discontinued on 2026-09-30");
      expect(message).toContain("VPC Lattice");
      for (const value of [{}, null, { anything: true }]) {
        const result = presetsSchema().safeParse({ [name]: value });
        expect(result.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([[name, message]]);
      }
    }
  });

  test("policies.presets takes every preset with its inputs at once, and parses them", () => {
    const all = Object.fromEntries(presetNames().map((name) => [name, configs()[name].full]));
    const result = presetsSchema().safeParse(all);
    expect(result.success).toBe(true);
    expect(Object.keys(result.data!)).toEqual(presetNames());
    expect(presetsSchema().safeParse({}).success).toBe(true);
  });
});

describe("the JSON Schema editors see", () => {
  const schema = z.toJSONSchema(presetsSchema(), { io: "input" }) as {
    properties: Record<string, Record<string, unknown>>;
  };

  test("every preset, every input and the refused names carry a description and examples", () => {
    const missing: string[] = [];
    const visit = (node: Record<string, unknown>, path: string) => {
      for (const [key, child] of Object.entries((node.properties ?? {}) as Record<string, Record<string, unknown>>)) {
        if (!child.description) missing.push(`${path}.${key}: description`);
        if (!Array.isArray(child.examples) || child.examples.length === 0) missing.push(`${path}.${key}: examples`);
        visit(child, `${path}.${key}`);
      }
    };
    visit(schema as unknown as Record<string, unknown>, "presets");
    expect(missing).toEqual([]);
    expect(Object.keys(schema.properties).sort()).toEqual([...presetNames(), ...Object.keys(REFUSED_PRESETS)].sort());
  });

  test("booleans and choices document their default", () => {
    const undocumented: string[] = [];
    for (const [name, preset] of Object.entries(schema.properties)) {
      for (const [field, child] of Object.entries(
        (preset.properties ?? {}) as Record<string, Record<string, unknown>>,
      )) {
        if ((child.type === "boolean" || Array.isArray(child.enum)) && !("default" in child))
          undocumented.push(`${name}.${field}`);
      }
    }
    expect(undocumented).toEqual([]);
  });

  test("required inputs are required in the JSON Schema too", () => {
    for (const [name, field] of REQUIRED) expect(schema.properties[name].required).toEqual([field]);
  });

  test("every example in the schemas parses", () => {
    for (const name of presetNames()) {
      const examples = (schema.properties[name].examples ?? []) as unknown[];
      expect(examples.length).toBeGreaterThan(0);
      for (const example of examples) expect({ name, issues: issuesOf(name, example) }).toEqual({ name, issues: [] });
    }
  });
});
