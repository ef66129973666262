// cdktf's entry (cdktf.json "app"): bindings.yaml, or the file named by BINDINGS_FILE, into stacks.
import { synthesize } from "./src/app";
import { loadBindingsFile } from "./src/bindings/load";
import { formatProblem } from "./src/bindings/problems";

const file = process.env.BINDINGS_FILE ?? "bindings.yaml";
const result = loadBindingsFile(file);
for (const problem of result.problems) console.error(formatProblem(problem));
if (!result.model) process.exit(1);
synthesize(result.model);
