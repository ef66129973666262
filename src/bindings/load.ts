/**
 * bindings.yaml -> validated model: YAML with positions, then shape, references and limits.
 * Every problem is collected and returned; nothing here throws on bad input.
 */
import { readFileSync } from "fs";
import { buildModel } from "./build-model";
import { checkModel } from "./checks";
import { BindingsModel } from "./model";
import { BindingsError, hasErrors, Problem, sortProblems } from "./problems";
import { BindingsSource, MAX_ALIAS_EXPANSIONS } from "./source";

export interface LoadResult {
  /** Present when there are no errors. */
  readonly model?: BindingsModel;
  /** Errors and warnings, in file order. */
  readonly problems: readonly Problem[];
  readonly source?: BindingsSource;
}

export function loadBindingsFile(file: string): LoadResult {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message;
    return {
      problems: [{ file, line: 1, column: 1, path: "(root)", severity: "error", message: `cannot read the bindings file: ${reason} (set -f FILE or BINDINGS_FILE)` }],
    };
  }
  return loadBindings(text, file);
}

export function loadBindings(text: string, file = "bindings.yaml"): LoadResult {
  let source: BindingsSource;
  try {
    source = new BindingsSource(file, text);
  } catch (error) {
    return { problems: [{ file, line: 1, column: 1, path: "(root)", severity: "error", message: `cannot parse the file as YAML: ${(error as Error).message}` }] };
  }
  const syntax = source.yamlProblems();
  if (syntax.length > 0) return { problems: sortProblems(syntax), source };

  let data: unknown;
  try {
    data = source.document.toJS({ maxAliasCount: MAX_ALIAS_EXPANSIONS });
  } catch (error) {
    const message = /alias/i.test((error as Error).message)
      ? `too many alias expansions (more than ${MAX_ALIAS_EXPANSIONS}): the file looks like an alias bomb; write the values out`
      : `cannot read the YAML: ${(error as Error).message}`;
    return { problems: [{ file, line: 1, column: 1, path: "(yaml)", severity: "error", message }], source };
  }

  const draft = buildModel(source, data);
  const problems = [...draft.problems];
  problems.push(...checkModel(source, draft.model));
  const sorted = sortProblems(problems);
  return hasErrors(sorted) ? { problems: sorted, source } : { model: draft.model, problems: sorted, source };
}

/** For programmatic use (main.ts): the model, or a BindingsError with every problem. */
export function loadBindingsOrThrow(file: string): BindingsModel {
  const result = loadBindingsFile(file);
  if (!result.model) throw new BindingsError(result.problems);
  return result.model;
}
