/**
 * pganalyze collector for Amazon RDS and Aurora.
 *
 * Upstream: pganalyze/pganalyze-docs, install/amazon_rds/iam_policy.mdx at 090f74ef ("a typical IAM
 * policy for the collector"; install/amazon_rds/03_install_collector_eks.mdx attaches it to the
 * collector's ServiceAccount): CloudWatch metrics, the RDSOSMetrics log streams (Enhanced
 * Monitoring), RDS log files, parameter groups, instances and clusters.
 *
 * Upstream's ARNs name any account (`arn:aws:rds:*:*:db:*`); the collector can only read what its
 * role's account holds, so here they name that account. cloudwatch:GetMetricStatistics takes only
 * `*`. Not in the preset contract: added because its upstream policy is public.
 */
import type { z } from "zod";
import { presetInputs } from "./inputs";
import type { Preset } from "./preset";
import { allow, arn } from "./statements";

const PRESET = "pganalyze";

const inputs = presetInputs(PRESET, {}).meta({
  description: "pganalyze collector for RDS and Aurora (upstream pganalyze docs), in the role's account.",
  examples: [{}],
});

export const pganalyze: Preset<z.output<typeof inputs>> = {
  name: PRESET,
  version: "docs@090f74ef",
  upstream: "pganalyze/pganalyze-docs install/amazon_rds/iam_policy.mdx @ 090f74ef",
  description:
    "What the pganalyze collector needs to monitor RDS and Aurora Postgres: system metrics (CloudWatch, Enhanced Monitoring log streams), log file downloads " +
    "for Log Insights, parameter groups, instances and clusters of the role's account.",
  // The chart names its ServiceAccount after the release and installs into the release namespace: no default to state.
  inputs,
  statements(_input, context) {
    const rds = (resource: string) => arn(context, "rds", "*", context.accountId, resource);
    return [
      allow("ReadSystemMetrics", ["cloudwatch:GetMetricStatistics"], ["*"]),
      allow(
        "ReadEnhancedMonitoring",
        ["logs:GetLogEvents"],
        [arn(context, "logs", "*", context.accountId, "log-group:RDSOSMetrics:log-stream:*")],
      ),
      allow("ReadParameterGroups", ["rds:DescribeDBParameters"], [rds("pg:*")]),
      allow(
        "ReadInstancesAndLogs",
        ["rds:DescribeDBInstances", "rds:DownloadDBLogFilePortion", "rds:DescribeDBLogFiles"],
        [rds("db:*")],
      ),
      allow("ReadClusters", ["rds:DescribeDBClusters"], [rds("cluster:*")]),
    ];
  },
  waivers: [
    {
      rule: "IAM007",
      reason:
        "the collector reads every database, parameter group and cluster of the account to monitor them (pganalyze's documented policy, pinned to the role's account): monitoring has no narrower scope",
    },
  ],
};
