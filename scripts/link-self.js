#!/usr/bin/env node
// Links node_modules/pulumi-alicloud-renewal to this checkout, so that the serialized
// provider shim, which loads "pulumi-alicloud-renewal/provider" by package name, resolves
// in this repository's own stacks exactly as it does in a user's stack. Run by `npm install`
// (the "prepare" script). Does nothing when this package is installed as a dependency:
// an installed copy lives under a node_modules folder (npm, pnpm's .pnpm store, a scope
// folder) and holds no sources; the published tarball does not even ship this script.
"use strict";
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const nodeModules = path.join(root, "node_modules");
const installedAsDependency = root.split(path.sep).includes("node_modules");
const isCheckout = fs.existsSync(path.join(root, "sdk", "provider-shim.ts"));
if (installedAsDependency || !isCheckout || !fs.existsSync(nodeModules)) {
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
