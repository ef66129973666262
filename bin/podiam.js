#!/usr/bin/env node
// podiam's bin. Runs the compiled CLI (dist/, from `npm run build`) when it is current, else the
// TypeScript sources through tsx, so `npx podiam` works in a checkout right after `npm ci`.
"use strict";
const path = require("path");
const { freshBuild } = require("./fresh-build");

const root = path.join(__dirname, "..");
let cli;
if (freshBuild(root)) {
  cli = require(path.join(root, "dist", "src", "cli.js"));
} else {
  require("tsx/cjs/api").register();
  cli = require(path.join(root, "src", "cli.ts"));
}
process.exitCode = cli.run(process.argv.slice(2));
