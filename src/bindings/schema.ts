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
import { conditionOperatorProblem, ownTrustConditionKeyProblem } from "../iam/trust-policy";
import { issuerProblem, policyArnProblem, resourceArnProblem, roleArnProblem } from "../iam/arns";
import { DESCRIPTION_MAX, descriptionProblem, tagKeyProblem, tagValueProblem } from "../iam/tags";
import { ROLE_ARN_ANNOTATION } from "../kubernetes/annotations";
import {
  ANNOTATIONS_MAX_BYTES,
  labelValueProblem,
  metadataKeyProblem,
  serviceAccountEntryProblem,
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
/** An IAM policy name (CreatePolicy, PolicyName: 1 to 128 of these characters). */
const POLICY_NAME = /^[\w+=,.@-]{1,128}$/;

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

/**
 * A string or a list of strings, each checked by `problem` where it is written: a single string is
 * a one-element list, as in IAM's JSON. The model always holds the list.
 */
function oneOrList(what: string, plural: string, problem?: (value: string) => string | undefined) {
  return z
    .union([z.string(), z.array(z.string()).min(1, { error: `must list at least one ${what}` })], {
      error: `expected ${article(what)} ${what} or a list of ${plural}`,
    })
    .superRefine((value, ctx) => {
      if (!problem) return;
      const values = typeof value === "string" ? [value] : value;
      values.forEach((one, i) => {
        const message = problem(one);
        if (message) ctx.addIssue(customIssue(message, typeof value === "string" ? [] : [i], { soft: true }));
      });
    });
}

function article(word: string): string {
  return /^[aeiou]/i.test(word) ? "an" : "a";
}

/** One value or several, as a list. */
export function listOf(value: string | readonly string[]): readonly string[] {
  return typeof value === "string" ? [value] : value;
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

/**
 * A team stack's name (`stack`): it becomes the directory and the Terraform stack
 * `iam-<account>-<stack>` and its state name `iam-<account id>-<stack>`, so lowercase letters,
 * digits and single '-' between them, at most STACK_NAME_MAX.
 */
export const STACK_NAME = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
export const STACK_NAME_MAX = 32;
/** In `previousStacks`: the account's own stack, `iam-<account>` (so never a team stack's name). */
export const ACCOUNT_STACK = "account";

function stackNameProblem(value: string): string | undefined {
  if (value.length > STACK_NAME_MAX)
    return `"${value}" is ${value.length} characters; a stack name is at most ${STACK_NAME_MAX} (it names the stack iam-<account>-<stack> and its state)`;
  if (!STACK_NAME.test(value))
    return `"${value}" is not a stack name: lowercase letters and digits, words joined by single '-', starting with a letter (it names the directory iam-<account>-<stack>)`;
  if (value === ACCOUNT_STACK)
    return `"${ACCOUNT_STACK}" names the account's own stack iam-<account>; leave stack out to put the binding there, or pick another name`;
  return undefined;
}

const stackSchema = z
  .string()
  .superRefine(format(stackNameProblem))
  .meta({
    description:
      "The team stack of the binding's IAM resources (role, policies, attachments): iam-<account alias>-<stack>, with its own state. The account's stack iam-<account alias> keeps the OIDC providers, the file's policies, the Pod Identity associations and the bindings without a stack.",
    examples: ["platform"],
  });

const previousStacksSchema = z
  .array(z.string().superRefine(format((value) => (value === ACCOUNT_STACK ? undefined : stackNameProblem(value)))))
  .superRefine(listedOnce((stack) => `stack "${stack}"`))
  .meta({
    description: `The stacks the binding was in before, oldest first (${ACCOUNT_STACK}: the account's stack iam-<account alias>). Each forgets the binding's resources without destroying them (removed blocks) and its stack imports them (import blocks). Remove once applied everywhere.`,
    examples: [[ACCOUNT_STACK], ["platform"]],
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
    stack: stackSchema.optional(),
  })
  .meta({
    description: "What every binding inherits.",
    examples: [{ mode: "irsa", roleNamePrefix: "eks-", rolePath: "/eks/" }],
  });

const conditionValue = z.union([z.string(), z.number(), z.boolean()]);
const conditionsShape = z.record(z.string(), z.record(z.string(), z.union([conditionValue, z.array(conditionValue)])));

/** YAML reads an unquoted Null (IAM's operator) as a null key. */
function nullOperatorWritten(
  conditions: Readonly<Record<string, unknown>> | undefined,
  ctx: z.RefinementCtx,
  path: PropertyKey[],
) {
  if (conditions && "" in conditions) {
    ctx.addIssue(
      customIssue(
        'a condition operator is empty: YAML reads an unquoted Null as null; write IAM\'s operator quoted, "Null":',
        path,
        { soft: true },
      ),
    );
  }
}

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
    actions: oneOrList("action", "actions", actionSyntaxProblem)
      .optional()
      .meta({
        description: "IAM actions, service:Action, wildcards allowed; one action may be written as a string.",
        examples: [["s3:GetObject"], "s3:GetObject"],
      }),
    notActions: oneOrList("action", "actions", actionSyntaxProblem)
      .optional()
      .meta({
        description: "NotAction: every action but these (use with care; lint flags it on Allow).",
        examples: [["iam:*"]],
      }),
    resources: oneOrList("resource", "resources", resourceArnProblem)
      .optional()
      .meta({
        description: "Resource ARNs, or *; one resource may be written as a string.",
        examples: [["arn:aws:s3:::acme-invoices/*"], "arn:aws:s3:::acme-invoices/*"],
      }),
    notResources: oneOrList("resource", "resources", resourceArnProblem)
      .optional()
      .meta({
        description: "NotResource: every resource but these.",
        examples: [["arn:aws:s3:::acme-secrets/*"]],
      }),
    conditions: conditionsShape.optional().meta({
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
    nullOperatorWritten(statement.conditions, ctx, ["conditions"]);
  })
  .meta({ description: "One IAM policy statement." });

/**
 * A binding's serviceAccounts: each namespace/name (or an IRSA pattern, namespace/* or
 * namespace/prefix*) once, each reported where it is written.
 */
function serviceAccountEntries(value: string | readonly string[], ctx: z.RefinementCtx): void {
  const refs = listOf(value);
  const at = (i: number): PropertyKey[] => (typeof value === "string" ? [] : [i]);
  refs.forEach((ref, i) => {
    if (!SERVICE_ACCOUNT_REF.test(ref)) {
      // Not even namespace/name: nothing to build on.
      ctx.addIssue(customIssue(`${JSON.stringify(ref)} is not namespace/name`, at(i)));
      return;
    }
    const [namespace, name] = ref.split("/");
    const problem = serviceAccountEntryProblem(namespace, name);
    if (problem)
      ctx.addIssue(customIssue(`${JSON.stringify(ref)} is not namespace/name: ${problem}`, at(i), { soft: true }));
    else if (refs.indexOf(ref) !== i)
      ctx.addIssue(customIssue(`${JSON.stringify(ref)} is listed twice`, at(i), { soft: true }));
  });
}

/** An entry of policies.managed: a managed policy's ARN, or the name of a policy of this file. */
function managedPolicyEntryProblem(entry: string): string | undefined {
  if (entry.startsWith("arn:")) return policyArnProblem(entry);
  if (IDENTIFIER.test(entry) && entry.length <= 64) return undefined;
  return policyArnProblem(entry)?.replace(/\)$/, "), nor the name of a policy of the file's top-level policies");
}

/** An entry of trust.roles: a binding's name, or one role's exact ARN. */
export function trustedRoleProblem(entry: string): string | undefined {
  if (/^[0-9]{12}$/.test(entry))
    return `${JSON.stringify(entry)} is a bare account id: it would admit every role and user of the account; list the exact role ARNs`;
  if (!entry.startsWith("arn:")) {
    if (IDENTIFIER.test(entry) && entry.length <= 64) return undefined;
    return `${JSON.stringify(entry)} is neither a binding's name nor a role ARN (arn:aws:iam::123456789012:role/NAME)`;
  }
  if (/:root$/.test(entry))
    return `${JSON.stringify(entry)} is an account root: it would admit every role and user of the account; list the exact role ARNs`;
  if (/[*?]/.test(entry))
    return `${JSON.stringify(entry)} has a wildcard: trust.roles admits exact roles only; list each role's ARN`;
  return roleArnProblem(entry);
}

const waiversSchema = z.array(
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
);

/** trust.conditions: statement conditions, less the keys podiam sets itself, each refused where written. */
const trustConditions = conditionsShape.superRefine((conditions, ctx) => {
  nullOperatorWritten(conditions, ctx, []);
  for (const [operator, block] of Object.entries(conditions)) {
    const operatorProblem = operator === "" ? undefined : conditionOperatorProblem(operator);
    if (operatorProblem) ctx.addIssue(customIssue(operatorProblem, [operator], { at: "key", soft: true }));
    for (const key of Object.keys(block)) {
      const problem = ownTrustConditionKeyProblem(key);
      if (problem)
        ctx.addIssue(
          customIssue(`${problem}; trust.conditions may only narrow the trust with other keys`, [operator, key], {
            at: "key",
            soft: true,
          }),
        );
    }
  }
});

const trustSchema = z
  .strictObject({
    conditions: trustConditions.optional().meta({
      description:
        "Conditions ANDed into every statement of the role's trust policy (IRSA, Pod Identity and trust.roles): they can only narrow it. Operators and keys as in statements, except the keys podiam sets itself (<issuer>:sub, <issuer>:aud, aws:SourceAccount, aws:RequestTag/eks-cluster-arn, aws:RequestTag/kubernetes-namespace, aws:RequestTag/kubernetes-service-account).",
      examples: [{ IpAddress: { "aws:SourceIp": "203.0.113.0/24" } }],
    }),
    roles: z
      .array(z.string().superRefine(format(trustedRoleProblem)))
      .min(1, { error: "must list at least one role" })
      .superRefine(listedOnce((entry) => JSON.stringify(entry)))
      .optional()
      .meta({
        description:
          "IAM roles that may assume this role (sts:AssumeRole and sts:TagSession): a binding's name (its role) or an exact role ARN; wildcards, account roots and bare account ids are refused. Each is admitted through its account with ArnEquals on aws:PrincipalArn, so that the trust holds in any order of applies and after the role is made again; the listed role's own policy must allow sts:AssumeRole on this role.",
        examples: [["deployer", "arn:aws:iam::444455556666:role/release"]],
      }),
  })
  .meta({
    description: "More of who may assume the role: conditions on every trust statement, and other roles.",
    examples: [{ conditions: { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } }, roles: ["deployer"] }],
  });

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
      .union([z.string(), z.array(z.string()).min(1, { error: "must list at least one ServiceAccount" })], {
        error: "expected a ServiceAccount (namespace/name) or a list of them",
      })
      .superRefine(serviceAccountEntries)
      .meta({
        description:
          "ServiceAccounts as namespace/name; one may be written as a string. IRSA only: namespace/* (every ServiceAccount of the namespace) or namespace/prefix* (names that start with prefix).",
        examples: [["billing/invoice-api"], "billing/invoice-api", ["ci/*", "build/runner-*"]],
      }),
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
        arn: z
          .string()
          .superRefine(format(roleArnProblem))
          .optional()
          .meta({
            description:
              "A role made elsewhere: the ServiceAccounts are annotated with it (irsa, both) or associated with it (pod-identity, a role in the cluster's account), and podiam makes nothing in IAM. Its trust and permissions are not in this file; every other role field, policies, trust and adopt.role/adopt.policy are refused beside it.",
            examples: ["arn:aws:iam::111122223333:role/made-elsewhere"],
          }),
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
          .array(z.string().superRefine(format(managedPolicyEntryProblem)))
          .superRefine(listedOnce((arn) => JSON.stringify(arn)))
          .optional()
          .meta({
            description:
              "Managed policies to attach: ARNs (AWS managed, or customer managed in the role's account), or the names of policies defined under the file's top-level policies.",
            examples: [["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess", "read-artifacts"]],
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
    trust: trustSchema.optional(),
    serviceAccount: serviceAccountSettingsSchema.optional().meta({
      description: "Overrides defaults.serviceAccount for this binding (maps are merged, the binding's entries win).",
    }),
    previousNames: previousNames.optional(),
    stack: stackSchema.optional().meta({ default: "defaults.stack" }),
    previousStacks: previousStacksSchema.optional(),
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
    waivers: waiversSchema.optional().meta({
      description:
        "Lint rules this binding waives, each with its reason; they also cover the file's policies it attaches.",
      examples: [[{ rule: "IAM007", reason: "external-dns must list every hosted zone to find its own" }]],
    }),
  })
  .superRefine((binding, ctx) => {
    if (binding.role?.arn !== undefined) madeElsewhere(binding, ctx);
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

/**
 * Beside `role.arn`, nothing that would manage the role: its trust and permissions live where it
 * was made, and podiam would otherwise silently ignore what the file says.
 */
function madeElsewhere(binding: BindingInput, ctx: z.RefinementCtx): void {
  const refuse = (path: PropertyKey[], what: string) =>
    ctx.addIssue(
      customIssue(
        `role.arn names a role made elsewhere: its ${what} are not podiam's to set; remove ${path.join(".")}, or remove role.arn to let podiam make the role`,
        path,
        { at: "key", soft: true },
      ),
    );
  for (const key of Object.keys(binding.role ?? {})) if (key !== "arn") refuse(["role", key], "settings");
  if (binding.policies !== undefined) refuse(["policies"], "permissions");
  if (binding.trust !== undefined) refuse(["trust"], "trust conditions and roles");
  if (binding.adopt?.role !== undefined) refuse(["adopt", "role"], "imports");
  if (binding.adopt?.policy !== undefined) refuse(["adopt", "policy"], "policies");
  for (const key of ["stack", "previousStacks"] as const)
    if (binding[key] !== undefined)
      ctx.addIssue(
        customIssue(
          `role.arn names a role made elsewhere: podiam makes nothing in IAM for it, so it has no stack (its Pod Identity associations are in the account's stack iam-<account>); remove ${key}`,
          [key],
          { at: "key", soft: true },
        ),
      );
  if (binding.account !== undefined)
    ctx.addIssue(
      customIssue(
        "role.arn says which account the role is in: remove account (the association or the annotation goes with the clusters)",
        ["account"],
        { at: "key", soft: true },
      ),
    );
}

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

/**
 * A policy's JSON document file, relative to the bindings file: read from beside it, never from
 * outside its directory (where the file lies, symbolic links resolved, is the loader's check).
 */
export function documentPathProblem(path: string): string | undefined {
  if (path === "") return "is empty: name a JSON file beside the bindings file";
  if (/^([/\\]|[A-Za-z]:)/.test(path))
    return `${JSON.stringify(path)} is an absolute path: write it relative to the bindings file's directory`;
  if (path.split(/[/\\]/).includes(".."))
    return `${JSON.stringify(path)} leaves the bindings file's directory (..): keep policy documents beside the bindings file`;
  return undefined;
}

export const filePolicySchema = z
  .strictObject({
    name: z
      .string()
      .regex(POLICY_NAME, { error: "is not an IAM policy name (1 to 128 letters, digits and + = , . @ _ -)" })
      .optional()
      .meta({
        description: "The policy's IAM name.",
        default: "the policy's key (its first key, after a rename)",
        examples: ["read-artifacts"],
      }),
    description: z
      .string()
      .max(DESCRIPTION_MAX, { error: `must be at most ${DESCRIPTION_MAX} characters (IAM's limit)` })
      .superRefine(format(descriptionProblem))
      .optional()
      .meta({
        description: "The policy's description (IAM replaces a policy whose description changes).",
        examples: ["Read build artifacts"],
      }),
    path: rolePath
      .optional()
      .meta({ description: "IAM path of the policy.", default: "defaults.rolePath", examples: ["/shared/"] }),
    statements: z
      .array(statementSchema)
      .min(1, { error: "must list at least one statement" })
      .superRefine(sidsOnce)
      .optional()
      .meta({
        description: "The policy's statements, as in a binding's policies.statements.",
        examples: [[{ actions: "s3:GetObject", resources: "arn:aws:s3:::acme-artifacts/*" }]],
      }),
    document: z
      .string()
      .superRefine(format(documentPathProblem))
      .optional()
      .meta({
        description:
          "An IAM policy JSON file (Version and Statement, as IAM takes an identity policy), relative to the bindings file and inside its directory; its problems are reported at the JSON file's line and column.",
        examples: ["policies/aws-load-balancer-controller.json"],
      }),
    waivers: waiversSchema.optional().meta({
      description: "Lint rules waived on this policy's statements, for every binding that attaches it.",
      examples: [[{ rule: "IAM007", reason: "the controller lists every load balancer of the account" }]],
    }),
    previousNames: previousNames.optional(),
  })
  .superRefine((policy, ctx) => {
    if ((policy.statements === undefined) === (policy.document === undefined))
      ctx.addIssue(customIssue("needs exactly one of statements and document"));
  })
  .meta({ description: "A customer-managed policy defined once, attached by name in policies.managed." });

/** An IAM policy document's statement, keys as IAM spells them. */
const documentStatementSchema = z
  .strictObject({
    Sid: z
      .string()
      .regex(/^[A-Za-z0-9]*$/, { error: "must be letters and digits only (IAM's Sid)" })
      .optional(),
    Effect: z.enum(["Allow", "Deny"], { error: 'must be "Allow" or "Deny"' }),
    Action: oneOrList("action", "actions", actionSyntaxProblem).optional(),
    NotAction: oneOrList("action", "actions", actionSyntaxProblem).optional(),
    Resource: oneOrList("resource", "resources", resourceArnProblem).optional(),
    NotResource: oneOrList("resource", "resources", resourceArnProblem).optional(),
    Condition: conditionsShape.optional(),
    Principal: z
      .never({
        error:
          "an identity policy names no Principal (that is a trust or resource policy's element): remove it; for who may assume a role, see trust.roles",
      })
      .optional(),
    NotPrincipal: z
      .never({ error: "an identity policy names no NotPrincipal (a resource policy's element): remove it" })
      .optional(),
  })
  .superRefine((statement, ctx) => {
    if ((statement.Action === undefined) === (statement.NotAction === undefined))
      ctx.addIssue(customIssue("needs exactly one of Action and NotAction"));
    if ((statement.Resource === undefined) === (statement.NotResource === undefined))
      ctx.addIssue(customIssue("needs exactly one of Resource and NotResource"));
  });

/**
 * An IAM policy document (a file of policies.<name>.document), as IAM takes an identity policy:
 * Version and Statement, one or a list. podiam writes every policy in the 2012-10-17 language; a
 * 2008-10-17 document means the same there unless it holds a `${...}`, which the old language
 * reads as text and the new one as a policy variable, so such a document is refused.
 */
export const policyDocumentSchema = z
  .strictObject({
    Version: z
      .enum(["2012-10-17", "2008-10-17"], {
        error: (issue) =>
          issue.input === undefined
            ? 'add "Version": "2012-10-17"'
            : 'must be "2012-10-17" (or "2008-10-17"), the versions of IAM\'s policy language',
      })
      .meta({ examples: ["2012-10-17"] }),
    Id: z.string().optional(),
    Statement: z.union(
      [
        documentStatementSchema,
        z
          .array(documentStatementSchema)
          .min(1, { error: "must list at least one statement" })
          .superRefine((statements, ctx) => {
            const first = new Map<string, number>();
            statements.forEach((statement, i) => {
              if (statement.Sid === undefined || statement.Sid === "") return;
              const earlier = first.get(statement.Sid);
              if (earlier === undefined) first.set(statement.Sid, i);
              else
                ctx.addIssue(
                  customIssue(
                    `Sid "${statement.Sid}" is already the Sid of Statement[${earlier}]; IAM takes each Sid once in a policy`,
                    [i, "Sid"],
                    { soft: true },
                  ),
                );
            });
          }),
      ],
      { error: "expected a statement or a list of statements" },
    ),
  })
  .superRefine((document, ctx) => {
    if (document.Version === "2008-10-17" && JSON.stringify(document.Statement).includes("${"))
      ctx.addIssue(
        customIssue(
          'is "2008-10-17", which reads ${...} as text, and podiam writes the policy in "2012-10-17", where it is a policy variable: write "Version": "2012-10-17" if the variable is meant, or remove it',
          ["Version"],
        ),
      );
  });

export type PolicyDocumentJson = z.infer<typeof policyDocumentSchema>;
export type FilePolicyInput = z.infer<typeof filePolicySchema>;

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
    policies: z
      .record(identifier("a policy name"), filePolicySchema)
      .optional()
      .meta({
        description:
          "Customer-managed policies defined once, by name: each becomes one aws_iam_policy in every account with a binding that attaches it (by name, in policies.managed).",
        examples: [
          {
            "read-artifacts": {
              statements: [{ actions: "s3:GetObject", resources: "arn:aws:s3:::acme-artifacts/*" }],
            },
          },
        ],
      }),
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
