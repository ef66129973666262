/**
 * `aws eks describe-cluster --name NAME` output, for the cluster entry of the imported file: its
 * name, region and account (from the ARN) and its OIDC issuer. Only what the cluster entry needs.
 */
import type { Problem } from "../../bindings/problems";
import { InputProblems, isRecord, kindOf, readJsonInput } from "../aws/json-input";

export interface DescribedCluster {
  readonly file: string;
  readonly name: string;
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
  /** identity.oidc.issuer, when the cluster has one. */
  readonly issuer?: string;
}

const CLUSTER_ARN = /^arn:(aws|aws-cn|aws-us-gov):eks:([a-z0-9-]+):(\d{12}):cluster\/(.+)$/;

export function readDescribeCluster(
  file: string,
  text?: string,
): { readonly cluster?: DescribedCluster; readonly problems: readonly Problem[] } {
  const read = readJsonInput(file, text);
  if (!read.input) return { problems: read.problems };
  const problems = new InputProblems(read.input);
  const data = read.input.data;
  const cluster = isRecord(data) ? data.cluster : undefined;
  if (!isRecord(cluster)) {
    problems.error(
      isRecord(data) ? ["cluster"] : [],
      `is ${kindOf(cluster ?? data)}; expected the output of aws eks describe-cluster (an object with cluster)`,
    );
    return { problems: problems.list };
  }
  const arn = typeof cluster.arn === "string" ? CLUSTER_ARN.exec(cluster.arn) : null;
  if (!arn) {
    problems.error(["cluster", "arn"], "needs the cluster's ARN (arn:aws:eks:<region>:<account>:cluster/<name>)");
    return { problems: problems.list };
  }
  const identity = isRecord(cluster.identity) && isRecord(cluster.identity.oidc) ? cluster.identity.oidc : undefined;
  const issuer = typeof identity?.issuer === "string" ? identity.issuer : undefined;
  if (issuer !== undefined && !issuer.startsWith("https://")) {
    problems.error(["cluster", "identity", "oidc", "issuer"], "is not an https:// issuer URL");
    return { problems: problems.list };
  }
  return {
    cluster: {
      file,
      name: typeof cluster.name === "string" ? cluster.name : arn[4],
      partition: arn[1],
      region: arn[2],
      accountId: arn[3],
      ...(issuer !== undefined ? { issuer } : {}),
    },
    problems: problems.list,
  };
}
