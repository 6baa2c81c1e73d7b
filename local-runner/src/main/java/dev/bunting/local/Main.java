package dev.bunting.local;

/** Starts Bunting locally: a database (embedded unless BUNTING_DATABASE_URL is set), migrations, and the HTTP API. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        quietJavaUtilLogging();
        RunnerSettings settings = RunnerSettings.fromEnvironment(System.getenv());
        if (args.length > 0) {
            System.exit(MakeAdmin.run(settings, args));
        }
        LocalServer server = LocalServer.start(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "bunting-shutdown"));
        String base = "http://localhost:" + server.port();
        // a log line like every other, so that whatever reads the runner's output reads JSON throughout
        java.util.logging.Logger.getLogger(Main.class.getName()).info("Bunting is running: API " + base + "/, OpenAPI " + base
                + "/openapi.json, health " + base + "/health");
    }

    private static void quietJavaUtilLogging() {
        try (var config = Main.class.getResourceAsStream("/logging.properties")) {
            java.util.logging.LogManager.getLogManager().readConfiguration(config);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
