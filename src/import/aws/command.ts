/**
 * `podiam import aws --authorization-details FILE [--cluster FILE]... [--pod-identity-associations FILE]... [-o FILE]`:
 * read the AWS CLI outputs (each problem positioned; any error stops before anything is written),
 * convert, name the ignored roles on stderr, and write through writeImport.
 */
import type { Command } from "commander";
import type { Problem } from "../../bindings/problems";
import { printProblems, type Io } from "../../io";
import type { ImportCommandAdder } from "../command";
import { writeImport } from "../write-import";
import { readAuthorizationDetails } from "./authorization-details";
import { readAssociations, type ListedAssociation, type PodIdentityAssociation } from "./associations";
import { readCluster, type EksCluster } from "./clusters";
import { importAws, type AwsImport } from "./to-bindings";

export interface AwsImportFiles {
  readonly authorizationDetails: string;
  readonly clusters: readonly string[];
  readonly podIdentityAssociations: readonly string[];
}

/** Read every input; the import, or every problem found in them. */
export function importAwsFiles(files: AwsImportFiles): { imported?: AwsImport; problems: readonly Problem[] } {
  const problems: Problem[] = [];
  const read = readAuthorizationDetails(files.authorizationDetails);
  problems.push(...read.problems);
  const clusters: EksCluster[] = [];
  for (const file of files.clusters) {
    const cluster = readCluster(file);
    problems.push(...cluster.problems);
    if (cluster.cluster) clusters.push(cluster.cluster);
  }
  const associations: PodIdentityAssociation[] = [];
  const listed: ListedAssociation[] = [];
  for (const file of files.podIdentityAssociations) {
    const result = readAssociations(file);
    problems.push(...result.problems);
    associations.push(...result.associations);
    listed.push(...result.listed);
  }
  if (!read.details || problems.some((p) => p.severity === "error")) return { problems };
  const imported = importAws({
    details: read.details,
    clusters,
    associations,
    listed,
    inputs: [files.authorizationDetails, ...files.clusters, ...files.podIdentityAssociations],
  });
  return { imported, problems };
}

const collect = (value: string, previous: string[]) => [...previous, value];

export const addAwsImportCommand: ImportCommandAdder = (group: Command, io: Io, setExitCode) => {
  group
    .command("aws")
    .description(
      "a bindings file that adopts the account's EKS workload roles, from aws iam get-account-authorization-details, aws eks describe-cluster and describe-pod-identity-association outputs",
    )
    .requiredOption(
      "--authorization-details <file>",
      "output of aws iam get-account-authorization-details --filter Role LocalManagedPolicy",
    )
    .option("--cluster <file>", "output of aws eks describe-cluster --name NAME (repeatable)", collect, [])
    .option(
      "--pod-identity-associations <file>",
      "output of aws eks describe-pod-identity-association, or a JSON array of them (repeatable)",
      collect,
      [],
    )
    .option("-o, --output <file>", "write the bindings file here (never over an existing file) instead of stdout")
    .action(
      (options: {
        authorizationDetails: string;
        cluster: string[];
        podIdentityAssociations: string[];
        output?: string;
      }) => {
        const { imported, problems } = importAwsFiles({
          authorizationDetails: options.authorizationDetails,
          clusters: options.cluster,
          podIdentityAssociations: options.podIdentityAssociations,
        });
        if (problems.length > 0) printProblems(io, problems);
        if (!imported) {
          setExitCode(1);
          return;
        }
        for (const role of imported.ignoredRoles) io.err(`podiam import aws: ignored (not a workload role): ${role}\n`);
        setExitCode(writeImport(io, imported.result, { output: options.output }));
      },
    );
};
