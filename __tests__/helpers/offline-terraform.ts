/**
 * The offline Terraform recipe, shared by the Terraform tests and the benchmark: a CLI config that
 * installs hashicorp/aws from a filesystem mirror only, an environment without the machine's AWS
 * and Terraform settings, and a stack copy patched so that the provider makes no call at
 * configure time. Nothing here touches what users get.
 */
import { spawnSync } from "child_process";
import { existsSync, readdirSync, writeFileSync } from "fs";
import { join } from "path";

export const TF_MIRROR = process.env.PODIAM_TF_MIRROR || "/opt/tf-plugins";
export const AWS_PROVIDER_SOURCE = "registry.terraform.io/hashicorp/aws";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type TerraformJson = any;

/** Writes a CLI config that installs hashicorp/aws from the mirror only: no registry, no network. */
export function writeCliConfig(file: string, options: { pluginCacheDir?: string } = {}): string {
  writeFileSync(
    file,
    (options.pluginCacheDir ? `plugin_cache_dir = ${JSON.stringify(options.pluginCacheDir)}\n` : "") +
      `provider_installation {\n  filesystem_mirror {\n    path    = ${JSON.stringify(TF_MIRROR)}\n    include = [${JSON.stringify(AWS_PROVIDER_SOURCE)}]\n  }\n}\n`,
  );
  return file;
}

/** The child environment: our own CLI config (the machine's may point at a missing file), no prompts, no checkpoint. */
export function offlineEnv(cliConfigFile: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // Whatever the machine has must not reach the provider: the copy carries dummy keys.
  for (const key of Object.keys(env)) if (/^(AWS_|TF_)/.test(key)) delete env[key];
  return {
    ...env,
    TF_CLI_CONFIG_FILE: cliConfigFile,
    TF_IN_AUTOMATION: "1",
    CHECKPOINT_DISABLE: "1",
    TF_INPUT: "0",
    // The provider must not find a profile or an instance role, nor look for them.
    AWS_CONFIG_FILE: "/dev/null",
    AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
    AWS_EC2_METADATA_DISABLED: "true",
  };
}

export interface TerraformAvailability {
  readonly available: boolean;
  /** Why Terraform cannot run here, when it cannot. */
  readonly reason?: string;
  /** `terraform version` first line, when available. */
  readonly version?: string;
}

/** Whether the terraform binary and the provider mirror are both here. */
export function checkTerraform(env: NodeJS.ProcessEnv): TerraformAvailability {
  const version = spawnSync("terraform", ["version"], { encoding: "utf8", env });
  if (version.error || version.status !== 0) {
    return {
      available: false,
      reason: `terraform is not runnable (${version.error?.message ?? version.stderr.trim()})`,
    };
  }
  const providerDir = join(TF_MIRROR, AWS_PROVIDER_SOURCE);
  if (!existsSync(providerDir) || readdirSync(providerDir).length === 0) {
    return {
      available: false,
      reason: `no hashicorp/aws provider in the filesystem mirror ${providerDir} (set PODIAM_TF_MIRROR)`,
    };
  }
  return { available: true, version: version.stdout.split("\n")[0] };
}

/**
 * The stack's Terraform JSON, patched for an offline plan: every aws provider gets dummy static
 * credentials and skips every call made at configure time; assume_role and allowed_account_ids go
 * (without the account lookup the provider cannot check the account, and would fail); the backend
 * becomes local state in the scratch directory.
 */
export function offlineStackJson(stack: TerraformJson): TerraformJson {
  const copy = JSON.parse(JSON.stringify(stack));
  for (const provider of copy.provider?.aws ?? []) {
    delete provider.assume_role;
    delete provider.allowed_account_ids;
    Object.assign(provider, {
      skip_credentials_validation: true,
      skip_requesting_account_id: true,
      skip_metadata_api_check: true,
      access_key: "AKIAEXAMPLE",
      secret_key: "dummy",
    });
  }
  copy.terraform = { ...copy.terraform, backend: { local: { path: "terraform.tfstate" } } };
  return copy;
}
