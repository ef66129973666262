/**
 * `--format github`: each problem as a GitHub Actions workflow command
 * (`::error file=F,line=L,col=C,title=RULE::message`), which GitHub shows on the pull request's
 * lines. Waived findings are left out. Escaping as GitHub's toolkit does (`@actions/core`,
 * command.ts): `%`, CR and LF in the message; also `:` and `,` in property values.
 */
import { repositoryPath, type ValidationReport } from "./validation";

function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

export function renderValidationGithub(report: ValidationReport): string {
  return report.entries
    .filter((entry) => entry.waived === undefined)
    .map(({ problem }) => {
      const properties = [
        `file=${escapeProperty(repositoryPath(problem.file))}`,
        `line=${problem.line}`,
        `col=${problem.column}`,
        `title=${escapeProperty(problem.rule ?? "podiam")}`,
      ].join(",");
      return `::${problem.severity} ${properties}::${escapeData(`${problem.path}: ${problem.message}`)}\n`;
    })
    .join("");
}
