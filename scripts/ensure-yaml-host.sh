#!/usr/bin/env bash
# ensure-yaml-host.sh - make the Pulumi YAML language host (pulumi-language-yaml) available.
#
# Usage:  dir="$(scripts/ensure-yaml-host.sh)" || exit 1; export PATH="$dir:$PATH"
#
# The LAST line on stdout is the directory holding `pulumi-language-yaml`; everything else
# goes to stderr.
#
# Order of preference:
#   1. `pulumi-language-yaml` on PATH built from github.com/pulumi/pulumi-yaml at the pinned
#      version or newer (read from the Go build information inside the binary).
#   2. A cached build in <repo>/.cache/pulumi-yaml/<version>/bin (git-ignored).
#   3. `go install github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml@v<version>` from the
#      Go module proxy (its go.mod has no replace directives, so `go install` accepts it).
#   4. Otherwise explain how to get it and exit 1.
#
# Input: ENSURE_PULUMI_YAML_VERSION overrides the pinned version below (x.y.z).
set -euo pipefail

# The pinned version of github.com/pulumi/pulumi-yaml: the one place it is written.
PINNED=1.25.0

# All chatter to stderr; fd 3 keeps the real stdout for the final directory line.
exec 3>&1 1>&2

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=lib/cache-lock.sh
. "$ROOT/scripts/lib/cache-lock.sh"
MODULE="github.com/pulumi/pulumi-yaml"
PACKAGE="$MODULE/cmd/pulumi-language-yaml"
VERSION_VAR="$MODULE/pkg/version.Version"
RELEASES="https://github.com/pulumi/pulumi-yaml/releases"

log() { printf 'ensure-yaml-host: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }
emit() { printf '%s\n' "$1" >&3; exit 0; }

VERSION="${ENSURE_PULUMI_YAML_VERSION:-$PINNED}"
VERSION="${VERSION#v}"
[[ "$VERSION" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || die "bad pulumi-yaml version '$VERSION' (expected x.y.z)"

# built_version BINARY -> the pulumi-yaml module version recorded in the binary's Go build
# information (the "mod <path> <version>" line that `go version -m` prints), or nothing.
built_version() {
  { grep -aoE "mod	$MODULE	v[0-9]+\.[0-9]+\.[0-9]+[^	]*" "$1" 2>/dev/null || true; } |
    head -n1 | cut -f3
}

# version_ge A B: true when A >= B (x.y.z, a leading "v" ignored).
version_ge() {
  local a="${1#v}" b="${2#v}"
  [ "$(printf '%s\n%s\n' "$a" "$b" | sort -V | head -n1)" = "$b" ]
}

# ---------------------------------------------------------------------------
# 1. A recent enough host already on PATH
# ---------------------------------------------------------------------------
if existing="$(command -v pulumi-language-yaml 2>/dev/null)"; then
  have="$(built_version "$existing")"
  if [ -n "$have" ] && version_ge "$have" "$VERSION"; then
    log "using pulumi-language-yaml $have on PATH ($existing)"
    emit "$(cd "$(dirname "$existing")" && pwd)"
  fi
  log "pulumi-language-yaml on PATH is '${have:-of unknown version}', need >= $VERSION; looking further"
fi

# ---------------------------------------------------------------------------
# 2. Cached build
# ---------------------------------------------------------------------------
CACHE="$ROOT/.cache/pulumi-yaml/$VERSION"
BIN="$CACHE/bin"
cache_ok() { [ -x "$BIN/pulumi-language-yaml" ] && [ "$(built_version "$BIN/pulumi-language-yaml")" = "v$VERSION" ]; }

if cache_ok; then
  log "using cached build $BIN"
  emit "$BIN"
fi

# ---------------------------------------------------------------------------
# 3. Build from the Go module proxy
# ---------------------------------------------------------------------------
if ! command -v go >/dev/null 2>&1; then
  log "no pulumi-language-yaml >= $VERSION on PATH, no cached build in $BIN, and no Go toolchain to build one."
  log "Download pulumi-language-yaml v$VERSION from $RELEASES and put it on PATH,"
  log "or install Go (https://go.dev/dl/) so this script can build it."
  exit 1
fi

# Serialise concurrent runs for the same version; re-check the cache once we hold the lock.
if lock_cache "$CACHE" "pulumi-language-yaml $VERSION" && cache_ok; then
  log "using cached build $BIN"
  emit "$BIN"
fi

TMP_BIN="$CACHE/bin.tmp.$$"
rm -rf "$TMP_BIN"
mkdir -p "$TMP_BIN"
trap 'rm -rf "$TMP_BIN"' EXIT

log "go install $PACKAGE@v$VERSION (about 9 minutes on 2 cores with an empty build cache)"
start=$SECONDS
# Heartbeat; it must not hold stdout (fd 3) or the lock (fd 4) open after we exit.
(
  exec 3>&- 4>&-
  trap 'kill "$s" 2>/dev/null; exit 0' TERM
  while :; do
    sleep 60 & s=$!
    wait "$s"
    log "... still building ($(( (SECONDS - start) / 60 )) min)"
  done
) &
hb=$!
rc=0
# Run outside any module so that no go.mod around the caller is read or touched.
(cd / && GOWORK=off GOBIN="$TMP_BIN" go install -p "${ENSURE_PULUMI_YAML_GO_PARALLEL:-2}" \
    -ldflags "-X $VERSION_VAR=v$VERSION" "$PACKAGE@v$VERSION") || rc=$?
kill "$hb" 2>/dev/null || true
wait "$hb" 2>/dev/null || true
[ "$rc" -eq 0 ] || die "go install failed (exit $rc)"
log "built in $(( SECONDS - start ))s"

rm -rf "$BIN"
mv "$TMP_BIN" "$BIN"
trap - EXIT
cache_ok || die "built $BIN/pulumi-language-yaml but its build information does not say $MODULE v$VERSION"
log "pulumi-language-yaml v$VERSION ready in $BIN ($(du -h "$BIN/pulumi-language-yaml" | cut -f1))"
emit "$BIN"
