package dev.bunting.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GET /sdk/flags: the snapshot SDKs evaluate from locally, polled with If-None-Match, open to whoever may evaluate. */
class SdkApiTest {

    private static final String DEVELOPMENT = "/sdk/flags?environment=development";

    private final TestApi api = new TestApi();

    @Test
    void the_snapshot_holds_every_flag_by_key_with_what_local_evaluation_needs_in_the_documented_shape() {
        api.createColourFlag("banner");
        api.call("POST", "/flags/banner/environments/development/targets", "{\"variant\":\"green\",\"unit\":\"vip\"}");
        api.createBooleanFlag("alpha");

        TestApi.Reply reply = api.callAnonymously("GET", DEVELOPMENT, null);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).isEqualTo("application/json");
        assertThat(ApiSchema.violations("ConfigSnapshot", reply.json())).isEmpty();
        assertThat(reply.text("environment")).isEqualTo("development");
        assertThat(reply.json()
                        .path("flags")
                        .valueStream()
                        .map(flag -> flag.path("key").asText()))
                .containsExactly("alpha", "banner");
        JsonNode banner = reply.json().path("flags").get(1);
        assertThat(banner.path("kind").asText()).isEqualTo("string");
        assertThat(banner.path("variants")
                        .valueStream()
                        .map(variant -> variant.path("value").asText()))
                .containsExactly("red", "green", "blue");
        assertThat(banner.has("salt")).as("a salt equal to the key is left out").isFalse();
        assertThat(banner.has("bucket_by"))
                .as("bucketing by the targeting key is left out")
                .isFalse();
        assertThat(banner.path("config")
                        .path("targets")
                        .get(0)
                        .path("units")
                        .get(0)
                        .asText())
                .isEqualTo("vip");
        assertThat(banner.path("config").path("off_variant").asText()).isNotBlank();
    }

    @Test
    void fields_at_their_defaults_and_descriptions_are_left_out_and_the_rest_is_sent() {
        api.createBooleanFlag("alpha");
        api.call(
                "POST",
                "/flags",
                "{\"key\":\"tiers\",\"kind\":\"string\",\"salt\":\"s1\",\"bucket_by\":\"org\","
                        + "\"variants\":[{\"key\":\"a\",\"value\":\"A\",\"description\":\"first\"},"
                        + "{\"key\":\"b\",\"value\":\"B\"}]}");
        api.call(
                "PUT",
                "/flags/tiers/environments/development",
                "{\"version\":0,\"enabled\":true,\"off_variant\":\"b\",\"rules\":[{\"id\":\"staff\","
                        + "\"description\":\"staff first\",\"clauses\":["
                        + "{\"attribute\":\"email\",\"operator\":\"ends_with\",\"values\":[\"@example.com\"]},"
                        + "{\"attribute\":\"country\",\"operator\":\"in\",\"values\":[\"us\"],"
                        + "\"negate\":true,\"ignore_case\":true},"
                        + "{\"attribute\":\"beta\",\"operator\":\"exists\"}],"
                        + "\"serve\":{\"variant\":\"a\"}}],\"fallthrough\":{\"variant\":\"b\"}}");

        TestApi.Reply reply = api.callAnonymously("GET", DEVELOPMENT, null);

        assertThat(ApiSchema.violations("ConfigSnapshot", reply.json())).isEmpty();
        JsonNode alpha = reply.json().path("flags").get(0);
        assertThat(names(alpha)).containsExactly("key", "config");
        assertThat(names(alpha.path("config"))).containsExactly("off_variant", "fallthrough");
        JsonNode tiers = reply.json().path("flags").get(1);
        assertThat(names(tiers)).containsExactly("key", "kind", "variants", "salt", "bucket_by", "config");
        assertThat(tiers.path("salt").asText()).isEqualTo("s1");
        assertThat(tiers.path("bucket_by").asText()).isEqualTo("org");
        assertThat(names(tiers.path("variants").get(0))).containsExactly("key", "value");
        JsonNode config = tiers.path("config");
        assertThat(names(config)).containsExactly("enabled", "off_variant", "rules", "fallthrough");
        JsonNode rule = config.path("rules").get(0);
        assertThat(names(rule)).containsExactly("id", "clauses", "serve");
        assertThat(names(rule.path("clauses").get(0))).containsExactly("attribute", "operator", "values");
        assertThat(names(rule.path("clauses").get(1)))
                .containsExactly("attribute", "operator", "values", "negate", "ignore_case");
        assertThat(names(rule.path("clauses").get(2))).containsExactly("attribute", "operator");
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void the_schema_check_rejects_what_the_document_forbids() {
        assertThat(ApiSchema.violations("ConfigSnapshot", json("{\"environment\":\"development\",\"version\":\"1\"}")))
                .isNotEmpty();
        assertThat(ApiSchema.violations(
                        "ConfigSnapshot",
                        json("{\"environment\":\"development\",\"version\":\"1\",\"flags\":[{\"key\":\"x\"}]}")))
                .isNotEmpty();
    }

    @Test
    void the_version_is_the_one_evaluation_reports() {
        api.createBooleanFlag("dark-mode");

        TestApi.Reply snapshot = api.callAnonymously("GET", DEVELOPMENT, null);
        TestApi.Reply bulk = api.callAnonymously(
                "POST", "/ofrep/v1/evaluate/flags?environment=development", "{\"context\":{\"targetingKey\":\"a\"}}");

        assertThat(snapshot.text("version"))
                .isEqualTo(bulk.json().path("metadata").path("version").asText());
    }

    @Test
    void the_etag_is_strong_and_if_none_match_naming_it_gets_304_with_no_body() {
        api.createBooleanFlag("dark-mode");
        String etag = api.callAnonymously("GET", DEVELOPMENT, null).header("ETag");
        assertThat(etag).startsWith("\"").endsWith("\"");

        for (String held : new String[] {etag, "\"other\", " + etag, "*", "W/" + etag}) {
            TestApi.Reply unchanged = api.call("GET", DEVELOPMENT, null, Map.of("If-None-Match", held));
            assertThat(unchanged.status()).as("If-None-Match: %s", held).isEqualTo(304);
            assertThat(unchanged.body()).isEmpty();
            assertThat(unchanged.header("ETag")).isEqualTo(etag);
        }
        assertThat(api.call("GET", DEVELOPMENT, null, Map.of("If-None-Match", "\"other\""))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void a_change_gives_a_new_etag_so_the_old_one_gets_the_new_snapshot() {
        api.createBooleanFlag("dark-mode");
        TestApi.Reply before = api.callAnonymously("GET", DEVELOPMENT, null);

        api.toggle("dark-mode", "development", true);
        TestApi.Reply after = api.call("GET", DEVELOPMENT, null, Map.of("If-None-Match", before.header("ETag")));

        assertThat(after.status()).isEqualTo(200);
        assertThat(after.header("ETag")).isNotEqualTo(before.header("ETag"));
        assertThat(after.text("version")).isNotEqualTo(before.text("version"));
        assertThat(after.json()
                        .path("flags")
                        .get(0)
                        .path("config")
                        .path("enabled")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void environments_whose_flags_are_at_the_same_versions_still_have_different_etags() {
        api.createBooleanFlag("dark-mode");

        TestApi.Reply development = api.callAnonymously("GET", DEVELOPMENT, null);
        TestApi.Reply staging = api.callAnonymously("GET", "/sdk/flags?environment=staging", null);

        assertThat(staging.text("version")).isEqualTo(development.text("version"));
        assertThat(staging.header("ETag")).isNotEqualTo(development.header("ETag"));
    }

    @Test
    void a_public_environment_serves_anyone_and_a_protected_one_needs_credentials() {
        api.createBooleanFlag("dark-mode");

        assertThat(api.callAnonymously("GET", "/sdk/flags?environment=staging", null)
                        .status())
                .isEqualTo(200);
        TestApi.Reply production = api.callAnonymously("GET", "/sdk/flags?environment=production", null)
                .isProblem(401);
        assertThat(production.header("WWW-Authenticate")).startsWith("Bearer");
        String viewerKey = api.call("POST", "/keys", "{\"name\":\"reader\",\"kind\":\"api\",\"role\":\"viewer\"}")
                .text("key");
        assertThat(api.call("GET", "/sdk/flags?environment=production", null, Map.of("X-API-Key", viewerKey))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void an_sdk_key_names_its_environment_and_reads_no_other() {
        api.createBooleanFlag("dark-mode");
        String productionKey = api.call(
                        "POST", "/keys", "{\"name\":\"web\",\"kind\":\"sdk\",\"environment\":\"production\"}")
                .text("key");

        TestApi.Reply own = api.call("GET", "/sdk/flags", null, Map.of("X-API-Key", productionKey));
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.text("environment")).isEqualTo("production");
        assertThat(api.call("GET", "/sdk/flags?environment=production", null, "Bearer " + productionKey)
                        .status())
                .isEqualTo(200);

        api.call("GET", "/sdk/flags?environment=staging", null, Map.of("X-API-Key", productionKey))
                .isProblem(403);
        api.callAnonymously("GET", "/sdk/flags?environment=production", null).isProblem(401);
        api.call("GET", "/sdk/flags", null, Map.of("X-API-Key", "bnt_sdk_0123456789012345678901234567890123456789"))
                .isProblem(401);
    }

    @Test
    void without_an_sdk_key_the_environment_must_be_named_and_exist() {
        assertThat(api.callAnonymously("GET", "/sdk/flags", null).isProblem(400).errors())
                .containsExactly("environment:required");
        assertThat(api.callAnonymously("GET", "/sdk/flags?environment=Not%20A%20Key", null)
                        .isProblem(400)
                        .errors())
                .allMatch(error -> error.startsWith("environment:"));
        api.call("GET", "/sdk/flags?environment=moon").isProblem(404);
    }

    private static JsonNode json(String text) {
        try {
            return TestApi.MAPPER.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
