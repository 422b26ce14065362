#!/usr/bin/env bash
# ensure-pulumi.sh - make a working Pulumi CLI (pulumi + pulumi-language-nodejs) available.
#
# Usage:  dir="$(scripts/ensure-pulumi.sh)" || exit 1; export PATH="$dir:$PATH"
#
# The LAST line on stdout is the directory to prepend to PATH; everything else goes to stderr.
#
# Order of preference:
#   1. `pulumi` already on PATH, `pulumi version` >= the pinned version, and
#      `pulumi-language-nodejs` on PATH too  -> print the directory of that `pulumi`.
#   2. A cached build in <repo>/.cache/pulumi/<version>/bin (git-ignored).
#   3. Build from the published Go modules with `go` (needs only the Go module proxy):
#      the CLI   github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
#      the host  github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3
#      as dependencies of a throwaway wrapper module generated in the cache folder.
#      (`go install pkg@version` refuses both, because their go.mod files carry `replace`
#      directives; the wrapper repeats their non-local replaces and drops the `../` ones.)
#   4. Otherwise explain how to install Pulumi and exit 1.
#
# Inputs:
#   .pulumi-version                       pinned Pulumi version, e.g. 3.163.0 (no leading "v")
#   ENSURE_PULUMI_VERSION                 overrides .pulumi-version; "newest" means the last line
#                                         of BUILDABLE below
#   ENSURE_PULUMI_LANGUAGE_NODEJS_VERSION overrides the Go module version used for the host
#
# About the language host: github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3
# has no tags of its own, so it only exists as pseudo-versions v3.0.0-<commit time>-<commit>.
# The module proxy this project can reach serves it only at a few commits, and newer
# pseudo-versions are refused, while it serves the CLI's module (pkg/v3) at every release.
# So a CLI is paired with the newest host served at or before its release; BUILDABLE below
# lists, in one place, the versions known to build here and the host each is paired with.
# For a version not listed, the script first tries the pseudo-version of the commit tagged
# pkg/v<version>; if that is not served it falls back to the newest listed host older than
# the pin, built against its own pkg/sdk versions in a second wrapper. Every run says which
# host it paired with which CLI (a cached build remembers it in .cache/pulumi/<v>/pairing).
set -euo pipefail

# All chatter to stderr; fd 3 keeps the real stdout for the final PATH line.
exec 3>&1 1>&2

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=lib/cache-lock.sh
. "$ROOT/scripts/lib/cache-lock.sh"
INSTALL_URL="https://www.pulumi.com/docs/install/"
PKG_MOD="github.com/pulumi/pulumi/pkg/v3"
SDK_MOD="github.com/pulumi/pulumi/sdk/v3"
HOST_MOD="github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3"
CLI_PKG="github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
HOST_PKG="$HOST_MOD"
VERSION_VAR="github.com/pulumi/pulumi/sdk/v3/go/common/version.Version"

# The versions known to build here (checked 2026-12 against the Go module proxy), oldest
# first, one line each: the CLI version, the Pulumi release whose language host it is
# paired with, and that host's module pseudo-version (the commit tagged pkg/v<release>).
# The last line is the newest ("ENSURE_PULUMI_VERSION=newest"); a new version is one line.
# (3.137.0: sources and host are served; its build has not been run since the list began.)
BUILDABLE=(
  # CLI   host of  pulumi-language-nodejs module version
  "3.137.0 3.137.0 v3.0.0-20241017230213-fd07f42c6116"
  "3.163.0 3.163.0 v3.0.0-20250417110128-49fb14839a5a"
  "3.276.0 3.163.0 v3.0.0-20250417110128-49fb14839a5a"
)
NEWEST_LINE="${BUILDABLE[${#BUILDABLE[@]}-1]}"
NEWEST="${NEWEST_LINE%% *}"

log() { printf 'ensure-pulumi: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }
emit() { printf '%s\n' "$1" >&3; exit 0; }

install_hint() {
  log "Install the Pulumi CLI $1 or newer (it includes pulumi-language-nodejs) from"
  log "  $INSTALL_URL"
  log "and put it on PATH, or install Go (https://go.dev/dl/) so this script can build it."
}

# version_ge A B: true when A >= B (numeric x.y.z parts only; "v", "-pre" and "+meta" ignored).
version_ge() {
  local a b
  a="$(normalize_version "$1")"
  b="$(normalize_version "$2")"
  [ "$(printf '%s\n%s\n' "$a" "$b" | sort -V | head -n1)" = "$b" ]
}
normalize_version() { local v="${1#v}"; v="${v%%[-+]*}"; printf '%s' "$v"; }

# ---------------------------------------------------------------------------
# 1. Pinned version
# ---------------------------------------------------------------------------
EXACT=""
if [ -n "${ENSURE_PULUMI_VERSION:-}" ]; then
  # An explicit request (a test matrix entry) means exactly that version.
  VERSION="$ENSURE_PULUMI_VERSION" EXACT=1
  [ "$VERSION" = newest ] && VERSION="$NEWEST"
elif [ -f "$ROOT/.pulumi-version" ]; then
  VERSION="$(tr -d ' \t\r\n' <"$ROOT/.pulumi-version")"
else
  die "$ROOT/.pulumi-version is missing (it should hold the pinned Pulumi version, e.g. 3.163.0)"
fi
VERSION="${VERSION#v}"
[[ "$VERSION" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || die "bad Pulumi version '$VERSION' (expected x.y.z)"

# Keep Pulumi from phoning home when we only ask for its version.
export PULUMI_SKIP_UPDATE_CHECK=true

# ---------------------------------------------------------------------------
# 2. A recent enough Pulumi already on PATH
# ---------------------------------------------------------------------------
if existing="$(command -v pulumi 2>/dev/null)" && command -v pulumi-language-nodejs >/dev/null 2>&1; then
  have="$(pulumi version 2>/dev/null | tail -n1 || true)"
  if [ -n "$have" ] && version_ge "$have" "$VERSION" && { [ -z "$EXACT" ] || [ "$have" = "v$VERSION" ]; }; then
    log "using pulumi $have on PATH ($existing) with the pulumi-language-nodejs on PATH"
    emit "$(cd "$(dirname "$existing")" && pwd)"
  fi
  log "pulumi on PATH is '${have:-unknown}', need ${EXACT:+exactly}${EXACT:->=} $VERSION; looking further"
fi

# ---------------------------------------------------------------------------
# 3. Cached build
# ---------------------------------------------------------------------------
CACHE="$ROOT/.cache/pulumi/$VERSION"
BIN="$CACHE/bin"

cache_ok() {
  [ -x "$BIN/pulumi" ] && [ -x "$BIN/pulumi-language-nodejs" ] &&
    [ "$("$BIN/pulumi" version 2>/dev/null | tail -n1)" = "v$VERSION" ]
}

# say_pairing: which language host the build in $CACHE pairs with its CLI.
# (builds made before the pairing file existed: the BUILDABLE line of the version).
say_pairing() {
  local entry cli host pseudo
  if [ -f "$CACHE/pairing" ]; then
    log "$(cat "$CACHE/pairing")"
    return
  fi
  for entry in "${BUILDABLE[@]}"; do
    read -r cli host pseudo <<<"$entry"
    if [ "$cli" = "$VERSION" ]; then
      log "CLI $VERSION paired with the language host of Pulumi $host ($HOST_MOD@$pseudo)"
      return
    fi
  done
  log "CLI $VERSION paired with a language host this build did not record"
}

if cache_ok; then
  log "using cached build $BIN"
  say_pairing
  emit "$BIN"
fi

# ---------------------------------------------------------------------------
# 4. Build from the Go module proxy
# ---------------------------------------------------------------------------
if ! command -v go >/dev/null 2>&1; then
  log "no suitable pulumi on PATH, no cached build in $BIN, and no Go toolchain to build one."
  install_hint "$VERSION"
  exit 1
fi

# Go environment for the wrapper builds.
export GOWORK=off
export GOFLAGS="${GOFLAGS:+$GOFLAGS }-mod=mod -buildvcs=false"
# The checksum database reachable here does not know every pulumi/pulumi module version
# (e.g. the language host's pseudo-versions, pkg/v3@v3.163.0): record their hashes in the
# wrapper's go.sum from the proxy instead of failing the build.
export GONOSUMDB="${GONOSUMDB:+$GONOSUMDB,}github.com/pulumi/pulumi"

# Module queries run outside any module so that no go.mod/go.sum around the caller is touched.
gox() { (cd / && go "$@"); }

# go_mod_file MODULE@VERSION -> path of its go.mod in the module cache (downloads .mod only).
go_mod_file() {
  local json
  json="$(gox list -m -json "$1" 2>/dev/null)" || return 1
  printf '%s\n' "$json" | sed -n 's/^[[:space:]]*"GoMod": "\(.*\)",\{0,1\}$/\1/p' | head -n1
}

# non_local_replaces GO.MOD... -> "old [ver] => new ver" lines whose target is not a directory;
# the first file listing a module wins.
non_local_replaces() {
  awk '
    { sub(/\/\/.*/, "") }
    /^replace[ \t]*\($/ { inblk = 1; next }
    inblk && /^[ \t]*\)/ { inblk = 0; next }
    inblk { line = $0 }
    !inblk && /^replace[ \t]/ { line = $0; sub(/^replace[ \t]+/, "", line) }
    line != "" {
      n = split(line, f, /[ \t]+/); k = 0
      for (i = 1; i <= n; i++) if (f[i] != "") w[++k] = f[i]
      for (i = 1; i <= k; i++) if (w[i] == "=>") arrow = i
      target = (arrow > 0) ? w[arrow + 1] : ""
      if (target != "" && target !~ /^(\.|\/)/ && !(w[1] in seen)) {
        seen[w[1]] = 1
        out = w[1]; for (i = 2; i <= k; i++) out = out " " w[i]
        print out
      }
      line = ""; split("", w); arrow = 0
    }
  ' "$@"
}

go_directive() { sed -n 's/^go[[:space:]]\{1,\}\([0-9][0-9.]*\).*/\1/p' "$1" | head -n1; }

# pkg_pseudo VERSION -> the language host pseudo-version for the commit tagged pkg/v<VERSION>.
pkg_pseudo() {
  local json hash time
  json="$(gox list -m -json "$PKG_MOD@v$1" 2>/dev/null)" || return 1
  hash="$(printf '%s\n' "$json" | sed -n 's/^[[:space:]]*"Hash": "\([0-9a-f]\{12\}\)[0-9a-f]*",\{0,1\}$/\1/p' | head -n1)"
  time="$(printf '%s\n' "$json" | sed -n 's/^[[:space:]]*"Time": "\(.*\)",\{0,1\}$/\1/p' | head -n1)"
  [ -n "$hash" ] && [ -n "$time" ] || return 1
  time="$(date -u -d "$time" +%Y%m%d%H%M%S 2>/dev/null)" || return 1
  printf 'v3.0.0-%s-%s\n' "$time" "$hash"
}

module_served() { gox mod download "$1" >/dev/null 2>&1; }

# The CLI's sources must be served too (the proxy may have a version's .info/.mod but not its .zip).
if ! module_served "$PKG_MOD@v$VERSION"; then
  log "the Go module proxy does not serve the sources of $PKG_MOD@v$VERSION,"
  log "so the Pulumi $VERSION CLI cannot be built here."
  log "Newest version known to build here: $NEWEST (ENSURE_PULUMI_VERSION=newest)."
  install_hint "$VERSION"
  exit 1
fi

# Resolve the language host: HOST_LINE (Pulumi version it belongs to) and HOST_VERSION.
HOST_LINE="" HOST_VERSION=""
if [ -n "${ENSURE_PULUMI_LANGUAGE_NODEJS_VERSION:-}" ]; then
  HOST_LINE="$VERSION" HOST_VERSION="$ENSURE_PULUMI_LANGUAGE_NODEJS_VERSION"
else
  for entry in "${BUILDABLE[@]}"; do
    read -r cli host pseudo <<<"$entry"
    [ "$cli" = "$VERSION" ] && HOST_LINE="$host" HOST_VERSION="$pseudo"
  done
  if [ -z "$HOST_VERSION" ]; then
    if pv="$(pkg_pseudo "$VERSION")" && module_served "$HOST_MOD@$pv"; then
      HOST_LINE="$VERSION" HOST_VERSION="$pv"
    else
      for entry in "${BUILDABLE[@]}"; do
        read -r cli host pseudo <<<"$entry"
        version_ge "$VERSION" "$host" && HOST_LINE="$host" HOST_VERSION="$pseudo"
      done
    fi
  fi
fi
[ -n "$HOST_VERSION" ] || die "no pulumi-language-nodejs module version available for Pulumi $VERSION"
PAIRING="CLI $VERSION paired with the language host of Pulumi $HOST_LINE ($HOST_MOD@$HOST_VERSION)"
log "$PAIRING"
if [ "$HOST_LINE" != "$VERSION" ]; then
  log "note: the host of $VERSION itself is not served, so the CLI and the host have different versions."
fi

# Serialise concurrent runs for the same version; re-check the cache once we hold the lock.
if lock_cache "$CACHE" "the Pulumi CLI $VERSION" && cache_ok; then
  log "using cached build $BIN"
  say_pairing
  emit "$BIN"
fi

# build_wrapper DIR PULUMI_VERSION HOST_VERSION OUT_DIR PACKAGE...
# Writes DIR/go.mod requiring pkg/sdk at PULUMI_VERSION and the host at HOST_VERSION,
# repeating their non-local replaces, then builds PACKAGE... into OUT_DIR.
build_wrapper() {
  local dir="$1" ver="$2" hostver="$3" out="$4"; shift 4
  local pkg_gomod host_gomod gover hostgo
  pkg_gomod="$(go_mod_file "$PKG_MOD@v$ver")" || die "cannot fetch $PKG_MOD@v$ver go.mod"
  host_gomod="$(go_mod_file "$HOST_MOD@$hostver")" || die "cannot fetch $HOST_MOD@$hostver go.mod"
  gover="$(go_directive "$pkg_gomod")"
  hostgo="$(go_directive "$host_gomod")"
  if [ -n "$hostgo" ] && { [ -z "$gover" ] || ! version_ge "$gover" "$hostgo"; }; then gover="$hostgo"; fi

  mkdir -p "$dir"
  {
    echo "// Generated by scripts/ensure-pulumi.sh - throwaway module that builds the Pulumi CLI"
    echo "// and the Node.js language host from the published Go modules. Do not edit."
    echo "module ensure-pulumi/build"
    echo
    echo "go ${gover:-1.22}"
    echo
    echo "require ("
    echo "	$PKG_MOD v$ver"
    echo "	$SDK_MOD v$ver"
    echo "	$HOST_MOD $hostver"
    echo ")"
    echo
    non_local_replaces "$pkg_gomod" "$host_gomod" | grep -v '^github.com/pulumi/pulumi/' |
      while read -r line; do echo "replace $line"; done
  } >"$dir/go.mod"
  rm -f "$dir/go.sum"
  log "wrapper module $dir/go.mod:"
  sed 's/^/    /' "$dir/go.mod" >&2

  log "go build $* (this can take 10-20+ minutes on 2 cores)"
  local start=$SECONDS hb rc=0
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
  (cd "$dir" && go build -p "${ENSURE_PULUMI_GO_PARALLEL:-2}" \
      -ldflags "-X $VERSION_VAR=v$ver" -o "$out/" "$@") || rc=$?
  kill "$hb" 2>/dev/null || true
  wait "$hb" 2>/dev/null || true
  [ "$rc" -eq 0 ] || die "go build failed (exit $rc) in $dir"
  log "built in $(( SECONDS - start ))s"
}

TMP_BIN="$CACHE/bin.tmp.$$"
rm -rf "$TMP_BIN"
mkdir -p "$TMP_BIN"
trap 'rm -rf "$TMP_BIN"' EXIT

if [ "$HOST_LINE" = "$VERSION" ]; then
  build_wrapper "$CACHE/wrapper" "$VERSION" "$HOST_VERSION" "$TMP_BIN" "$CLI_PKG" "$HOST_PKG"
else
  # NOTE: CLI and language host versions differ here. The host is built against the
  # pkg/sdk versions of its own release line so that it compiles as it was released.
  build_wrapper "$CACHE/wrapper" "$VERSION" "$HOST_VERSION" "$TMP_BIN" "$CLI_PKG"
  build_wrapper "$CACHE/wrapper-host" "$HOST_LINE" "$HOST_VERSION" "$TMP_BIN" "$HOST_PKG"
fi

[ -x "$TMP_BIN/pulumi" ] && [ -x "$TMP_BIN/pulumi-language-nodejs" ] ||
  die "build finished but $TMP_BIN lacks pulumi or pulumi-language-nodejs"
rm -rf "$BIN"
printf '%s\n' "$PAIRING" >"$CACHE/pairing"
mv "$TMP_BIN" "$BIN"
trap - EXIT

cache_ok || die "built $BIN/pulumi but 'pulumi version' does not report v$VERSION"
log "pulumi $("$BIN/pulumi" version | tail -n1) ready in $BIN"
emit "$BIN"
