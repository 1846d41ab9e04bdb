package config_test

import (
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/internal/config"
)

func env(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestDefaults(t *testing.T) {
	c, err := config.FromEnv(env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if c.Neo4jURI != "" || c.Neo4jUsername != "neo4j" || c.Neo4jDatabase != "neo4j" ||
		c.ListenAddr != "127.0.0.1:8080" || c.RequestTimeout != 15*time.Second || c.EmbeddedPort != 7687 || !c.Gzip || c.MetricsAddr != "" {
		t.Fatalf("unexpected defaults: %+v", c)
	}
}

func TestShutdownDelay(t *testing.T) {
	for v, want := range map[string]time.Duration{"": 0, "0s": 0, "0": 0, "15s": 15 * time.Second, "10m": 10 * time.Minute} {
		c, err := config.FromEnv(env(map[string]string{"NEWSGRAPH_SHUTDOWN_DELAY": v}))
		if err != nil || c.ShutdownDelay != want {
			t.Errorf("NEWSGRAPH_SHUTDOWN_DELAY=%q gave %v, err %v; want %v", v, c.ShutdownDelay, err, want)
		}
	}
}

func TestGzipOff(t *testing.T) {
	c, err := config.FromEnv(env(map[string]string{"NEWSGRAPH_GZIP": "off"}))
	if err != nil || c.Gzip {
		t.Fatalf("NEWSGRAPH_GZIP=off gave Gzip=%v, err %v", c.Gzip, err)
	}
}

func TestMetricsAddr(t *testing.T) {
	c, err := config.FromEnv(env(map[string]string{"NEWSGRAPH_METRICS_ADDR": "10.0.0.5:9100"}))
	if err != nil || c.MetricsAddr != "10.0.0.5:9100" {
		t.Fatalf("NEWSGRAPH_METRICS_ADDR=10.0.0.5:9100 gave MetricsAddr=%q, err %v", c.MetricsAddr, err)
	}
}

func TestURISchemes(t *testing.T) {
	tests := []struct {
		uri     string
		wantErr bool
	}{
		{"bolt://localhost:7687", false},
		{"neo4j://cluster.example:7687", false},
		{"neo4j+s://abc.databases.neo4j.io", false},
		{"bolt+ssc://10.0.0.1:7687", false},
		{"http://localhost:7474", true},
		{"localhost:7687", true},
		{"bolt://", true},
		{"bolt://:7687", true},
		{"bolt://127.0.0.1:99999", true},
		{"bolt://127.0.0.1:0", true},
		{"bolt://127.0.0.1:", true},
		{"bolt://[::1]:7687", false},
	}
	for _, tc := range tests {
		t.Run(tc.uri, func(t *testing.T) {
			_, err := config.FromEnv(env(map[string]string{"NEO4J_URI": tc.uri}))
			if (err != nil) != tc.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tc.wantErr)
			}
		})
	}
}

func TestInvalidValuesAreNamed(t *testing.T) {
	tests := map[string]map[string]string{
		"NEWSGRAPH_REQUEST_TIMEOUT":           {"NEWSGRAPH_REQUEST_TIMEOUT": "soon"},
		"NEWSGRAPH_SHUTDOWN_DELAY":            {"NEWSGRAPH_SHUTDOWN_DELAY": "10"},
		"NEWSGRAPH_SHUTDOWN_DELAY negative":   {"NEWSGRAPH_SHUTDOWN_DELAY": "-1s"},
		"NEWSGRAPH_SHUTDOWN_DELAY beyond 10m": {"NEWSGRAPH_SHUTDOWN_DELAY": "11m"},
		"NEWSGRAPH_NEO4J_PORT":                {"NEWSGRAPH_NEO4J_PORT": "70000"},
		"NEWSGRAPH_LOG_LEVEL":                 {"NEWSGRAPH_LOG_LEVEL": "loud"},
		"NEWSGRAPH_LOG_FORMAT":                {"NEWSGRAPH_LOG_FORMAT": "xml"},
		"NEWSGRAPH_GZIP":                      {"NEWSGRAPH_GZIP": "yes"},
		"NEWSGRAPH_CONSOLE_SLOTS":             {"NEWSGRAPH_CONSOLE_SLOTS": "-1"},
		"NEO4J_DATABASE":                      {"NEO4J_DATABASE": "System"},
		"NEWSGRAPH_NEO4J_HEAP":                {"NEWSGRAPH_NEO4J_HEAP": "banana"},
		"NEWSGRAPH_NEO4J_PAGECACHE":           {"NEWSGRAPH_NEO4J_PAGECACHE": "256 MB"},
		// The right form, but Java or Neo4j refused them without naming the setting.
		"NEWSGRAPH_NEO4J_HEAP too small":          {"NEWSGRAPH_NEO4J_HEAP": "1k"},
		"NEWSGRAPH_NEO4J_HEAP without a unit":     {"NEWSGRAPH_NEO4J_HEAP": "1"},
		"NEWSGRAPH_NEO4J_PAGECACHE too small":     {"NEWSGRAPH_NEO4J_PAGECACHE": "1"},
		"NEWSGRAPH_NEO4J_HEAP beyond the machine": {"NEWSGRAPH_NEO4J_HEAP": "99999g"},
		"NEWSGRAPH_NEO4J_PAGECACHE beyond int64":  {"NEWSGRAPH_NEO4J_PAGECACHE": "99999999999999999g"},
	}
	for key, m := range tests {
		t.Run(key, func(t *testing.T) {
			_, err := config.FromEnv(env(m))
			if err == nil || !strings.Contains(err.Error(), strings.Fields(key)[0]) {
				t.Fatalf("got %v, want an error naming %s", err, key)
			}
		})
	}
}

// TestURIErrorsHideThePassword: a NEO4J_URI that does not parse is refused without
// quoting it, since it may hold a password; url.Parse's error quotes it whole.
func TestURIErrorsHideThePassword(t *testing.T) {
	for _, uri := range []string{"bolt://neo4j:Sup3rSecretPW@127.0.0.1:77x42", "bolt://neo4j:50%Sup3rSecretPW@127.0.0.1:7687"} {
		_, err := config.FromEnv(env(map[string]string{"NEO4J_URI": uri}))
		if err == nil || strings.Contains(err.Error(), "Sup3rSecretPW") || !strings.Contains(err.Error(), "NEO4J_URI") {
			t.Errorf("NEO4J_URI %q: %v", uri, err)
		}
	}
}

func TestSecretsAreMaskedInLogs(t *testing.T) {
	c, err := config.FromEnv(env(map[string]string{
		"NEO4J_URI":      "neo4j+s://admin:uri-secret@db.example:7687",
		"NEO4J_PASSWORD": "env-secret",
	}))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	slog.New(slog.NewTextHandler(&b, nil)).Info("configuration", "config", c)
	out := b.String()
	for _, secret := range []string{"uri-secret", "env-secret"} {
		if strings.Contains(out, secret) {
			t.Fatalf("log line leaks %q: %s", secret, out)
		}
	}
	if !strings.Contains(out, "db.example") {
		t.Fatalf("log line should still show the host: %s", out)
	}
}
