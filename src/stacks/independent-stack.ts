import { Construct } from "constructs";
import type { Backend } from "../bindings/model";
import { forgottenIn, movesIn } from "../constructs/addresses";
import { TerraformStack } from "../constructs/cdk";
import { configureBackend } from "./backend";

/**
 * A stack that references no other: every value it needs is computed or literal, so it plans and
 * applies on its own. cdktf's preparing pass, which resolves every element once more only to find
 * cross-stack references, has nothing to find here and is skipped (a sixth of synth time).
 *
 * Its `moved` blocks come from the resources it holds: each renamed resource moves from the
 * addresses it had (constructs/addresses.ts). Its `removed` blocks, from what its constructs no
 * longer declare (`forget`): the state forgets them, AWS keeps them; `removed` needs Terraform 1.7.
 */
export abstract class IndependentStack extends TerraformStack {
  constructor(scope: Construct, id: string, backend: Backend, stateName: string) {
    super(scope, id);
    configureBackend(this, backend, stateName);
  }

  prepareStack(): void {
    // Nothing to prepare: the backend is configured above and there are no cross-stack references.
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- cdktf's own signature
  toTerraform(): any {
    const moves = movesIn(this);
    if (moves.length > 0) this.addOverride("moved", moves);
    const forgotten = forgottenIn(this);
    if (forgotten.length > 0) {
      this.addOverride(
        "removed",
        forgotten.map((from) => ({ from, lifecycle: { destroy: false } })),
      );
      this.addOverride("terraform.required_version", ">= 1.7");
    }
    return super.toTerraform();
  }
}
