/**
 * The building blocks of preset input schemas: ARN lists that refuse an ARN of the wrong service or
 * resource type (naming the shape they expect), the cluster-name list, flags and choices. Every
 * field carries `.meta({ description, examples })`, and defaults are documented in `.meta` and
 * applied by the preset, as in the bindings schema.
 *
 * Wildcards are accepted where IAM accepts them (`hostedzone/*`, `secret:dev-*`, a bare `*`): an
 * input that covers every resource of its type is legal, and left to the lint to warn about.
 */
import { z } from "zod";
import type { ArnInputShape } from "./preset";

const PARTITION = "(?:aws|aws-cn|aws-us-gov)";
const REGION = "(?:[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-[0-9]|\\*)";
const ACCOUNT = "(?:[0-9]{12}|\\*)";

interface ArnShapeSpec {
  readonly what: string;
  /** As shown in messages, in the aws partition. */
  readonly shape: string;
  /** The whole ARN, partition to resource id, as a regexp source (anchored here). */
  readonly pattern: string;
  /** The resource id part that, alone, names every resource of the type (anchored here). */
  readonly everyResource: string;
}

export interface ArnShape extends ArnInputShape {
  accepts(arn: string): boolean;
}

function arnShape(spec: ArnShapeSpec): ArnShape {
  const whole = new RegExp(`^${spec.pattern}$`);
  const every = new RegExp(`^${spec.everyResource}$`);
  return {
    what: spec.what,
    shape: spec.shape,
    accepts: (arn) => arn === "*" || whole.test(arn),
    coversEveryResource: (arn) => arn === "*" || every.test(arn),
  };
}

const arnPrefix = (service: string, region: string, account: string) =>
  `arn:${PARTITION}:${service}:${region}:${account}:`;

export const HOSTED_ZONE = arnShape({
  what: "a Route 53 hosted zone ARN",
  shape: "arn:aws:route53:::hostedzone/ID",
  pattern: `${arnPrefix("route53", "", "")}hostedzone/(?:[A-Z0-9]+|\\*)`,
  everyResource: `${arnPrefix("route53", "", "")}hostedzone/\\*`,
});

export const TARGET_GROUP = arnShape({
  what: "an Elastic Load Balancing target group ARN",
  shape: "arn:aws:elasticloadbalancing:REGION:ACCOUNT:targetgroup/NAME/ID",
  pattern: `${arnPrefix("elasticloadbalancing", REGION, ACCOUNT)}targetgroup/[A-Za-z0-9*-]+/[0-9a-f*]+`,
  everyResource: `${arnPrefix("elasticloadbalancing", REGION, ACCOUNT)}targetgroup/\\*/\\*`,
});

export const SECURITY_GROUP = arnShape({
  what: "an EC2 security group ARN",
  shape: "arn:aws:ec2:REGION:ACCOUNT:security-group/sg-ID",
  pattern: `${arnPrefix("ec2", REGION, ACCOUNT)}security-group/(?:sg-[0-9a-f]+|\\*)`,
  everyResource: `${arnPrefix("ec2", REGION, ACCOUNT)}security-group/\\*`,
});

export const AUTO_SCALING_GROUP = arnShape({
  what: "an Auto Scaling group ARN",
  shape: "arn:aws:autoscaling:REGION:ACCOUNT:autoScalingGroup:UUID:autoScalingGroupName/NAME",
  pattern: `${arnPrefix("autoscaling", REGION, ACCOUNT)}autoScalingGroup:[0-9a-f*-]+:autoScalingGroupName/[\\x21-\\x7e]+`,
  everyResource: `${arnPrefix("autoscaling", REGION, ACCOUNT)}autoScalingGroup:\\*:autoScalingGroupName/\\*`,
});

export const IAM_ROLE = arnShape({
  what: "an IAM role ARN",
  shape: "arn:aws:iam::ACCOUNT:role/NAME",
  pattern: `${arnPrefix("iam", "", ACCOUNT)}role/[\\x21-\\x7e]+`,
  everyResource: `${arnPrefix("iam", "", ACCOUNT)}role/\\*`,
});

/** The service-linked roles of one AWS service: `role/aws-service-role/<service principal>/...`. */
export function serviceLinkedRole(servicePrincipal: string): ArnShape {
  const principal = servicePrincipal.replace(/\./g, "\\.");
  return arnShape({
    what: `a service-linked role ARN of ${servicePrincipal}`,
    shape: `arn:aws:iam::ACCOUNT:role/aws-service-role/${servicePrincipal}/NAME`,
    pattern: `${arnPrefix("iam", "", ACCOUNT)}role/aws-service-role/${principal}/[\\w+=,.@*-]+`,
    everyResource: `${arnPrefix("iam", "", ACCOUNT)}role/aws-service-role/${principal}/\\*`,
  });
}

export const SQS_QUEUE = arnShape({
  what: "an SQS queue ARN",
  shape: "arn:aws:sqs:REGION:ACCOUNT:QUEUE",
  pattern: `${arnPrefix("sqs", REGION, ACCOUNT)}[A-Za-z0-9_*-]+(?:\\.fifo)?`,
  everyResource: `${arnPrefix("sqs", REGION, ACCOUNT)}\\*`,
});

export const KMS_KEY = arnShape({
  what: "a KMS key ARN",
  shape: "arn:aws:kms:REGION:ACCOUNT:key/KEY-ID",
  pattern: `${arnPrefix("kms", REGION, ACCOUNT)}key/[A-Za-z0-9*-]+`,
  everyResource: `${arnPrefix("kms", REGION, ACCOUNT)}key/\\*`,
});

export const EFS_FILE_SYSTEM = arnShape({
  what: "an EFS file system ARN",
  shape: "arn:aws:elasticfilesystem:REGION:ACCOUNT:file-system/fs-ID",
  pattern: `${arnPrefix("elasticfilesystem", REGION, ACCOUNT)}file-system/(?:fs-[0-9a-f]+|\\*)`,
  everyResource: `${arnPrefix("elasticfilesystem", REGION, ACCOUNT)}file-system/\\*`,
});

const BUCKET_NAME = "[a-z0-9*][a-z0-9.*-]*";

export const S3_BUCKET = arnShape({
  what: "an S3 bucket ARN",
  shape: "arn:aws:s3:::BUCKET",
  pattern: `${arnPrefix("s3", "", "")}${BUCKET_NAME}`,
  everyResource: `${arnPrefix("s3", "", "")}\\*`,
});

export const S3_OBJECTS = arnShape({
  what: "an S3 object ARN",
  shape: "arn:aws:s3:::BUCKET/KEY (a prefix: arn:aws:s3:::BUCKET/prefix/*)",
  pattern: `${arnPrefix("s3", "", "")}${BUCKET_NAME}/[\\x20-\\x7e]*`,
  everyResource: `${arnPrefix("s3", "", "")}\\*/\\*`,
});

export const S3_DIRECTORY_BUCKET = arnShape({
  what: "an S3 directory bucket ARN",
  shape: "arn:aws:s3express:REGION:ACCOUNT:bucket/NAME--AZ-ID--x-s3",
  pattern: `${arnPrefix("s3express", REGION, ACCOUNT)}bucket/${BUCKET_NAME}`,
  everyResource: `${arnPrefix("s3express", REGION, ACCOUNT)}bucket/\\*`,
});

export const SECRET = arnShape({
  what: "a Secrets Manager secret ARN",
  shape: "arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME",
  pattern: `${arnPrefix("secretsmanager", REGION, ACCOUNT)}secret:[\\w/+=.@*-]+`,
  everyResource: `${arnPrefix("secretsmanager", REGION, ACCOUNT)}secret:\\*`,
});

export const SSM_PARAMETER = arnShape({
  what: "an SSM parameter ARN",
  shape: "arn:aws:ssm:REGION:ACCOUNT:parameter/NAME",
  pattern: `${arnPrefix("ssm", REGION, ACCOUNT)}parameter/[\\w/.*-]+`,
  everyResource: `${arnPrefix("ssm", REGION, ACCOUNT)}parameter/\\*`,
});

export const PRIVATE_CA = arnShape({
  what: "an AWS Private CA certificate authority ARN",
  shape: "arn:aws:acm-pca:REGION:ACCOUNT:certificate-authority/ID",
  pattern: `${arnPrefix("acm-pca", REGION, ACCOUNT)}certificate-authority/(?:[0-9a-f-]+|\\*)`,
  everyResource: `${arnPrefix("acm-pca", REGION, ACCOUNT)}certificate-authority/\\*`,
});

export const PROMETHEUS_WORKSPACE = arnShape({
  what: "an Amazon Managed Service for Prometheus workspace ARN",
  shape: "arn:aws:aps:REGION:ACCOUNT:workspace/ws-ID",
  pattern: `${arnPrefix("aps", REGION, ACCOUNT)}workspace/(?:ws-[A-Za-z0-9-]+|\\*)`,
  everyResource: `${arnPrefix("aps", REGION, ACCOUNT)}workspace/\\*`,
});

// ---- Schemas ----------------------------------------------------------------------------------

export interface ArnListOptions {
  /** The preset, for the message of a missing required input. */
  readonly preset: string;
  /** The input's name, for messages. */
  readonly field: string;
  readonly shape: ArnShape;
  /** What the ARNs are for, as a sentence fragment: "the hosted zones whose records external-dns may change". */
  readonly purpose: string;
  readonly example: string;
  /** Extra sentence for the description (what happens when the input is absent, a caveat). */
  readonly note?: string;
}

function arnItem(field: string, shape: ArnShape) {
  return z
    .string({ error: `${field} lists ARNs, as strings (${shape.shape})` })
    .refine((value) => shape.accepts(value), {
      error: (issue) =>
        `${JSON.stringify(issue.input)} in ${field} is not ${shape.what}; expected ${shape.shape} (in any partition)`,
    });
}

function arnListBase(options: ArnListOptions) {
  const { preset, field, shape, purpose } = options;
  return z
    .array(arnItem(field, shape), {
      error: (issue) =>
        issue.input === undefined
          ? `${preset} needs ${field}: ${purpose}, as ${shape.shape}`
          : `${field} must be a list of ARNs (${shape.shape})`,
    })
    .min(1, { error: `${field} must list at least one ARN (${shape.shape}): ${purpose}` });
}

function describe(options: ArnListOptions): string {
  const sentence = options.purpose.charAt(0).toUpperCase() + options.purpose.slice(1);
  return `${sentence}, as ${options.shape.shape}.${options.note ? ` ${options.note}` : ""}`;
}

/** A required list of ARNs of one shape. */
export function requiredArns(options: ArnListOptions) {
  return arnListBase(options).meta({ description: describe(options), examples: [[options.example]] });
}

/** An optional list of ARNs of one shape. */
export function optionalArns(options: ArnListOptions & { readonly default?: string }) {
  return arnListBase(options)
    .optional()
    .meta({
      description: describe(options),
      examples: [[options.example]],
      ...(options.default ? { default: options.default } : {}),
    });
}

/** One optional ARN. */
export function optionalArn(options: ArnListOptions) {
  return arnItem(options.field, options.shape)
    .optional()
    .meta({ description: describe(options), examples: [options.example] });
}

const EKS_CLUSTER_NAME = /^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/;

export const CLUSTER_NAMES_DEFAULT = "the EKS names of the binding's clusters";

/** `clusterNames`: the EKS names (not the bindings.yaml keys) the add-on writes into its tags. */
export function clusterNamesInput(preset: string, scopes: string) {
  return z
    .array(
      z
        .string({ error: "clusterNames lists EKS cluster names, as strings" })
        .regex(EKS_CLUSTER_NAME, { error: "is not an EKS cluster name (1-100 of letters, digits, '-' and '_')" }),
      { error: "clusterNames must be a list of EKS cluster names" },
    )
    .min(1, {
      error: `clusterNames must list at least one EKS cluster name; leave it out for ${CLUSTER_NAMES_DEFAULT}`,
    })
    .optional()
    .meta({
      description: `EKS cluster names (as ${preset} is configured with, not bindings.yaml keys) ${scopes}.`,
      default: CLUSTER_NAMES_DEFAULT,
      examples: [["prod-eu-1"]],
    });
}

/** An optional boolean with its documented default. */
export function flag(description: string, defaultValue: boolean) {
  return z
    .boolean({ error: "must be true or false" })
    .optional()
    .meta({ description, default: defaultValue, examples: [!defaultValue] });
}

/** An optional choice among fixed values, with its documented default. */
export function choice<const T extends readonly [string, ...string[]]>(
  values: T,
  description: string,
  defaultValue: T[number],
  example: T[number],
) {
  return z
    .enum(values, { error: `must be one of: ${values.join(", ")}` })
    .optional()
    .meta({ description, default: defaultValue, examples: [example] });
}

/**
 * A preset's inputs: a strict object whose unknown keys are named with the preset and its inputs,
 * and whose non-mapping value says to write `{}` for the defaults.
 */
export function presetInputs<Shape extends z.core.$ZodLooseShape>(preset: string, shape: Shape) {
  const names = Object.keys(shape);
  const known = names.length > 0 ? `its inputs are ${names.join(", ")}` : "it takes no inputs";
  const required = names.filter((name) => !(shape[name] as z.ZodType).safeParse(undefined).success);
  const mapping =
    required.length > 0
      ? `preset ${preset} takes a mapping of its inputs, with ${required.join(" and ")} at least`
      : `preset ${preset} takes a mapping of its inputs (write {} for the defaults)`;
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code === "unrecognized_keys") {
        const keys = issue.keys.map((k) => JSON.stringify(k)).join(", ");
        return `unknown input${issue.keys.length > 1 ? "s" : ""} ${keys} for preset ${preset}; ${known}`;
      }
      if (issue.code === "invalid_type") return mapping;
      return undefined;
    },
  });
}
