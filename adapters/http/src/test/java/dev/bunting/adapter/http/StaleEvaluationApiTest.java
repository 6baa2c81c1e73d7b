package dev.bunting.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * While the store cannot be reached, evaluations of an environment seen before answer from that config with the
 * {@value Responses#CONFIG_STALE} header, keeping their real reasons; the rest is 503 problem+json. Evaluations here
 * are anonymous in staging, which is public, since a user's token is checked against the store.
 */
class StaleEvaluationApiTest {

    private static final String STALE_AS_OF = TestApi.NOW.toString();
    private static final String ALICE = "{\"environment\":\"staging\",\"context\":{\"targetingKey\":\"alice\"}}";
    private static final String OFREP_ALICE = "{\"context\":{\"targetingKey\":\"alice\"}}";

    private final TestApi api = new TestApi();
    private String sdkKey;

    @BeforeEach
    void aFlagTargetingAliceInStagingSeenBeforeTheOutage() {
        api.createBooleanFlag("dark-mode");
        api.call("POST", "/flags/dark-mode/environments/staging/targets", "{\"variant\":\"true\",\"unit\":\"alice\"}");
        api.toggle("dark-mode", "staging", true);
        sdkKey = api.call("POST", "/keys", "{\"name\":\"web\",\"kind\":\"sdk\",\"environment\":\"staging\"}")
                .text("key");
        TestApi.Reply current = api.callAnonymously(
                "GET", "/evaluate/dark-mode?environment_key=staging&user_id=alice", null, Map.of("X-API-Key", sdkKey));
        assertThat(current.status()).isEqualTo(200);
        assertThat(current.header(Responses.CONFIG_STALE)).isNull();

        api.storeDown = true;
        api.cache.invalidateAll();
    }

    @Test
    void rest_evaluations_answer_from_the_last_config_with_the_header_and_their_real_reason() {
        TestApi.Reply single =
                api.callAnonymously("GET", "/evaluate/dark-mode?environment_key=staging&user_id=alice", null);
        TestApi.Reply posted = api.callAnonymously("POST", "/evaluate/dark-mode", ALICE);
        TestApi.Reply bulk = api.callAnonymously("POST", "/evaluate", ALICE);
        TestApi.Reply unknownFlag =
                api.callAnonymously("GET", "/evaluate/no-such-flag?environment_key=staging&user_id=alice", null);

        for (TestApi.Reply reply : new TestApi.Reply[] {single, posted, bulk}) {
            assertThat(reply.status()).as("%s", reply.json()).isEqualTo(200);
            assertThat(reply.header(Responses.CONFIG_STALE)).isEqualTo(STALE_AS_OF);
        }
        assertThat(single.json().path("value").asBoolean()).isTrue();
        assertThat(single.text("reason")).isEqualTo("TARGETING_MATCH");
        assertThat(posted.text("reason")).isEqualTo("TARGETING_MATCH");
        assertThat(bulk.json().path("flags").get(0).path("reason").asText()).isEqualTo("TARGETING_MATCH");
        unknownFlag.isProblem(404);
        assertThat(unknownFlag.header(Responses.CONFIG_STALE))
                .as("not found in the last config")
                .isEqualTo(STALE_AS_OF);
    }

    @Test
    void an_sdk_key_used_before_the_outage_goes_on_evaluating_once_the_key_cache_has_forgotten_it() {
        api.keyCache.invalidateAll();

        TestApi.Reply withKey = api.callAnonymously(
                "GET", "/evaluate/dark-mode?environment_key=staging&user_id=alice", null, Map.of("X-API-Key", sdkKey));

        assertThat(withKey.status()).as("%s", withKey.json()).isEqualTo(200);
        assertThat(withKey.header(Responses.CONFIG_STALE)).isEqualTo(STALE_AS_OF);
    }

    @Test
    void ofrep_evaluations_carry_the_header_and_say_stale_in_each_flags_metadata_within_ofreps_schemas() {
        TestApi.Reply single =
                api.callAnonymously("POST", "/ofrep/v1/evaluate/flags/dark-mode?environment=staging", OFREP_ALICE);
        TestApi.Reply bulk = api.callAnonymously("POST", "/ofrep/v1/evaluate/flags?environment=staging", OFREP_ALICE);

        assertThat(single.status()).isEqualTo(200);
        assertThat(single.header(Responses.CONFIG_STALE)).isEqualTo(STALE_AS_OF);
        assertThat(single.text("reason")).isEqualTo("TARGETING_MATCH");
        assertThat(single.json().path("metadata").path("stale").asBoolean()).isTrue();
        assertThat(OfrepSchema.violations("serverEvaluationSuccess", single.json()))
                .isEmpty();
        assertThat(bulk.status()).isEqualTo(200);
        assertThat(bulk.header(Responses.CONFIG_STALE)).isEqualTo(STALE_AS_OF);
        JsonNode flag = bulk.json().path("flags").get(0);
        assertThat(flag.path("reason").asText()).isEqualTo("TARGETING_MATCH");
        assertThat(flag.path("metadata").path("stale").asBoolean()).isTrue();
        assertThat(OfrepSchema.violations("bulkEvaluationSuccess", bulk.json())).isEmpty();
    }

    @Test
    void an_ofrep_client_holding_the_same_flag_set_is_told_it_has_not_changed_and_that_it_is_stale() {
        TestApi.Reply first = api.callAnonymously("POST", "/ofrep/v1/evaluate/flags?environment=staging", OFREP_ALICE);

        TestApi.Reply unchanged = api.callAnonymously(
                "POST",
                "/ofrep/v1/evaluate/flags?environment=staging",
                OFREP_ALICE,
                Map.of("If-None-Match", first.header("ETag")));

        assertThat(unchanged.status()).isEqualTo(304);
        assertThat(unchanged.header(Responses.CONFIG_STALE)).isEqualTo(STALE_AS_OF);
    }

    @Test
    void an_environment_never_seen_before_the_outage_and_every_write_get_503_problem_json_with_retry_after() {
        TestApi.Reply development =
                api.callAnonymously("GET", "/evaluate/dark-mode?environment_key=development&user_id=alice", null);
        String before = api.store
                .inTransaction(r -> r.flags().statesIn(dev.bunting.domain.environment.EnvironmentKey.STAGING))
                .toString();

        TestApi.Reply write = api.call("PATCH", "/flags/dark-mode/environments/staging/toggle", "{\"enabled\": false}");

        development.isProblem(503);
        assertThat(development.header("Retry-After")).isEqualTo("1");
        assertThat(development.header(Responses.CONFIG_STALE)).isNull();
        write.isProblem(503);
        assertThat(write.header("Retry-After")).isEqualTo("1");
        assertThat(api.store
                        .inTransaction(r -> r.flags().statesIn(dev.bunting.domain.environment.EnvironmentKey.STAGING))
                        .toString())
                .isEqualTo(before);
    }
}
