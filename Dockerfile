# SEND Ledger: the built server (dist/) on the current Node LTS, run as the unprivileged `node` user.
#
# The image defaults to NODE_ENV=production, where the server refuses to start without
# SEND_LEDGER_MASTER_KEY, SESSION_SECRET and AUTH_JWKS_URL (or AUTH_JWT_SECRET) from outside the data
# directory; docker-compose.yml sets NODE_ENV=development for evaluation instead.
#
# Every stage starts from the same Node image: better-sqlite3 is compiled against that Node's ABI and
# would not load on another major version.

# Compiling: TypeScript to dist/. No native module is needed to compile, so lifecycle scripts are skipped
# (they would also run a `prepare` script before the sources are copied in).
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN npm run build

# The packages the server needs at run time, with better-sqlite3's binding built here, where a compiler
# is at hand for platforms with no prebuilt binary; the compiler stays out of the image that runs.
FROM node:24-bookworm-slim AS runtime-dependencies
RUN apt-get update \
    && apt-get install -y --no-install-recommends python3 make g++ \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
    && npm rebuild better-sqlite3

FROM node:24-bookworm-slim AS runtime
ARG VERSION=unknown
ARG REVISION=unknown
LABEL org.opencontainers.image.title="SEND Ledger" \
      org.opencontainers.image.description="An immutable, verifiable record of every decision about a child's special educational needs support in England." \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.base.name="docker.io/library/node:24-bookworm-slim"
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4000 \
    SEND_LEDGER_DATA_DIR=/data
WORKDIR /app
# Owned by root: the service can read its code but not change it. package.json stays for its
# "type": "module", which makes dist/ ES modules.
COPY package.json ./
COPY --from=runtime-dependencies /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The data directory (keys, generated development secrets, the SQLite ledger) is a volume that only the
# service's user can open.
RUN mkdir -p /data && chown node:node /data && chmod 700 /data
VOLUME ["/data"]
USER node
EXPOSE 4000
# Node's own fetch: the slim image has no curl. PORT is read so an overridden port is still checked.
HEALTHCHECK --interval=10s --timeout=5s --start-period=20s --retries=3 \
    CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/health').then((r) => process.exit(r.ok ? 0 : 1)).catch(() => process.exit(1))"]
# node is PID 1 with no init: src/server.ts handles SIGTERM and SIGINT itself (closing the server and the
# store), and the server starts no child processes, so there are no orphans to reap. Had npm been PID 1,
# it would not pass the signal on and `docker stop` would end the server without its shutdown.
STOPSIGNAL SIGTERM
CMD ["node", "dist/src/server.js"]
