package dev.bunting.local;

import dev.bunting.composition.EnvironmentVariables;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * How the local runner's HTTP listener guards itself, and which browser origins it lets call.
 *
 * @param corsOrigins       origins whose browser code may call the API, such as {@code https://app.example.com}, or
 *                          {@code *} for any (BUNTING_CORS_ORIGINS, comma-separated); none by default
 * @param maxConnections    connections held at once; more are closed as they come (BUNTING_MAX_CONNECTIONS, 10000).
 *                          Keep it well under the process's file descriptor limit
 * @param maxPerClient      connections held at once from one client address (BUNTING_MAX_CONNECTIONS_PER_CLIENT, 256);
 *                          behind a proxy or NAT, every client shares the proxy's address
 * @param headerTimeout     how long a request's line and headers may take to arrive once begun
 *                          (BUNTING_HEADER_TIMEOUT_SECONDS, 10)
 * @param keepAlive         how long a connection may wait for its next request, or its first (BUNTING_KEEP_ALIVE_SECONDS, 30)
 * @param readTimeout       how long reading a connection may stall, such as a body that stops arriving
 *                          (BUNTING_READ_TIMEOUT_SECONDS, 60); an event stream is not read once open, so it is not cut
 */
record HttpEdge(
        Set<String> corsOrigins,
        int maxConnections,
        int maxPerClient,
        Duration headerTimeout,
        Duration keepAlive,
        Duration readTimeout) {

    /** As browsers send it in Origin: scheme, host and optional port, without a path or a trailing slash. */
    private static final Pattern ORIGIN = Pattern.compile("[a-z][a-z0-9+.-]*://[^/\\s]+");

    static final HttpEdge STANDARD =
            new HttpEdge(Set.of(), 10_000, 256, Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60));

    HttpEdge {
        corsOrigins = Set.copyOf(corsOrigins);
        for (String origin : corsOrigins) {
            if (!origin.equals("*") && !ORIGIN.matcher(origin).matches()) {
                throw new IllegalStateException("BUNTING_CORS_ORIGINS: '" + origin
                        + "' is not an origin such as https://app.example.com (scheme, host, "
                        + "optional port, no path) or *");
            }
        }
        if (maxConnections < 1 || maxPerClient < 1) {
            throw new IllegalStateException(
                    "BUNTING_MAX_CONNECTIONS and BUNTING_MAX_CONNECTIONS_PER_CLIENT must be positive");
        }
        if (!isPositive(headerTimeout) || !isPositive(keepAlive) || !isPositive(readTimeout)) {
            throw new IllegalStateException(
                    "BUNTING_HEADER_TIMEOUT_SECONDS, BUNTING_KEEP_ALIVE_SECONDS and BUNTING_READ_TIMEOUT_SECONDS must be positive");
        }
    }

    static HttpEdge fromEnvironment(EnvironmentVariables environment) {
        return new HttpEdge(
                Optional.ofNullable(environment.text("BUNTING_CORS_ORIGINS"))
                        .map(origins -> Arrays.stream(origins.split(","))
                                .map(String::strip)
                                .filter(origin -> !origin.isEmpty())
                                .collect(Collectors.toSet()))
                        .orElse(Set.of()),
                environment.integer("BUNTING_MAX_CONNECTIONS", STANDARD.maxConnections),
                environment.integer("BUNTING_MAX_CONNECTIONS_PER_CLIENT", STANDARD.maxPerClient),
                Duration.ofSeconds(environment.integer(
                        "BUNTING_HEADER_TIMEOUT_SECONDS", (int) STANDARD.headerTimeout.toSeconds())),
                Duration.ofSeconds(
                        environment.integer("BUNTING_KEEP_ALIVE_SECONDS", (int) STANDARD.keepAlive.toSeconds())),
                Duration.ofSeconds(
                        environment.integer("BUNTING_READ_TIMEOUT_SECONDS", (int) STANDARD.readTimeout.toSeconds())));
    }

    private static boolean isPositive(Duration duration) {
        return !duration.isNegative() && !duration.isZero();
    }
}
