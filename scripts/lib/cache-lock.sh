# shellcheck shell=bash
# lock_cache DIR WHAT: creates DIR and holds an exclusive lock on DIR/.lock (fd 4) until the
# calling script exits, so concurrent runs providing the same cached build wait for each other
# instead of building twice; says so when another run holds the lock. Returns 1 (no lock) where
# flock is missing. The caller re-checks its cache after the lock is taken. Needs `log`.
lock_cache() {
  mkdir -p "$1"
  command -v flock >/dev/null 2>&1 || return 1
  exec 4>"$1/.lock"
  if ! flock -n 4; then
    log "another run is providing $2; waiting for it"
    flock 4
  fi
}
