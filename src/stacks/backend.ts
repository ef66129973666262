/**
 * Where each stack keeps its state: one local file per stack (a relative path, beside the output
 * directory, where cdktf's own default puts it), or one S3 key per stack with S3-native locking.
 */
import { LocalBackend, S3Backend, type S3BackendConfig, TerraformStack } from "../constructs/cdk";
import type { Backend } from "../bindings/model";

/** cdktf 0.21 knows no use_lockfile (Terraform 1.10+); add it to what S3Backend writes. */
class S3LockfileBackend extends S3Backend {
  constructor(
    stack: TerraformStack,
    config: S3BackendConfig,
    private readonly useLockfile: boolean,
  ) {
    super(stack, config);
  }

  protected synthesizeAttributes(): { [name: string]: unknown } {
    return { ...super.synthesizeAttributes(), ...(this.useLockfile ? { use_lockfile: true } : {}) };
  }
}

/**
 * @param stateName the name the stack's state is kept under: the stack's name, or the name it had
 *   before a rename, so that the state stays where it is.
 */
export function configureBackend(stack: TerraformStack, backend: Backend, stateName: string): void {
  if (backend.kind === "s3") {
    const key = backend.keyPrefix
      ? `${backend.keyPrefix.replace(/\/+$/, "")}/${stateName}.tfstate`
      : `${stateName}.tfstate`;
    new S3LockfileBackend(
      stack,
      { bucket: backend.bucket, region: backend.region, key, encrypt: true },
      backend.useLockfile,
    );
  } else {
    // Relative to the stack's directory, <out>/stacks/<stack>: the state sits beside <out>, so
    // deleting or regenerating the output never loses it.
    new LocalBackend(stack, { path: `../../../terraform.${stateName}.tfstate` });
  }
}
