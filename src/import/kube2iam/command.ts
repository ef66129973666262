/**
 * `podiam import kube2iam --manifests FILE... [--authorization-details FILE] [--cluster KEY]
 * [--describe-cluster FILE] [--base-role-arn ARN] [--adopt-service-accounts] [-o FILE]`.
 * Input problems are printed positioned, exit 1, nothing written.
 */
import { readFileSync, statSync } from "fs";
import type { Command } from "commander";
import type { Problem } from "../../bindings/problems";
import { IDENTIFIER } from "../../bindings/schema";
import { printProblems, type Io } from "../../io";
import { readAuthorizationDetails } from "../aws/authorization-details";
import type { ImportCommandAdder } from "../command";
import { writeImport } from "../write-import";
import { readCluster } from "../aws/clusters";
import { readManifests } from "./read-manifests";
import { kube2iamImport } from "./to-bindings";
import { clusterWorkloads, type ClusterWorkloads } from "./workloads";

/** Far more than `kubectl get -A -o yaml` of a large cluster's workloads; beyond it, refuse rather than exhaust memory. */
export const MAX_MANIFEST_BYTES = 256 * 1024 * 1024;

export interface Kube2iamOptions {
  readonly manifests: readonly string[];
  readonly authorizationDetails?: string;
  readonly cluster?: string;
  readonly describeCluster?: string;
  readonly baseRoleArn?: string;
  readonly adoptServiceAccounts?: boolean;
  readonly output?: string;
}

export function importKube2iam(io: Io, options: Kube2iamOptions): number {
  const problems: Problem[] = [];
  const fileProblem = (file: string, message: string): Problem => ({
    file,
    line: 1,
    column: 1,
    path: "(file)",
    severity: "error",
    message,
  });
  if (options.cluster !== undefined && !IDENTIFIER.test(options.cluster)) {
    io.err(
      `podiam import kube2iam: --cluster ${JSON.stringify(options.cluster)} is not a cluster key (lowercase letters, digits and -, starting with a letter)\n`,
    );
    return 1;
  }
  const merged: ClusterWorkloads[] = [];
  for (const file of options.manifests) {
    let text: string;
    try {
      if (statSync(file).size > MAX_MANIFEST_BYTES) {
        problems.push(
          fileProblem(
            file,
            `is over ${MAX_MANIFEST_BYTES / 1024 / 1024} MiB: split it (kubectl get ... -n NAMESPACE) and pass the parts with --manifests`,
          ),
        );
        continue;
      }
      text = readFileSync(file, "utf8");
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      problems.push(fileProblem(file, `cannot read: ${code === "ENOENT" ? "no such file" : (error as Error).message}`));
      continue;
    }
    const read = readManifests(file, text);
    problems.push(...read.problems);
    const workloads = clusterWorkloads(read.objects);
    problems.push(...workloads.problems);
    merged.push(workloads);
  }
  const details =
    options.authorizationDetails !== undefined ? readAuthorizationDetails(options.authorizationDetails) : undefined;
  if (details) problems.push(...details.problems.filter((p) => p.severity === "error"));
  const described = options.describeCluster !== undefined ? readCluster(options.describeCluster) : undefined;
  if (described) problems.push(...described.problems.filter((p) => p.severity === "error"));
  if (problems.length > 0) {
    printProblems(io, problems);
    return 1;
  }
  if (details) printProblems(io, details.problems);
  const workloads: ClusterWorkloads = {
    workloads: merged.flatMap((m) => m.workloads),
    namespaces: new Map(merged.flatMap((m) => [...m.namespaces])),
    daemons: merged.flatMap((m) => m.daemons),
    serviceAccounts: merged.flatMap((m) => m.serviceAccounts),
    otherKinds: merged.reduce((all, m) => {
      for (const [kind, n] of m.otherKinds) all.set(kind, (all.get(kind) ?? 0) + n);
      return all;
    }, new Map<string, number>()),
    problems: [],
  };
  const imported = kube2iamImport({
    manifestFiles: options.manifests,
    workloads,
    ...(details?.details ? { details: details.details } : {}),
    ...(described?.cluster ? { describedCluster: described.cluster } : {}),
    ...(options.cluster !== undefined ? { clusterKey: options.cluster } : {}),
    ...(options.baseRoleArn !== undefined ? { baseRoleArn: options.baseRoleArn } : {}),
    adoptServiceAccounts: options.adoptServiceAccounts === true,
  });
  if (!imported.result) {
    printProblems(io, imported.problems);
    return 1;
  }
  return writeImport(io, imported.result, options.output !== undefined ? { output: options.output } : {});
}

export const addKube2iamCommand: ImportCommandAdder = (group: Command, io: Io, setExitCode: (code: number) => void) => {
  group
    .command("kube2iam")
    .description(
      "a bindings file from Kubernetes workloads annotated for kube2iam or kiam (iam.amazonaws.com/role): one binding per role and ServiceAccount, the old node-role trust kept in trust.roles for the migration",
    )
    .requiredOption(
      "--manifests <FILE...>",
      "kubectl get ns,deploy,sts,ds,cronjob,job,pod -A -o yaml output (a List or several documents)",
    )
    .option(
      "--authorization-details <FILE>",
      "aws iam get-account-authorization-details output: the roles' permissions and current trust",
    )
    .option("--cluster <KEY>", "the key of the cluster the manifests come from (default: the described cluster's name)")
    .option(
      "--describe-cluster <FILE>",
      "aws eks describe-cluster output: the cluster's name, region, account and OIDC issuer",
    )
    .option(
      "--base-role-arn <ARN>",
      "what kube2iam/kiam prefix role names with (default: their flags in the manifests, else the cluster's account)",
    )
    .option(
      "--adopt-service-accounts",
      "podiam takes the existing ServiceAccounts over (adopt.serviceAccounts) instead of serviceAccount.create: false",
    )
    .option("-o, --output <FILE>", "write the file here (never over an existing file) instead of stdout")
    .action((opts: Kube2iamOptions) => setExitCode(importKube2iam(io, opts)));
};
