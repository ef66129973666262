/**
 * `--format sarif`: SARIF 2.1.0 for GitHub code scanning (`github/codeql-action/upload-sarif`).
 * One run; the tool's rules are the lint rules (their title and help) plus `bindings`, the file's
 * own checks (shape, references, limits, waivers); results at the bindings file's line and column;
 * waived findings as suppressions with the binding's reason.
 */
import type { Severity } from "../bindings/problems";
import type { Rule } from "../rules/rule";
import { repositoryPath, type ValidationReport } from "./validation";

export const SARIF_SCHEMA =
  "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/** The rule of problems that no lint rule found: the loader's checks, and faulty waivers. */
const FILE_RULE = {
  id: "bindings",
  severity: "error" as Severity,
  title: "A problem in the bindings file: its shape, a reference, an AWS limit, or a waiver",
  help: "podiam validates the whole file before anything reaches Terraform: unknown keys, unknown clusters and accounts, names over AWS's limits, malformed ARNs, trust and policy sizes, and waivers of rules that do not exist or match no finding. The message says what to change.",
};

/** Where podiam's documentation is, when the run says (GitHub Actions sets these). */
function informationUri(env: NodeJS.ProcessEnv): string | undefined {
  if (!env.GITHUB_SERVER_URL || !env.GITHUB_REPOSITORY) return undefined;
  return `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}#readme`;
}

export function renderValidationSarif(
  report: ValidationReport,
  rules: readonly Rule[],
  env: NodeJS.ProcessEnv = process.env,
): string {
  const all = [...rules, FILE_RULE];
  const index = new Map(all.map((rule, i) => [rule.id, i]));
  const uri = informationUri(env);
  const results = report.entries.map(({ problem, waived }) => {
    const ruleId = problem.rule && index.has(problem.rule) ? problem.rule : FILE_RULE.id;
    return {
      ruleId,
      ruleIndex: index.get(ruleId)!,
      level: problem.severity,
      message: { text: `${problem.path}: ${problem.message}` },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: encodeURI(repositoryPath(problem.file)) },
            region: { startLine: problem.line, startColumn: problem.column },
          },
          logicalLocations: [{ fullyQualifiedName: problem.path }],
        },
      ],
      ...(waived !== undefined ? { suppressions: [{ kind: "inSource", justification: waived }] } : {}),
    };
  });
  const sarif = {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "podiam",
            ...(uri ? { informationUri: uri } : {}),
            rules: all.map((rule) => ({
              id: rule.id,
              name: rule.id,
              shortDescription: { text: rule.title },
              fullDescription: { text: rule.help },
              help: { text: rule.help },
              defaultConfiguration: { level: rule.severity },
            })),
          },
        },
        // Columns as podiam counts them: UTF-16 code units, as JavaScript strings do.
        columnKind: "utf16CodeUnits",
        results,
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
