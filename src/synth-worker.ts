/** The worker thread of `synthesizeInParallel`: writes its share of the stacks, then says so. */
import { workerData } from "worker_threads";
import { synthesize } from "./app";
import type { WorkerReply, WorkerRequest } from "./synth-parallel";

const request = workerData as WorkerRequest;
let reply: WorkerReply;
try {
  reply = { names: synthesize(request.model, { outdir: request.outdir, only: new Set(request.stacks) }) };
} catch (error) {
  reply = { error: (error as Error).message };
}
request.port.postMessage(reply);
// Always wake the waiting thread, whatever happened above.
Atomics.store(request.done, 0, 1);
Atomics.notify(request.done, 0);
