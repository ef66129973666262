/**
 * podiam's command line: synth, validate, schema (and explain). Problems in the file are printed
 * as FILE:LINE:COLUMN: PATH: message with exit status 1; nothing a user writes shows a stack trace.
 */
import { existsSync, mkdirSync, rmSync } from "fs";
import { join } from "path";
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { bindingsJsonSchema } from "./bindings/schema";
import { EXPLAIN_FORMATS, explain, ExplainFormat } from "./explain/command";
import { AFFECTED_FORMATS, affected, AffectedFormat } from "./affected/command";
import { atlantis } from "./atlantis/command";
import { exportHelmValues } from "./export/command";
import { addImportCommands } from "./import/command";
import { Io, processIo } from "./io";
import { VALIDATE_FORMATS, validateBindingsFile, ValidateFormat } from "./validate";

const DEFAULT_FILE = "bindings.yaml";

function defaultFile(): string {
  return process.env.BINDINGS_FILE ?? DEFAULT_FILE;
}

export function synth(io: Io, file: string, outdir: string): number {
  // The gate: what validate refuses (lint errors included) is refused here, with the same report.
  const { code, model } = validateBindingsFile(io, file);
  if (!model) return code;
  try {
    mkdirSync(outdir, { recursive: true });
    // Stacks that no longer exist must not linger in the output; only clear a cdktf output dir.
    if (existsSync(join(outdir, "manifest.json"))) rmSync(join(outdir, "stacks"), { recursive: true, force: true });
  } catch (error) {
    io.err(`podiam synth: cannot write the stacks into ${outdir}: ${(error as Error).message}\n`);
    return 1;
  }
  // cdktf and the providers load only here: validate, explain and schema never pay for them.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { synthesizeInParallel } = require("./synth-parallel") as typeof import("./synth-parallel");
  const { names, threads } = synthesizeInParallel(model, outdir);
  const on = threads > 1 ? ` (on ${threads} threads)` : "";
  io.out(`Synthesized ${names.length} stacks${on} into ${join(outdir, "stacks")}: ${names.join(", ")}\n`);
  return 0;
}

export function validate(io: Io, file: string, format: ValidateFormat = "text"): number {
  return validateBindingsFile(io, file, format).code;
}

export function schema(io: Io): number {
  io.out(`${JSON.stringify(bindingsJsonSchema(), null, 2)}\n`);
  return 0;
}

function parseLength(value: string): number {
  if (!/^[1-9][0-9]*$/.test(value))
    throw new InvalidArgumentError("must be a whole number of characters, such as 65000");
  return Number(value);
}

export function createProgram(io: Io, setExitCode: (code: number) => void): Command {
  const program = new Command("podiam")
    .description("Compile bindings.yaml into Terraform stacks for EKS IRSA and Pod Identity")
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });
  const fileOption = ["-f, --file <FILE>", `bindings file (default: $BINDINGS_FILE or ${DEFAULT_FILE})`] as const;

  program
    .command("synth")
    .description("write the Terraform stacks, as `cdktf synth` does, without the cdktf CLI")
    .option(...fileOption)
    .option("-o, --output <DIR>", "output directory", "cdktf.out")
    .action((options: { file?: string; output: string }) =>
      setExitCode(synth(io, options.file ?? defaultFile(), options.output)),
    );
  program
    .command("validate")
    .description("report every error and lint finding; exit 1 on any error")
    .option(...fileOption)
    .addOption(
      new Option(
        "--format <FORMAT>",
        "text; json for machines; sarif for code scanning; github for workflow annotations",
      )
        .choices(VALIDATE_FORMATS)
        .default("text"),
    )
    .action((options: { file?: string; format: ValidateFormat }) =>
      setExitCode(validate(io, options.file ?? defaultFile(), options.format)),
    );
  program
    .command("explain")
    .description("what each ServiceAccount may do, for review; with --base, only what changed")
    .option(...fileOption)
    .option(
      "--base <REF_OR_FILE>",
      "compare with this file (a bindings file, or a saved explain --format json), or with the bindings file at this git ref (origin/main)",
    )
    .addOption(new Option("--format <FORMAT>", "output format").choices(EXPLAIN_FORMATS).default("text"))
    .option("--max-length <CHARS>", "markdown: cut at a whole section to fit (65000 for a GitHub comment)", parseLength)
    .action((options: { file?: string; base?: string; format: ExplainFormat; maxLength?: number }) =>
      setExitCode(
        explain(io, options.file ?? defaultFile(), {
          base: options.base,
          format: options.format,
          maxLength: options.maxLength,
        }),
      ),
    );
  program
    .command("affected")
    .description("the stacks whose Terraform differs between the base and the file: added, changed, removed")
    .option(...fileOption)
    .requiredOption(
      "--base <REF_OR_FILE>",
      "compare with this bindings file, or with the bindings file at this git ref (origin/main)",
    )
    .addOption(
      new Option("--format <FORMAT>", "output format (json: for a CI matrix)")
        .choices(AFFECTED_FORMATS)
        .default("text"),
    )
    .option("-o, --output <DIR>", "the directory podiam synth writes, to name each stack's directory", "cdktf.out")
    .action((options: { file?: string; base: string; format: AffectedFormat; output: string }) =>
      setExitCode(
        affected(io, options.file ?? defaultFile(), {
          base: options.base,
          format: options.format,
          output: options.output,
        }),
      ),
    );
  program
    .command("export")
    .description("what other tools need from the file")
    .command("helm-values")
    .description(
      "for each ServiceAccount podiam does not create: the chart values that give it its role (create, name, annotations)",
    )
    .option(...fileOption)
    .option("--cluster <KEY>", "only this cluster's ServiceAccounts")
    .option("--service-account <NAMESPACE/NAME>", "only this ServiceAccount's values, as a file for helm -f")
    .action((options: { file?: string; cluster?: string; serviceAccount?: string }) =>
      setExitCode(
        exportHelmValues(io, options.file ?? defaultFile(), {
          cluster: options.cluster,
          serviceAccount: options.serviceAccount,
        }),
      ),
    );
  program
    .command("atlantis")
    .description("write an Atlantis repo config (atlantis.yaml, version 3): one project per stack")
    .option(...fileOption)
    .option("-o, --out <FILE>", "write atlantis.yaml here, at the repository's root (default: stdout)")
    .option("--synth-output <DIR>", "the directory podiam synth writes the stacks into", "cdktf.out")
    .option("--no-workflow", "no custom workflow: Atlantis' default one plans the stacks a hook or a commit made")
    .option("--terraform-version <VERSION>", "terraform_version of every project (default: the server's)")
    .action(
      (options: { file?: string; out?: string; synthOutput: string; workflow: boolean; terraformVersion?: string }) =>
        setExitCode(atlantis(io, options.file ?? defaultFile(), { ...options, output: options.synthOutput })),
    );
  addImportCommands(program, io, setExitCode);
  program
    .command("schema")
    .description("print the JSON Schema of bindings.yaml, for editors")
    .action(() => setExitCode(schema(io)));
  return program;
}

/** Runs the CLI; returns the exit status. */
export function run(argv: readonly string[], io: Io = processIo): number {
  let code = 0;
  const program = createProgram(io, (c) => (code = c));
  try {
    program.parse([...argv], { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    io.err(`podiam: internal error: ${(error as Error).message}\n`);
    if (process.env.PODIAM_DEBUG) io.err(`${(error as Error).stack}\n`);
    else io.err("podiam: this is a bug in podiam; rerun with PODIAM_DEBUG=1 for details and report it\n");
    return 2;
  }
  return code;
}

if (require.main === module) process.exitCode = run(process.argv.slice(2));
