import { Construct } from "constructs";
import type { Backend } from "../bindings/model";
import { forgottenIn, movesIn } from "../constructs/addresses";
import {
  DefaultTokenResolver,
  StringConcat,
  TerraformElementClass,
  type TerraformElement,
  TerraformOutput,
  TerraformStack,
  Token,
  Tokenization,
} from "../constructs/cdk";
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
    return this.terraformJson();
  }

  /** TerraformStack.toTerraform (cdktf 0.21), each element resolved once. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  private terraformJson(): any {
    const own = this as unknown as { readonly rawOverrides: Record<string, unknown>; readonly cdktfVersion: string };
    // Most elements hold literals only (podiam computes names and ARNs): those need no resolving.
    const resolve = <T>(value: T): T =>
      literalOnly(value) ? value : Tokenization.resolve(value, { scope: this, preparing: false, resolver: RESOLVER });
    const metadata: Record<string, unknown> = {
      version: own.cdktfVersion,
      stackName: this.node.id,
      backend: "local",
      ...(Object.keys(own.rawOverrides).length > 0 ? { overrides: { stack: Object.keys(own.rawOverrides) } } : {}),
    };
    const elements = terraformElements(this);
    for (const element of elements) mergeInto(metadata, resolve(element.toMetadata()));
    const outputs: Record<string, unknown> = {};
    for (const element of elements) {
      if (!TerraformOutput.isTerraformOutput(element)) continue;
      mergeInto(
        outputs,
        element.node.path
          .split("/")
          .reduceRight<Record<string, unknown>>(
            (inner, part) =>
              Object.keys(inner).length === 0 ? { [part]: element.friendlyUniqueId } : { [part]: inner },
            {},
          ),
      );
    }
    const tf: Record<string, unknown> = { "//": { metadata, outputs } };
    for (const element of elements) mergeInto(tf, resolve(element.toTerraform()));
    mergeInto(tf, own.rawOverrides);
    return tf;
  }
}

const RESOLVER = new DefaultTokenResolver(new StringConcat());

/** cdktf's encoding of a number token inside a string: a double around 1e289 (encoding.ts). */
const NUMBER_TOKEN_IN_STRING = /e\+\d{3}/;

/**
 * Whether `value` is plain JSON without a token, which cdktf's resolve would return as it is:
 * strings without cdktf's token markers (or anything like an encoded number), numbers that are
 * not encoded tokens, booleans, null, arrays and plain objects of those. An undefined property
 * (cdktf leaves `id: undefined` on every resource) counts too, outside lists: `mergeInto` copies
 * objects key by key and skips it, as resolve would drop it; a list is copied as it is. Anything else (a Lazy, a class instance) goes through resolve, as before.
 */
function literalOnly(value: unknown, inList = false): boolean {
  switch (typeof value) {
    case "string":
      return !value.includes("TfToken[") && !NUMBER_TOKEN_IN_STRING.test(value);
    case "number":
      return !Token.isUnresolved(value);
    case "boolean":
      return true;
    case "undefined":
      return !inList;
    case "object": {
      if (value === null) return true;
      if (Array.isArray(value)) return value.every((item) => literalOnly(item, true));
      const proto = Object.getPrototypeOf(value);
      if ((proto !== Object.prototype && proto !== null) || Tokenization.isResolvable(value)) return false;
      for (const key of Object.keys(value)) {
        if (!literalOnly(key) || !literalOnly((value as Record<string, unknown>)[key], inList)) return false;
      }
      return true;
    }
    default:
      return false;
  }
}

/** The stack's elements, in construct order (cdktf's terraformElements; podiam nests no stacks). */
function terraformElements(scope: Construct, into: TerraformElement[] = []): TerraformElement[] {
  if (TerraformElementClass.isTerraformElement(scope)) into.push(scope);
  for (const child of scope.node.children) terraformElements(child as Construct, into);
  return into;
}

/**
 * cdktf's deepMerge, for resolved values: objects merged, lists concatenated. An undefined value is
 * skipped, as resolve drops it before cdktf merges (cdktf's deepMerge would delete the key: an
 * element's `overrides: undefined` would then erase every element's overrides merged before).
 */
function mergeInto(target: Record<string, unknown>, source: Record<string, unknown>): void {
  for (const key of Object.keys(source)) {
    const value = source[key];
    if (value !== null && typeof value === "object" && !Array.isArray(value)) {
      if (typeof target[key] !== "object" || target[key] === null) target[key] = {};
      mergeInto(target[key] as Record<string, unknown>, value as Record<string, unknown>);
    } else if (Array.isArray(value)) {
      const existing = target[key];
      target[key] = Array.isArray(existing) ? [...existing, ...value] : value;
    } else if (value === undefined) {
      continue;
    } else {
      target[key] = value;
    }
  }
}
