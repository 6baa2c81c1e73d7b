package dev.bunting.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Event-loop transports run only what the API answers from memory (evaluations, SDK snapshots, static documents) on their
 * I/O threads; everything else may wait on the store. A request no route serves, or whose path cannot be decoded, is
 * answered at once.
 */
class BlockingClassificationTest {

    private final HttpApi api = new TestApi().api;

    @ParameterizedTest(name = "{0} {1} may block: {2}")
    @CsvSource({
        "GET,    /evaluate/new-checkout,                               false",
        "POST,   /evaluate/new-checkout,                               false",
        "POST,   /evaluate,                                            false",
        "get,    /evaluate/new-checkout,                               false",
        "GET,    /openapi.json,                                        false",
        "GET,    /sdk/flags,                                           false",
        "GET,    /health,                                              true",
        "POST,   /flags,                                               true",
        "GET,    /flags/new-checkout,                                  true",
        "PATCH,  /flags/new-checkout/environments/production/toggle,   true",
        "DELETE, /environments/staging,                                true",
        "GET,    /no/such/route,                                       false",
        "GET,    /flags/%zz,                                           false"
    })
    void evaluations_and_static_documents_never_wait_on_the_store(String method, String path, boolean mayBlock) {
        assertThat(api.mayBlock(api.match(method, path), name -> Optional.empty()))
                .isEqualTo(mayBlock);
    }

    @ParameterizedTest(name = "{0}: {1} may block: {2}")
    @CsvSource({
        "Authorization, Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig,                    true",
        "authorization, bearer eyJhbGciOiJIUzI1NiJ9.e30.sig,                    true",
        "Authorization, Bearer bnt_sdk_0123456789012345678901234567890123456789, false",
        "X-API-Key,     bnt_sdk_0123456789012345678901234567890123456789,        false",
        "Authorization, Basic dXNlcjpwYXNz,                                      false"
    })
    void an_evaluation_may_block_only_when_it_carries_a_user_token_which_the_store_must_check(
            String header, String value, boolean mayBlock) {
        Map<String, String> headers = Map.of(header.toLowerCase(Locale.ROOT), value);

        assertThat(api.mayBlock(
                        api.match("POST", "/evaluate/new-checkout"),
                        name -> Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)))))
                .isEqualTo(mayBlock);
    }

    @ParameterizedTest(name = "{0} {1} with {2} characters of context may run long: {3}")
    @CsvSource({
        "POST, /evaluate/new-checkout, 200,  false",
        "POST, /evaluate,              200,  false",
        "POST, /evaluate/new-checkout, 3000, true",
        "POST, /evaluate,              3000, true",
        "POST, /ofrep/v1/evaluate/flags, 3000, true"
    })
    void an_evaluation_with_a_large_body_may_run_long_since_its_time_grows_with_the_context(
            String method, String path, int characters, boolean mayRunLong) {
        ApiRequest request = new ApiRequest(
                method,
                path,
                Map.of(),
                Map.of(),
                "x".repeat(characters).getBytes(StandardCharsets.UTF_8),
                "r1",
                "127.0.0.1");

        assertThat(api.mayRunLong(request)).isEqualTo(mayRunLong);
    }

    @Test
    void an_evaluation_with_a_long_query_string_may_run_long_too() {
        ApiRequest small = new ApiRequest(
                "GET",
                "/evaluate/new-checkout",
                Map.of("user_id", List.of("alice")),
                Map.of(),
                null,
                "r1",
                "127.0.0.1");
        ApiRequest large = new ApiRequest(
                "GET",
                "/evaluate/new-checkout",
                Map.of("user_agent", List.of("a".repeat(3000))),
                Map.of(),
                null,
                "r2",
                "127.0.0.1");

        assertThat(api.mayRunLong(small)).isFalse();
        assertThat(api.mayRunLong(large)).isTrue();
    }
}
