#!/usr/bin/env sh
# Lays out what the production image runs, into DEST: the server bundle, the built SPA, the migrations
# and production dependencies only (no compiler, no test tools, no client libraries). The Dockerfile's
# build stage runs it, and CI runs it into a temporary folder to rehearse the runtime stage without an
# engine. Run from the repository root after `npm run build`.
set -eu
dest="${1:?usage: deploy/stage-runtime.sh DEST}"
[ -f server/dist/main.js ] && [ -f server/dist/migrate.js ] && [ -f client/dist/index.html ] || {
  echo "stage-runtime: run 'npm run build' first" >&2
  exit 1
}
mkdir -p "$dest/server" "$dest/shared" "$dest/client"
cp package.json package-lock.json "$dest/"
cp -R migrations "$dest/"
cp server/package.json "$dest/server/"
cp -R server/dist "$dest/server/dist"
# The bundle holds the shared package's code; npm still wants every workspace's manifest.
cp shared/package.json "$dest/shared/"
cp -R shared/src "$dest/shared/src"
cp client/package.json "$dest/client/"
cp -R client/dist "$dest/client/dist"
cd "$dest"
npm ci --omit=dev --workspace=server --no-audit --no-fund --ignore-scripts=false
npm cache clean --force >/dev/null 2>&1 || true
