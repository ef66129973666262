/** The worker thread of `synthesizeInParallel`: writes its share of the stacks, then says so. */
import { workerData } from "worker_threads";
import type { WorkerReply, WorkerRequest } from "./synth-parallel";

const request = workerData as WorkerRequest;
let reply: WorkerReply;
try {
  // Loaded here, inside the try: a failure to load must still wake the waiting thread.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { synthesize } = require("./app") as typeof import("./app");
  reply = { names: synthesize(request.model, { outdir: request.outdir, only: new Set(request.stacks) }) };
} catch (error) {
  reply = { error: (error as Error).message };
}
request.port.postMessage(reply);
// Always wake the waiting thread, whatever happened above.
Atomics.store(request.done, 0, 1);
Atomics.notify(request.done, 0);
