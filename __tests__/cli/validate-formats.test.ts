/**
 * `podiam validate --format json|sarif|github`, and the gate: `podiam synth` and `cdktf synth`
 * refuse what validate refuses, lint errors included, with the same report, and write nothing.
 */
import { spawnSync } from "child_process";
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join, relative } from "path";
import { toBeValidSarifLog } from "@microsoft/jest-sarif";
import { run } from "../../src/cli";
import { RULES } from "../../src/rules/lint";
import { renderValidationGithub } from "../../src/report/github";
import { renderValidationSarif } from "../../src/report/sarif";
import { ROOT } from "../helpers/synth";
import { withStatements } from "../rules/lint-helpers";

expect.extend({ toBeValidSarifLog });
declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      toBeValidSarifLog(): R;
    }
  }
}

/** An unused waiver (12:17), an error (IAM001 at 15:21), a warning (IAM007 at 19:23) and a waived warning (IAM010). */
const TEXT = withStatements(
  `        - actions: ["*"]
          resources: ["*"]
        - sid: Read
          actions: [s3:GetObject]
          resources: ["*"]
`,
  `    waivers:
      - { rule: IAM010, reason: "reads every bucket, by design: a backup job" }
      - { rule: SA001, reason: the namespace has one workload only }
`,
);

function writeFile(text: string): string {
  const dir = mkdtempSync(join(ROOT, ".tmp-validate-"));
  const file = join(dir, "bindings.yaml");
  writeFileSync(file, text);
  return file;
}

function cli(...argv: string[]): { code: number; out: string; err: string } {
  let out = "";
  let err = "";
  const code = run(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

let file: string;
beforeAll(() => (file = writeFile(TEXT)));
afterAll(() => {
  for (const name of readdirSync(ROOT))
    if (name.startsWith(".tmp-validate-")) spawnSync("rm", ["-rf", join(ROOT, name)]);
});

describe("--format json", () => {
  test("versioned, every problem with file, line, column, path, severity, rule, message; waived ones with the reason", () => {
    const { code, out, err } = cli("validate", "-f", file, "--format", "json");
    expect(code).toBe(1);
    expect(err).toBe(`${file}: 1 error, 2 warnings, 1 waived\n`);
    const json = JSON.parse(out);
    expect(json).toMatchObject({
      kind: "validation",
      version: 1,
      file,
      valid: false,
      errors: 1,
      warnings: 2,
      waived: 1,
    });
    expect(json.problems).toEqual([
      {
        file,
        line: 12,
        column: 17,
        path: "bindings[0].waivers[1].rule",
        severity: "warning",
        message: expect.stringMatching(/the waiver of SA001 matches no finding/),
      },
      {
        file,
        line: 15,
        column: 21,
        path: "bindings[0].policies.statements[0].actions[0]",
        severity: "error",
        rule: "IAM001",
        message: expect.stringMatching(/^binding "app", statements\[0\]: allows every action/),
      },
      expect.objectContaining({ line: 19, column: 23, rule: "IAM007", severity: "warning" }),
      expect.objectContaining({
        line: 19,
        column: 23,
        rule: "IAM010",
        waived: "reads every bucket, by design: a backup job",
      }),
    ]);
    expect(json.problems[0].rule).toBeUndefined();
  });
});

describe("--format sarif", () => {
  test("a valid SARIF 2.1.0 log (the OASIS schema), one run, podiam's rules with their help", () => {
    const { code, out } = cli("validate", "-f", file, "--format", "sarif");
    expect(code).toBe(1);
    const sarif = JSON.parse(out);
    expect(sarif).toBeValidSarifLog();
    expect(sarif).toMatchObject({ version: "2.1.0", $schema: expect.stringMatching(/sarif-schema-2\.1\.0\.json$/) });
    expect(sarif.runs).toHaveLength(1);
    const { driver } = sarif.runs[0].tool;
    expect(driver.name).toBe("podiam");
    expect(driver.rules.map((r: { id: string }) => r.id)).toEqual([...RULES.map((r) => r.id), "bindings"]);
    const iam003 = driver.rules.find((r: { id: string }) => r.id === "IAM003");
    expect(iam003).toMatchObject({
      shortDescription: { text: expect.stringContaining("Privilege escalation") },
      fullDescription: { text: expect.stringContaining("pathfinding.cloud") },
      help: { text: expect.any(String) },
      defaultConfiguration: { level: "error" },
    });
  });

  test("results at the file's line and column, relative to the repository; waived findings suppressed with the reason", () => {
    const { out } = cli("validate", "-f", file, "--format", "sarif");
    const { results, tool } = JSON.parse(out).runs[0];
    const uri = relative(process.cwd(), file).split("\\").join("/");
    expect(results[1]).toEqual({
      ruleId: "IAM001",
      ruleIndex: 0,
      level: "error",
      message: {
        text: expect.stringMatching(/^bindings\[0\]\.policies\.statements\[0\]\.actions\[0\]: binding "app"/),
      },
      locations: [
        {
          physicalLocation: { artifactLocation: { uri }, region: { startLine: 15, startColumn: 21 } },
          logicalLocations: [{ fullyQualifiedName: "bindings[0].policies.statements[0].actions[0]" }],
        },
      ],
    });
    const waived = results.find((r: { ruleId: string }) => r.ruleId === "IAM010");
    expect(waived.suppressions).toEqual([
      { kind: "inSource", justification: "reads every bucket, by design: a backup job" },
    ]);
    const waiver = results.find((r: { ruleId: string }) => r.ruleId === "bindings");
    expect(waiver).toMatchObject({ level: "warning", ruleIndex: tool.driver.rules.length - 1 });
    for (const result of results) expect(tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
  });

  test("the driver's informationUri is the repository when GitHub Actions says which", () => {
    const report = { file: "bindings.yaml", entries: [], errors: 0, warnings: 0, waived: 0, valid: true };
    const sarif = JSON.parse(
      renderValidationSarif(report, RULES, {
        GITHUB_SERVER_URL: "https://github.com",
        GITHUB_REPOSITORY: "acme/infra",
      }),
    );
    expect(sarif).toBeValidSarifLog();
    expect(sarif.runs[0].tool.driver.informationUri).toBe("https://github.com/acme/infra#readme");
    expect(sarif.runs[0].results).toEqual([]);
  });

  test("a file that does not load: its problems as results of the bindings rule", () => {
    const broken = writeFile("version: 1\naccounts: {}\nclusters: {}\nbindings:\n  - name: x\n    clustr: a\n");
    const { code, out } = cli("validate", "-f", broken, "--format", "sarif");
    expect(code).toBe(1);
    const sarif = JSON.parse(out);
    expect(sarif).toBeValidSarifLog();
    expect(sarif.runs[0].results.length).toBeGreaterThan(0);
    for (const result of sarif.runs[0].results) expect(result).toMatchObject({ ruleId: "bindings", level: "error" });
  });
});

describe("--format github", () => {
  test("workflow commands at the file's lines; waived findings left out", () => {
    const { code, out } = cli("validate", "-f", file, "--format", "github");
    expect(code).toBe(1);
    const path = relative(process.cwd(), file);
    const lines = out.trimEnd().split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^::warning file=.*,line=12,col=17,title=podiam::bindings\[0\]\.waivers\[1\]\.rule: /);
    expect(lines[1]).toMatch(
      new RegExp(
        `^::error file=${path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")},line=15,col=21,title=IAM001::bindings\\[0\\]\\.policies\\.statements\\[0\\]\\.actions\\[0\\]: binding "app"`,
      ),
    );
    expect(lines[2]).toMatch(/^::warning file=.*,line=19,col=23,title=IAM007::/);
    expect(out).not.toContain("IAM010");
  });

  test("escapes as GitHub's toolkit does: % CR LF in the message, and : , in properties", () => {
    const problem = {
      file: "dir,a:b/bindings%.yaml",
      line: 3,
      column: 4,
      path: "bindings[0]",
      severity: "warning" as const,
      rule: "IAM007",
      message: "100% of\nthe\rlines, all: here",
    };
    const out = renderValidationGithub({
      file: problem.file,
      entries: [{ problem }],
      errors: 0,
      warnings: 1,
      waived: 0,
      valid: true,
    });
    expect(out).toBe(
      "::warning file=dir%2Ca%3Ab/bindings%25.yaml,line=3,col=4,title=IAM007::bindings[0]: 100%25 of%0Athe%0Dlines, all: here\n",
    );
  });
});

describe("the gate: synth refuses what validate refuses", () => {
  const LINT_ERROR = withStatements(`        - actions: ["*"]\n          resources: ["*"]\n`);

  test("podiam synth: a lint error, the same report as validate, exit 1, nothing written", () => {
    const broken = writeFile(LINT_ERROR);
    const outdir = join(mkdtempSync(join(tmpdir(), "podiam-gate-")), "out");
    const validate = cli("validate", "-f", broken);
    const synth = cli("synth", "-f", broken, "-o", outdir);
    expect(validate.code).toBe(1);
    expect(synth.code).toBe(1);
    expect(synth.err).toBe(validate.err);
    expect(synth.err).toContain("error IAM001: ");
    expect(synth.out).toBe("");
    expect(existsSync(outdir)).toBe(false);
  });

  test("podiam synth: a waived error passes, as in validate", () => {
    const waived = writeFile(
      withStatements(
        `        - actions: ["*"]\n          resources: ["*"]\n`,
        `    waivers:\n      - { rule: IAM001, reason: "break-glass role, reviewed by security" }\n`,
      ),
    );
    const outdir = join(mkdtempSync(join(tmpdir(), "podiam-gate-")), "out");
    const synth = cli("synth", "-f", waived, "-o", outdir);
    expect(synth.err).toBe(cli("validate", "-f", waived).err);
    expect(synth.code).toBe(0);
    expect(readdirSync(join(outdir, "stacks")).length).toBeGreaterThan(0);
  });

  test("cdktf synth (main.ts, as cdktf.json runs it): the same report, exit 1, nothing written", () => {
    const broken = writeFile(LINT_ERROR);
    const outdir = join(mkdtempSync(join(tmpdir(), "podiam-gate-")), "out");
    const result = spawnSync(join(ROOT, "node_modules", ".bin", "cdktf"), ["synth", "--output", outdir], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, BINDINGS_FILE: broken, CHECKPOINT_DISABLE: "1", CI: "true" },
    });
    expect(result.status).not.toBe(0);
    const report = cli("validate", "-f", broken).err;
    // cdktf indents the app's stderr; every line of validate's report is there.
    for (const line of report.trimEnd().split("\n")) expect(result.stdout + result.stderr).toContain(line);
    expect(existsSync(join(outdir, "stacks"))).toBe(false);
  });
});
