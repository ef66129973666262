/**
 * The pull-request workflow: valid YAML, minimal permissions per job, actions pinned to commit
 * SHAs, one review job (validate, explain, synth, affected) and one plan job per affected stack.
 */
import { readFileSync } from "fs";
import { join } from "path";
import { parseDocument } from "yaml";
import { ROOT } from "../helpers/synth";

const FILE = join(ROOT, ".github", "workflows", "bindings.yml");

interface Step {
  name?: string;
  id?: string;
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

function steps(job = "review"): Step[] {
  return workflow().jobs[job].steps;
}

function step(predicate: (s: Step) => boolean | undefined, job = "review"): Step {
  const found = steps(job).find((s) => predicate(s));
  if (!found) throw new Error("no such step");
  return found;
}

test("runs on pull requests that touch bindings.yaml", () => {
  expect(workflow().on.pull_request.paths).toContain("bindings.yaml");
});

test("asks for the least permissions: none by default; review reads and comments, plan gets an OIDC token", () => {
  expect(workflow().permissions).toEqual({});
  expect(workflow().jobs.review.permissions).toEqual({ contents: "read", "pull-requests": "write" });
  expect(workflow().jobs.plan.permissions).toEqual({ "id-token": "write" });
});

test("every action is pinned to a full commit SHA, its release in a comment", () => {
  const lines = readFileSync(FILE, "utf8")
    .split("\n")
    .filter((line) => /^\s*(- )?uses:/.test(line));
  expect(lines.length).toBeGreaterThanOrEqual(7);
  for (const line of lines) expect(line).toMatch(/uses: [\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
});

test("checks out the whole history, so that origin/<base> exists for explain and affected --base", () => {
  expect(step((s) => s.uses?.startsWith("actions/checkout@")).with).toEqual({ "fetch-depth": 0 });
});

test("Node 24 with the npm cache, then npm ci", () => {
  expect(step((s) => s.uses?.startsWith("actions/setup-node@")).with).toEqual({ "node-version": 24, cache: "npm" });
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

test("synthesizes, lists the affected stacks as the job's outputs, keeps the stacks for the plans", () => {
  const runs = steps().map((s) => s.run ?? s.uses ?? "");
  const synth = runs.findIndex((r) => r.includes("npx podiam synth"));
  const affected = runs.findIndex((r) => r.includes("npx podiam affected"));
  const upload = runs.findIndex((r) => r.startsWith("actions/upload-artifact@"));
  expect([synth > -1, synth < affected, affected < upload]).toEqual([true, true, true]);
  const list = steps()[affected];
  expect(list.run).toContain('npx podiam affected --base "origin/${BASE_REF}" --format json > affected.json');
  expect(list.env).toEqual({ BASE_REF: "${{ github.base_ref }}" });
  expect(list.run).not.toContain("${{");
  expect(list.run).toContain('>> "$GITHUB_OUTPUT"');
  expect(workflow().jobs.review.outputs).toEqual({
    stacks: `\${{ steps.${list.id}.outputs.stacks }}`,
    count: `\${{ steps.${list.id}.outputs.count }}`,
  });
  expect(steps()[upload].with).toMatchObject({ name: "stacks", path: "cdktf.out/" });
});

test("plans one affected stack per job, skipped when none is affected or for a fork", () => {
  const plan = workflow().jobs.plan;
  expect(plan.needs).toBe("review");
  expect(plan.if).toContain("needs.review.outputs.count != '0'");
  expect(plan.if).toContain("github.event.pull_request.head.repo.full_name == github.repository");
  expect(plan.strategy).toMatchObject({
    "fail-fast": false,
    matrix: { stack: "${{ fromJSON(needs.review.outputs.stacks) }}" },
  });
  const names = steps("plan").map((s) => s.run ?? s.uses ?? "");
  const download = names.findIndex((n) => n.startsWith("actions/download-artifact@"));
  const terraform = names.findIndex((n) => n.startsWith("hashicorp/setup-terraform@"));
  const credentials = names.findIndex((n) => n.startsWith("aws-actions/configure-aws-credentials@"));
  const run = names.findIndex((n) => n.includes("terraform -chdir") && n.includes(" plan "));
  expect([download < run, terraform < run, credentials < run]).toEqual([true, true, true]);
  expect(steps("plan")[download].with).toEqual({ name: "stacks", path: "cdktf.out" });
  expect(steps("plan")[terraform].with).toMatchObject({ terraform_version: expect.stringMatching(/^\d+\.\d+\.\d+$/) });
  expect(steps("plan")[credentials].with).toMatchObject({
    "role-to-assume": expect.stringContaining("vars."),
    "aws-region": expect.any(String),
  });
  // The stack's name reaches the script through the environment.
  expect(steps("plan")[run].env).toEqual({ STACK: "${{ matrix.stack }}" });
  expect(steps("plan")[run].run).toContain('dir="cdktf.out/stacks/${STACK}"');
  expect(steps("plan")[run].run).toContain(" init -input=false");
});
