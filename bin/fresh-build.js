"use strict";
// Whether dist/ was built after the last change to src/: a stale build must never run.
const fs = require("fs");
const path = require("path");

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const time = entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs;
    if (time > newest) newest = time;
  }
  return newest;
}

function freshBuild(root) {
  const built = path.join(root, "dist", "src", "cli.js");
  if (!fs.existsSync(built)) return false;
  return fs.statSync(built).mtimeMs >= newestMtime(path.join(root, "src"));
}

module.exports = { freshBuild };
