/**
 * An Atlantis repo config (atlantis.yaml, version 3) for the stacks a model compiles to: one
 * project per stack, its `dir` the stack's directory, planned when the files the stack is made
 * from change, IAM stacks before ServiceAccount stacks. Pure: paths in, a plain object out.
 *
 * Atlantis checks that a project's directory exists before it runs any step of the project's
 * workflow (runatlantis/atlantis v0.47.1, server/events/project_command_runner.go, doPlan), so
 * the `podiam` workflow here cannot make the directory: it re-synthesizes a stack that a
 * pre-workflow hook made, or that is committed. The header of the written file says so.
 */
import { posix } from "path";

export interface AtlantisStack {
  readonly name: string;
  readonly kind: "iam" | "k8s";
  /** A team stack (`iam-<account>-<stack>`): applied after its account's stack. @default false */
  readonly team?: boolean;
}

export interface AtlantisOptions {
  /** The bindings file, relative to the repository root (where atlantis.yaml is). */
  readonly bindingsFile: string;
  /** The directory `podiam synth -o` writes, relative to the repository root. */
  readonly output: string;
  /** Other files the stacks are made from (policy documents, the lockfile), relative to the root. */
  readonly inputs: readonly string[];
  /** Add the `podiam` workflow (synthesize, init, plan), which needs custom workflows allowed. */
  readonly workflow: boolean;
  /** `terraform_version` of every project. @default Atlantis' default */
  readonly terraformVersion?: string;
}

/** The workflow's name in the file. */
export const ATLANTIS_WORKFLOW = "podiam";

export interface AtlantisProject {
  readonly name: string;
  readonly dir: string;
  readonly workflow?: string;
  readonly terraform_version?: string;
  readonly execution_order_group: number;
  readonly autoplan: { readonly enabled: true; readonly when_modified: readonly string[] };
}

export interface AtlantisConfig {
  readonly version: 3;
  readonly parallel_plan: true;
  readonly parallel_apply: true;
  readonly projects: readonly AtlantisProject[];
  readonly workflows?: Record<string, unknown>;
}

/** `stacks/<name>` under the output directory, as Atlantis reads it: relative, with "/". */
export function stackDirectory(output: string, name: string): string {
  return posix.join(output.replace(/\\/g, "/"), "stacks", name);
}

export function atlantisConfig(stacks: readonly AtlantisStack[], options: AtlantisOptions): AtlantisConfig {
  const files = [options.bindingsFile, ...options.inputs].map((file) => file.replace(/\\/g, "/"));
  // Account stacks, then team stacks (which attach the account's file policies and trust its OIDC
  // providers), then ServiceAccount stacks; groups numbered without a gap.
  const teams = stacks.some((stack) => stack.team) ? 1 : 0;
  const group = (stack: AtlantisStack) => (stack.kind === "k8s" ? 2 + teams : stack.team ? 2 : 1);
  const projects = stacks.map((stack): AtlantisProject => {
    const dir = stackDirectory(options.output, stack.name);
    return {
      name: stack.name,
      dir,
      ...(options.workflow ? { workflow: ATLANTIS_WORKFLOW } : {}),
      ...(options.terraformVersion !== undefined ? { terraform_version: options.terraformVersion } : {}),
      // The stacks never reference each other; IAM first, so that a pod finds its role the
      // moment its ServiceAccount appears. No depends_on: it would block applying one stack alone.
      execution_order_group: group(stack),
      autoplan: {
        enabled: true,
        // Relative to the project's dir, as Atlantis matches them; the stack's own files too, for
        // stacks that are committed.
        when_modified: [...new Set([...files.map((file) => posix.relative(dir, file)), "*.tf.json"])],
      },
    };
  });
  return {
    version: 3,
    parallel_plan: true,
    parallel_apply: true,
    projects,
    ...(options.workflow ? { workflows: { [ATLANTIS_WORKFLOW]: podiamWorkflow(options) } } : {}),
  };
}

/**
 * Plan: synthesize every stack into a private directory, copy this project's stack into its dir
 * (parallel plans never write the same file), then init and plan. Apply applies that plan.
 */
function podiamWorkflow(options: AtlantisOptions): Record<string, unknown> {
  const file = shellQuote(options.bindingsFile.replace(/\\/g, "/"));
  return {
    plan: {
      steps: [
        // DIR is the project's directory, REPO_REL_DIR the same relative to the clone: their
        // difference is the clone's root.
        { env: { name: "REPO_ROOT", command: 'echo "${DIR%/$REPO_REL_DIR}"', shell: "bash" } },
        {
          run: {
            command:
              `cd "$REPO_ROOT" && out="$(mktemp -d)" && npx --no-install podiam synth -f ${file} -o "$out" && ` +
              'cp "$out/stacks/$PROJECT_NAME/cdk.tf.json" "$DIR/cdk.tf.json" && rm -rf "$out"',
            shell: "bash",
            output: "hide",
          },
        },
        { init: { extra_args: ["-input=false"] } },
        { plan: { extra_args: ["-input=false", "-lock-timeout=5m"] } },
      ],
    },
    apply: { steps: ["apply"] },
  };
}

/** A POSIX shell word for a path: as it is when it is plain, else in single quotes. */
function shellQuote(word: string): string {
  return /^[A-Za-z0-9_./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
