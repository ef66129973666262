/** Where a command writes: its report to `out` (stdout), problems and summaries to `err` (stderr). */
import { formatProblem, Problem } from "./bindings/problems";

export interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

export const processIo: Io = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/** Each problem on its own line, as FILE:LINE:COLUMN: PATH: message. */
export function printProblems(io: Io, problems: readonly Problem[]): void {
  for (const problem of problems) io.err(`${formatProblem(problem)}\n`);
}
