# syntax=docker/dockerfile:1
# pccc-bot: compiled (dist/) on node:20-slim, production dependencies only, non-root.
# Build:  docker build -t pccc-bot .
# Run:    docker run --env-file .env -p 3000:3000 pccc-bot      (or: docker compose up)

# ---- build: all dependencies, tsc → dist/ --------------------------------------------
FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts/build-esm.mjs scripts/
COPY src src
RUN npm run build

# ---- production dependencies only -------------------------------------------------------
FROM node:20-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# ---- runtime -----------------------------------------------------------------------------
FROM node:20-slim
ENV NODE_ENV=production \
    PORT=3000 \
    DATA_DIR=/data
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# Migrations are read from /app/drizzle (dist/db/client.js resolves ../../drizzle).
COPY package.json ./
COPY drizzle ./drizzle
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 3000
# Liveness only (/readyz is for load balancers); node's fetch, no curl in the image.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# main.ts handles SIGTERM: stop intake, stop the tick, finish replies (SHUTDOWN_TIMEOUT), close.
STOPSIGNAL SIGTERM
# node is PID 1 here; it handles SIGTERM/SIGINT itself (no shell in between).
CMD ["node", "--enable-source-maps", "dist/main.js"]
