package dev.bunting.adapter.http;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTP request, independent of the transport that carried it. Header names are case-insensitive: they are kept in
 * lower case.
 *
 * @param path      the path as sent, still percent-encoded, without query string
 * @param query     decoded query parameters by name, each with every value given, in order
 * @param requestId     the transport's id for this request, for logs
 * @param sourceAddress the client's address as the transport saw it, for throttling
 */
public record ApiRequest(
        String method,
        String path,
        Map<String, List<String>> query,
        Map<String, String> headers,
        byte[] body,
        String requestId,
        String sourceAddress) {

    public ApiRequest {
        method = method.toUpperCase(Locale.ROOT);
        query = Map.copyOf(query);
        Map<String, String> byLowerCaseName = HashMap.newHashMap(headers.size());
        headers.forEach((name, value) -> byLowerCaseName.put(name.toLowerCase(Locale.ROOT), value));
        headers = Collections.unmodifiableMap(byLowerCaseName);
        body = body == null ? new byte[0] : body;
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The first value of a query parameter. */
    public Optional<String> queryParameter(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }
}
