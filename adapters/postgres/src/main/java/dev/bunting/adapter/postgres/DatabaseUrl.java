package dev.bunting.adapter.postgres;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the PostgreSQL database is and who to sign in as. Parses the JDBC form
 * ({@code jdbc:postgresql://host:5432/db?user=x&password=y}) and the libpq/Heroku form
 * ({@code postgres://user:secret@host:5432/db}); credentials are taken out of the URL so that {@link #jdbcUrl()} can be
 * logged.
 *
 * @param user     null to let the driver choose
 * @param password null when none is needed; never shown by {@link #toString()}
 */
public record DatabaseUrl(String jdbcUrl, String user, String password) {

    private static final String JDBC_PREFIX = "jdbc:postgresql://";

    public DatabaseUrl {
        if (jdbcUrl == null || !jdbcUrl.startsWith(JDBC_PREFIX)) {
            throw new IllegalArgumentException("a PostgreSQL JDBC URL starts with " + JDBC_PREFIX);
        }
    }

    public static DatabaseUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("the database URL is empty");
        }
        String trimmed = url.strip();
        if (trimmed.startsWith(JDBC_PREFIX)) {
            return fromJdbc(trimmed);
        }
        if (trimmed.startsWith("postgres://") || trimmed.startsWith("postgresql://")) {
            return fromUri(trimmed);
        }
        throw new IllegalArgumentException(
                "the database URL must look like jdbc:postgresql://host:port/db?user=…&password=… or postgres://user:password@host:port/db");
    }

    private static DatabaseUrl fromJdbc(String url) {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        requireDatabase(base.substring(JDBC_PREFIX.length()));
        String user = null;
        String password = null;
        List<String> kept = new ArrayList<>();
        if (query >= 0) {
            for (String parameter : url.substring(query + 1).split("&")) {
                if (parameter.startsWith("user=")) {
                    user = decode(parameter.substring("user=".length()));
                } else if (parameter.startsWith("password=")) {
                    password = decode(parameter.substring("password=".length()));
                } else if (!parameter.isEmpty()) {
                    kept.add(parameter);
                }
            }
        }
        return new DatabaseUrl(withQuery(base, kept), user, password);
    }

    private static DatabaseUrl fromUri(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the database URL is not a valid URI: " + e.getReason());
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("the database URL names no host");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        requireDatabase(uri.getHost() + path);
        String user = null;
        String password = null;
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
        }
        String host = uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        List<String> parameters = uri.getRawQuery() == null
                ? List.of()
                : List.of(uri.getRawQuery().split("&"));
        return new DatabaseUrl(withQuery(JDBC_PREFIX + host + path, parameters), user, password);
    }

    private static void requireDatabase(String hostAndPath) {
        int slash = hostAndPath.indexOf('/');
        if (slash <= 0 || slash == hostAndPath.length() - 1) {
            throw new IllegalArgumentException(
                    "the database URL must name a host and a database, as in host:5432/bunting");
        }
    }

    private static String withQuery(String base, List<String> parameters) {
        return parameters.isEmpty() ? base : base + "?" + String.join("&", parameters);
    }

    /** Percent-decoding as in URIs, where '+' is a plus sign, not a space. */
    private static String decode(String text) {
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // the decoder's message quotes the text, which may be the password
            throw new IllegalArgumentException("the database URL has a malformed %-escape in its credentials");
        }
    }

    /** Who to sign in as. */
    public DatabaseLogin login() {
        return new DatabaseLogin(user, password);
    }

    @Override
    public String toString() {
        return "DatabaseUrl[" + jdbcUrl + ", user=" + user + ", password=" + (password == null ? "none" : "***") + "]";
    }
}
