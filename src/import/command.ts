/**
 * `podiam import <tool>`: a bindings file from what a fleet already has. Each importer lives in
 * a folder of its own (src/import/<tool>/) and adds its subcommand to this group; all of them end
 * in writeImport (write-import.ts).
 */
import { Command } from "commander";
import type { Io } from "../io";
import { addAwsImportCommand } from "./aws/command";
import { addImportEksctl } from "./eksctl/command";
import { addKube2iamCommand } from "./kube2iam/command";

/** How an importer adds its subcommand to `podiam import`. */
export type ImportCommandAdder = (group: Command, io: Io, setExitCode: (code: number) => void) => void;

/** The importers, in the order `podiam import --help` lists them. */
const IMPORTERS: readonly ImportCommandAdder[] = [addImportEksctl, addAwsImportCommand, addKube2iamCommand];

export function addImportCommands(program: Command, io: Io, setExitCode: (code: number) => void): void {
  const group = program
    .command("import")
    .description("write a bindings file from an existing fleet (eksctl, an AWS account, kube2iam or kiam)");
  for (const add of IMPORTERS) add(group, io, setExitCode);
}
