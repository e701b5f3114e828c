# Haven in a container: one process, one SQLite file in the /data volume.
#
#   docker build -t haven .
#   docker run --rm -p 3000:3000 -v haven-data:/data haven
#
# compose.yaml runs it behind Caddy with TLS; docs/deploy.md is the operator's guide.

# Node.js LTS on Debian 12 (bookworm). To update: change the tag, rebuild, run the tests.
ARG NODE_IMAGE=node:22-bookworm-slim

# ---- build: compile TypeScript and the native SQLite binding, then keep production modules only
FROM ${NODE_IMAGE} AS build
# better-sqlite3 compiles from source where no prebuilt binary can be downloaded.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
# The image carries Node's headers: node-gyp uses them instead of downloading them.
ENV npm_config_nodedir=/usr/local
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: the `prepare` build needs the sources, copied below; the native module is built explicitly.
RUN npm ci --no-audit --no-fund --ignore-scripts && npm rebuild better-sqlite3
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY bench ./bench
COPY public ./public
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

# ---- runtime: no compiler, no dev dependencies, not root
FROM ${NODE_IMAGE}
# tini is PID 1: it passes SIGTERM on to Node (which then shuts down gracefully) and reaps zombies.
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    PORT=3000 \
    HAVEN_DATA_DIR=/data
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY public ./public
COPY flows ./flows
COPY locales ./locales
COPY directory ./directory
# The data folder belongs to the unprivileged `node` user (uid 1000) that ships with the image.
RUN mkdir -p /data && chown node:node /data && chmod 700 /data
USER node
VOLUME ["/data"]
EXPOSE 3000
# Alive means /healthz answers; Node has fetch, so no curl is needed in the image.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Docker's default stop timeout is 10 s; HAVEN_SHUTDOWN_TIMEOUT_SECONDS (8 s) stays inside it.
STOPSIGNAL SIGTERM
ENTRYPOINT ["/usr/bin/tini", "--", "node", "dist/src/cli/haven.js"]
CMD ["serve"]
