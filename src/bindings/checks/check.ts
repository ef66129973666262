/** What every check gets: the model, the file to position problems in, and where to report them. */
import type { BindingsModel, Binding } from "../model";
import type { FilePath, Problem } from "../problems";
import type { BindingsSource } from "../source";

export class CheckContext {
  readonly problems: Problem[] = [];

  constructor(
    readonly source: BindingsSource,
    readonly model: BindingsModel,
  ) {}

  report(path: FilePath, message: string, at: "key" | "value" = "value"): void {
    this.problems.push(this.source.problem(path, message, { at }));
  }

  warn(path: FilePath, message: string, at: "key" | "value" = "value"): void {
    this.problems.push(this.source.problem(path, message, { at, severity: "warning" }));
  }
}

/** A path under the binding, in the file. */
export function bindingPath(binding: Binding, ...sub: FilePath): FilePath {
  return ["bindings", binding.index, ...sub];
}
