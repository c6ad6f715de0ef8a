# syntax=docker/dockerfile:1

# Pinned by digest so a rebuild gets the same base; bump it deliberately. A builder that cannot
# pull (an offline mirror) may pass another name: --build-arg NODE_IMAGE=node:20-bookworm-slim
ARG NODE_IMAGE=node:20-bookworm-slim@sha256:2cf067cfed83d5ea958367df9f966191a942351a2df77d6f0193e162b5febfc0

# Build: compile TypeScript and better-sqlite3 once, then drop the dev dependencies.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && apt-get clean \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY commands ./commands
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund \
 && npm cache clean --force

# Run: the compiled code and the production node_modules (native module included); no toolchain.
FROM ${NODE_IMAGE}
WORKDIR /app
# V8 otherwise lets the heap grow to two or three times what Gazette keeps live before it collects:
# 256 MB holds 10,000 feeds' working set (about 150 MB) in under 300 MB of resident memory.
# Raise it for a larger deployment.
ENV NODE_ENV=production \
    GAZETTE_DATA_DIR=/data \
    GAZETTE_HTTP_PORT=9464 \
    NODE_OPTIONS=--max-old-space-size=256
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY config ./config
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
# 8443: Telegram webhook (TELEGRAM_WEBHOOK_PORT); 9464: /healthz and /metrics (GAZETTE_HTTP_PORT).
EXPOSE 8443 9464
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.GAZETTE_HTTP_PORT}/healthz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Node is PID 1 here: Gazette handles SIGTERM and SIGINT itself and exits within 5 s.
STOPSIGNAL SIGTERM
ENTRYPOINT ["node", "dist/src/cli.js"]
CMD ["start"]
