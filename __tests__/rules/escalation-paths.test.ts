/**
 * IAM003's escalation paths, one by one: the policy of each path's positive case is granted the
 * path, the negative's is not (escalation-cases.json, from the lint research; its `negativeWhy`
 * says why). A few positives are checked against the policy simulator: it allows each action.
 */
import { loadBindings } from "../../src/bindings/load";
import { formatProblem } from "../../src/bindings/problems";
import { actionInfo } from "../../src/catalog/iam-actions";
import { ESCALATION_PATHS } from "../../src/rules/IAM003-escalation-paths";
import { escalationPathsOf } from "../../src/rules/IAM003-privilege-escalation";
import { simulateIdentity } from "../helpers/simulate";
import CASES from "./escalation-cases.json";
import { findingsOf, withStatements } from "./lint-helpers";

type Statement = { effect: string; actions: string[]; resources: string[] };
const cases = CASES as Record<string, { positive: Statement[]; negative: Statement[]; negativeWhy: string }>;

function fileOf(statements: readonly Statement[]): string {
  return withStatements(statements.map((s) => `        - ${JSON.stringify(s)}\n`).join(""));
}

function grantedPaths(statements: readonly Statement[]): string[] {
  const result = loadBindings(fileOf(statements));
  if (!result.model) throw new Error(result.problems.map(formatProblem).join("\n"));
  return escalationPathsOf(result.model.bindings[0], { model: result.model }).map((g) => g.path.id);
}

test("every path has a positive and a negative case, and nothing else has one", () => {
  expect(Object.keys(cases).sort()).toEqual(ESCALATION_PATHS.map((p) => p.id).sort());
});

test("every path's actions are in the catalogue, spelled as it spells them; each cites its sources by URL", () => {
  for (const path of ESCALATION_PATHS) {
    expect({ id: path.id, actions: path.actions.map((a) => actionInfo(a)?.action) }).toEqual({
      id: path.id,
      actions: path.actions,
    });
    expect(path.sources.length).toBeGreaterThan(0);
    for (const source of path.sources) expect(source.url).toMatch(/^https?:\/\/[^ ]+$/);
    expect(path.actions.includes("iam:PassRole")).toBe(path.passedToService !== undefined);
  }
});

describe.each(ESCALATION_PATHS.map((path) => [path.id, path] as const))("%s", (id, path) => {
  test("positive: granted, and IAM003 reports it or a path it includes", () => {
    expect(grantedPaths(cases[id].positive)).toContain(id);
    const messages = findingsOf(fileOf(cases[id].positive), "IAM003").map((f) => f.problem.message);
    const reported = messages.map((m) => ESCALATION_PATHS.find((p) => m.includes(`escalation "${p.id}"`))!);
    expect(reported.some((p) => p.actions.every((a) => path.actions.includes(a)))).toBe(true);
  });
  test(`negative: not granted (${cases[id].negativeWhy})`, () => {
    expect(grantedPaths(cases[id].negative)).not.toContain(id);
  });
});

describe("the simulator allows each action of a few positives", () => {
  const SAMPLES: Record<string, { resource: string; context?: Record<string, string> }> = {
    "iam:PutRolePolicy": { resource: "arn:aws:iam::111122223333:role/app" },
    "iam:CreateAccessKey": { resource: "arn:aws:iam::111122223333:user/admin" },
    "iam:PassRole": {
      resource: "arn:aws:iam::111122223333:role/admin",
      context: { "iam:PassedToService": "ec2.amazonaws.com" },
    },
    "ec2:RunInstances": { resource: "arn:aws:ec2:eu-west-1:111122223333:instance/i-0123456789abcdef0" },
    "eks:CreateAccessEntry": { resource: "arn:aws:eks:eu-west-1:111122223333:cluster/prod" },
    "eks:AssociateAccessPolicy": {
      resource: "arn:aws:eks:eu-west-1:111122223333:access-entry/prod/role/111122223333/x/1",
    },
    "kms:PutKeyPolicy": { resource: "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab" },
    "ssm:SendCommand": { resource: "arn:aws:ec2:eu-west-1:111122223333:instance/i-0123456789abcdef0" },
    "codebuild:StartBuild": { resource: "arn:aws:codebuild:eu-west-1:111122223333:project/ci" },
    "iam:UploadSSHPublicKey": { resource: "arn:aws:iam::111122223333:user/admin" },
  };
  test.each([
    "iam-put-role-policy",
    "iam-create-access-key",
    "ec2-001-passrole-runinstances",
    "eks-create-access-entry-associate-policy",
    "kms-put-key-policy",
    "ssm-002-send-command",
    "codebuild-002-start-build",
    "iam-upload-ssh-public-key",
  ])("%s", (id) => {
    const path = ESCALATION_PATHS.find((p) => p.id === id)!;
    for (const action of path.actions) {
      const sample = SAMPLES[action];
      expect({ action, decision: simulateIdentity(cases[id].positive, { action, ...sample }) }).toEqual({
        action,
        decision: "Allowed",
      });
    }
  });
});
