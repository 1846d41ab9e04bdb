package dev.newsgraph.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;
import org.neo4j.kernel.internal.Version;

/**
 * Starts Neo4j Community in-process with its Bolt connector, for machines without Docker.
 *
 * <p>The Go side (internal/embedded) launches this class and waits for the single line that
 * starts with {@code READY }; everything else Neo4j says goes to files under the data
 * directory so that it never mixes with the server's own output.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    Options opts;
    try {
      opts = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("neo4j-embedded: " + e.getMessage());
      System.err.println(Options.USAGE);
      System.exit(2);
      return;
    }
    int feature = Runtime.version().feature();
    if (feature < 17) {
      fail("Java " + feature + " is too old; Neo4j 5.26 needs Java 17 or newer (install openjdk-17-jre)");
    }
    ensurePortFree(opts.host, opts.port);

    Path home = Path.of(opts.dataDir).toAbsolutePath();
    Files.createDirectories(home);
    Path logs = home.resolve("logs");
    Files.createDirectories(logs);

    DatabaseManagementServiceBuilder builder =
        new DatabaseManagementServiceBuilder(home)
            .setConfig(BoltConnector.enabled, true)
            .setConfig(BoltConnector.listen_address, new SocketAddress(opts.host, opts.port))
            .setConfig(BoltConnector.advertised_address, new SocketAddress(opts.host, opts.port))
            .setConfig(HttpConnector.enabled, false)
            .setConfig(GraphDatabaseSettings.auth_enabled, opts.password != null)
            .setConfig(GraphDatabaseSettings.logs_directory, logs)
            .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.parse(opts.pageCache))
            // One runaway console query must not take the memory every other request needs.
            .setConfig(GraphDatabaseSettings.memory_transaction_max_size, ByteUnit.parse(opts.txMemory))
            // Netty waits a 5-second quiet period twice on shutdown by default; a local
            // database that nobody else uses can stop at once.
            .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0);

    DatabaseManagementService dbms;
    try {
      dbms = builder.build();
    } catch (RuntimeException e) {
      fail("Neo4j did not start: " + rootMessage(e) + " (details in " + logs.resolve("debug.log") + ")");
      return;
    }
    if (opts.password != null) {
      // Community has one user; give it the requested password so the Go side can test auth.
      try {
        dbms.database("system")
            .executeTransactionally(
                "ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED",
                java.util.Map.of("pw", opts.password));
      } catch (RuntimeException e) {
        // A restart on the same data with the same password: it is already set. Neo4j
        // refuses to set a password to itself, and this thread's death left a database
        // serving without READY, which Go then killed at its start timeout.
        if (!rootMessage(e).contains("Old password and new password cannot be the same")) {
          dbms.shutdown();
          fail("could not set the neo4j user's password: " + rootMessage(e));
        }
      }
    }

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    dbms.shutdown();
                  } finally {
                    stopped.countDown();
                  }
                },
                "neo4j-embedded-shutdown"));

    System.out.println(
        "READY bolt://" + opts.host + ":" + opts.port + " neo4j=" + Version.getNeo4jVersion()
            + " data=" + home);
    System.out.flush();
    stopped.await();
  }

  private static void ensurePortFree(String host, int port) {
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(new InetSocketAddress(InetAddress.getByName(host), port));
    } catch (IOException e) {
      fail("port " + port + " on " + host + " is already in use (" + e.getMessage()
          + "); stop the other process or choose another port with --port");
    }
  }

  private static String rootMessage(Throwable t) {
    Throwable cur = t;
    while (cur.getCause() != null && cur.getCause() != cur) {
      cur = cur.getCause();
    }
    return cur.getClass().getSimpleName() + ": " + cur.getMessage();
  }

  private static void fail(String message) {
    System.err.println("neo4j-embedded: " + message);
    System.exit(1);
  }

  /** Command-line options with defaults sized for a laptop. */
  static final class Options {
    static final String USAGE =
        "usage: neo4j-embedded --data DIR [--host 127.0.0.1] [--port 7687] [--pagecache 256m] [--tx-memory 256m] [--password-env VAR]";

    String dataDir;
    String host = "127.0.0.1";
    int port = 7687;
    String pageCache = "256m";
    String txMemory = "256m";
    String password;

    static Options parse(String[] args) {
      Options o = new Options();
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("missing value for " + a);
        }
        String v = args[++i];
        switch (a) {
          case "--data" -> o.dataDir = v;
          case "--host" -> o.host = v;
          case "--port" -> {
            try {
              o.port = Integer.parseInt(v);
            } catch (NumberFormatException e) {
              throw new IllegalArgumentException("--port must be a number, got " + v);
            }
          }
          case "--pagecache" -> o.pageCache = v;
          case "--tx-memory" -> o.txMemory = v;
          case "--password-env" -> {
            // Read from the environment, never from argv, so it does not show in ps.
            o.password = System.getenv(v);
            if (o.password == null || o.password.isEmpty()) {
              throw new IllegalArgumentException("environment variable " + v + " is empty");
            }
          }
          default -> throw new IllegalArgumentException("unknown option " + a);
        }
      }
      if (o.dataDir == null) {
        throw new IllegalArgumentException("--data is required");
      }
      return o;
    }
  }
}
