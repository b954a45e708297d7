# syntax=docker/dockerfile:1
# Circles production image: a build stage compiles the SPA and bundles the server; the runtime stage is
# Node 22 LTS (slim) with production dependencies only, running as a non-root user. CI rehearses the
# runtime stage without an engine (deploy/rehearse-runtime.sh runs the same deploy/stage-runtime.sh).

FROM node:22-bookworm-slim AS build
WORKDIR /src
# Dependencies first, so a code change does not reinstall them.
COPY package.json package-lock.json ./
COPY shared/package.json shared/
COPY server/package.json server/
COPY client/package.json client/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build \
 && deploy/stage-runtime.sh /runtime

FROM node:22-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    HOST=0.0.0.0 \
    DATA_DIR=/data
WORKDIR /app
# The app's files belong to root and are read-only to the process; only /data (the embedded database,
# when no DATABASE_URL is given) is writable. `node` is the unprivileged user of the official image.
COPY --from=build /runtime /app
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 3000
# Ready: database and Redis answer, and not draining (SIGTERM turns it 503 at once).
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# SIGTERM drains: /api/ready 503, sockets closed so clients reconnect elsewhere, exit within 10 s.
STOPSIGNAL SIGTERM
CMD ["node", "--enable-source-maps", "server/dist/main.js"]
