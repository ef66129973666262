/**
 * A preset: the IAM statements a well-known EKS add-on needs, as a pure function of its inputs and
 * of the binding it is used in. Presets follow one upstream policy each (named and versioned), keep
 * every action of it, and scope what upstream leaves open to what the inputs name and, where the
 * add-on tags what it creates, to the binding's own clusters.
 *
 * Nothing here imports the bindings model: a preset sees only its inputs and a small context, so it
 * can be tested, simulated and documented on its own. The statement shape is the model's, field for
 * field, so the loader can use a preset's output as it uses a binding's own statements.
 */
import type { z } from "zod";

export type Partition = "aws" | "aws-cn" | "aws-us-gov";

export type ConditionValue = string | number | boolean;

/** operator -> condition key -> value or values, as in the model. */
export type Conditions = Readonly<Record<string, Readonly<Record<string, ConditionValue | readonly ConditionValue[]>>>>;

/** The model's statement shape (src/bindings/model.ts `Statement`), restated here to keep presets independent. */
export interface StatementShape {
  readonly sid?: string;
  readonly effect: "Allow" | "Deny";
  readonly actions?: readonly string[];
  readonly notActions?: readonly string[];
  readonly resources?: readonly string[];
  readonly notResources?: readonly string[];
  readonly conditions?: Conditions;
}

/**
 * What a preset emits: a statement of the model's shape that always has a Sid (letters and digits,
 * unique in the preset), at least one action and at least one resource, and never NotAction or
 * NotResource.
 */
export interface PresetStatement extends StatementShape {
  readonly sid: string;
  readonly effect: "Allow";
  readonly actions: readonly string[];
  readonly resources: readonly string[];
}

export interface PresetCluster {
  /** The cluster's key in bindings.yaml (for messages only: presets scope by `name`). */
  readonly key: string;
  /** The EKS cluster name: what add-ons write into their tags. */
  readonly name: string;
  readonly region: string;
  readonly accountId: string;
}

/** What a preset may know of the binding it is used in. */
export interface PresetContext {
  readonly partition: Partition;
  /** The account the role lives in: its API calls go there. */
  readonly accountId: string;
  /** The region of the role's account (where a cluster-less regional resource is assumed to live). */
  readonly region: string;
  /** The binding's clusters, sorted by key. */
  readonly clusters: readonly PresetCluster[];
}

/** Which ARN shape an ARN input takes: used to tell a later lint which inputs cover every resource of their type. */
export interface ArnInputShape {
  /** "a Route 53 hosted zone ARN" */
  readonly what: string;
  /** "arn:aws:route53:::hostedzone/ID" */
  readonly shape: string;
  /** Whether an accepted ARN of this shape names every resource of its type (`hostedzone/*`, `*`). */
  coversEveryResource(arn: string): boolean;
}

export interface Waiver {
  /** A lint rule id (IAM007, ...). */
  readonly rule: string;
  /** Why the finding is deliberate in this preset; shown in `explain`. */
  readonly reason: string;
}

export interface Preset<I = unknown> {
  /** The name under `policies.presets`, e.g. `external-dns`. */
  readonly name: string;
  /** The upstream version the statements follow, e.g. `v3.5.0`. */
  readonly version: string;
  /** Where the policy comes from: repository, file, tag or commit. */
  readonly upstream: string;
  /** One paragraph: what it grants, how it is scoped, what the add-on must be configured with. */
  readonly description: string;
  /** The ServiceAccount the Helm chart (or the add-on's docs) creates by default. */
  readonly defaultServiceAccount?: { readonly namespace: string; readonly name: string };
  /** A zod strictObject: every field with `.meta({ description, examples })`, required inputs required. */
  readonly inputs: z.ZodType<I>;
  /** The ARN inputs by field name, with their shape. */
  readonly arnInputs?: Readonly<Record<string, ArnInputShape>>;
  /**
   * Pure: the same inputs and context give the same statements, in the same order. Inputs are the
   * schema's output (already validated); defaults that depend on the context (clusterNames) are
   * resolved here.
   */
  statements(inputs: I, context: PresetContext): PresetStatement[];
  /** Built-in lint waivers for the grants the add-on cannot do without, each with its reason. */
  readonly waivers?: readonly Waiver[];
  /**
   * Actions that terraform-aws-modules (iam-role-for-service-accounts v6, eks-pod-identity) or
   * eksctl grant on `*` or without any condition, and that this preset scopes. For the docs.
   */
  readonly scopedBeyondAnchors?: readonly string[];
}
