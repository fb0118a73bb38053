// A real Neo4j 5 server for the test suite and `make neo4j`: Neo4j Community, embedded in
// this process (DatabaseManagementServiceBuilder), with the Bolt connector on 127.0.0.1,
// authentication on, and the open-source Graph Data Science procedures.
//
// Run as a single-file program with the jars that `make neo4j-deps` copies:
//   java -Xmx1g -cp 'tests/neo4j/target/lib/*' tests/neo4j/Launcher.java \
//        --data DIR --plugins tests/neo4j/target/plugins [--port 0] [--pagecache 256m]
//        [--config name=value]...   (any further Neo4j setting, e.g. db.memory.transaction.max=16m)
// The password is read from the environment (NEO4J_PASSWORD). It prints exactly one line
// when Bolt answers with that password:
//   READY bolt://127.0.0.1:PORT
// and stops cleanly on SIGTERM, on SIGINT, or when its standard input closes (the process
// that started it ended, whatever ended it): no server outlives its test run.
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

public class Launcher {
    public static void main(String[] args) {
        try {
            run(args);
        } catch (Throwable failed) {
            // main ending on an exception would leave Bolt's threads running with no ready
            // line: the process that waits for it would wait until its timeout
            System.out.println("neo4j launcher failed: " + failed);
            System.out.flush();
            Runtime.getRuntime().halt(1);
        }
    }

    private static void run(String[] args) throws Exception {
        Map<String, String> opts = options(args);
        Path data = Path.of(required(opts, "--data")).toAbsolutePath();
        String password = System.getenv("NEO4J_PASSWORD");
        if (password == null || password.length() < 8) {
            fail("NEO4J_PASSWORD must be set (8 characters or more)");
        }
        int port = Integer.parseInt(opts.getOrDefault("--port", "0"));
        Files.createDirectories(data);

        DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(data)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                .setConfig(HttpConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.pagecache_memory,
                        ByteUnit.parse(opts.getOrDefault("--pagecache", "256m")))
                .setConfig(GraphDatabaseSettings.procedure_unrestricted, List.of("gds.*"))
                .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofMinutes(10));
        List<String> extra = settings(args);
        for (String setting : extra) {
            if (setting.indexOf('=') < 1 || setting.contains("\n")) {
                fail("--config needs name=value, not " + setting);
            }
        }
        // no usage data sent to Neo4j from a test server or `make neo4j`
        extra.add(0, "dbms.usage_report.enabled=false");
        Path extraFile = data.resolve("launcher-extra.conf"); // written afresh at each start
        Files.write(extraFile, extra);
        builder.loadPropertiesFromFile(extraFile);
        String plugins = opts.get("--plugins");
        if (plugins != null) {
            builder.setConfig(GraphDatabaseSettings.plugin_dir, Path.of(plugins).toAbsolutePath());
        }
        DatabaseManagementService service = builder.build();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.shutdown();
            stopped.countDown();
        }, "grenswerk-neo4j-shutdown"));

        GraphDatabaseService system = service.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        // The default user's password: the first start sets it; a restart on the same data
        // folder (the fault tests, `make neo4j` again) finds it set already, and Neo4j
        // refuses to set a password to the one it is.
        try {
            system.executeTransactionally(
                    "ALTER USER neo4j IF EXISTS SET PASSWORD $password CHANGE NOT REQUIRED",
                    Map.of("password", password));
        } catch (RuntimeException refused) {
            if (!String.valueOf(refused.getMessage()).contains("cannot be the same")) {
                throw refused;
            }
        }
        GraphDatabaseAPI neo4j = (GraphDatabaseAPI) service.database(
                GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        neo4j.executeTransactionally("RETURN 1");
        int bound = neo4j.getDependencyResolver()
                .resolveDependency(ConnectorPortRegister.class)
                .getLocalAddress(ConnectorType.BOLT)
                .getPort();
        System.out.println("READY bolt://127.0.0.1:" + bound);
        System.out.flush();

        Thread watcher = new Thread(() -> {
            try {
                InputStream in = System.in;
                while (in.read() != -1) {
                    // anything written is ignored; the end of the stream stops the server
                }
            } catch (IOException ignored) {
                // a broken pipe is an end too
            }
            System.exit(0);
        }, "grenswerk-neo4j-stdin");
        watcher.setDaemon(true);
        if (!opts.containsKey("--no-stdin-watch")) {
            watcher.start();
        }
        stopped.await();
    }

    private static List<String> settings(String[] args) {
        List<String> found = new ArrayList<>();
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--config")) {
                found.add(args[++i]);
            }
        }
        return found;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--no-stdin-watch")) {
                opts.put(args[i], "");
            } else if (args[i].equals("--config") && i + 1 < args.length) {
                i++; // read by settings()
            } else if (args[i].startsWith("--") && i + 1 < args.length) {
                opts.put(args[i], args[++i]);
            } else {
                fail("unknown argument " + args[i]);
            }
        }
        return opts;
    }

    private static String required(Map<String, String> opts, String name) {
        String value = opts.get(name);
        if (value == null) {
            fail(name + " is required");
        }
        return value;
    }

    private static void fail(String why) {
        System.err.println("neo4j launcher: " + why);
        System.exit(2);
    }
}
