package dev.bunting.adapter.http;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Event-loop transports run only what the API answers from memory on their I/O threads; everything else may wait on the store. */
class BlockingClassificationTest {

    private final HttpApi api = new TestApi().api;

    @ParameterizedTest(name = "{0} {1} may block: {2}")
    @CsvSource({
            "GET,    /evaluate/new-checkout,                               false",
            "POST,   /evaluate/new-checkout,                               false",
            "POST,   /evaluate,                                            false",
            "get,    /evaluate/new-checkout,                               false",
            "GET,    /openapi.json,                                        false",
            "GET,    /health,                                              true",
            "POST,   /flags,                                               true",
            "GET,    /flags/new-checkout,                                  true",
            "PATCH,  /flags/new-checkout/environments/production/toggle,   true",
            "DELETE, /environments/staging,                                true",
            "GET,    /no/such/route,                                       false",
            "GET,    /flags/%zz,                                           true"
    })
    void evaluations_and_static_documents_never_wait_on_the_store(String method, String path, boolean mayBlock) {
        assertThat(api.mayBlock(method, path)).isEqualTo(mayBlock);
    }
}
