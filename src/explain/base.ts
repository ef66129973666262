/**
 * The base of `explain --base REF_OR_FILE`: an existing file is read as is; anything else is a git
 * ref, and the base is the bindings file as it is at that ref (`git show REF:PATH`).
 */
import { execFileSync } from "child_process";
import { existsSync, readFileSync, realpathSync, statSync } from "fs";
import { dirname, relative, sep } from "path";
import { MAX_FILE_BYTES } from "../bindings/load";

/** A mistake on the command line or in the repository: printed as is, exit status 1. */
export class ExplainError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ExplainError";
  }
}

export interface BaseText {
  /** How the base is named in messages and output: the file, or REF:PATH. */
  readonly label: string;
  /** The file's text; undefined when the file did not exist at the ref (everything is added). */
  readonly text?: string;
}

export function readBase(base: string, headFile: string): BaseText {
  if (existsSync(base) && statSync(base).isFile()) {
    if (statSync(base).size > MAX_FILE_BYTES) {
      throw new ExplainError(`--base ${base} is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB: not a bindings file`);
    }
    return { label: base, text: readFileSync(base, "utf8") };
  }
  return readAtRef(base, headFile);
}

function readAtRef(ref: string, headFile: string): BaseText {
  // A ref starting with "-" would be read by git as an option.
  if (ref === "" || ref.startsWith("-")) throw new ExplainError(`--base "${ref}" is neither a file nor a git ref`);
  if (!existsSync(headFile)) throw new ExplainError(`cannot read ${headFile} to find its git repository`);
  const cwd = dirname(realpathSync(headFile));
  const root = git(["rev-parse", "--show-toplevel"], cwd);
  if (root === undefined) {
    throw new ExplainError(
      `--base "${ref}" is not a file, and ${headFile} is not in a git repository to read it at that ref; pass --base FILE`,
    );
  }
  const path = relative(realpathSync(root.trim()), realpathSync(headFile)).split(sep).join("/");
  if (git(["rev-parse", "--verify", "--quiet", `${ref}^{commit}`], cwd) === undefined) {
    throw new ExplainError(
      `--base "${ref}" is neither a file nor a git ref in ${root.trim()}; in CI, check out with fetch-depth: 0 so that origin/<base branch> exists`,
    );
  }
  const label = `${ref}:${path}`;
  if (git(["cat-file", "-e", `${ref}:${path}`], cwd) === undefined) return { label };
  const text = git(["show", `${ref}:${path}`], cwd);
  if (text === undefined) throw new ExplainError(`cannot read ${label} with git show`);
  return { label, text };
}

/** git's stdout, or undefined when it fails (its stderr is not the user's business here). */
function git(args: readonly string[], cwd: string): string | undefined {
  try {
    return execFileSync("git", args, {
      cwd,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT")
      throw new ExplainError("git is not installed; pass --base FILE instead of a git ref");
    return undefined;
  }
}
