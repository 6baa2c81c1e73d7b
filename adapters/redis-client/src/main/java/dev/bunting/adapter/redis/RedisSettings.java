package dev.bunting.adapter.redis;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which Redis to share state through, and under which key prefix. An instance that exists has a URL both clients
 * accept: it is read here rather than by either, so that a runtime on the lighter client (Jedis)
 * never loads the other.
 *
 * @param url       {@code redis://[[user]:password@]host[:port][/database]}, {@code rediss://} for TLS; commands and
 *                  connecting time out after {@link #DEFAULT_TIMEOUT} unless the URL sets its own ({@code ?timeout=2s}).
 *                  Never shown whole by {@link #toString()}, as it may hold a password
 * @param namespace starts every key, so installations that share one server keep apart; {@value #NAMESPACE} unless built
 *                  otherwise (tests give each run its own)
 */
public record RedisSettings(String url, String namespace) {

    public static final String NAMESPACE = "bunting:";

    /** Lettuce waits a minute by default; a sign-in should rather fail fast than hang on an unreachable Redis. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);

    private static final String FORM =
            "the Redis URL must look like redis://[:password@]host[:port][/database] or rediss://…";
    private static final Pattern TIMEOUT = Pattern.compile("(\\d+)(ms|s|m)");

    /** Where Redis is and how to sign in, as the URL says. */
    public record Endpoint(
            String host,
            int port,
            boolean tls,
            int database,
            String user,
            String password,
            Duration timeout,
            String clientName) {}

    public RedisSettings {
        if (namespace == null || namespace.isBlank()) {
            throw new IllegalArgumentException("the Redis key namespace is required");
        }
        endpoint(url);
    }

    /** The settings for a URL, in the standard namespace. */
    public static RedisSettings parse(String url) {
        return new RedisSettings(url, NAMESPACE);
    }

    public Endpoint endpoint() {
        return endpoint(url);
    }

    public Duration timeout() {
        return endpoint().timeout();
    }

    private static Endpoint endpoint(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("the Redis URL is empty");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            // the parser's message quotes the URL, which may hold a password
            throw new IllegalArgumentException(FORM);
        }
        boolean tls = "rediss".equals(uri.getScheme());
        if (!tls && !"redis".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException(FORM);
        }
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = parts.length == 2 && !parts[0].isEmpty() ? decode(parts[0]) : null;
            password = decode(parts.length == 2 ? parts[1] : parts[0]);
        }
        Duration timeout = DEFAULT_TIMEOUT;
        String clientName = null;
        if (uri.getRawQuery() != null) {
            for (String parameter : uri.getRawQuery().split("&")) {
                if (parameter.startsWith("timeout=")) {
                    timeout = timeout(parameter.substring("timeout=".length()));
                } else if (parameter.startsWith("clientName=")) {
                    clientName = decode(parameter.substring("clientName=".length()));
                }
            }
        }
        return new Endpoint(
                uri.getHost(),
                uri.getPort() < 0 ? 6379 : uri.getPort(),
                tls,
                database(uri.getPath()),
                user,
                password,
                timeout,
                clientName);
    }

    private static int database(String path) {
        if (path == null || path.isEmpty() || path.equals("/")) {
            return 0;
        }
        try {
            return Integer.parseInt(path.substring(1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "the Redis URL's path must be a database number, as in redis://host:6379/2");
        }
    }

    private static Duration timeout(String text) {
        Matcher matcher = TIMEOUT.matcher(text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException(
                    "the Redis URL's timeout must be a whole number of ms, s or m, as in ?timeout=2s");
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            default -> Duration.ofMinutes(amount);
        };
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // the decoder's message quotes the text, which may be the password
            throw new IllegalArgumentException("the Redis URL has a malformed %-escape");
        }
    }

    /** The password never shows. */
    @Override
    public String toString() {
        Endpoint endpoint = endpoint();
        return "RedisSettings[" + (endpoint.tls() ? "rediss://" : "redis://")
                + (endpoint.password() == null ? "" : "***@") + endpoint.host() + ":" + endpoint.port() + "/"
                + endpoint.database() + ", namespace=" + namespace + "]";
    }
}
