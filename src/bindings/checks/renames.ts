/**
 * Renames: previousNames become the `from` of Terraform moved blocks, so one may not be a current
 * name, nor the previous name of two entries. And what a rename takes from previousNames (a role's
 * default name, a cluster's default EKS name) must be written down before previousNames goes, or
 * removing them, which should change nothing, would replace the role or name another cluster.
 */
import type { FilePath } from "../problems";
import { bindingPath, CheckContext } from "./check";

export function checkRenames(context: CheckContext): void {
  const { model, source } = context;
  const check = (kind: string, entries: { name: string; previousNames: readonly string[]; path: FilePath }[]) => {
    const current = new Set(entries.map((e) => e.name));
    const claimed = new Map<string, string>();
    for (const entry of entries) {
      entry.previousNames.forEach((previous, i) => {
        const path = [...entry.path, "previousNames", i];
        if (previous === entry.name || current.has(previous)) {
          context.report(
            path,
            `"${previous}" is the current name of ${previous === entry.name ? "this" : "another"} ${kind}; previousNames lists names no longer in use`,
          );
        } else if (claimed.has(previous)) {
          context.report(
            path,
            `"${previous}" is already a previous name of ${kind} "${claimed.get(previous)}"; one old name can move to one place`,
          );
        } else {
          claimed.set(previous, entry.name);
        }
      });
    }
  };
  check(
    "account",
    [...model.accounts.values()].map((a) => ({
      name: a.alias,
      previousNames: a.previousNames,
      path: ["accounts", a.alias],
    })),
  );
  check(
    "cluster",
    [...model.clusters.values()].map((c) => ({
      name: c.key,
      previousNames: c.previousNames,
      path: ["clusters", c.key],
    })),
  );
  check(
    "binding",
    model.bindings.map((b) => ({ name: b.name, previousNames: b.previousNames, path: bindingPath(b) })),
  );

  for (const binding of model.bindings) {
    if (binding.previousNames.length === 0 || binding.role.external || source.has(bindingPath(binding, "role", "name")))
      continue;
    context.warn(
      bindingPath(binding, "previousNames"),
      `the role's name "${binding.role.name}" comes from previousNames[0]; write role: { name: ${binding.role.name} } before you remove previousNames, or the role is replaced (and with it the ARN its pods carry)`,
      "key",
    );
  }
  for (const cluster of model.clusters.values()) {
    if (cluster.previousNames.length === 0 || source.has(["clusters", cluster.key, "name"])) continue;
    context.warn(
      ["clusters", cluster.key, "previousNames"],
      `the cluster's EKS name "${cluster.name}" comes from previousNames[0]; write name: ${cluster.name} before you remove previousNames, or podiam reads another cluster`,
      "key",
    );
  }
}
