/** The pull-request workflow: valid YAML, minimal permissions, pinned actions, the documented steps. */
import { readFileSync } from "fs";
import { join } from "path";
import { parseDocument } from "yaml";
import { ROOT } from "../helpers/synth";

const FILE = join(ROOT, ".github", "workflows", "bindings.yml");

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
  if?: string;
}

function workflow() {
  const document = parseDocument(readFileSync(FILE, "utf8"), { strict: true, uniqueKeys: true });
  expect(document.errors).toEqual([]);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return document.toJS() as any;
}

function steps(): Step[] {
  return workflow().jobs.review.steps;
}

function step(predicate: (s: Step) => boolean | undefined): Step {
  const found = steps().find((s) => predicate(s));
  if (!found) throw new Error("no such step");
  return found;
}

test("runs on pull requests that touch bindings.yaml", () => {
  expect(workflow().on.pull_request.paths).toContain("bindings.yaml");
});

test("asks for the least permissions: read the code, comment, OIDC token", () => {
  expect(workflow().permissions).toEqual({ contents: "read", "pull-requests": "write", "id-token": "write" });
});

test("every action is pinned to a version tag or a commit", () => {
  const uses = steps().flatMap((s) => (s.uses ? [s.uses] : []));
  expect(uses.length).toBeGreaterThanOrEqual(5);
  for (const action of uses) expect(action).toMatch(/^[\w.-]+\/[\w.-]+@(v\d+(\.\d+){0,2}|[0-9a-f]{40})$/);
});

test("checks out the whole history, so that origin/<base> exists for explain --base", () => {
  expect(step((s) => s.uses?.startsWith("actions/checkout@")).with).toEqual({ "fetch-depth": 0 });
});

test("Node 20 with the npm cache, then npm ci", () => {
  expect(step((s) => s.uses?.startsWith("actions/setup-node@")).with).toEqual({ "node-version": 20, cache: "npm" });
  expect(step((s) => s.run?.startsWith("npm ci")).run).toBeDefined();
});

test("validates, then explains against the base branch as markdown and posts it", () => {
  const runs = steps().map((s) => s.run ?? "");
  const validate = runs.findIndex((r) => r.includes("npx podiam validate"));
  const explain = runs.findIndex((r) => r.includes("npx podiam explain"));
  expect(validate).toBeGreaterThan(-1);
  // As workflow commands, so that findings show on the pull request's lines.
  expect(runs[validate]).toBe("npx podiam validate --format github");
  expect(explain).toBeGreaterThan(validate);
  const explainStep = steps()[explain];
  expect(explainStep.run).toContain(
    'npx podiam explain --base "origin/${BASE_REF}" --format markdown --max-length 65000 > explain.md',
  );
  // The branch name reaches the script through the environment, not by expression splicing.
  expect(explainStep.env).toEqual({ BASE_REF: "${{ github.base_ref }}" });
  expect(explainStep.run).not.toContain("${{");
  const comment = step((s) => s.uses?.startsWith("marocchino/sticky-pull-request-comment@"));
  expect(comment.with).toEqual({ header: "podiam-explain", path: "explain.md" });
});

test("synthesizes, then plans every stack with pinned Terraform and OIDC credentials", () => {
  const names = steps().map((s) => s.run ?? s.uses ?? "");
  const synth = names.findIndex((n) => n.includes("npx cdktf synth"));
  const terraform = names.findIndex((n) => n.startsWith("hashicorp/setup-terraform@"));
  const credentials = names.findIndex((n) => n.startsWith("aws-actions/configure-aws-credentials@"));
  const plan = names.findIndex((n) => n.includes("terraform -chdir") && n.includes(" plan "));
  expect(synth).toBeGreaterThan(-1);
  expect([synth < plan, terraform < plan, credentials < plan]).toEqual([true, true, true]);
  expect(steps()[terraform].with).toMatchObject({ terraform_version: expect.stringMatching(/^\d+\.\d+\.\d+$/) });
  expect(steps()[credentials].with).toMatchObject({
    "role-to-assume": expect.stringContaining("vars."),
    "aws-region": expect.any(String),
  });
  expect(steps()[plan].run).toContain("cdktf.out/stacks/*/");
  expect(steps()[plan].run).toContain(" init -input=false");
});
