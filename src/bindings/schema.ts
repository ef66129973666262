/**
 * bindings.yaml, version 1, as a zod schema. The rule of where a check lives:
 * - here, the shape and the format of what is written within one field or entry: types, required
 *   and unknown keys, formats, the exactly-one-of pairs (actions/notActions), a value listed twice;
 * - build-model.ts: references between entries (a cluster's account, a binding's clusters) and
 *   defaults;
 * - checks/: rules across entities (uniqueness, account rules) and AWS's and Kubernetes' limits.
 * This schema is also the source of `bindings.schema.json` (`podiam schema`).
 */
import { z } from "zod";
import { actionSyntaxProblem } from "../iam/action-pattern";
import { issuerProblem, policyArnProblem, resourceArnProblem, roleArnProblem } from "../iam/arns";
import { DESCRIPTION_MAX, descriptionProblem, tagKeyProblem, tagValueProblem } from "../iam/tags";
import { ROLE_ARN_ANNOTATION } from "../kubernetes/annotations";
import {
  ANNOTATIONS_MAX_BYTES,
  labelValueProblem,
  metadataKeyProblem,
  serviceAccountRefProblem,
} from "../kubernetes/names";
import { presetsSchema } from "../presets";
import { DEFAULTS } from "./defaults";

const ACCOUNT_ID = /^[0-9]{12}$/;
const AWS_REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]$/;
/** What we accept as a key of accounts/clusters and as a binding name: it becomes a Terraform address. */
export const IDENTIFIER = /^[a-z](?:[a-z0-9-]|_(?!_))*$/;
/** Two underscores in a row are kept for joining the parts of Terraform addresses. */
const IDENTIFIER_HINT = "lowercase letters, digits, '-' and single '_', starting with a letter";
/** namespace/name; both parts are then checked as Kubernetes names, with a precise message. */
const SERVICE_ACCOUNT_REF = /^[^/]+\/[^/]+$/;

/** How our own checks report (custom issues, read back by schema-problems.ts and build-model.ts). */
export interface CheckParams {
  /** Report at the key of the path's last segment (a key that may not be set), not at its value. */
  readonly at?: "key";
  /**
   * The value has the right type but a wrong format (an ARN, a duplicate): the entry still goes
   * into the model, so that the checks across entries run on it too, and every problem is
   * reported at once. The file stays invalid.
   */
  readonly soft?: boolean;
}

function customIssue(message: string, path: PropertyKey[] = [], params: CheckParams = {}): z.core.$ZodRawIssue {
  return { code: "custom", message, path, input: undefined, ...(params.at || params.soft ? { params } : {}) };
}

/** A format check of one string: `problem` says what is wrong with it, or undefined. */
function format(problem: (value: string) => string | undefined) {
  return (value: string, ctx: z.RefinementCtx) => {
    const message = problem(value);
    if (message) ctx.addIssue(customIssue(message, [], { soft: true }));
  };
}

/**
 * Each Sid once in a policy: IAM requires it (IAM JSON policy reference, Sid:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_sid.html).
 */
function sidsOnce(statements: readonly { readonly sid?: string }[], ctx: z.RefinementCtx): void {
  const first = new Map<string, number>();
  statements.forEach((statement, i) => {
    if (statement.sid === undefined) return;
    const earlier = first.get(statement.sid);
    if (earlier === undefined) first.set(statement.sid, i);
    else
      ctx.addIssue(
        customIssue(
          `Sid "${statement.sid}" is already the Sid of statements[${earlier}]; IAM takes each Sid once in a policy`,
          [i, "sid"],
          {
            soft: true,
          },
        ),
      );
  });
}

/** Each value once: `describe(value)` says which one is listed twice. */
function listedOnce(describe: (value: string) => string) {
  return (values: readonly string[], ctx: z.RefinementCtx) => {
    values.forEach((value, i) => {
      if (values.indexOf(value) !== i)
        ctx.addIssue(customIssue(`${describe(value)} is listed twice`, [i], { soft: true }));
    });
  };
}

const identifier = (what: string) =>
  z
    .string()
    .max(64, { error: `${what} must be at most 64 characters` })
    .regex(IDENTIFIER, { error: `${what} must be ${IDENTIFIER_HINT}` });

const accountId = z
  .string({ error: 'must be a quoted string of 12 digits, for example id: "111122223333"' })
  .regex(ACCOUNT_ID, { error: 'must be 12 digits, quoted, for example "111122223333"' });

const region = z
  .string()
  .regex(AWS_REGION, { error: "is not an AWS region (for example eu-west-1)" })
  .meta({ examples: ["eu-west-1"] });

const stringMap = z.record(z.string(), z.string());

/**
 * Annotations podiam writes, as Kubernetes takes them; eks.amazonaws.com/role-arn is the binding's
 * role, never the file's (in any case, with any spaces around it: it would still reach the pod).
 */
const annotations = stringMap.superRefine((map, ctx) => {
  let bytes = 0;
  for (const [key, value] of Object.entries(map)) {
    bytes += Buffer.byteLength(key) + Buffer.byteLength(value);
    if (key.trim().toLowerCase() === ROLE_ARN_ANNOTATION) {
      const spelled = key === ROLE_ARN_ANNOTATION ? "" : ` (written ${JSON.stringify(key)})`;
      const message = `${ROLE_ARN_ANNOTATION}${spelled} is set by podiam from the binding's role; remove it here`;
      ctx.addIssue(customIssue(message, [key], { at: "key", soft: true }));
      continue;
    }
    const problem = metadataKeyProblem(key, "annotation");
    if (problem) ctx.addIssue(customIssue(problem, [key], { at: "key", soft: true }));
  }
  if (bytes > ANNOTATIONS_MAX_BYTES) {
    ctx.addIssue(
      customIssue(`the annotations take ${bytes} bytes; Kubernetes allows ${ANNOTATIONS_MAX_BYTES} in all`, [], {
        soft: true,
      }),
    );
  }
});

/** Labels, as Kubernetes takes them: keys [prefix/]name, values of at most 63 characters. */
const labels = stringMap.superRefine((map, ctx) => {
  for (const [key, value] of Object.entries(map)) {
    const keyProblem = metadataKeyProblem(key, "label");
    if (keyProblem) ctx.addIssue(customIssue(keyProblem, [key], { at: "key", soft: true }));
    const valueProblem = labelValueProblem(key, value);
    if (valueProblem) ctx.addIssue(customIssue(valueProblem, [key], { soft: true }));
  }
});

/** Tags, as IAM takes them (src/iam/tags.ts): each problem at the key or value written. */
const tags = stringMap
  .superRefine((map, ctx) => {
    for (const [key, value] of Object.entries(map)) {
      const keyProblem = tagKeyProblem(key);
      if (keyProblem) ctx.addIssue(customIssue(keyProblem, [key], { at: "key", soft: true }));
      const valueProblem = tagValueProblem(key, value);
      if (valueProblem) ctx.addIssue(customIssue(valueProblem, [key], { soft: true }));
    }
  })
  .meta({
    description: "AWS tags, key: value.",
    examples: [{ team: "billing" }],
  });

const previousNames = z.array(identifier("a previous name")).meta({
  description:
    "Names this entry had before. podiam emits Terraform moved blocks from the old addresses, so a rename plans as a move, not a destroy and create.",
  examples: [["old-name"]],
});

const partitionSchema = z.enum(["aws", "aws-cn", "aws-us-gov"]);
const modeSchema = z.enum(["irsa", "pod-identity", "both"]);

export const accountSchema = z
  .strictObject({
    id: accountId.meta({ description: "The 12-digit AWS account id, quoted.", examples: ["111122223333"] }),
    partition: partitionSchema
      .optional()
      .meta({ description: "The AWS partition.", default: DEFAULTS.partition, examples: ["aws"] }),
    region: region.meta({ description: "Region of the aws provider in this account's IAM stack." }),
    providerRoleArn: z
      .string()
      .superRefine(format(roleArnProblem))
      .optional()
      .meta({
        description: "Role the aws provider assumes (assume_role) to manage this account.",
        examples: ["arn:aws:iam::111122223333:role/terraform"],
      }),
    previousNames: previousNames.optional(),
  })
  .meta({ description: "An AWS account, by alias." });

export const clusterSchema = z
  .strictObject({
    account: z.string().meta({ description: "Alias (from accounts) of the cluster's account.", examples: ["prod"] }),
    region: z
      .string({
        error: (issue) =>
          issue.input === undefined
            ? "the cluster's region, where its stacks read the cluster (endpoint, CA, OIDC issuer) and make its Pod Identity associations"
            : undefined,
      })
      .regex(AWS_REGION, { error: "is not an AWS region (for example eu-west-1)" })
      .meta({ description: "The cluster's region.", examples: ["eu-west-1"] }),
    name: z
      .string()
      .regex(/^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/, {
        error: "is not an EKS cluster name (1-100 of letters, digits, '-' and '_')",
      })
      .optional()
      .meta({ description: "The EKS cluster name.", default: "the cluster key", examples: ["prod-eu-1"] }),
    oidcIssuer: z
      .string()
      .superRefine(format(issuerProblem))
      .optional()
      .meta({
        description:
          "The cluster's OIDC issuer URL. When given, trust policies are literal JSON, reviewable in a pull request; when absent, it is read from the cluster (aws_eks_cluster) at plan time.",
        examples: ["https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE"],
      }),
    oidcProvider: z
      .enum(["create", "existing", "adopt"])
      .optional()
      .meta({
        description:
          "create: podiam manages the IAM OIDC provider for this cluster in every account that holds its IRSA roles. existing: it exists already (eksctl, another Terraform root) and is only referenced by ARN. adopt: it exists already and podiam takes it over (a Terraform import block), managing it from then on.",
        default: DEFAULTS.oidcProvider,
        examples: ["existing"],
      }),
    kubernetes: z
      .strictObject({
        auth: z
          .enum(["token", "exec"])
          .optional()
          .meta({
            description:
              "token: a token from aws_eks_cluster_auth at plan time. exec: the kubernetes provider runs `aws eks get-token` (needs the AWS CLI where Terraform runs).",
            default: DEFAULTS.kubernetesAuth,
            examples: ["exec"],
          }),
      })
      .optional()
      .meta({ description: "How the k8s stack reaches the API server.", examples: [{ auth: "exec" }] }),
    previousNames: previousNames.optional(),
  })
  .meta({ description: "An EKS cluster, by key." });

export const serviceAccountSettingsSchema = z
  .strictObject({
    create: z
      .boolean()
      .optional()
      .meta({
        description: "false: podiam makes the role only; the ServiceAccount is owned elsewhere (Helm, GitOps).",
        default: DEFAULTS.serviceAccountCreate,
        examples: [false],
      }),
    annotations: annotations.optional().meta({
      description: "Annotations on the ServiceAccount, besides eks.amazonaws.com/role-arn.",
      examples: [{ "eks.amazonaws.com/sts-regional-endpoints": "true" }],
    }),
    labels: labels.optional().meta({
      description: "Labels on the ServiceAccount.",
      examples: [{ "app.kubernetes.io/managed-by": "podiam" }],
    }),
    automountToken: z
      .boolean()
      .optional()
      .meta({
        description: "automount_service_account_token of the ServiceAccount.",
        default: DEFAULTS.automountToken,
        examples: [false],
      }),
  })
  .meta({
    description: "The Kubernetes ServiceAccount podiam writes for a binding.",
    examples: [{ annotations: { "eks.amazonaws.com/token-expiration": "3600" } }],
  });

const roleName = z.string().meta({ description: "IAM role name.", examples: ["invoice-reader"] });
const rolePath = z.string().meta({ description: "IAM role path, starting and ending with '/'.", examples: ["/eks/"] });
const maxSessionDuration = z
  .number()
  .int({ error: "must be a whole number of seconds" })
  .min(3600, { error: "must be at least 3600 seconds (IAM's minimum)" })
  .max(43200, { error: "must be at most 43200 seconds (IAM's maximum)" })
  .meta({
    description: "Maximum session duration of the role, in seconds (3600 to 43200).",
    default: DEFAULTS.maxSessionDuration,
    examples: [7200],
  });
const permissionsBoundary = z
  .string()
  .superRefine(format(policyArnProblem))
  .meta({
    description:
      "ARN of the managed policy used as the role's permissions boundary. It must live in the role's account (or be AWS managed).",
    examples: ["arn:aws:iam::111122223333:policy/workload-boundary"],
  });

export const defaultsSchema = z
  .strictObject({
    mode: modeSchema
      .optional()
      .meta({ description: "How pods get the role.", default: DEFAULTS.mode, examples: ["pod-identity"] }),
    roleNamePrefix: z
      .string()
      .optional()
      .meta({ description: "Prefix of default role names.", default: DEFAULTS.roleNamePrefix, examples: ["eks-"] }),
    rolePath: rolePath.optional().meta({ default: DEFAULTS.rolePath }),
    permissionsBoundary: permissionsBoundary.optional(),
    maxSessionDuration: maxSessionDuration.optional(),
    tags: tags.optional(),
    serviceAccount: serviceAccountSettingsSchema.optional(),
  })
  .meta({
    description: "What every binding inherits.",
    examples: [{ mode: "irsa", roleNamePrefix: "eks-", rolePath: "/eks/" }],
  });

const conditionValue = z.union([z.string(), z.number(), z.boolean()]);
const statementSchema = z
  .strictObject({
    sid: z
      .string()
      .regex(/^[A-Za-z0-9]+$/, { error: "must be letters and digits only (IAM's Sid)" })
      .optional()
      .meta({ description: "Statement id, letters and digits.", examples: ["ReadInvoices"] }),
    effect: z
      .enum(["Allow", "Deny"])
      .optional()
      .meta({ description: "Allow or Deny.", default: DEFAULTS.effect, examples: ["Deny"] }),
    actions: z
      .array(z.string().superRefine(format(actionSyntaxProblem)))
      .min(1, { error: "must list at least one action" })
      .optional()
      .meta({
        description: "IAM actions, service:Action, wildcards allowed.",
        examples: [["s3:GetObject"]],
      }),
    notActions: z
      .array(z.string().superRefine(format(actionSyntaxProblem)))
      .min(1, { error: "must list at least one action" })
      .optional()
      .meta({
        description: "NotAction: every action but these (use with care; lint flags it on Allow).",
        examples: [["iam:*"]],
      }),
    resources: z
      .array(z.string().superRefine(format(resourceArnProblem)))
      .min(1, { error: "must list at least one resource" })
      .optional()
      .meta({
        description: "Resource ARNs, or *.",
        examples: [["arn:aws:s3:::acme-invoices/*"]],
      }),
    notResources: z
      .array(z.string().superRefine(format(resourceArnProblem)))
      .min(1, { error: "must list at least one resource" })
      .optional()
      .meta({
        description: "NotResource: every resource but these.",
        examples: [["arn:aws:s3:::acme-secrets/*"]],
      }),
    conditions: z
      .record(z.string(), z.record(z.string(), z.union([conditionValue, z.array(conditionValue)])))
      .optional()
      .meta({
        description: "IAM conditions: operator -> condition key -> value or values.",
        examples: [{ StringEquals: { "s3:ExistingObjectTag/team": "billing" } }],
      }),
  })
  .superRefine((statement, ctx) => {
    if ((statement.actions === undefined) === (statement.notActions === undefined)) {
      ctx.addIssue(customIssue("needs exactly one of actions and notActions"));
    }
    if ((statement.resources === undefined) === (statement.notResources === undefined)) {
      ctx.addIssue(customIssue("needs exactly one of resources and notResources"));
    }
    if (statement.conditions && "" in statement.conditions) {
      // YAML reads an unquoted Null (IAM's operator) as a null key.
      ctx.addIssue(
        customIssue(
          'a condition operator is empty: YAML reads an unquoted Null as null; write IAM\'s operator quoted, "Null":',
          ["conditions"],
          { soft: true },
        ),
      );
    }
  })
  .meta({ description: "One IAM policy statement." });

/** The Kubernetes names of a ServiceAccount written namespace/name (its form is the regex's). */
function kubernetesNames(ref: string, ctx: z.RefinementCtx): void {
  if (!SERVICE_ACCOUNT_REF.test(ref)) return;
  const [namespace, name] = ref.split("/");
  const problem = serviceAccountRefProblem(namespace, name);
  if (problem)
    ctx.addIssue(customIssue(`${JSON.stringify(ref)} is not namespace/name: ${problem}`, [], { soft: true }));
}

export const bindingSchema = z
  .strictObject({
    name: identifier("a binding name").meta({
      description: "Unique name: the binding's identity, its Terraform addresses and its default role name.",
      examples: ["invoice-reader"],
    }),
    cluster: z
      .string()
      .optional()
      .meta({ description: "Key of the cluster (from clusters).", examples: ["prod-eu"] }),
    clusters: z
      .array(z.string())
      .min(1, { error: "must list at least one cluster" })
      .superRefine(listedOnce((key) => `cluster "${key}"`))
      .optional()
      .meta({ description: "Keys of several clusters: one role trusted by all.", examples: [["prod-eu", "prod-us"]] }),
    serviceAccounts: z
      .array(z.string().regex(SERVICE_ACCOUNT_REF, { error: "is not namespace/name" }).superRefine(kubernetesNames))
      .min(1, { error: "must list at least one ServiceAccount" })
      .superRefine(listedOnce((ref) => JSON.stringify(ref)))
      .meta({ description: "ServiceAccounts as namespace/name.", examples: [["billing/invoice-api"]] }),
    account: z
      .string()
      .optional()
      .meta({
        description: "Alias of the account the role lives in, when not the cluster's (cross-account IRSA).",
        examples: ["shared"],
      }),
    mode: modeSchema
      .optional()
      .meta({ description: "How pods get the role.", default: "defaults.mode", examples: ["both"] }),
    role: z
      .strictObject({
        name: roleName.optional().meta({ default: "defaults.roleNamePrefix + binding name" }),
        path: rolePath.optional().meta({ default: "defaults.rolePath" }),
        description: z
          .string()
          .max(DESCRIPTION_MAX, { error: `must be at most ${DESCRIPTION_MAX} characters (IAM's limit)` })
          .superRefine(format(descriptionProblem))
          .optional()
          .meta({
            description: "Role description.",
            examples: ["Reads invoices from S3"],
          }),
        maxSessionDuration: maxSessionDuration.optional(),
        permissionsBoundary: permissionsBoundary.optional(),
        tags: tags.optional(),
        exclusivePolicyAttachments: z
          .boolean()
          .optional()
          .meta({
            description:
              "Manage the role's managed policy attachments exclusively (aws_iam_role_policy_attachments_exclusive): a policy attached by hand is detached at the next apply. false: leave attachments made elsewhere alone.",
            default: DEFAULTS.exclusivePolicyAttachments,
            examples: [false],
          }),
      })
      .optional()
      .meta({
        description: "The IAM role; every field optional.",
        examples: [{ name: "invoice-reader", description: "Reads invoices from S3" }],
      }),
    policies: z
      .strictObject({
        managed: z
          .array(z.string().superRefine(format(policyArnProblem)))
          .superRefine(listedOnce((arn) => JSON.stringify(arn)))
          .optional()
          .meta({
            description: "ARNs of managed policies to attach (AWS managed, or customer managed in the role's account).",
            examples: [["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"]],
          }),
        statements: z
          .array(statementSchema)
          .superRefine(sidsOnce)
          .optional()
          .meta({
            description: "Statements compiled into one customer-managed policy attached to the role.",
            examples: [
              [{ sid: "ReadInvoices", actions: ["s3:GetObject"], resources: ["arn:aws:s3:::acme-invoices/*"] }],
            ],
          }),
        // The registry's: every preset's inputs, so that editors complete them (src/presets).
        presets: presetsSchema().optional(),
      })
      .optional()
      .meta({
        description: "What the role may do.",
        examples: [{ managed: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"] }],
      }),
    serviceAccount: serviceAccountSettingsSchema.optional().meta({
      description: "Overrides defaults.serviceAccount for this binding (maps are merged, the binding's entries win).",
    }),
    previousNames: previousNames.optional(),
    adopt: z
      .strictObject({
        role: z
          .boolean()
          .optional()
          .meta({
            description: "Import the existing role (by name) instead of creating it.",
            default: DEFAULTS.adopt,
            examples: [true],
          }),
        policy: z
          .boolean()
          .optional()
          .meta({
            description:
              "Import an existing customer-managed policy of the role's name and path (the binding's statements; never a preset's) instead of creating it.",
            default: DEFAULTS.adopt,
            examples: [true],
          }),
        serviceAccounts: z
          .boolean()
          .optional()
          .meta({
            description: "Import the existing ServiceAccounts (by namespace/name) instead of creating them.",
            default: DEFAULTS.adopt,
            examples: [true],
          }),
      })
      .optional()
      .meta({
        description:
          "Take over what exists already (made by eksctl, the console or another Terraform root) with Terraform import blocks, so the first apply adopts it instead of failing with EntityAlreadyExists. Remove once applied.",
        examples: [{ role: true, serviceAccounts: true }],
      }),
    waivers: z
      .array(
        z.strictObject({
          rule: z
            .string()
            .regex(/^[A-Z]+[0-9]{3}$/, { error: "is not a rule id (for example IAM007)" })
            .meta({ description: "The lint rule waived.", examples: ["IAM007"] }),
          reason: z
            .string()
            .min(10, { error: "must say why, in at least 10 characters" })
            .meta({
              description: "Why the finding is acceptable here; shown in podiam explain.",
              examples: ["the controller must list every hosted zone"],
            }),
        }),
      )
      .optional()
      .meta({
        description: "Lint rules this binding waives, each with its reason.",
        examples: [[{ rule: "IAM007", reason: "external-dns must list every hosted zone to find its own" }]],
      }),
  })
  .superRefine((binding, ctx) => {
    if (binding.adopt?.policy && (binding.policies?.statements ?? []).length === 0) {
      ctx.addIssue(
        customIssue(
          "imports the binding's own policy, and the binding has no policies.statements to make one of: remove adopt.policy, or add the statements the existing policy holds",
          ["adopt", "policy"],
        ),
      );
    }
    if (binding.cluster !== undefined && binding.clusters !== undefined) {
      ctx.addIssue(customIssue("set either cluster or clusters, not both", ["clusters"], { at: "key" }));
    } else if (binding.cluster === undefined && binding.clusters === undefined) {
      ctx.addIssue(customIssue("needs cluster (one key) or clusters (a list of keys)"));
    }
  })
  .meta({ description: "One role, the ServiceAccounts that may assume it, and what it may do." });

const backendSchema = z
  .strictObject({
    s3: z
      .strictObject({
        bucket: z
          .string()
          .min(3)
          .meta({ description: "State bucket.", examples: ["acme-tf-state"] }),
        region: region.meta({ description: "Region of the state bucket." }),
        keyPrefix: z
          .string()
          .optional()
          .meta({
            description: "Prefix of the state keys; each stack's key is <keyPrefix>/<stack>.tfstate.",
            examples: ["irsa"],
          }),
        useLockfile: z
          .boolean()
          .optional()
          .meta({
            description: "S3-native state locking (use_lockfile).",
            default: DEFAULTS.useLockfile,
            examples: [true],
          }),
      })
      .meta({
        description: "S3 backend, one state key per stack.",
        examples: [{ bucket: "acme-tf-state", region: "eu-west-1", keyPrefix: "irsa" }],
      }),
  })
  .meta({
    description: "Where state lives. Default: local state, one file per stack.",
    examples: [{ s3: { bucket: "acme-tf-state", region: "eu-west-1", keyPrefix: "irsa" } }],
  });

export const quotasSchema = z
  .strictObject({
    managedPoliciesPerRole: z
      .number()
      .int()
      .min(1)
      .max(25)
      .optional()
      .meta({
        description:
          "Managed policies attachable to one role (IAM quota, raisable with AWS). Includes the binding's own policy.",
        default: DEFAULTS.managedPoliciesPerRole,
        examples: [20],
      }),
    roleTrustPolicyLength: z
      .number()
      .int()
      .min(2048)
      .max(8192)
      .optional()
      .meta({
        description: "Maximum trust policy length without whitespace (IAM quota, raisable with AWS).",
        default: DEFAULTS.roleTrustPolicyLength,
        examples: [4096],
      }),
  })
  .meta({
    description: "IAM quotas of your accounts, where you had AWS raise them.",
    examples: [{ managedPoliciesPerRole: 20 }],
  });

export const bindingsFileSchema = z
  .strictObject({
    version: z.literal(1, { error: "must be 1" }).meta({ description: "Format version of this file.", examples: [1] }),
    accounts: z.record(identifier("an account alias"), accountSchema).meta({
      description: "AWS accounts, by alias.",
      examples: [{ prod: { id: "111122223333", region: "eu-west-1" } }],
    }),
    clusters: z.record(identifier("a cluster key"), clusterSchema).meta({
      description: "EKS clusters, by key.",
      examples: [{ "prod-eu": { account: "prod", region: "eu-west-1", name: "prod-eu-1" } }],
    }),
    defaults: defaultsSchema.optional(),
    terraform: z
      .strictObject({ backend: backendSchema.optional() })
      .optional()
      .meta({
        description: "Terraform settings of the generated stacks.",
        examples: [{ backend: { s3: { bucket: "acme-tf-state", region: "eu-west-1" } } }],
      }),
    quotas: quotasSchema.optional(),
    bindings: z.array(bindingSchema).meta({
      description: "The bindings: who may do what.",
      examples: [[{ name: "invoice-reader", cluster: "prod-eu", serviceAccounts: ["billing/invoice-api"] }]],
    }),
  })
  .meta({ title: "podiam bindings.yaml", description: "IRSA and EKS Pod Identity bindings, compiled by podiam." });

export type BindingInput = z.infer<typeof bindingSchema>;
export type ServiceAccountSettingsInput = z.infer<typeof serviceAccountSettingsSchema>;

/** The JSON Schema of the file, for editors (`podiam schema`, bindings.schema.json). */
export function bindingsJsonSchema(): object {
  return z.toJSONSchema(bindingsFileSchema, { io: "input" });
}
