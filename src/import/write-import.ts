/**
 * The end of every `podiam import`: the file to -o FILE (never over an existing file) or stdout,
 * the notes and counts to stderr, and how `podiam validate` sees the result, so that what is left
 * to do is said before the user runs anything else.
 */
import { existsSync, writeFileSync } from "fs";
import { noDocuments } from "../bindings/documents";
import { loadBindings } from "../bindings/load";
import type { Io } from "../io";
import { validationOfLoaded } from "../validate";
import { printImportNotes, renderImportedFile, type ImportResult } from "./imported-file";

export interface WriteImportOptions {
  /** Write the file here instead of stdout. It must not exist yet. */
  readonly output?: string;
}

export function writeImport(io: Io, result: ImportResult, options: WriteImportOptions = {}): number {
  const text = renderImportedFile(result);
  const where = options.output ?? "bindings.yaml";
  if (options.output !== undefined) {
    if (existsSync(options.output)) {
      io.err(
        `podiam import ${result.tool}: ${options.output} exists; podiam import never overwrites a file: choose another -o, or remove it first\n`,
      );
      return 1;
    }
    try {
      writeFileSync(options.output, text);
    } catch (error) {
      io.err(`podiam import ${result.tool}: cannot write ${options.output}: ${(error as Error).message}\n`);
      return 1;
    }
  } else io.out(text);
  printImportNotes(io, result);
  // Importers write statements, never policy documents; a file on disk may be edited to name some.
  const check = loadBindings(text, where, options.output !== undefined ? {} : { readDocument: noDocuments });
  // As validate sees it: lint errors that no waiver covers refuse the file too.
  const { report } = validationOfLoaded(where, check);
  const errors = report.entries
    .filter((entry) => entry.waived === undefined && entry.problem.severity === "error")
    .map((entry) => entry.problem);
  if (errors.length > 0) {
    io.err(
      `podiam import ${result.tool}: the file is not finished: podiam validate will report ${errors.length} error(s), starting with ${errors[0].path}: ${errors[0].message}\n`,
    );
  }
  return 0;
}
