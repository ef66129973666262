/**
 * `podiam synth` on two cores: the stacks are shared between this thread and a worker thread,
 * each building and writing its own; the manifest is written last, for all of them. The stacks
 * never reference each other, so each half is complete on its own, and the output is the same,
 * byte for byte, as one thread's (a test holds it to that).
 *
 * It pays only for large outputs (PARALLEL_FROM_RESOURCES; BENCHMARKS.md has the measurements):
 * below, V8's garbage collector already keeps the second core busy, and the worker's start
 * (loading cdktf again) eats the gain. PODIAM_SYNTH_THREADS=1
 * keeps one thread, =2 shares whatever the size. The worker runs compiled JavaScript only (dist/):
 * from the TypeScript sources (tsx, jest) this falls back to one thread.
 */
import { existsSync, mkdirSync } from "fs";
import { cpus } from "os";
import { join } from "path";
import { MessageChannel, receiveMessageOnPort, Worker } from "worker_threads";
import { stackSizes, synthesize, writeManifest } from "./app";
import type { BindingsModel } from "./bindings/model";

const WORKER = join(__dirname, "synth-worker.js");
/** Resources from which two threads are faster than one. */
const PARALLEL_FROM_RESOURCES = 20_000;
/** A worker that has not answered by then is taken as lost (it notifies even when it fails). */
const WORKER_TIMEOUT_MS = 10 * 60 * 1000;

export interface WorkerRequest {
  readonly model: BindingsModel;
  readonly outdir: string;
  readonly stacks: readonly string[];
  readonly done: Int32Array;
  readonly port: import("worker_threads").MessagePort;
}

export type WorkerReply = { readonly names: string[] } | { readonly error: string };

/** Whether sharing the work pays: compiled code, two cores, two stacks, enough resources (or forced). */
export function shouldSynthesizeInParallel(sizes: ReadonlyMap<string, number>): boolean {
  const threads = process.env.PODIAM_SYNTH_THREADS;
  if (threads === "1" || !__filename.endsWith(".js") || !existsSync(WORKER) || sizes.size < 2) return false;
  if (threads === "2") return true;
  return cpus().length > 1 && [...sizes.values()].reduce((a, b) => a + b, 0) >= PARALLEL_FROM_RESOURCES;
}

/** Two groups of stacks of about the same size: the largest first, each to the smaller group. */
export function shareStacks(sizes: ReadonlyMap<string, number>): [string[], string[]] {
  const groups: [string[], string[]] = [[], []];
  const load = [0, 0];
  for (const [name, size] of [...sizes].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))) {
    const i = load[0] <= load[1] ? 0 : 1;
    groups[i].push(name);
    load[i] += size;
  }
  return groups;
}

export interface SynthResult {
  /** The stacks written, sorted. */
  readonly names: string[];
  readonly threads: 1 | 2;
}

export function synthesizeInParallel(model: BindingsModel, outdir: string): SynthResult {
  const sizes = stackSizes(model);
  if (!shouldSynthesizeInParallel(sizes)) return { names: synthesize(model, { outdir }), threads: 1 };
  const [mine, theirs] = shareStacks(sizes);
  // Made here, before two threads could race to make them.
  mkdirSync(join(outdir, "stacks"), { recursive: true });
  whileWorkerSynthesizes({ model, outdir, stacks: theirs }, () => synthesize(model, { outdir, only: new Set(mine) }));
  writeManifest(outdir, [...sizes.keys()]);
  return { names: [...sizes.keys()].sort(), threads: 2 };
}

/** A model and the directory its stacks are written into. */
interface SynthJob {
  readonly model: BindingsModel;
  readonly outdir: string;
}

/** Runs `work` on this thread while a worker writes `job.stacks` of `job.model`; returns when both are done. */
function whileWorkerSynthesizes(job: SynthJob & { readonly stacks: readonly string[] }, work: () => void): void {
  const done = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const request: WorkerRequest = { model: job.model, outdir: job.outdir, stacks: job.stacks, done, port: port2 };
  const worker = new Worker(WORKER, { workerData: request, transferList: [port2] });
  try {
    work();
    // Block until the worker has written its stacks: synth stays a synchronous command.
    if (Atomics.wait(done, 0, 0, WORKER_TIMEOUT_MS) === "timed-out") throw new Error("the synth worker did not finish");
    const reply = receiveMessageOnPort(port1)?.message as WorkerReply | undefined;
    if (!reply) throw new Error("the synth worker stopped without a reply");
    if ("error" in reply) throw new Error(`the synth worker failed: ${reply.error}`);
  } finally {
    port1.close();
    void worker.terminate();
  }
}
