/**
 * `podiam import eksctl CLUSTER_CONFIG [-o FILE] [--role-names FILE] [--account-id ID] [--issuer URL]`:
 * a bindings file that adopts the IRSA roles, Pod Identity roles and ServiceAccounts eksctl made
 * from a ClusterConfig. A ClusterConfig eksctl would refuse is refused here, each problem at its
 * line, with no output.
 */
import type { Command } from "commander";
import { Problem, sortProblems } from "../../bindings/problems";
import { Io, printProblems } from "../../io";
import type { ImportCommandAdder } from "../command";
import { writeImport } from "../write-import";
import { readClusterConfigFile } from "./read-cluster-config";
import { GivenRoleName, parseRoleArn, readRoleNamesFile, unusableRoleNames } from "./role-names";
import { importClusterConfig } from "./to-bindings";
import type { ClusterConfig } from "./cluster-config-schema";

export interface ImportEksctlOptions {
  readonly output?: string;
  readonly roleNames?: string;
  readonly accountId?: string;
  readonly issuer?: string;
}

export function importEksctl(io: Io, file: string, options: ImportEksctlOptions): number {
  const problems: Problem[] = [];
  if (options.accountId !== undefined && !/^\d{12}$/.test(options.accountId)) {
    io.err(
      `podiam import eksctl: --account-id ${JSON.stringify(options.accountId)} is not a 12-digit AWS account id\n`,
    );
    return 1;
  }
  if (options.issuer !== undefined && !/^https:\/\/\S+$/.test(options.issuer)) {
    io.err(
      `podiam import eksctl: --issuer ${JSON.stringify(options.issuer)} is not an https:// URL (aws eks describe-cluster --query cluster.identity.oidc.issuer)\n`,
    );
    return 1;
  }
  const read = readClusterConfigFile(file);
  problems.push(...read.problems);
  let roleNames: ReadonlyMap<string, GivenRoleName> | undefined;
  if (options.roleNames !== undefined) {
    const names = readRoleNamesFile(options.roleNames);
    problems.push(...names.problems);
    roleNames = names.names;
    if (read.config) problems.push(...unusableRoleNames(names.names, rolesNamedInConfig(read.config)));
  }
  if (problems.length > 0 || !read.config || !read.source) {
    printProblems(io, sortProblems(problems));
    io.err(`podiam import eksctl: ${problems.length} problem(s); nothing written\n`);
    return 1;
  }
  const result = importClusterConfig(read.config, read.source, read.yaml11Booleans, {
    file,
    accountId: options.accountId,
    issuer: options.issuer,
    roleNames,
    roleNamesFile: options.roleNames,
  });
  return writeImport(io, result, { output: options.output });
}

/** namespace/name -> the role name the ClusterConfig gives every entry of it (undefined when some entry has none). */
function rolesNamedInConfig(config: ClusterConfig): Map<string, string | undefined> {
  const named = new Map<string, string | undefined>();
  const add = (key: string, name: string | undefined) => {
    if (named.has(key) && named.get(key) === undefined) return;
    named.set(key, named.has(key) && named.get(key) !== name ? undefined : name);
  };
  for (const sa of config.iam?.serviceAccounts ?? []) {
    const key = `${sa.metadata?.namespace || "default"}/${sa.metadata?.name ?? ""}`;
    add(key, sa.roleName ?? (sa.attachRoleARN ? parseRoleArn(sa.attachRoleARN)?.name : undefined));
  }
  for (const pia of config.iam?.podIdentityAssociations ?? []) {
    const key = `${pia.namespace ?? ""}/${pia.serviceAccountName ?? ""}`;
    add(key, pia.roleName ?? (pia.roleARN ? parseRoleArn(pia.roleARN)?.name : undefined));
  }
  return named;
}

export const addImportEksctl: ImportCommandAdder = (group: Command, io: Io, setExitCode: (code: number) => void) => {
  group
    .command("eksctl")
    .description(
      "a bindings file from an eksctl ClusterConfig's iam.serviceAccounts and iam.podIdentityAssociations, adopting the roles eksctl made",
    )
    .argument("<CLUSTER_CONFIG>", "the eksctl ClusterConfig (YAML or JSON)")
    .option("-o, --output <FILE>", "write the bindings file here (never over an existing file; default: stdout)")
    .option(
      "--role-names <FILE>",
      "the names of the roles CloudFormation generated (no roleName in the config): a YAML or JSON mapping of namespace/name to role name or role ARN",
    )
    .option("--account-id <ID>", "the cluster's AWS account id (default: inferred from the ARNs of the file)")
    .option("--issuer <URL>", "the cluster's OIDC issuer URL, for literal trust policies (default: read at plan time)")
    .action((clusterConfig: string, options: ImportEksctlOptions) =>
      setExitCode(importEksctl(io, clusterConfig, options)),
    );
};
