#!/usr/bin/env node
// Removes from dist/ every file the current sources do not produce: output of deleted or
// renamed sources, and source maps of earlier builds (the build emits none). The build
// overwrites dist/ in place instead of deleting it first, so that a stack or a test that
// runs from dist/ while a build is going never finds it missing; this keeps `npm pack`
// (whose `files` take dist/**/*.js and dist/**/*.d.ts) from shipping stale modules.
// Run by `npm run build`, after tsc.
"use strict";
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const dist = path.join(root, "dist");

/** The source a compiled file comes from, or undefined for anything tsc does not emit here (see tsconfig.build.json). */
function sourceOf(relative) {
    const match = /^(index|(?:sdk|provider|emulator)\/.+)\.(js|d\.ts)$/.exec(relative.split(path.sep).join("/"));
    return match && !match[1].endsWith(".spec") ? path.join(root, `${match[1]}.ts`) : undefined;
}

function prune(dir) {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
            prune(full);
            if (fs.readdirSync(full).length === 0) {
                fs.rmdirSync(full);
            }
            continue;
        }
        const source = sourceOf(path.relative(dist, full));
        if (source === undefined || !fs.existsSync(source)) {
            fs.rmSync(full, { force: true });
        }
    }
}

if (fs.existsSync(dist)) {
    prune(dist);
}
