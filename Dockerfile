# The service image used by docker-compose.yml (development and evaluation).

# Dependencies are installed with a compiler at hand, in case a native module (better-sqlite3) has no
# prebuilt binary for the platform; the compiler stays out of the image that runs.
FROM node:20-bookworm-slim AS dependencies
RUN apt-get update \
    && apt-get install -y --no-install-recommends python3 make g++ \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install --no-audit --no-fund

FROM node:20-bookworm-slim
WORKDIR /app
COPY --from=dependencies /app/node_modules ./node_modules
COPY . .
# The data directory (keys, generated development secrets, the SQLite ledger) is a volume, owned by the
# unprivileged user the service runs as.
RUN mkdir -p /data && chown node:node /data && chmod 700 /data
ENV HOST=0.0.0.0 \
    PORT=4000 \
    SEND_LEDGER_DATA_DIR=/data
USER node
EXPOSE 4000
VOLUME ["/data"]
CMD ["npm", "start"]
