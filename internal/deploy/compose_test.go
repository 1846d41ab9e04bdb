// Package deploy_test checks the Docker deployment files, which cannot be run on
// machines without a Docker engine: they must parse, and they must agree with the
// configuration the binary reads.
package deploy_test

import (
	"os"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/newsgraph/newsgraph/internal/config"
)

type compose struct {
	Services map[string]struct {
		Image       string            `yaml:"image"`
		Build       any               `yaml:"build"`
		Environment map[string]string `yaml:"environment"`
		Ports       []string          `yaml:"ports"`
		Volumes     []string          `yaml:"volumes"`
		DependsOn   map[string]struct {
			Condition string `yaml:"condition"`
		} `yaml:"depends_on"`
		Healthcheck *struct {
			Test []string `yaml:"test"`
		} `yaml:"healthcheck"`
		StopGracePeriod string `yaml:"stop_grace_period"`
	} `yaml:"services"`
	Volumes map[string]any `yaml:"volumes"`
}

func TestComposeFile(t *testing.T) {
	raw, err := os.ReadFile("../../docker-compose.yml")
	if err != nil {
		t.Fatal(err)
	}
	var c compose
	if err := yaml.Unmarshal(raw, &c); err != nil {
		t.Fatalf("docker-compose.yml does not parse: %v", err)
	}
	neo, ok := c.Services["neo4j"]
	if !ok {
		t.Fatal("no neo4j service")
	}
	if neo.Image != "neo4j:5.26-community" {
		t.Errorf("neo4j image %q, want neo4j:5.26-community", neo.Image)
	}
	if neo.Healthcheck == nil || len(neo.Healthcheck.Test) == 0 {
		t.Error("neo4j has no healthcheck")
	}
	if !strings.Contains(neo.Environment["NEO4J_AUTH"], "${NEO4J_PASSWORD:?") {
		t.Error("neo4j's password must come from NEO4J_PASSWORD, with no default: a known password opens the database")
	}
	// Bolt, published, reaches past the console's read-only guard: this machine only.
	for _, p := range neo.Ports {
		if !strings.HasPrefix(p, "127.0.0.1:") {
			t.Errorf("neo4j publishes %s on every interface", p)
		}
	}
	if neo.StopGracePeriod == "" {
		t.Error("neo4j needs more than Docker's default 10 s to checkpoint on shutdown")
	}
	if len(neo.Volumes) == 0 || !strings.HasPrefix(neo.Volumes[0], "neo4j-data:") {
		t.Error("neo4j must keep its data in the named volume neo4j-data")
	}
	if _, ok := c.Volumes["neo4j-data"]; !ok {
		t.Error("volume neo4j-data is not declared")
	}

	app, ok := c.Services["newsgraph"]
	if !ok {
		t.Fatal("no newsgraph service")
	}
	if app.Build == nil {
		t.Error("newsgraph must be built from the Dockerfile")
	}
	if app.DependsOn["neo4j"].Condition != "service_healthy" {
		t.Error("newsgraph must start only when neo4j is healthy")
	}
	if len(app.Ports) == 0 || app.Ports[0] != "8080:8080" {
		t.Errorf("newsgraph ports %v, want 8080:8080", app.Ports)
	}
	// Every variable the app is given must be one the binary reads and must be valid.
	cfg, err := config.FromEnv(func(k string) string { return app.Environment[k] })
	if err != nil {
		t.Fatalf("the compose environment is not a valid configuration: %v", err)
	}
	// serve drains for its shutdown delay, then answers requests in flight for up to the
	// request timeout (15 s) and 5 s more.
	if grace, err := time.ParseDuration(app.StopGracePeriod); err != nil || grace < cfg.ShutdownDelay+cfg.RequestTimeout+5*time.Second {
		t.Errorf("newsgraph stop_grace_period %q, want at least %v", app.StopGracePeriod, cfg.ShutdownDelay+cfg.RequestTimeout+5*time.Second)
	}
	if cfg.Neo4jURI != "bolt://neo4j:7687" || cfg.ListenAddr != "0.0.0.0:8080" {
		t.Errorf("unexpected configuration from compose: uri %q addr %q", cfg.Neo4jURI, cfg.ListenAddr)
	}
	for k := range app.Environment {
		if !strings.HasPrefix(k, "NEO4J_") && !strings.HasPrefix(k, "NEWSGRAPH_") {
			t.Errorf("unexpected variable %s", k)
		}
	}
}

func TestDockerfileRunsAsNonRoot(t *testing.T) {
	raw, err := os.ReadFile("../../Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	s := string(raw)
	if strings.Count(s, "\nFROM ") < 2 {
		t.Error("the Dockerfile should be a multi-stage build")
	}
	if !strings.Contains(s, "USER nonroot") {
		t.Error("the final image must not run as root")
	}
	if !strings.Contains(s, "NEWSGRAPH_ADDR=0.0.0.0:8080") {
		t.Error("the container must listen on all interfaces")
	}
}
