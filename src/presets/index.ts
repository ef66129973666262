/**
 * The preset registry: every preset by name, the schema of `policies.presets` built from their
 * inputs, the names podiam refuses with a reason, and the one way to compile a preset, which puts
 * its statements in normal form and checks the preset kept its contract.
 */
import { z } from "zod";
import { amazonCloudwatchObservability } from "./amazon-cloudwatch-observability";
import { amazonManagedPrometheus } from "./amazon-managed-prometheus";
import { awsEbsCsiDriver } from "./aws-ebs-csi-driver";
import { awsEfsCsiDriver } from "./aws-efs-csi-driver";
import { awsFsxCsiDriver } from "./aws-fsx-csi-driver";
import { awsFsxOpenzfsCsiDriver } from "./aws-fsx-openzfs-csi-driver";
import { awsGatewayController } from "./aws-gateway-controller";
import { awsLoadBalancerController } from "./aws-load-balancer-controller";
import { awsLoadBalancerControllerTargetGroupBinding } from "./aws-load-balancer-controller-targetgroup-binding";
import { awsMountpointS3CsiDriver } from "./aws-mountpoint-s3-csi-driver";
import { awsNodeTerminationHandler } from "./aws-node-termination-handler";
import { awsPrivatecaIssuer } from "./aws-privateca-issuer";
import { awsVpcCni } from "./aws-vpc-cni";
import { certManager } from "./cert-manager";
import { clusterAutoscaler } from "./cluster-autoscaler";
import { externalDns } from "./external-dns";
import { externalSecrets } from "./external-secrets";
import { karpenter } from "./karpenter";
import { pganalyze } from "./pganalyze";
import type { Preset, PresetContext, PresetStatement } from "./preset";
import { compare, normalize } from "./statements";
import { velero } from "./velero";

export type {
  ArnInputShape,
  Conditions,
  Partition,
  Preset,
  PresetCluster,
  PresetContext,
  PresetStatement,
  StatementShape,
  Waiver,
} from "./preset";

const ALL: readonly Preset[] = [
  amazonCloudwatchObservability,
  amazonManagedPrometheus,
  awsEbsCsiDriver,
  awsEfsCsiDriver,
  awsFsxCsiDriver,
  awsFsxOpenzfsCsiDriver,
  awsGatewayController,
  awsLoadBalancerController,
  awsLoadBalancerControllerTargetGroupBinding,
  awsMountpointS3CsiDriver,
  awsNodeTerminationHandler,
  awsPrivatecaIssuer,
  awsVpcCni,
  certManager,
  clusterAutoscaler,
  externalDns,
  externalSecrets,
  karpenter,
  pganalyze,
  velero,
];

/** Every preset by name, in name order. */
export const PRESETS: Readonly<Record<string, Preset>> = Object.freeze(
  Object.fromEntries([...ALL].sort((a, b) => compare(a.name, b.name)).map((preset) => [preset.name, preset])),
);

/** The preset names, sorted. */
export function presetNames(): string[] {
  return Object.keys(PRESETS);
}

export function presetByName(name: string): Preset | undefined {
  return Object.prototype.hasOwnProperty.call(PRESETS, name) ? PRESETS[name] : undefined;
}

const APP_MESH_GONE =
  "AWS App Mesh was discontinued on 2026-09-30 (closed to new customers since 2024-09-24): podiam has no preset for it. " +
  "Move to Amazon VPC Lattice (preset aws-gateway-controller, the AWS Gateway API Controller) or Amazon ECS Service Connect, " +
  "or to a mesh that needs no AWS permissions such as Istio or Linkerd, and remove";

/** Names podiam refuses, with the message to show (and what to use instead). */
export const REFUSED_PRESETS: Readonly<Record<string, string>> = Object.freeze({
  "appmesh-controller": `${APP_MESH_GONE} appmesh-controller`,
  "appmesh-envoy-proxy": `${APP_MESH_GONE} appmesh-envoy-proxy (Envoy sidecars of another mesh get their own ServiceAccount's permissions)`,
});

/**
 * The schema of `policies.presets`: a strict object with every preset's inputs, each optional, and
 * the refused names, which fail with their message. An unknown name lists the known ones.
 */
export function presetsSchema() {
  const shape: Record<string, z.ZodType> = {};
  for (const preset of Object.values(PRESETS)) {
    shape[preset.name] = preset.inputs.optional().meta({
      description: `${preset.description} Follows ${preset.upstream}.`,
      examples: (z.globalRegistry.get(preset.inputs)?.examples as unknown[] | undefined) ?? [{}],
    });
  }
  for (const [name, message] of Object.entries(REFUSED_PRESETS)) {
    shape[name] = z
      .never({ error: message })
      .optional()
      .meta({ description: `Refused. ${message}.`, examples: [{}] });
  }
  return z
    .strictObject(shape, {
      error: (issue) =>
        issue.code === "unrecognized_keys"
          ? `unknown preset${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => JSON.stringify(k)).join(", ")}; the presets are ${presetNames().join(", ")}`
          : issue.code === "invalid_type"
            ? "policies.presets is a mapping of preset names to their inputs"
            : undefined,
    })
    .meta({
      description:
        "Well-known add-on policies by name, each with its inputs, compiled into a policy of its own per preset.",
      examples: [{ "external-dns": { hostedZoneArns: ["arn:aws:route53:::hostedzone/Z0123456789ABCDEFGHIJ"] } }],
    });
}

/**
 * A preset's statements for already validated inputs (the output of its `inputs` schema), in
 * normal form: actions, resources and condition values sorted and unique. Throws on an unknown
 * name, and when a preset breaks its own contract (a bug, not a user error).
 */
export function compilePreset(name: string, inputs: unknown, context: PresetContext): PresetStatement[] {
  const preset = presetByName(name);
  if (!preset) throw new Error(`no preset named ${name}`);
  return normalize(name, preset.statements(inputs, context));
}

/** Validates raw inputs (as written in bindings.yaml) and compiles them. */
export function parseAndCompilePreset(
  name: string,
  rawInputs: unknown,
  context: PresetContext,
):
  | { readonly ok: true; readonly statements: PresetStatement[] }
  | { readonly ok: false; readonly issues: readonly z.core.$ZodIssue[] } {
  const preset = presetByName(name);
  if (!preset) throw new Error(`no preset named ${name}`);
  const parsed = preset.inputs.safeParse(rawInputs);
  if (!parsed.success) return { ok: false, issues: parsed.error.issues };
  return { ok: true, statements: compilePreset(name, parsed.data, context) };
}

export interface ArnInputFinding {
  /** The input, and the index in it for a list. */
  readonly path: readonly (string | number)[];
  readonly arn: string;
  readonly kind: "every-resource" | "other-partition";
  readonly message: string;
}

/**
 * ARN inputs a lint should warn about: those that cover every resource of their type
 * (`hostedzone/*`, `*`), and those in another partition than the binding's.
 */
export function presetArnFindings(name: string, inputs: unknown, context: PresetContext): ArnInputFinding[] {
  const preset = presetByName(name);
  if (!preset?.arnInputs || inputs === null || typeof inputs !== "object") return [];
  const findings: ArnInputFinding[] = [];
  for (const [field, shape] of Object.entries(preset.arnInputs)) {
    const value = (inputs as Record<string, unknown>)[field];
    const list = typeof value === "string" ? [value] : Array.isArray(value) ? value : [];
    list.forEach((arn: unknown, index) => {
      if (typeof arn !== "string") return;
      const path = typeof value === "string" ? [field] : [field, index];
      if (shape.coversEveryResource(arn)) {
        findings.push({
          path,
          arn,
          kind: "every-resource",
          message: `preset ${name}: ${field} ${JSON.stringify(arn)} covers every resource of its type; fix: list the ones ${name} needs (${shape.shape})`,
        });
      }
      const partition = arn.startsWith("arn:") ? arn.split(":")[1] : undefined;
      if (partition !== undefined && partition !== context.partition) {
        findings.push({
          path,
          arn,
          kind: "other-partition",
          message: `preset ${name}: ${field} ${JSON.stringify(arn)} is in partition ${partition}, the role is in ${context.partition}: it never matches; fix: use the ARN of the role's partition`,
        });
      }
    });
  }
  return findings;
}

/**
 * The statements, in order, in as few consecutive groups as keep each group's policy within
 * `maxLength` (IAM's 6,144 characters for a managed policy): the load balancer controller with
 * three clusters, or Karpenter with two, outgrow one policy, as Karpenter's own CloudFormation
 * splits its policy in six. `lengthOf` measures a group as the policy it renders to.
 */
export function packStatements<T>(
  statements: readonly T[],
  lengthOf: (group: readonly T[]) => number,
  maxLength: number,
): T[][] {
  const groups: T[][] = [];
  let current: T[] = [];
  for (const statement of statements) {
    if (current.length > 0 && lengthOf([...current, statement]) > maxLength) {
      groups.push(current);
      current = [];
    }
    if (lengthOf([statement]) > maxLength) throw new Error(`a statement alone is longer than ${maxLength} characters`);
    current.push(statement);
  }
  if (current.length > 0) groups.push(current);
  return groups;
}
