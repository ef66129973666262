// cdktf's entry (cdktf.json "app"): bindings.yaml, or the file named by BINDINGS_FILE, into stacks.
// The same gate as `podiam synth`: a file `podiam validate` refuses is refused with its report.
import { synthesize } from "./src/app";
import { processIo } from "./src/io";
import { validateBindingsFile } from "./src/validate";

const file = process.env.BINDINGS_FILE ?? "bindings.yaml";
const { model } = validateBindingsFile(processIo, file);
if (!model) process.exit(1);
synthesize(model);
