package dev.bunting.adapter.http;

import java.util.Optional;

/**
 * What a browser is served beside the API: the dashboard at {@code /} (for a request that prefers HTML), Swagger UI at
 * {@code /docs}, and the files they load under {@code /ui/}. An adapter of its own supplies them; a runtime without one
 * serves the API alone.
 */
public interface BrowserPages {

    /** The page or file at this path (still percent-encoded), or empty when there is none. */
    Optional<ApiResponse> serve(String path);
}
