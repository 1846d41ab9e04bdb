# Multi-stage build of the newsgraph server. The database is the official Neo4j image
# (see docker-compose.yml); the embedded launcher is only for machines without Docker.

# 1. The front end (skipped gracefully while web/package.json does not exist).
FROM node:20-bookworm-slim AS web
WORKDIR /src/web
COPY web/ ./
RUN if [ -f package.json ]; then npm ci --no-audit --no-fund && npm run build; \
    else mkdir -p assets/app && printf '<!doctype html><title>newsgraph</title>\n' > assets/app/index.html; fi

# 2. The Go binary, with the built front end embedded.
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
COPY --from=web /src/web/assets/app ./web/assets/app
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/newsgraph ./cmd/newsgraph

# 3. A small image that runs as an unprivileged user.
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/newsgraph /usr/local/bin/newsgraph
USER nonroot:nonroot
ENV NEWSGRAPH_ADDR=0.0.0.0:8080 \
    NEWSGRAPH_LOG_FORMAT=json
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/newsgraph"]
CMD ["serve", "--load"]
