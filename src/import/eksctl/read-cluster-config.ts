/**
 * An eksctl ClusterConfig file -> the checked config, with positions. The file is refused, every
 * problem at its FILE:LINE:COLUMN, where eksctl itself would refuse it: YAML that does not parse,
 * unknown keys (eksctl decodes strictly), wrong types, a missing name, duplicate ServiceAccounts,
 * `iam.serviceAccounts` without `iam.withOIDC`, an entry without any policy, a Pod Identity
 * association that names a role and policies for it too. Nothing is imported from a refused file.
 */
import { isUtf8 } from "buffer";
import { readFileSync, statSync } from "fs";
import { isPair, isScalar, isSeq, Scalar, visit } from "yaml";
import type { z } from "zod";
import { FilePath, Problem, sortProblems } from "../../bindings/problems";
import { BindingsSource, MAX_ALIAS_EXPANSIONS } from "../../bindings/source";
import { describeValue, suggest } from "../../util/text";
import { ClusterConfig, clusterConfigSchema } from "./cluster-config-schema";
import { WELL_KNOWN_FLAGS } from "./well-known-policies";

/** A ClusterConfig is a few kilobytes; anything this large is not one. */
export const MAX_CLUSTER_CONFIG_BYTES = 8 * 1024 * 1024;

/** A plain scalar eksctl reads as a YAML 1.1 boolean (`roleOnly: yes`), where it was. */
export interface Yaml11Boolean {
  readonly path: FilePath;
  readonly text: string;
  readonly value: boolean;
}

export interface ReadClusterConfig {
  /** Present when there are no problems. */
  readonly config?: ClusterConfig;
  readonly problems: readonly Problem[];
  readonly source?: BindingsSource;
  readonly yaml11Booleans: readonly Yaml11Boolean[];
}

export function readClusterConfigFile(file: string): ReadClusterConfig {
  const refuse = (message: string): ReadClusterConfig => ({
    problems: [{ file, line: 1, column: 1, path: "(file)", severity: "error", message }],
    yaml11Booleans: [],
  });
  let bytes: Buffer;
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) return refuse("cannot read the ClusterConfig: it is a directory");
    if (!stat.isFile()) return refuse("cannot read the ClusterConfig: it is not a regular file");
    if (stat.size > MAX_CLUSTER_CONFIG_BYTES)
      return refuse(`cannot read the ClusterConfig: it is larger than ${MAX_CLUSTER_CONFIG_BYTES / 1024 / 1024} MB`);
    bytes = readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return refuse(`cannot read the ClusterConfig: ${code === "ENOENT" ? "no such file" : (error as Error).message}`);
  }
  if (!isUtf8(bytes)) return refuse("the file is not UTF-8 text: expected an eksctl ClusterConfig (YAML or JSON)");
  return readClusterConfig(bytes.toString("utf8"), file);
}

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** go-yaml v2 (through sigs.k8s.io/yaml) reads these plain scalars as booleans: YAML 1.1. */
const YAML_11_TRUE = /^(?:y|Y|yes|Yes|YES|on|On|ON)$/;
const YAML_11_FALSE = /^(?:n|N|no|No|NO|off|Off|OFF)$/;

export function readClusterConfig(text: string, file: string): ReadClusterConfig {
  const none: Yaml11Boolean[] = [];
  const at = (line: number, column: number, path: string, message: string): Problem => ({
    file,
    line,
    column,
    path,
    severity: "error",
    message,
  });
  const control = CONTROL_CHARACTER.exec(text);
  if (control) {
    const before = text.slice(0, control.index).split("\n");
    return {
      problems: [
        at(
          before.length,
          before[before.length - 1].length + 1,
          "(yaml)",
          "the file has a control character: it looks binary, not an eksctl ClusterConfig",
        ),
      ],
      yaml11Booleans: none,
    };
  }
  let source: BindingsSource;
  try {
    source = new BindingsSource(file, text);
  } catch (error) {
    return {
      problems: [at(1, 1, "(yaml)", `cannot parse the file as YAML: ${(error as Error).message}`)],
      yaml11Booleans: none,
    };
  }
  const syntax = source.yamlProblems();
  if (syntax.length > 0) return { problems: sortProblems(syntax), source, yaml11Booleans: none };
  if (
    source.document.contents === null ||
    (isScalar(source.document.contents) && source.document.contents.value === null)
  )
    return {
      problems: [
        at(
          1,
          1,
          "(root)",
          "the file is empty: expected an eksctl ClusterConfig (apiVersion: eksctl.io/v1alpha5, kind: ClusterConfig)",
        ),
      ],
      source,
      yaml11Booleans: none,
    };

  const yaml11Booleans = readYaml11Booleans(source);
  let data: unknown;
  try {
    data = source.document.toJS({ maxAliasCount: MAX_ALIAS_EXPANSIONS });
  } catch (error) {
    const message = /alias/i.test((error as Error).message)
      ? `too many alias expansions (more than ${MAX_ALIAS_EXPANSIONS}): the file looks like an alias bomb`
      : `cannot read the YAML: ${(error as Error).message}`;
    return { problems: [at(1, 1, "(yaml)", message)], source, yaml11Booleans };
  }
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    return {
      problems: [
        source.problem(
          [],
          `expected an eksctl ClusterConfig (a mapping with apiVersion: eksctl.io/v1alpha5 and kind: ClusterConfig), got ${describeValue(data)}`,
        ),
      ],
      source,
      yaml11Booleans,
    };
  }
  const kind = (data as Record<string, unknown>).kind;
  if (kind !== undefined && kind !== "ClusterConfig") {
    // A List, a Deployment, a bindings file...: its keys would only repeat that it is not a ClusterConfig.
    return {
      problems: [
        source.problem(
          ["kind"],
          `is ${describeValue(kind)}, not ClusterConfig: podiam import eksctl reads an eksctl ClusterConfig (one per file)`,
        ),
      ],
      source,
      yaml11Booleans,
    };
  }
  const cleaned = withoutNulls(data);
  const parsed = clusterConfigSchema.safeParse(cleaned);
  const problems = dedupe(
    sortProblems([
      ...(parsed.success ? [] : issueProblems(source, cleaned, parsed.error.issues)),
      ...eksctlValidation(
        source,
        cleaned,
        parsed.success ? [] : parsed.error.issues.map((issue) => issue.path.filter((p) => typeof p !== "symbol")),
      ),
    ]),
  );
  return problems.length > 0 || !parsed.success
    ? { problems, source, yaml11Booleans }
    : { config: parsed.data, problems, source, yaml11Booleans };
}

/** One problem per place and message (a missing name is both a type and an eksctl problem). */
function dedupe(problems: readonly Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.line}:${p.column}:${p.path}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Plain `yes`/`no`/`on`/`off`/`y`/`n` values become the booleans eksctl reads; where they were is kept. */
function readYaml11Booleans(source: BindingsSource): Yaml11Boolean[] {
  const found: Yaml11Boolean[] = [];
  const convert = (node: unknown, path: FilePath) => {
    if (!isScalar(node) || node.type !== Scalar.PLAIN || typeof node.value !== "string") return;
    const value = YAML_11_TRUE.test(node.value) ? true : YAML_11_FALSE.test(node.value) ? false : undefined;
    if (value === undefined) return;
    found.push({ path, text: node.value, value });
    node.value = value;
  };
  visit(source.document, {
    Pair: (_, pair, path) => {
      if (isScalar(pair.value)) convert(pair.value, [...pathOf(path), keyOf(pair.key)]);
    },
    Seq: (_, seq, path) => {
      seq.items.forEach((item, i) => convert(item, [...pathOf(path), i]));
    },
  });
  return found;
}

/** The file path of a node from `visit`'s ancestry (documents, pairs and sequences). */
function pathOf(ancestry: readonly unknown[]): FilePath {
  const path: (string | number)[] = [];
  for (let i = 0; i < ancestry.length; i++) {
    const node = ancestry[i];
    if (isPair(node)) path.push(keyOf(node.key));
    else if (isSeq(node)) {
      const child = ancestry[i + 1];
      const index = node.items.indexOf(child as never);
      if (index >= 0) path.push(index);
    }
  }
  return path;
}

function keyOf(key: unknown): string {
  return isScalar(key) ? String(key.value) : String(key);
}

/** Go leaves a field at its zero value for `key:` with nothing after it: so does this. */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== null)
        .map(([k, v]) => [k, withoutNulls(v)]),
    );
  }
  return value;
}

function issueProblems(source: BindingsSource, data: unknown, issues: readonly z.core.$ZodIssue[]): Problem[] {
  const problems: Problem[] = [];
  for (const issue of issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
    const found = valueAt(data, path);
    if (issue.code === "unrecognized_keys") {
      const known = knownKeysAt(path);
      for (const key of issue.keys) {
        const meant = suggest(key, known);
        problems.push(
          source.problem(
            [...path, key],
            `unknown key "${key}"${meant ? ` (did you mean "${meant}"?)` : ""}: eksctl refuses unknown keys`,
            { at: "key" },
          ),
        );
      }
    } else if (issue.code === "invalid_type") {
      if (found.missing) problems.push(source.problem(path, `is required (${describeExpected(issue.expected)})`));
      else if (isDefaultMessage(issue.message))
        problems.push(
          source.problem(path, `expected ${describeExpected(issue.expected)}, got ${describeValue(found.value)}`),
        );
      else problems.push(source.problem(path, issue.message));
    } else if (issue.code === "invalid_value") {
      problems.push(source.problem(path, issue.message));
    } else {
      problems.push(source.problem(path, issue.message));
    }
  }
  return problems;
}

function isDefaultMessage(message: string): boolean {
  return /^Invalid input/.test(message);
}

function describeExpected(expected: string): string {
  switch (expected) {
    case "string":
      return "a string";
    case "boolean":
      return "true or false";
    case "array":
      return "a list";
    case "object":
    case "record":
      return "a mapping";
    default:
      return expected;
  }
}

function valueAt(data: unknown, path: FilePath): { missing: boolean; value: unknown } {
  let value: unknown = data;
  for (const segment of path) {
    if (value === null || typeof value !== "object" || !Object.hasOwn(value, segment))
      return { missing: true, value: undefined };
    value = (value as Record<string | number, unknown>)[segment];
  }
  return { missing: value === undefined, value };
}

/** The keys eksctl knows at `path`, for "did you mean". */
function knownKeysAt(path: FilePath): string[] {
  let schema: z.core.$ZodType | undefined = clusterConfigSchema;
  for (const segment of path) {
    schema = unwrap(schema);
    if (!schema) return [];
    const def = schema._zod.def as unknown as Record<string, unknown>;
    if (def.type === "object" && typeof segment === "string")
      schema = (def.shape as Record<string, z.core.$ZodType>)[segment];
    else if (def.type === "array" && typeof segment === "number") schema = def.element as z.core.$ZodType;
    else return [];
  }
  schema = unwrap(schema);
  if (!schema) return [];
  const def = schema._zod.def as unknown as Record<string, unknown>;
  return def.type === "object" ? Object.keys(def.shape as object) : [];
}

function unwrap(schema: z.core.$ZodType | undefined): z.core.$ZodType | undefined {
  let current = schema;
  for (let hops = 0; current && hops < 10; hops++) {
    const def = current._zod.def as unknown as Record<string, unknown>;
    if (def.type === "optional" || def.type === "nullable" || def.type === "default")
      current = def.innerType as z.core.$ZodType;
    else if (def.type === "pipe") current = def.out as z.core.$ZodType;
    else break;
  }
  return current;
}

/** A mapping of the (maybe malformed) data, or nothing: the checks below run on files zod refused too. */
function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function nonEmptyText(value: unknown): string | undefined {
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return typeof value === "string" && value !== "" ? value : undefined;
}

function hasWellKnown(value: unknown): boolean {
  const flags = record(value);
  return WELL_KNOWN_FLAGS.some((flag) => flags[flag] === true);
}

/**
 * eksctl's own validation of the IAM parts (validation.go, pod_identity_association.go),
 * positioned. It reads the data defensively, so that a file with wrong types gets these problems
 * too, all at once.
 */
function eksctlValidation(source: BindingsSource, data: unknown, refused: readonly FilePath[]): Problem[] {
  const problems: Problem[] = [];
  // eksctl stops at a key it cannot decode: an entry with one is not also "missing" its policies.
  const decoded = (path: FilePath) =>
    !refused.some((r) => r.length >= path.length && path.every((segment, i) => r[i] === segment));
  const iam = record(record(data).iam);
  const serviceAccounts = list(iam.serviceAccounts);
  const associations = list(iam.podIdentityAssociations);
  if (serviceAccounts.length > 0 && iam.withOIDC !== true) {
    problems.push(
      source.problem(
        iam.withOIDC !== undefined ? ["iam", "withOIDC"] : ["iam", "serviceAccounts"],
        "iam.withOIDC must be enabled explicitly for iam.serviceAccounts to be created (eksctl refuses this file): set iam.withOIDC: true",
        { at: "key" },
      ),
    );
  }
  const seen = new Map<string, number>();
  serviceAccounts.forEach((item, i) => {
    const sa = record(item);
    const path = ["iam", "serviceAccounts", i];
    const metadata = record(sa.metadata);
    const name = nonEmptyText(metadata.name);
    if (name === undefined) {
      problems.push(
        source.problem([...path, "metadata", "name"], "must be set (eksctl: iam.serviceAccounts[].name must be set)"),
      );
      return;
    }
    const key = `${nonEmptyText(metadata.namespace) ?? "default"}/${name}`;
    const first = seen.get(key);
    if (first !== undefined)
      problems.push(
        source.problem(
          [...path, "metadata"],
          `"${key}" is not unique: iam.serviceAccounts[${first}] is the same ServiceAccount (<namespace>/<name> must be unique)`,
        ),
      );
    else seen.set(key, i);
    if (
      decoded(path) &&
      !hasWellKnown(sa.wellKnownPolicies) &&
      list(sa.attachPolicyARNs).length === 0 &&
      sa.attachPolicy === undefined &&
      nonEmptyText(sa.attachRoleARN) === undefined
    )
      problems.push(
        source.problem(path, "one of wellKnownPolicies, attachPolicyARNs, attachRoleARN or attachPolicy must be set"),
      );
  });
  const associated = new Map<string, number>();
  associations.forEach((item, i) => {
    const pia = record(item);
    const path = ["iam", "podIdentityAssociations", i];
    const namespace = nonEmptyText(pia.namespace);
    const serviceAccountName = nonEmptyText(pia.serviceAccountName);
    if (namespace === undefined)
      problems.push(
        source.problem(
          [...path, "namespace"],
          "must be set: a Pod Identity association names its ServiceAccount's namespace (eksctl has no default here)",
        ),
      );
    if (serviceAccountName === undefined) problems.push(source.problem([...path, "serviceAccountName"], "must be set"));
    if (namespace !== undefined && serviceAccountName !== undefined) {
      const key = `${namespace}/${serviceAccountName}`;
      const first = associated.get(key);
      if (first !== undefined)
        problems.push(
          source.problem(
            path,
            `associates "${key}" again: iam.podIdentityAssociations[${first}] already does (EKS allows one association per ServiceAccount)`,
          ),
        );
      else associated.set(key, i);
    }
    const policies = {
      permissionPolicy: pia.permissionPolicy !== undefined && pia.permissionPolicy !== "",
      permissionPolicyARNs: list(pia.permissionPolicyARNs).length > 0,
      wellKnownPolicies: hasWellKnown(pia.wellKnownPolicies),
    };
    if (nonEmptyText(pia.roleARN) !== undefined) {
      for (const [field, set] of Object.entries(policies))
        if (set)
          problems.push(
            source.problem(
              [...path, field],
              `cannot be specified when roleARN is set (eksctl makes no role for an association with roleARN)`,
              {
                at: "key",
              },
            ),
          );
    } else if (decoded(path) && !Object.values(policies).some(Boolean)) {
      problems.push(
        source.problem(
          path,
          "at least one of roleARN, permissionPolicy, permissionPolicyARNs and wellKnownPolicies must be set",
        ),
      );
    }
    if (pia.permissionPolicyName !== undefined) {
      if (pia.permissionPolicy === undefined)
        problems.push(
          source.problem([...path, "permissionPolicyName"], "requires permissionPolicy (it names that inline policy)", {
            at: "key",
          }),
        );
      else if (!/[A-Za-z0-9]/.test(String(pia.permissionPolicyName)))
        problems.push(source.problem([...path, "permissionPolicyName"], "must contain at least one letter or digit"));
    }
  });
  return problems;
}
