# syntax=docker/dockerfile:1

# Build: the full Node image carries python3/make/g++, in case better-sqlite3 has to compile.
FROM node:20-bookworm AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY nest-cli.json tsconfig.json tsconfig.build.json ./
COPY apps ./apps
COPY libs ./libs
RUN npm run build && npm prune --omit=dev

# Runtime: production dependencies and the compiled ledger only (same Debian release as the build,
# so the native modules built or downloaded above load here).
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    HOST=0.0.0.0 \
    PUBLIC_PORT=3001 \
    LEDGER_DATA_DIR=/app/data \
    LEDGER_KEYS_DIR=/app/keys
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json ./package.json
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --from=build --chown=node:node /app/apps/ledger/seed ./apps/ledger/seed
# The verifier the public site serves at /verify, and its page script.
COPY --chown=node:node verifier ./verifier
COPY --chown=node:node apps/public/static ./apps/public/static
# The private keys live apart from the data (mount each on a volume of its own; the keys' readable by the ledger alone).
RUN mkdir -p /app/data /app/keys && chown node:node /app/data /app/keys && chmod 700 /app/keys
USER node
EXPOSE 3000 3001
# GET /health answers 200 when the event store answers a head read and the start-up check of the tree has passed, 503 otherwise.
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:3000/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# nest build keeps the source layout under dist/ (tsconfig.build.json rootDir is the repo root).
# The ledger and the read-only public site (port 3001), each its own process.
CMD ["node", "dist/apps/public/src/start-all.js"]
