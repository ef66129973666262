/**
 * The base of `explain --base REF_OR_FILE`: an existing file is read as is; anything else is a git
 * ref, and the base is the bindings file as it is at that ref (`git show REF:PATH`).
 */
import { execFileSync } from "child_process";
import { existsSync, readFileSync, realpathSync, statSync } from "fs";
import { dirname, posix, relative, sep } from "path";
import type { DocumentReader } from "../bindings/documents";
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
  /**
   * How the policy documents it names are read: at the same ref, beside the file.
   * @default from disk, beside the base file
   */
  readonly readDocument?: DocumentReader;
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
  return { label, text, readDocument: documentsAtRef(ref, path, cwd) };
}

/**
 * The documents of the bindings file at `ref`: beside it at that ref, never outside its directory
 * (the loader refuses `..` and absolute paths before asking), and a blob only (a symbolic link at
 * the ref would name another file).
 */
function documentsAtRef(ref: string, bindingsPath: string, cwd: string): DocumentReader {
  const dir = posix.dirname(bindingsPath);
  return (documentPath) => {
    const path = posix.normalize(posix.join(dir, documentPath.split(sep).join("/")));
    const file = `${ref}:${path}`;
    const entry = git(["ls-tree", ref, "--", path], cwd)?.trim();
    if (!entry) return { problem: `cannot read ${file}: no such file at ${ref}` };
    const [mode, type] = entry.split(/\s+/);
    if (type !== "blob" || mode === "120000") return { problem: `cannot read ${file}: it is not a regular file` };
    const size = Number(git(["cat-file", "-s", `${ref}:${path}`], cwd));
    if (!(size <= MAX_FILE_BYTES))
      return { problem: `cannot read ${file}: it is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB` };
    const text = git(["show", `${ref}:${path}`], cwd);
    return text === undefined ? { problem: `cannot read ${file} with git show` } : { file, text };
  };
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
