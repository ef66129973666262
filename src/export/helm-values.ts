/**
 * `podiam export helm-values`: for each ServiceAccount podiam does not create
 * (`serviceAccount.create: false`: the chart that installs the workload owns it), the chart values
 * that make the chart create it with its role, in the shape most charts take (Helm's starter chart,
 * external-dns, the AWS Load Balancer Controller, cert-manager, Karpenter):
 *
 *   serviceAccount:
 *     create: true
 *     name: <name>
 *     annotations:
 *       eks.amazonaws.com/role-arn: <role ARN>
 *
 * `create: true`, because nothing else makes the ServiceAccount and a chart renders its
 * `annotations` only on a ServiceAccount it creates; `name` always, because a chart's default name
 * follows the release's, and the binding trusts one fixed name. The annotations are the binding's
 * (its own and defaults.serviceAccount's) and, for irsa and both, the role's ARN; Pod Identity
 * needs no annotation. Where a binding uses the preset of a chart that keeps its ServiceAccount
 * elsewhere (the EBS CSI driver's controller.serviceAccount, the cluster autoscaler's
 * rbac.serviceAccount), the values are under that key. A pure function of the model.
 */
import { stringify } from "yaml";
import { Binding, BindingsModel, usesIrsa } from "../bindings/model";
import { ROLE_ARN_ANNOTATION } from "../kubernetes/annotations";
import { compare } from "../util/order";

/** Where the charts of these presets keep the ServiceAccount block (read in their values.yaml). */
const CHART_SERVICE_ACCOUNT_KEYS: Readonly<Record<string, readonly string[]>> = {
  // kubernetes-sigs/aws-ebs-csi-driver charts/aws-ebs-csi-driver/values.yaml: controller.serviceAccount
  "aws-ebs-csi-driver": ["controller", "serviceAccount"],
  // kubernetes/autoscaler charts/cluster-autoscaler/values.yaml: rbac.serviceAccount
  "cluster-autoscaler": ["rbac", "serviceAccount"],
};

/** The common key of the ServiceAccount block. */
export const DEFAULT_SERVICE_ACCOUNT_KEYS: readonly string[] = ["serviceAccount"];

export interface ServiceAccountValues {
  readonly create: true;
  readonly name: string;
  /** Sorted by key; empty for a Pod Identity binding without annotations of its own. */
  readonly annotations: Readonly<Record<string, string>>;
}

/** The values of one ServiceAccount on one cluster. */
export interface HelmValuesEntry {
  readonly cluster: string;
  readonly namespace: string;
  readonly name: string;
  readonly binding: string;
  /** Where the block goes in the chart's values: `serviceAccount`, or a chart's own key path. */
  readonly keys: readonly string[];
  readonly serviceAccount: ServiceAccountValues;
}

/**
 * Every ServiceAccount podiam does not create, by cluster key, then namespace and name; only the
 * cluster's, with `cluster`. Patterns (ns/*) name no one ServiceAccount and have no values.
 */
export function helmValues(model: BindingsModel, cluster?: string): HelmValuesEntry[] {
  const entries: HelmValuesEntry[] = [];
  for (const binding of model.bindings) {
    if (binding.serviceAccount.create) continue;
    for (const key of binding.clusters) {
      if (cluster !== undefined && key !== cluster) continue;
      for (const sa of binding.serviceAccounts) {
        entries.push({
          cluster: key,
          namespace: sa.namespace,
          name: sa.name,
          binding: binding.name,
          keys: chartKeys(binding),
          serviceAccount: { create: true, name: sa.name, annotations: annotationsOf(binding) },
        });
      }
    }
  }
  return entries.sort(
    (a, b) => compare(a.cluster, b.cluster) || compare(a.namespace, b.namespace) || compare(a.name, b.name),
  );
}

function chartKeys(binding: Binding): readonly string[] {
  const known = binding.presets.map((preset) => CHART_SERVICE_ACCOUNT_KEYS[preset.name]).filter((keys) => keys);
  return known.length === 1 ? known[0] : DEFAULT_SERVICE_ACCOUNT_KEYS;
}

function annotationsOf(binding: Binding): Record<string, string> {
  const annotations: Record<string, string> = { ...binding.serviceAccount.annotations };
  if (usesIrsa(binding.mode)) annotations[ROLE_ARN_ANNOTATION] = binding.role.arn;
  return Object.fromEntries(Object.entries(annotations).sort(([a], [b]) => compare(a, b)));
}

/** One entry's values, as a chart takes them: the block under its key path. */
export function chartValues(entry: HelmValuesEntry): Record<string, unknown> {
  let values: Record<string, unknown> = { ...entry.serviceAccount };
  for (const key of [...entry.keys].reverse()) values = { [key]: values };
  return values;
}

/**
 * The YAML `export helm-values` prints: a mapping of cluster keys, each of `namespace/name`, each
 * the values of that ServiceAccount's chart (pass one with `--service-account` to get a file for
 * `helm -f`). Empty mappings where there is nothing.
 */
export function renderHelmValues(entries: readonly HelmValuesEntry[]): string {
  const byCluster: Record<string, Record<string, unknown>> = {};
  for (const entry of entries) {
    byCluster[entry.cluster] ??= {};
    byCluster[entry.cluster][`${entry.namespace}/${entry.name}`] = chartValues(entry);
  }
  const header = [
    "# podiam export helm-values: for each ServiceAccount podiam does not create (serviceAccount.create: false),",
    "# the values that make its chart create it with its role, by cluster, then namespace/name.",
    "# One ServiceAccount's values, for helm -f: podiam export helm-values --cluster KEY --service-account NAMESPACE/NAME",
  ];
  return `${header.join("\n")}\n${render(byCluster)}`;
}

/** One entry's values alone, for `helm -f`, after a comment that says whose they are. */
export function renderOneHelmValues(entry: HelmValuesEntry): string {
  const header = `# podiam export helm-values: ${entry.namespace}/${entry.name} on cluster ${entry.cluster} (binding ${entry.binding})`;
  return `${header}\n${render(chartValues(entry))}`;
}

function render(value: unknown): string {
  // Plain strings are quoted where YAML would read them as something else ("true", "3600").
  return stringify(value, { lineWidth: 0, sortMapEntries: false });
}
