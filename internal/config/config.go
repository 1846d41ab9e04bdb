// Package config reads newsgraph's settings from the environment, with defaults that
// work on a laptop, and renders them for logs with secrets masked.
package config

import (
	"errors"
	"fmt"
	"log/slog"
	"math"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Config is everything the binary can be told through the environment. The README's
// configuration table lists the same variables with the same defaults.
type Config struct {
	Neo4jURI      string // empty: `serve` starts the embedded Neo4j
	Neo4jUsername string
	Neo4jPassword string
	Neo4jDatabase string

	ListenAddr string
	// MetricsAddr, when set, is the only address serving /metrics (ListenAddr answers
	// it 404), for a server whose main address is public.
	MetricsAddr    string
	RequestTimeout time.Duration // per API request, also the server-side transaction limit
	// ShutdownDelay is how long serve, told to stop, keeps serving with /readyz at 503
	// before it closes its connections, so that a load balancer stops sending first; 0
	// shuts down at once.
	ShutdownDelay time.Duration
	LogLevel      slog.Level
	LogFormat     string // "text" or "json"
	Gzip          bool   // gzip API answers for clients that accept it
	// ConsoleSlots is how many Cypher console queries may occupy Neo4j at once;
	// 0 turns the console off.
	ConsoleSlots int

	EmbeddedDataDir   string // where the embedded Neo4j keeps its store and logs
	EmbeddedPort      int
	EmbeddedHeap      string // JVM -Xmx
	EmbeddedPageCache string // server.memory.pagecache.size
	EmbeddedJar       string // path to the built launcher jar
}

// memorySize is a size Java's -Xmx and Neo4j's memory settings both take.
var memorySize = regexp.MustCompile(`^[1-9][0-9]*[kKmMgG]?$`)

const (
	minHeap      = 256 << 20
	minPageCache = 1 << 20
)

// bytesOf is the number of bytes a size that matches memorySize stands for, or
// math.MaxInt64 when it is larger than that.
func bytesOf(size string) int64 {
	shift := 0
	switch size[len(size)-1] {
	case 'k', 'K':
		shift = 10
	case 'm', 'M':
		shift = 20
	case 'g', 'G':
		shift = 30
	}
	if shift > 0 {
		size = size[:len(size)-1]
	}
	n, err := strconv.ParseInt(size, 10, 64)
	if err != nil || n > math.MaxInt64>>shift {
		return math.MaxInt64
	}
	return n << shift
}

// FromEnv reads the configuration. getenv is os.Getenv in production and a map lookup
// in tests.
func FromEnv(getenv func(string) string) (Config, error) {
	c := Config{
		Neo4jURI:          getenv("NEO4J_URI"),
		Neo4jUsername:     orDefault(getenv("NEO4J_USERNAME"), "neo4j"),
		Neo4jPassword:     getenv("NEO4J_PASSWORD"),
		Neo4jDatabase:     orDefault(getenv("NEO4J_DATABASE"), "neo4j"),
		ListenAddr:        orDefault(getenv("NEWSGRAPH_ADDR"), "127.0.0.1:8080"),
		MetricsAddr:       getenv("NEWSGRAPH_METRICS_ADDR"),
		LogFormat:         orDefault(getenv("NEWSGRAPH_LOG_FORMAT"), "text"),
		EmbeddedDataDir:   orDefault(getenv("NEWSGRAPH_NEO4J_DATA"), ".data/neo4j"),
		EmbeddedHeap:      orDefault(getenv("NEWSGRAPH_NEO4J_HEAP"), "1g"),
		EmbeddedPageCache: orDefault(getenv("NEWSGRAPH_NEO4J_PAGECACHE"), "256m"),
		EmbeddedJar:       orDefault(getenv("NEWSGRAPH_NEO4J_JAR"), "neo4j-embedded/target/neo4j-embedded.jar"),
	}
	var err error
	if c.RequestTimeout, err = duration(getenv, "NEWSGRAPH_REQUEST_TIMEOUT", 15*time.Second); err != nil {
		return c, err
	}
	if v := getenv("NEWSGRAPH_SHUTDOWN_DELAY"); v != "" {
		if c.ShutdownDelay, err = time.ParseDuration(v); err != nil || c.ShutdownDelay < 0 || c.ShutdownDelay > 10*time.Minute {
			return c, fmt.Errorf("NEWSGRAPH_SHUTDOWN_DELAY must be a duration from 0s to 10m such as 10s, got %q", v)
		}
	}
	if c.EmbeddedPort, err = integer(getenv, "NEWSGRAPH_NEO4J_PORT", 7687); err != nil {
		return c, err
	}
	if v := orDefault(getenv("NEWSGRAPH_LOG_LEVEL"), "info"); c.LogLevel.UnmarshalText([]byte(v)) != nil {
		return c, fmt.Errorf("NEWSGRAPH_LOG_LEVEL must be debug, info, warn or error, got %q", v)
	}
	// The embedded Neo4j's memory, checked here: Java refused a bad heap with "Could not
	// create the Java Virtual Machine" and Neo4j a bad page cache with a stack trace,
	// neither naming the setting.
	for _, setting := range []struct{ name, value string }{
		{"NEWSGRAPH_NEO4J_HEAP", c.EmbeddedHeap}, {"NEWSGRAPH_NEO4J_PAGECACHE", c.EmbeddedPageCache},
	} {
		if !memorySize.MatchString(setting.value) {
			return c, fmt.Errorf("%s must be a size such as 512m or 2g (a number, then k, m or g), got %q", setting.name, setting.value)
		}
	}
	// Sizes that pass the form but not Java or Neo4j: a heap too small to start, a page
	// cache under Neo4j's two pages, more than the machine has (Java then failed to
	// reserve it, and said so only in the launcher's log).
	heap, pageCache := bytesOf(c.EmbeddedHeap), bytesOf(c.EmbeddedPageCache)
	if heap < minHeap {
		return c, fmt.Errorf("NEWSGRAPH_NEO4J_HEAP is %s; the embedded Neo4j needs at least 256m", c.EmbeddedHeap)
	}
	if pageCache < minPageCache {
		return c, fmt.Errorf("NEWSGRAPH_NEO4J_PAGECACHE is %s; Neo4j needs at least 1m", c.EmbeddedPageCache)
	}
	if total := physicalMemory(); total > 0 && (heap > total || pageCache > total-heap) {
		return c, fmt.Errorf("NEWSGRAPH_NEO4J_HEAP (%s) and NEWSGRAPH_NEO4J_PAGECACHE (%s) add up to more than this machine's memory (%dm)",
			c.EmbeddedHeap, c.EmbeddedPageCache, total>>20)
	}
	c.ConsoleSlots = 4
	if v := getenv("NEWSGRAPH_CONSOLE_SLOTS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n > 64 {
			return c, fmt.Errorf("NEWSGRAPH_CONSOLE_SLOTS must be an integer from 0 (console off) to 64, got %q", v)
		}
		c.ConsoleSlots = n
	}
	switch v := orDefault(getenv("NEWSGRAPH_GZIP"), "on"); v {
	case "on", "off":
		c.Gzip = v == "on"
	default:
		return c, fmt.Errorf("NEWSGRAPH_GZIP must be on or off, got %q", v)
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		return c, fmt.Errorf("NEWSGRAPH_LOG_FORMAT must be text or json, got %q", c.LogFormat)
	}
	if strings.EqualFold(c.Neo4jDatabase, "system") {
		// Neo4j answers every graph query there with a syntax error, which the API
		// would pass on to every client as theirs.
		return c, fmt.Errorf("NEO4J_DATABASE=%s names Neo4j's system database, which holds users and databases, not a graph; name the database that holds the graph (neo4j by default)", c.Neo4jDatabase)
	}
	if c.Neo4jURI != "" {
		if err := checkURI(c.Neo4jURI); err != nil {
			return c, err
		}
	}
	return c, nil
}

// LogValue renders the configuration for logs; the password never appears.
func (c Config) LogValue() slog.Value {
	uri := c.Neo4jURI
	if uri == "" {
		uri = "(embedded)"
	}
	return slog.GroupValue(
		slog.String("neo4j_uri", RedactURI(uri)),
		slog.String("neo4j_username", c.Neo4jUsername),
		slog.String("neo4j_password", mask(c.Neo4jPassword)),
		slog.String("neo4j_database", c.Neo4jDatabase),
		slog.String("addr", c.ListenAddr),
		slog.String("metrics_addr", orDefault(c.MetricsAddr, "(addr)")),
		slog.Duration("request_timeout", c.RequestTimeout),
		slog.Duration("shutdown_delay", c.ShutdownDelay),
		slog.Bool("gzip", c.Gzip),
		slog.Int("console_slots", c.ConsoleSlots),
	)
}

func checkURI(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		// url.Parse's error quotes the whole URI, a password in it too.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return fmt.Errorf("NEO4J_URI is not a URI: %w", err)
	}
	switch u.Scheme {
	case "bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc":
	default:
		return fmt.Errorf("NEO4J_URI scheme %q is not one of bolt, bolt+s, bolt+ssc, neo4j, neo4j+s, neo4j+ssc", u.Scheme)
	}
	// Caught here, these reached the driver and came back as "Neo4j cannot be reached."
	if u.Hostname() == "" {
		return fmt.Errorf("NEO4J_URI %s names no host; write it as %s://HOST:7687", RedactURI(raw), u.Scheme)
	}
	if p := u.Port(); p != "" || strings.HasSuffix(u.Host, ":") {
		if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 {
			return fmt.Errorf("NEO4J_URI %s has port %s; a port is 1 to 65535 (Bolt's is 7687)", RedactURI(raw), p)
		}
	}
	return nil
}

// Neo4jAddress is NEO4J_URI as messages may show it: without a password in it.
func (c Config) Neo4jAddress() string { return RedactURI(c.Neo4jURI) }

// RedactURI hides a password embedded in the URI's user info (for messages and logs).
func RedactURI(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.User == nil {
		return raw
	}
	if _, has := u.User.Password(); has {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}

func mask(secret string) string {
	if secret == "" {
		return "(none)"
	}
	return "*****"
}

func orDefault(v, def string) string {
	if strings.TrimSpace(v) == "" {
		return def
	}
	return v
}

func duration(getenv func(string) string, key string, def time.Duration) (time.Duration, error) {
	v := getenv(key)
	if v == "" {
		return def, nil
	}
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("%s must be a positive duration such as 15s, got %q", key, v)
	}
	return d, nil
}

func integer(getenv func(string) string, key string, def int) (int, error) {
	v := getenv(key)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 || n > 65535 {
		return 0, fmt.Errorf("%s must be a port number, got %q", key, v)
	}
	return n, nil
}

// Getenv is os.Getenv, named for symmetry with test lookups.
var Getenv = os.Getenv
