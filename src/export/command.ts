/**
 * `podiam export helm-values`: the chart values of the ServiceAccounts podiam does not create, to
 * stdout (a file to pass with `helm -f`); problems to stderr, exit 1.
 */
import { loadBindingsFile } from "../bindings/load";
import { Io, printProblems } from "../io";
import { suggest } from "../util/text";
import { helmValues, renderHelmValues, renderOneHelmValues } from "./helm-values";

export interface ExportHelmValuesOptions {
  /** Only this cluster's ServiceAccounts (a key of clusters). */
  readonly cluster?: string;
  /** Only this ServiceAccount (namespace/name): its values alone, for `helm -f`. */
  readonly serviceAccount?: string;
}

export function exportHelmValues(io: Io, file: string, options: ExportHelmValuesOptions = {}): number {
  const loaded = loadBindingsFile(file);
  printProblems(io, loaded.problems);
  if (!loaded.model) {
    io.err(`${file}: has errors; fix them (podiam validate) before exporting from it\n`);
    return 1;
  }
  const model = loaded.model;
  if (options.cluster !== undefined && !model.clusters.has(options.cluster)) {
    const hint = suggest(options.cluster, [...model.clusters.keys()]);
    io.err(
      `podiam export helm-values: unknown cluster "${options.cluster}"${hint ? ` (did you mean "${hint}"?)` : ""}; the clusters are ${[...model.clusters.keys()].join(", ") || "none"}\n`,
    );
    return 1;
  }
  const entries = helmValues(model, options.cluster);
  if (options.serviceAccount === undefined) {
    io.out(renderHelmValues(entries));
    return 0;
  }
  const matching = entries.filter((e) => `${e.namespace}/${e.name}` === options.serviceAccount);
  if (matching.length === 1) {
    io.out(renderOneHelmValues(matching[0]));
    return 0;
  }
  if (matching.length > 1) {
    io.err(
      `podiam export helm-values: ${options.serviceAccount} is on clusters ${matching.map((e) => e.cluster).join(", ")}; say which with --cluster\n`,
    );
    return 1;
  }
  const created = model.bindings.find(
    (b) =>
      b.serviceAccount.create &&
      (options.cluster === undefined || b.clusters.includes(options.cluster)) &&
      b.serviceAccounts.some((sa) => `${sa.namespace}/${sa.name}` === options.serviceAccount),
  );
  io.err(
    created
      ? `podiam export helm-values: podiam creates ${options.serviceAccount} (binding "${created.name}"), with its role: give its chart serviceAccount.create: false and serviceAccount.name, or set serviceAccount: { create: false } on the binding for the chart to create it\n`
      : `podiam export helm-values: no binding binds ${options.serviceAccount}${options.cluster !== undefined ? ` on cluster ${options.cluster}` : ""} with serviceAccount: { create: false }\n`,
  );
  return 1;
}
