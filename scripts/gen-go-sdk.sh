#!/usr/bin/env bash
# gen-go-sdk.sh - (re)generate the Go SDK of the alicloud-renewal plugin from its schema.
#
# Usage:
#   scripts/gen-go-sdk.sh [SCHEMA.json [OUTDIR]]   generate (npm run gen:go-sdk)
#   scripts/gen-go-sdk.sh --build                  only build the generator; prints its bin dir
#
# SCHEMA.json defaults to $ALICLOUD_RENEWAL_SCHEMA, then provider/hosts/plugin/package-schema.json;
# OUTDIR defaults to sdk/go (the SDK lands in OUTDIR/alicloudrenewal, which is replaced;
# sdk/go/go.mod and go.sum are kept). The generator is scripts/gen-go-sdk (Go), built into
# .cache/gen-go-sdk/bin once per source state.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=lib/go-tool.sh
. "$ROOT/scripts/lib/go-tool.sh"

go_tool_build gen-go-sdk "$ROOT/scripts/gen-go-sdk" .
if [ "${1:-}" = "--build" ]; then
  printf '%s\n' "$GO_TOOL_BIN"
  exit 0
fi

schema="${1:-${ALICLOUD_RENEWAL_SCHEMA:-$ROOT/provider/hosts/plugin/package-schema.json}}"
out="${2:-$ROOT/sdk/go}"
[ -f "$schema" ] || { go_tool_log "error: no schema at $schema (pass SCHEMA.json or set ALICLOUD_RENEWAL_SCHEMA)"; exit 1; }
"$GO_TOOL_BIN/gen-go-sdk" "$schema" "$out"
