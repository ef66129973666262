/**
 * Test helpers that run the real Terraform CLI and AWS provider, offline, on synthesized stacks.
 *
 * Terraform and a filesystem mirror of hashicorp/aws (default /opt/tf-plugins, env
 * PODIAM_TF_MIRROR) are needed. Where either is missing, suites declared with
 * `describeWithTerraform` are skipped with a printed reason, unless PODIAM_REQUIRE_TERRAFORM=1,
 * in which case they fail.
 *
 * Nothing here touches what users get: every stack is copied into a scratch directory and only
 * the copy is patched for offline use (dummy credentials, no assume_role, no allowed_account_ids,
 * local state).
 */
import { spawn } from "child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import {
  checkTerraform,
  offlineEnv,
  offlineStackJson,
  TerraformAvailability,
  writeCliConfig,
} from "./offline-terraform";

export { TF_MIRROR } from "./offline-terraform";
export const REQUIRE_TERRAFORM = process.env.PODIAM_REQUIRE_TERRAFORM === "1";

let availability: TerraformAvailability | undefined;

/** Whether the terraform binary and the provider mirror are both here. Memoized. */
export function terraformAvailability(): TerraformAvailability {
  availability ??= checkTerraform(offlineEnv(cliConfig()));
  return availability;
}

/**
 * A describe block that needs Terraform: skipped with a printed reason where Terraform or the
 * provider mirror is missing, failing instead when PODIAM_REQUIRE_TERRAFORM=1.
 */
export function describeWithTerraform(name: string, body: () => void): void {
  const { available, reason } = terraformAvailability();
  if (available) {
    describe(name, body);
  } else if (REQUIRE_TERRAFORM) {
    describe(name, () => {
      test("Terraform is required (PODIAM_REQUIRE_TERRAFORM=1)", () => {
        throw new Error(`PODIAM_REQUIRE_TERRAFORM=1 but ${reason}`);
      });
    });
  } else {
    console.warn(`Skipping "${name}": ${reason}. Set PODIAM_REQUIRE_TERRAFORM=1 to make this a failure.`);
    describe.skip(name, body);
  }
}

let cliConfigFile: string | undefined;

/** The CLI config of this test process, written once. */
function cliConfig(): string {
  cliConfigFile ??= writeCliConfig(join(mkdtempSync(join(tmpdir(), "podiam-tfrc-")), "terraformrc"));
  return cliConfigFile;
}

export interface CommandResult {
  readonly args: readonly string[];
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `terraform <args>` in `cwd`, offline. Never rejects: a failure is a result. */
export function terraform(cwd: string, args: readonly string[]): Promise<CommandResult> {
  const env = offlineEnv(cliConfig());
  return new Promise((resolve) => {
    const child = spawn("terraform", [...args], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    child.on("error", (error) => resolve({ args, code: -1, stdout: "", stderr: String(error) }));
    child.on("close", (code) =>
      resolve({
        args,
        code: code ?? -1,
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8"),
      }),
    );
  });
}

/** A command's failure, for an assertion message (diagnostics of `-json` output rendered as text). */
export function describeFailure(result: CommandResult): string {
  const diagnostics = jsonDiagnostics(result.stdout);
  const stdout = diagnostics ? diagnostics.join("\n") : result.stdout;
  return `terraform ${result.args.join(" ")} exited ${result.code}\n${result.stderr}\n${stdout}`.trim();
}

/** A diagnostic of Terraform's `-json` output. */
export interface Diagnostic {
  readonly severity: "error" | "warning";
  readonly summary: string;
  readonly detail?: string;
  readonly address?: string;
  readonly range?: { readonly filename: string; readonly start: { readonly line: number } };
}

function renderDiagnostic(d: Diagnostic): string {
  const where = [d.range ? `${d.range.filename}:${d.range.start.line}` : "", d.address ?? ""].filter(Boolean).join(" ");
  return `${d.severity}: ${d.summary}${where ? ` (${where})` : ""}${d.detail ? `: ${d.detail}` : ""}`;
}

/**
 * The diagnostics (errors and warnings) of `-json` output, one line each: `validate -json` (one
 * document) or `plan -json` (one message a line). Undefined when the output is not JSON.
 */
function jsonDiagnostics(stdout: string): string[] | undefined {
  const text = stdout.trim();
  if (!text.startsWith("{")) return undefined;
  try {
    const document = JSON.parse(text);
    if (Array.isArray(document.diagnostics)) return (document.diagnostics as Diagnostic[]).map(renderDiagnostic);
  } catch {
    // not one document: a stream of messages
  }
  const lines: string[] = [];
  for (const line of text.split("\n")) {
    try {
      const message = JSON.parse(line);
      if (message.type === "diagnostic" && message.diagnostic) lines.push(renderDiagnostic(message.diagnostic));
    } catch {
      return undefined;
    }
  }
  return lines;
}

/** Errors and warnings of a `validate -json` or `plan -json` run, one line each. */
export function diagnostics(result: CommandResult): string[] {
  return jsonDiagnostics(result.stdout) ?? [describeFailure(result)];
}

/** Copies `<outdir>/stacks/<stack>/cdk.tf.json`, patched for offline use, into a fresh scratch directory. */
export function offlineStackCopy(
  outdir: string,
  stack: string,
  scratchRoot = mkdtempSync(join(tmpdir(), "podiam-tf-")),
): string {
  const original = JSON.parse(readFileSync(join(outdir, "stacks", stack, "cdk.tf.json"), "utf8"));
  const dir = join(scratchRoot, stack);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "cdk.tf.json"), JSON.stringify(offlineStackJson(original), null, 2));
  return dir;
}

/** A resource change of `terraform show -json` (the fields the tests read). */
export interface ResourceChange {
  readonly address: string;
  /** Where a `moved` block brought it from. */
  readonly previous_address?: string;
  readonly mode: "managed" | "data";
  readonly type: string;
  readonly name: string;
  readonly index?: string | number;
  readonly provider_name: string;
  readonly change: {
    readonly actions: readonly string[];
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    readonly before: any;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    readonly after: any;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    readonly after_unknown?: any;
    readonly importing?: { readonly id?: string };
  };
}

export interface PlanJson {
  readonly resource_changes?: readonly ResourceChange[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly output_changes?: Record<string, { readonly actions: readonly string[]; readonly after: any }>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly [key: string]: any;
}

export interface StackRun {
  readonly stack: string;
  readonly dir: string;
  readonly init: CommandResult;
  readonly validate?: CommandResult;
  /** `terraform plan -out=plan.bin`, when a plan was asked for. */
  readonly plan?: CommandResult;
  /** `terraform show -json plan.bin`, parsed, when the plan succeeded. */
  readonly planJson?: PlanJson;
  readonly show?: CommandResult;
}

/**
 * init, validate and (when `plan`) plan + show -json of one offline copy. Stops at the first
 * failing step; never rejects. Both validate and plan write `-json` (see `diagnostics`).
 *
 * `validate: false` skips the separate validate before a plan: a plan validates the configuration
 * itself (same walk, same diagnostics), and each command costs a load of the AWS provider's schema
 * (seconds of CPU).
 */
export async function runStack(
  dir: string,
  stack: string,
  options: { plan: boolean; validate?: boolean },
): Promise<StackRun> {
  const flags = ["-no-color", "-input=false"];
  const init = await terraform(dir, ["init", ...flags]);
  if (init.code !== 0) return { stack, dir, init };
  let validate: CommandResult | undefined;
  if (options.validate !== false || !options.plan) {
    validate = await terraform(dir, ["validate", "-json", "-no-color"]);
    if (validate.code !== 0 || !options.plan) return { stack, dir, init, validate };
  }
  const plan = await terraform(dir, ["plan", ...flags, "-json", "-lock=false", "-out=plan.bin"]);
  if (plan.code !== 0) return { stack, dir, init, validate, plan };
  const show = await terraform(dir, ["show", "-json", "-no-color", "plan.bin"]);
  if (show.code !== 0) return { stack, dir, init, validate, plan, show };
  return { stack, dir, init, validate, plan, show, planJson: JSON.parse(show.stdout) };
}

/** Runs async jobs at most `limit` at a time. */
export function limiter(limit: number): <T>(job: () => Promise<T>) => Promise<T> {
  let running = 0;
  const queue: (() => void)[] = [];
  const next = () => {
    if (running >= limit) return;
    const start = queue.shift();
    if (start) {
      running++;
      start();
    }
  };
  return <T>(job: () => Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      queue.push(() => {
        job()
          .then(resolve, reject)
          .finally(() => {
            running--;
            next();
          });
      });
      next();
    });
}

/** Planned resource changes by type, with their count. */
export function countByType(plan: PlanJson): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const change of plan.resource_changes ?? []) {
    if (change.change.actions.includes("read")) continue;
    counts[change.type] = (counts[change.type] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

/** Addresses of planned managed-resource changes (data source reads excluded), sorted. */
export function plannedAddresses(plan: PlanJson): string[] {
  return (plan.resource_changes ?? [])
    .filter((change) => !change.change.actions.includes("read"))
    .map((change) => change.address)
    .sort();
}
