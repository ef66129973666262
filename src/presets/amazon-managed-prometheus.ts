/**
 * Amazon Managed Service for Prometheus: remote write from Prometheus (or the ADOT collector), and
 * queries from Grafana or other PromQL clients.
 *
 * Upstream: AWS docs prometheus/latest/userguide/set-up-irsa.html, the createIRSA-AMPIngest.sh
 * and createIRSA-AMPQuery.sh scripts (read from copies of the page in public repositories; the page
 * itself was not retrievable here): ingest = aps:RemoteWrite, GetSeries, GetLabels,
 * GetMetricMetadata; query = aps:QueryMetrics, GetSeries, GetLabels, GetMetricMetadata; both on `*`.
 *
 * Here on workspaceArns (required: terraform-aws-modules v6 defaults it to [] and AWS rejects the
 * policy), and mode grants ingest or query or both (the modules always grant both).
 */
import type { z } from "zod";
import { choice, presetInputs, PROMETHEUS_WORKSPACE, requiredArns } from "./inputs";
import type { Preset } from "./preset";
import { allow } from "./statements";

const PRESET = "amazon-managed-prometheus";

const inputs = presetInputs(PRESET, {
  workspaceArns: requiredArns({
    preset: PRESET,
    field: "workspaceArns",
    shape: PROMETHEUS_WORKSPACE,
    purpose: "the Prometheus workspaces to write to or query",
    example: "arn:aws:aps:eu-west-1:111122223333:workspace/ws-12345678-abcd-1234-abcd-123456789012",
  }),
  mode: choice(
    ["ingest", "query", "both"],
    "ingest: remote write (Prometheus server, ADOT). query: PromQL reads (Grafana). both.",
    "ingest",
    "query",
  ),
}).meta({
  description:
    "Amazon Managed Service for Prometheus ingest and/or query (AWS set-up-irsa docs), limited to workspaceArns.",
  examples: [
    { workspaceArns: ["arn:aws:aps:eu-west-1:111122223333:workspace/ws-12345678-abcd-1234-abcd-123456789012"] },
  ],
});

const READS = ["aps:GetSeries", "aps:GetLabels", "aps:GetMetricMetadata"];

export const amazonManagedPrometheus: Preset<z.output<typeof inputs>> = {
  name: PRESET,
  version: "docs set-up-irsa (AMPIngestPolicy, AMPQueryPolicy)",
  upstream:
    "docs.aws.amazon.com/prometheus/latest/userguide/set-up-irsa.html (createIRSA-AMPIngest.sh, createIRSA-AMPQuery.sh), read from public copies",
  description:
    "What a Prometheus server or collector needs to remote-write to workspaceArns (mode ingest, the default), or a PromQL client to query them (mode query), or both.",
  defaultServiceAccount: { namespace: "prometheus", name: "amp-iamproxy-ingest-service-account" },
  inputs,
  arnInputs: { workspaceArns: PROMETHEUS_WORKSPACE },
  statements(input) {
    const mode = input.mode ?? "ingest";
    const actions = [
      ...(mode !== "query" ? ["aps:RemoteWrite"] : []),
      ...(mode !== "ingest" ? ["aps:QueryMetrics"] : []),
      ...READS,
    ];
    const sid =
      mode === "ingest"
        ? "IngestIntoWorkspaces"
        : mode === "query"
          ? "QueryWorkspaces"
          : "IngestIntoAndQueryWorkspaces";
    return [allow(sid, actions, input.workspaceArns)];
  },
};
