# go-tool.sh - build a Go program of this repository into the git-ignored .cache, once per
# source state. Sourced by scripts/gen-go-sdk.sh and scripts/build-go-stack.sh.
#
#   go_tool_build NAME MODULE_DIR PACKAGE [EXTRA_DIR...]
#
# builds PACKAGE (relative to MODULE_DIR, e.g. ".") into <repo>/.cache/NAME/bin/NAME and
# sets GO_TOOL_BIN to that directory. The version check is a fingerprint of the sources
# (every *.go, go.mod and go.sum under MODULE_DIR and the EXTRA_DIRs its go.mod replaces
# into), of this file (the build flags) and of `go version`: a binary built from other
# sources or by another recipe is rebuilt. Builds use
# -mod=readonly, so go.mod and go.sum are never rewritten and every module is checked
# against the committed go.sum. Concurrent callers wait on a flock instead of building twice.
# Chatter goes to stderr; callers decide what to print on stdout.

GO_TOOL_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

go_tool_log() { printf '%s: %s\n' "${GO_TOOL_NAME:-go-tool}" "$*" >&2; }

# go_tool_fingerprint DIR... -> one sha256 over the sources and the Go toolchain version.
go_tool_fingerprint() {
  {
    go version
    sha256sum "$GO_TOOL_ROOT/scripts/lib/go-tool.sh" | cut -d' ' -f1
    find "$@" -type f \( -name '*.go' -o -name go.mod -o -name go.sum \) -print0 |
      LC_ALL=C sort -z | xargs -0 sha256sum | sed "s|$GO_TOOL_ROOT/||"
  } | sha256sum | cut -d' ' -f1
}

go_tool_build() {
  local name="$1" module="$2" package="$3"; shift 3
  local cache="$GO_TOOL_ROOT/.cache/$name" want tmp start rc=0
  GO_TOOL_NAME="$name"
  GO_TOOL_BIN="$cache/bin"
  command -v go >/dev/null 2>&1 || {
    go_tool_log "error: building $name needs Go (https://go.dev/dl/; the version in $module/go.mod or newer)"
    return 1
  }
  module="$(cd "$module" && pwd)"
  want="$(go_tool_fingerprint "$module" "$@")"
  if [ -x "$GO_TOOL_BIN/$name" ] && [ "$(cat "$cache/fingerprint" 2>/dev/null)" = "$want" ]; then
    go_tool_log "using cached build $GO_TOOL_BIN/$name"
    return 0
  fi
  mkdir -p "$cache"
  (
    flock 9
    if [ -x "$GO_TOOL_BIN/$name" ] && [ "$(cat "$cache/fingerprint" 2>/dev/null)" = "$want" ]; then
      go_tool_log "using cached build $GO_TOOL_BIN/$name (built by a concurrent run)"
      exit 0
    fi
    tmp="$cache/bin.tmp.$$"
    rm -rf "$tmp"
    mkdir -p "$tmp"
    trap 'rm -rf "$tmp"' EXIT
    go_tool_log "go build $name from $module (a few minutes when the Go build cache is cold)"
    start=$SECONDS
    (cd "$module" && GOWORK=off GOFLAGS=-buildvcs=false go build -mod=readonly \
        -o "$tmp/$name" "$package") || exit 1
    rm -rf "$GO_TOOL_BIN"
    mv "$tmp" "$GO_TOOL_BIN"
    printf '%s\n' "$want" >"$cache/fingerprint"
    go_tool_log "built $GO_TOOL_BIN/$name in $(( SECONDS - start ))s ($(du -h "$GO_TOOL_BIN/$name" | cut -f1))"
  ) 9>"$cache/.lock" || rc=$?
  [ "$rc" -eq 0 ] || { go_tool_log "error: go build of $name failed"; return 1; }
}
