#!/usr/bin/env node
// Links node_modules/pulumi-alicloud-renewal to this checkout, so that the serialized
// provider shim, which loads "pulumi-alicloud-renewal/provider" by package name, resolves
// in this repository's own stacks exactly as it does in a user's stack. Run by `npm install`
// (the "prepare" script). Does nothing when this package is installed as a dependency.
"use strict";
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const nodeModules = path.join(root, "node_modules");
if (path.basename(path.dirname(root)) === "node_modules" || !fs.existsSync(nodeModules)) {
    process.exit(0);
}
const link = path.join(nodeModules, "pulumi-alicloud-renewal");
try {
    const stat = fs.lstatSync(link);
    if (stat.isSymbolicLink() && fs.readlinkSync(link) === "..") {
        process.exit(0);
    }
    fs.rmSync(link, { recursive: true, force: true });
} catch {
    // absent: create it below
}
fs.symlinkSync("..", link, "dir");
