/**
 * Hostile and broken input: each gives positioned problems, never a throw, never a stack trace,
 * never a model.
 */
import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { loadBindings, loadBindingsFile } from "../../src/bindings/load";
import { formatProblem } from "../../src/bindings/problems";
import { MAX_NESTING_DEPTH } from "../../src/bindings/source";
import { FILE, problemsOf, yaml } from "./problems-of";

/** Loads without throwing; asserts there is no model and no stack frame in any message. */
function rejected(text: string): string[] {
  const result = loadBindings(text, FILE);
  expect(result.model).toBeUndefined();
  const lines = result.problems.map(formatProblem);
  expect(lines.length).toBeGreaterThan(0);
  for (const line of lines) expect(line).not.toMatch(/\n\s+at |Error:|RangeError/);
  return lines;
}

describe("nothing in the file", () => {
  test.each([
    ["an empty file", ""],
    ["only whitespace", "  \n\n   \n"],
    ["only comments", "# bindings for the prod clusters\n# (none yet)\n"],
  ])("%s", (_, text) => {
    expect(rejected(text)).toEqual([
      "bindings.yaml:1:1: (root): the file is empty; it needs version: 1, accounts, clusters and bindings",
    ]);
  });
});

describe("not a mapping at the top", () => {
  test("a list", () => {
    expect(rejected("- version: 1\n- accounts: {}\n")).toEqual([
      "bindings.yaml:1:1: (root): expected a mapping with version: 1, accounts, clusters and bindings, got a list",
    ]);
  });

  test("a scalar", () => {
    expect(rejected("bindings.yaml\n")).toEqual([
      'bindings.yaml:1:1: (root): expected a mapping with version: 1, accounts, clusters and bindings, got "bindings.yaml"',
    ]);
  });
});

describe("YAML errors", () => {
  test("an unclosed flow mapping", () => {
    const text = yaml`
      version: 1
      accounts:
        prod: { id: "111122223333", region: eu-west-1
      clusters: {}
      bindings: []
    `;
    expect(rejected(text)).toEqual([
      "bindings.yaml:4:1: (yaml): Flow map in block collection must be sufficiently indented and end with a }",
    ]);
  });

  test("a tab used as indentation", () => {
    expect(rejected("version: 1\naccounts:\n\tprod: {}\n")).toEqual([
      "bindings.yaml:3:1: (yaml): Tabs are not allowed as indentation",
    ]);
  });

  test("a duplicate key names the key", () => {
    const text = yaml`
      version: 1
      accounts: {}
      clusters: {}
      bindings: []
      accounts: {}
    `;
    expect(rejected(text)).toEqual([
      'bindings.yaml:5:1: (yaml): the key "accounts" is already set above in the same mapping; keep one',
    ]);
  });

  test("a duplicate key deep in a binding", () => {
    const text = yaml`
      version: 1
      accounts: {}
      clusters: {}
      bindings:
        - name: api
          cluster: eu
          name: worker
    `;
    expect(rejected(text)).toEqual([
      'bindings.yaml:7:5: (yaml): the key "name" is already set above in the same mapping; keep one',
    ]);
  });

  test("a second document", () => {
    const text = yaml`
      version: 1
      accounts: {}
      clusters: {}
      bindings: []
      ---
      version: 1
    `;
    expect(rejected(text)).toEqual([
      "bindings.yaml:5:1: (yaml): a second YAML document (after ---); podiam reads one document per file: remove it, or move it to its own file",
    ]);
  });

  test("tags that would turn values into binary data or sets", () => {
    const text = yaml`
      version: 1
      accounts: !!set { prod }
      clusters: {}
      bindings:
        - name: !!binary YXBp
    `;
    expect(rejected(text)).toEqual([
      "bindings.yaml:2:11: (yaml): the tag !!set is not supported in a bindings file; remove it and write a plain value",
      "bindings.yaml:5:11: (yaml): the tag !!binary is not supported in a bindings file; remove it and write a plain value",
    ]);
  });

  test("a list used as a key", () => {
    const text = yaml`
      version: 1
      accounts: {}
      clusters: {}
      ? [a, b]
      : 1
      bindings: []
    `;
    expect(rejected(text)).toEqual(["bindings.yaml:4:3: (yaml): a list used as a key; keys are plain names"]);
  });
});

describe("resource exhaustion", () => {
  test("an alias bomb (billion laughs)", () => {
    const text = yaml`
      version: 1
      a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
      b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
      c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
      d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
      e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
      f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
      g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
      h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
      i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
    `;
    expect(rejected(text)).toEqual([
      "bindings.yaml:1:1: (yaml): too many alias expansions (more than 1000): the file looks like an alias bomb; write the values out",
    ]);
  });

  test("an alias that refers to itself gives a shape problem, not an endless loop", () => {
    const text = yaml`
      version: 1
      accounts: {}
      clusters: {}
      bindings: &all [*all]
    `;
    expect(rejected(text)).toEqual(["bindings.yaml:4:17: bindings[0]: expected a mapping (key: value), got a list"]);
  });

  test("5,000 nested flow lists: one problem, at the first list too deep", () => {
    const text = `version: 1\nx: ${"[".repeat(5000)}${"]".repeat(5000)}\n`;
    // The top mapping is level 0; the n-th '[' is level n, at column 3 + n.
    const column = 3 + MAX_NESTING_DEPTH;
    expect(rejected(text)).toEqual([
      `bindings.yaml:2:${column}: (yaml): nested more than ${MAX_NESTING_DEPTH} levels deep; a bindings file needs about ten: check the indentation and brackets`,
    ]);
  });

  test("5,000 nested block lists", () => {
    // Line 3 + i holds the list of level i + 1, its '-' at column i + 1.
    const text = `version: 1\nx:\n${Array.from({ length: 5000 }, (_, i) => `${" ".repeat(i)}-`).join("\n")}\n`;
    expect(rejected(text)).toEqual([
      `bindings.yaml:${3 + MAX_NESTING_DEPTH - 1}:${MAX_NESTING_DEPTH}: (yaml): nested more than ${MAX_NESTING_DEPTH} levels deep; a bindings file needs about ten: check the indentation and brackets`,
    ]);
  });

  test("nesting up to the limit is read normally", () => {
    const text = `version: 1\naccounts: {}\nclusters: {}\nbindings: []\nx: ${"[".repeat(MAX_NESTING_DEPTH - 1)}${"]".repeat(MAX_NESTING_DEPTH - 1)}\n`;
    expect(rejected(text)).toEqual(['bindings.yaml:5:1: x: unknown key "x"']);
  });

  test("a very long string is shortened in the message", () => {
    const name = "a".repeat(1_000_000);
    const text = yaml`
      version: 1
      accounts:
        prod: { id: "111122223333", region: eu-west-1 }
      clusters:
        eu: { account: prod, region: eu-west-1 }
      bindings:
        - name: ${name}
          cluster: eu
          serviceAccounts: [billing/api]
    `;
    expect(rejected(text)).toEqual([
      `bindings.yaml:7:11: bindings[0].name: "${"a".repeat(57)}...": a binding name must be at most 64 characters`,
    ]);
  });

  test("a very long key: YAML's own limit on implicit keys", () => {
    expect(rejected(`version: 1\n${"k".repeat(2000)}: 1\n`)).toEqual([
      "bindings.yaml:2:1: (yaml): The : indicator must be at most 1024 chars after the start of an implicit block mapping key",
    ]);
  });
});

describe("unicode", () => {
  test("in a binding name, a cluster reference and a namespace", () => {
    const text = yaml`
      version: 1
      accounts:
        prod: { id: "111122223333", region: eu-west-1 }
      clusters:
        eu: { account: prod, region: eu-west-1 }
      bindings:
        - name: facturación
          cluster: eü
          serviceAccounts: [bïlling/api]
    `;
    expect(rejected(text)).toEqual([
      `bindings.yaml:7:11: bindings[0].name: "facturación": a binding name must be lowercase letters, digits, '-' and single '_', starting with a letter`,
      // A malformed name no longer hides the binding's other problems.
      `bindings.yaml:8:14: bindings[0].cluster: unknown cluster "eü" (did you mean "eu"?); declared: eu`,
      `bindings.yaml:9:23: bindings[0].serviceAccounts[0]: "bïlling/api" is not namespace/name: the namespace must be lowercase RFC 1123 (a-z, 0-9, '-', at most 63)`,
    ]);
  });

  test("in an account alias", () => {
    const text = yaml`
      version: 1
      accounts:
        prød: { id: "111122223333", region: eu-west-1 }
      clusters: {}
      bindings: []
    `;
    expect(rejected(text)).toEqual([
      `bindings.yaml:3:3: accounts["prød"]: "prød" is not a valid account alias: lowercase letters, digits, '-' and single '_', starting with a letter, at most 64`,
    ]);
  });

  test("a byte order mark does not shift columns", () => {
    expect(rejected("\uFEFFversion: 2\naccounts: {}\nclusters: {}\nbindings: []\n")).toEqual([
      "bindings.yaml:1:10: version: must be 1 (got the number 2); this podiam reads version 1",
    ]);
  });

  test("Windows line endings do not shift lines", () => {
    const text =
      "version: 1\r\naccounts: {}\r\nclusters: {}\r\nbindings:\r\n  - name: Api\r\n    cluster: eu\r\n    serviceAccounts: [a/b]\r\n";
    expect(rejected(text)).toEqual([
      `bindings.yaml:5:11: bindings[0].name: "Api": a binding name must be lowercase letters, digits, '-' and single '_', starting with a letter`,
      `bindings.yaml:6:14: bindings[0].cluster: unknown cluster "eu"; declared: none`,
    ]);
  });
});

describe("binary-ish files", () => {
  test("control characters", () => {
    expect(rejected("version: 1\naccounts: {}\n  \u0000\u0001\u0002 ELF\n")).toEqual([
      "bindings.yaml:3:3: (yaml): the file has a control character (U+0000): it looks binary, not YAML text",
    ]);
  });

  test("a file that is not UTF-8, at the first invalid byte", () => {
    const dir = mkdtempSync(join(tmpdir(), "podiam-load-"));
    const file = join(dir, "latin1.yaml");
    writeFileSync(file, Buffer.from("version: 1\naccounts:\n  pr\xf6d: {}\n", "latin1"));
    const result = loadBindingsFile(file);
    expect(result.model).toBeUndefined();
    expect(result.problems.map(formatProblem)).toEqual([
      `${file}:3:5: (yaml): the file is not UTF-8 text; save it as UTF-8`,
    ]);
  });

  test("a missing file says how to name another", () => {
    const file = join(tmpdir(), "podiam-no-such-dir", "bindings.yaml");
    expect(loadBindingsFile(file).problems.map(formatProblem)).toEqual([
      `${file}:1:1: (root): cannot read the bindings file: no such file (set -f FILE or BINDINGS_FILE)`,
    ]);
  });

  test("a directory", () => {
    const dir = mkdtempSync(join(tmpdir(), "podiam-load-"));
    expect(loadBindingsFile(dir).problems.map(formatProblem)).toEqual([
      `${dir}:1:1: (root): cannot read the bindings file: it is a directory (set -f FILE or BINDINGS_FILE)`,
    ]);
  });
});

test("prototype keys are plain unknown names, not object internals", () => {
  const text = yaml`
    version: 1
    accounts:
      __proto__: { id: "111122223333", region: eu-west-1 }
    clusters:
      constructor: { account: toString, region: eu-west-1 }
    bindings: []
  `;
  expect(problemsOf(text)).toEqual([
    `bindings.yaml:3:3: accounts.__proto__: "__proto__" is not a valid account alias: lowercase letters, digits, '-' and single '_', starting with a letter, at most 64`,
    'bindings.yaml:5:27: clusters.constructor.account: unknown account "toString"; declared: __proto__',
  ]);
});
