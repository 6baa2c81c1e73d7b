package dev.bunting.local;

import dev.bunting.adapter.embedded.DataDirectoryInUseException;
import java.util.logging.Logger;

/** Starts Bunting locally: a database (embedded unless BUNTING_DATABASE_URL is set), migrations, and the HTTP API. */
public final class Main {

    private static final Logger LOG = Logger.getLogger(Main.class.getName());

    private Main() {}

    public static void main(String[] args) {
        quietJavaUtilLogging();
        RunnerSettings settings = RunnerSettings.fromEnvironment(System.getenv());
        if (args.length > 0) {
            System.exit(MakeAdmin.run(settings, args));
        }
        LocalServer server;
        try {
            server = LocalServer.start(settings);
        } catch (DataDirectoryInUseException e) {
            LOG.severe("Bunting is already running on " + e.dataDirectory() + ": stop it first, or set BUNTING_DATA_DIR"
                    + " to run another installation");
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "bunting-shutdown"));
        String base = "http://localhost:" + server.port();
        // a log line like every other, so that whatever reads the runner's output reads JSON throughout
        LOG.info(
                "Bunting is running: API " + base + "/, OpenAPI " + base + "/openapi.json, health " + base + "/health");
    }

    private static void quietJavaUtilLogging() {
        try (var config = Main.class.getResourceAsStream("/logging.properties")) {
            java.util.logging.LogManager.getLogManager().readConfiguration(config);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
