# newsgraph: `make run` to explore, `make test` to check everything against a real Neo4j.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := run

GO        ?= go
BIN       := bin/newsgraph
NEO4J_JAR := neo4j-embedded/target/neo4j-embedded.jar
WEB_INDEX := web/assets/app/index.html
GO_SRC    := $(shell find cmd internal cypher web datasets -name '*.go' -o -name '*.cypher' -o -name '*.yaml' 2>/dev/null)
JAVA_SRC  := neo4j-embedded/pom.xml $(shell find neo4j-embedded/src -name '*.java')
WEB_SRC   := $(shell find web/src web/index.html web/package.json web/package-lock.json web/vite.config.* 2>/dev/null)

.PHONY: run test build prereqs neo4j-embedded web test-go test-web bench fmt vet clean

## run: build everything, start the embedded Neo4j unless NEO4J_URI is set, load the dataset, serve :8080
run: build
	exec ./$(BIN) serve --load

## test: start a throwaway embedded Neo4j on a free port and run every test against it
test: build
	./$(BIN) neo4j -- scripts/test.sh

## build: the launcher jar, the front end and the binary
build: prereqs $(NEO4J_JAR) $(WEB_INDEX) $(BIN)

prereqs:
	@scripts/check-prereqs.sh

neo4j-embedded: $(NEO4J_JAR)
$(NEO4J_JAR): $(JAVA_SRC)
	@echo "building the embedded Neo4j launcher (first time: Maven downloads Neo4j 5.26 from Maven Central)"
	mvn -q -B -f neo4j-embedded/pom.xml package -DskipTests
	@touch $@

web: $(WEB_INDEX)
$(WEB_INDEX): $(WEB_SRC)
	@if [ -f web/package.json ]; then \
	  cd web && { [ -d node_modules ] && [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund --loglevel=error; } && npm run --silent build; \
	else mkdir -p web/assets/app && printf '<!doctype html><title>newsgraph</title><p>The front end is not built yet.</p>\n' > $@; fi

$(BIN): $(GO_SRC) go.mod go.sum $(WEB_INDEX)
	$(GO) build -o $@ ./cmd/newsgraph

## bench: run the Go benchmarks against a throwaway Neo4j (see README, "Benchmarks")
bench: build
	NEWSGRAPH_NEO4J_HEAP=$${NEWSGRAPH_NEO4J_HEAP:-2g} NEWSGRAPH_NEO4J_PAGECACHE=$${NEWSGRAPH_NEO4J_PAGECACHE:-1g} ./$(BIN) neo4j -- scripts/bench.sh

fmt:
	gofmt -w $$(git ls-files '*.go')

vet:
	$(GO) vet ./...
	$(GO) tool staticcheck ./...

clean:
	rm -rf bin web/assets/app neo4j-embedded/target
