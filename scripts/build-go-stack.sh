#!/usr/bin/env bash
# build-go-stack.sh - build the Go Automation API driver tests/clients/go-stack (which uses the
# generated Go SDK in sdk/go) into .cache/go-stack/bin/go-stack, once per source state.
#
# Usage:  bin="$(scripts/build-go-stack.sh)" || exit 1; "$bin/go-stack" --spec FILE.json
#
# The last line on stdout is the directory holding go-stack; everything else goes to stderr.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=lib/go-tool.sh
. "$ROOT/scripts/lib/go-tool.sh"

go_tool_build go-stack "$ROOT/tests/clients/go-stack" . "$ROOT/sdk/go"
printf '%s\n' "$GO_TOOL_BIN"
