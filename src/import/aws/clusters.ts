/**
 * `aws eks describe-cluster` outputs: the clusters a workload role's trust can name. The issuer is
 * what a trust policy's OIDC provider ARN and condition keys are matched against; the ARN gives the
 * cluster's partition, region and account.
 */
import type { Problem } from "../../bindings/problems";
import { InputProblems, isRecord, kindOf, readJsonInput, requiredString } from "./json-input";

export interface EksCluster {
  readonly name: string;
  readonly arn: string;
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
  /** `https://oidc.eks.<region>.amazonaws.com/id/<ID>`; undefined when the output has none. */
  readonly issuer?: string;
  /** The issuer without `https://`, as it appears in provider ARNs and condition keys. */
  readonly issuerHost?: string;
  /** The file it was read from. */
  readonly file: string;
}

const CLUSTER_ARN = /^arn:(aws|aws-cn|aws-us-gov):eks:([a-z0-9-]+):(\d{12}):cluster\/(.+)$/;

/** Read one describe-cluster output (`{"cluster": {...}}`). */
export function readCluster(file: string, text?: string): { cluster?: EksCluster; problems: readonly Problem[] } {
  const read = readJsonInput(file, text);
  if (!read.input) return { problems: read.problems };
  const problems = new InputProblems(read.input);
  const data = read.input.data;
  if (!isRecord(data) || !isRecord(data.cluster)) {
    problems.error(
      isRecord(data) && data.cluster !== undefined ? ["cluster"] : [],
      `is ${isRecord(data) ? (data.cluster === undefined ? "an object without cluster" : kindOf(data.cluster)) : kindOf(data)}; expected the output of aws eks describe-cluster ({"cluster": {...}})`,
    );
    return { problems: problems.list };
  }
  const cluster = data.cluster;
  const name = requiredString(problems, cluster, "name", ["cluster"]);
  const arn = requiredString(problems, cluster, "arn", ["cluster"]);
  const parts = arn !== undefined ? CLUSTER_ARN.exec(arn) : null;
  if (arn !== undefined && !parts)
    problems.error(["cluster", "arn"], `${JSON.stringify(arn)} is not an EKS cluster ARN`);
  else if (parts && name !== undefined && parts[4] !== name)
    problems.error(["cluster", "arn"], `${JSON.stringify(arn)} is not the ARN of the cluster ${JSON.stringify(name)}`);
  const oidc = isRecord(cluster.identity) && isRecord(cluster.identity.oidc) ? cluster.identity.oidc : undefined;
  const issuer = typeof oidc?.issuer === "string" ? oidc.issuer : undefined;
  if (issuer !== undefined && !/^https:\/\/[^\s/]+(\/\S*)?$/.test(issuer))
    problems.error(
      ["cluster", "identity", "oidc", "issuer"],
      `${JSON.stringify(issuer)} is not an https:// issuer URL`,
    );
  if (problems.hasErrors || !name || !arn || !parts) return { problems: problems.list };
  if (issuer === undefined)
    problems.warning(
      ["cluster"],
      "has no identity.oidc.issuer: no IRSA trust can be matched to this cluster (only Pod Identity associations)",
    );
  return {
    cluster: {
      name,
      arn,
      partition: parts[1],
      region: parts[2],
      accountId: parts[3],
      ...(issuer !== undefined ? { issuer, issuerHost: issuer.replace(/^https:\/\//, "").replace(/\/$/, "") } : {}),
      file,
    },
    problems: problems.list,
  };
}
