/**
 * `podiam synth` shares large outputs between two threads: the result must be the same files,
 * byte for byte, as one thread writes. The worker runs compiled code, so this test builds dist/
 * when it is older than src/.
 */
import { execFileSync, spawnSync } from "child_process";
import { mkdtempSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { run } from "../../src/cli";
import { shareStacks } from "../../src/synth-parallel";
import { fileTree, modelOfFile, ROOT, synthToDir } from "../helpers/synth";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { freshBuild } = require("../../bin/fresh-build.js") as { freshBuild(root: string): boolean };

test("stacks are shared in two groups of about the same size, every stack once, the same way every time", () => {
  const sizes = new Map([
    ["iam-a", 500],
    ["iam-b", 300],
    ["k8s-x", 250],
    ["k8s-y", 200],
    ["k8s-z", 10],
  ]);
  const [first, second] = shareStacks(sizes);
  expect([...first, ...second].sort()).toEqual([...sizes.keys()].sort());
  const load = (group: string[]) => group.reduce((n, name) => n + sizes.get(name)!, 0);
  expect(Math.abs(load(first) - load(second))).toBeLessThanOrEqual(250);
  expect(shareStacks(new Map([...sizes].reverse()))).toEqual([first, second]);
});

test("two threads write the same bytes as one", () => {
  if (!freshBuild(ROOT)) execFileSync("npm", ["run", "build"], { cwd: ROOT, stdio: "ignore" });
  const outdir = mkdtempSync(join(tmpdir(), "podiam-parallel-"));
  const file = join(ROOT, "bindings.yaml");
  const result = spawnSync(process.execPath, [join(ROOT, "bin", "podiam.js"), "synth", "-f", file, "-o", outdir], {
    encoding: "utf8",
    env: { ...process.env, PODIAM_SYNTH_THREADS: "2" },
  });
  // On stderr, only what validate reports (synth is gated by it): nothing from the threads.
  let report = "";
  run(["validate", "-f", file], { out: () => undefined, err: (text) => (report += text) });
  expect(result.stderr).toBe(report);
  expect(result.stdout).toContain("(on 2 threads)");
  expect(result.status).toBe(0);
  const single = synthToDir(modelOfFile(file));
  expect(fileTree(outdir)).toEqual(fileTree(single));
}, 120_000);
