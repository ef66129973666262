import { Construct } from "constructs";
import { TerraformStack } from "cdktf";
import type { Backend } from "../bindings/model";
import { configureBackend } from "./backend";

/**
 * A stack that references no other: every value it needs is computed or literal, so it plans and
 * applies on its own. cdktf's preparing pass, which resolves every element once more only to find
 * cross-stack references, has nothing to find here and is skipped (a sixth of synth time).
 */
export abstract class IndependentStack extends TerraformStack {
  constructor(scope: Construct, id: string, backend: Backend, stateName: string) {
    super(scope, id);
    configureBackend(this, backend, stateName);
  }

  prepareStack(): void {
    // Nothing to prepare: the backend is configured above and there are no cross-stack references.
  }
}
