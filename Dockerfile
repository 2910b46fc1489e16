# The demo app as `npm start` runs it, with the optional native decoders (libjpeg-turbo, libtiff) installed.
# Built by docker-compose.yml; on its own: docker build -t nest-large-image-demo . && docker run -p 3000:3000 nest-large-image-demo
FROM node:20-bookworm AS build
WORKDIR /app
# The manifests first, so that a change to the sources does not reinstall the dependencies.
COPY package.json package-lock.json ./
COPY libs/nest-large-image/package.json libs/nest-large-image/
COPY apps/demo/package.json apps/demo/
RUN npm ci --no-audit --no-fund
COPY tsconfig.json nest-cli.json ./
COPY libs libs
COPY apps apps
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends libturbojpeg0 libtiff6 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app /app
# glibc's heap settings and V8's, as `npm start` sets them (docs/deployment.md, Memory).
ENV NODE_ENV=production MALLOC_MMAP_THRESHOLD_=131072 MALLOC_ARENA_MAX=2
EXPOSE 3000
CMD ["node", "--initial-old-space-size=128", "apps/demo/dist/main.js"]
