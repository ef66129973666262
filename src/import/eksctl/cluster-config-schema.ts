/**
 * The parts of an eksctl `ClusterConfig` (eksctl.io/v1alpha5) that `podiam import eksctl` reads,
 * with eksctl's own key names and types (eksctl-io/eksctl@99984adb
 * `pkg/apis/eksctl.io/v1alpha5/assets/schema.json`). Every object is strict, as eksctl decodes
 * with `UnmarshalStrict`: an unknown key is an error there, so it is one here. The sections that
 * are not about workload IAM (vpc, node groups, ...) are accepted as they are and not looked into.
 */
import { z } from "zod";

/**
 * eksctl decodes YAML into JSON first (sigs.k8s.io/yaml): a number or boolean written where a
 * string belongs becomes its text (`tier: 1` is "1"), so the same holds here.
 */
const text = z.preprocess(
  (value) => (typeof value === "number" || typeof value === "boolean" ? String(value) : value),
  z.string(),
);

const flag = z.boolean();

const stringMap = z.record(z.string(), text);

/** eksctl's InlineDocument is a map: a JSON document written as a string does not decode into it. */
const inlineDocument = z.record(z.string(), z.unknown(), {
  error: (issue) =>
    issue.input === undefined
      ? undefined
      : typeof issue.input === "string"
        ? "must be a mapping (the policy document written as YAML, or as a JSON object without quotes), not a string: eksctl cannot decode a JSON string into its InlineDocument"
        : "must be a mapping (an IAM policy document)",
});

const wellKnownPolicies = z.strictObject({
  imageBuilder: flag.optional(),
  autoScaler: flag.optional(),
  awsLoadBalancerController: flag.optional(),
  externalDNS: flag.optional(),
  certManager: flag.optional(),
  ebsCSIController: flag.optional(),
  efsCSIController: flag.optional(),
});

const serviceAccountMeta = z.strictObject({
  name: text.optional(),
  namespace: text.optional(),
  labels: stringMap.optional(),
  annotations: stringMap.optional(),
});

const serviceAccountStatus = z.strictObject({
  roleARN: text.optional(),
  stackName: text.optional(),
  tags: stringMap.optional(),
  capabilities: z.array(text).optional(),
});

const serviceAccount = z.strictObject({
  metadata: serviceAccountMeta.optional(),
  attachPolicyARNs: z.array(text).optional(),
  attachPolicy: inlineDocument.optional(),
  wellKnownPolicies: wellKnownPolicies.optional(),
  attachRoleARN: text.optional(),
  permissionsBoundary: text.optional(),
  roleName: text.optional(),
  roleOnly: flag.optional(),
  tags: stringMap.optional(),
  subjectPattern: text.optional(),
  status: serviceAccountStatus.optional(),
});

const podIdentityAssociation = z.strictObject({
  namespace: text.optional(),
  serviceAccountName: text.optional(),
  roleARN: text.optional(),
  createServiceAccount: flag.optional(),
  roleName: text.optional(),
  permissionsBoundaryARN: text.optional(),
  permissionPolicyARNs: z.array(text).optional(),
  permissionPolicy: inlineDocument.optional(),
  permissionPolicyName: text.optional(),
  wellKnownPolicies: wellKnownPolicies.optional(),
  tags: stringMap.optional(),
  targetRoleARN: text.optional(),
  disableSessionTags: flag.optional(),
  policy: text.optional(),
});

const clusterIam = z.strictObject({
  withOIDC: flag.optional(),
  serviceAccounts: z.array(serviceAccount).optional(),
  podIdentityAssociations: z.array(podIdentityAssociation).optional(),
  serviceRoleARN: text.optional(),
  serviceRolePermissionsBoundary: text.optional(),
  fargatePodExecutionRoleARN: text.optional(),
  fargatePodExecutionRolePermissionsBoundary: text.optional(),
  vpcResourceControllerPolicy: flag.optional(),
});

const addon = z.strictObject({
  name: text,
  version: text.optional(),
  serviceAccountRoleARN: text.optional(),
  attachPolicyARNs: z.array(text).optional(),
  attachPolicy: inlineDocument.optional(),
  permissionsBoundary: text.optional(),
  wellKnownPolicies: wellKnownPolicies.optional(),
  tags: stringMap.optional(),
  podIdentityAssociations: z.array(z.unknown()).optional(),
  useDefaultPodIdentityAssociations: flag.optional(),
  configurationValues: text.optional(),
  resolveConflicts: z.unknown().optional(),
  namespaceConfig: z.unknown().optional(),
  owners: z.unknown().optional(),
  publishers: z.unknown().optional(),
  types: z.unknown().optional(),
});

const clusterMeta = z.strictObject({
  name: text,
  region: text,
  version: text.optional(),
  tags: stringMap.optional(),
  annotations: stringMap.optional(),
  forceUpdateVersion: flag.optional(),
  rollbackConfig: z.unknown().optional(),
});

/** Top-level sections of a ClusterConfig that are not about workload IAM: accepted, not read. */
export const UNREAD_SECTIONS = [
  "accessConfig",
  "autoModeConfig",
  "availabilityZones",
  "capabilities",
  "cloudWatch",
  "controlPlaneScalingConfig",
  "fargateProfiles",
  "gitops",
  "iamIdentityMappings",
  "identityProviders",
  "karpenter",
  "kubeAPIServerConfig",
  "kubeControllerManagerConfig",
  "kubeSchedulerConfig",
  "kubernetesNetworkConfig",
  "localZones",
  "managedNodeGroups",
  "nodeGroups",
  "outpost",
  "privateCluster",
  "remoteNetworkConfig",
  "secretsEncryption",
  "upgradePolicy",
  "vpc",
  "zonalShiftConfig",
] as const;

export const clusterConfigSchema = z.strictObject({
  apiVersion: z.literal("eksctl.io/v1alpha5", {
    error: (issue) =>
      issue.input === undefined
        ? "is required: eksctl.io/v1alpha5"
        : "must be eksctl.io/v1alpha5 (the only ClusterConfig version eksctl reads)",
  }),
  kind: z.literal("ClusterConfig", {
    error: (issue) =>
      issue.input === undefined
        ? "is required: ClusterConfig"
        : "must be ClusterConfig: podiam import eksctl reads an eksctl ClusterConfig (one per file)",
  }),
  metadata: clusterMeta,
  iam: clusterIam.optional(),
  addons: z.array(addon).optional(),
  addonsConfig: z
    .strictObject({ autoApplyPodIdentityAssociations: flag.optional(), disableDefaultAddons: flag.optional() })
    .optional(),
  ...Object.fromEntries(UNREAD_SECTIONS.map((key) => [key, z.unknown().optional()])),
});

export type ClusterConfig = z.infer<typeof clusterConfigSchema>;
export type ClusterIamServiceAccount = z.infer<typeof serviceAccount>;
export type PodIdentityAssociation = z.infer<typeof podIdentityAssociation>;
export type WellKnownPolicies = z.infer<typeof wellKnownPolicies>;
export type EksctlAddon = z.infer<typeof addon>;
