# syntax=docker/dockerfile:1
# Tickler: one image for every role (ROLE=api|notifications|audit).
#
#   docker build -t tickler:dev .
#   docker run -e ROLE=audit -e ... tickler:dev
#
# Stages: `build` compiles TypeScript (needs the dev dependencies), `prod-deps`
# installs only the runtime dependencies, and the runtime stage is distroless:
# node and the app, no shell, no package manager, running as a numeric
# non-root user (so Kubernetes' runAsNonRoot can verify it).
#
# Node.js 24, the current LTS line (README: Node.js runtime); the code
# supports 22.15+ (package.json engines), which CI also tests.
ARG NODE_MAJOR=24

FROM node:${NODE_MAJOR}-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
# --ignore-scripts: no dependency runs code at install time.
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build
# The web app: esbuild bundles web/ into dist/web, which the api serves.
COPY web ./web
COPY scripts/build-web.ts scripts/webApiTypes.ts scripts/webShell.ts scripts/root.ts ./scripts/
RUN npm run build:web

FROM node:${NODE_MAJOR}-bookworm-slim AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund --ignore-scripts && npm cache clean --force

FROM gcr.io/distroless/nodejs${NODE_MAJOR}-debian12:nonroot AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    PORT=8080
# package.json carries "type": "module", which makes node load dist/*.js as ES modules.
COPY --from=prod-deps --chown=65532:65532 /app/package.json ./package.json
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /src/dist ./dist
USER 65532:65532
EXPOSE 8080
# Kubernetes ignores HEALTHCHECK (the chart has its own probes); docker and
# compose use it. There is no shell or curl here, so node asks /healthz itself.
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s --retries=3 \
  CMD ["/nodejs/bin/node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# The distroless entrypoint is node itself.
CMD ["dist/main.js"]
