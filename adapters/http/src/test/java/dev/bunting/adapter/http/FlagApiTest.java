package dev.bunting.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Flag definitions over HTTP: POST, GET (list and one), PUT, archive, restore and DELETE /flags. */
class FlagApiTest {

    private final TestApi api = new TestApi();

    private static List<String> keys(JsonNode page) {
        List<String> keys = new ArrayList<>();
        page.path("items").forEach(item -> keys.add(item.path("key").asText()));
        return keys;
    }

    @Nested
    class Creating {

        @Test
        void a_boolean_flag_is_created_with_defaults_location_and_e_tag() {
            TestApi.Reply reply = api.call("POST", "/flags", """
                    {"key": "new-checkout", "description": "The new checkout", "tags": ["payments", "web"]}""");

            assertThat(reply.status()).isEqualTo(201);
            assertThat(reply.header("Location")).isEqualTo("/flags/new-checkout");
            assertThat(reply.header("ETag")).isEqualTo("\"1\"");
            assertThat(reply.contentType()).isEqualTo("application/json");
            JsonNode flag = reply.json();
            assertThat(flag.path("key").asText()).isEqualTo("new-checkout");
            assertThat(flag.path("name").asText()).isEqualTo("new-checkout");
            assertThat(flag.path("description").asText()).isEqualTo("The new checkout");
            assertThat(flag.path("tags").toString()).isEqualTo("[\"payments\",\"web\"]");
            assertThat(flag.path("kind").asText()).isEqualTo("boolean");
            assertThat(flag.path("variants").toString())
                    .isEqualTo("[{\"key\":\"true\",\"value\":true},{\"key\":\"false\",\"value\":false}]");
            assertThat(flag.path("salt").asText()).isEqualTo("new-checkout");
            assertThat(flag.path("bucket_by").asText()).isEqualTo("targetingKey");
            assertThat(flag.path("version").asLong()).isEqualTo(1);
            assertThat(flag.path("created_at").asText()).isEqualTo("2026-01-15T10:00:00Z");
            assertThat(flag.path("updated_at").asText()).isEqualTo("2026-01-15T10:00:00Z");
        }

        @Test
        void a_string_flag_keeps_its_variants_in_order() {
            JsonNode flag = api.createColourFlag("banner-colour");

            assertThat(flag.path("kind").asText()).isEqualTo("string");
            assertThat(flag.path("variants").findValuesAsText("key")).containsExactly("red", "green", "blue");
        }

        @Test
        void a_duplicate_key_is_a_conflict_and_leaves_the_first_flag_alone() {
            api.call("POST", "/flags", "{\"key\": \"dup\", \"name\": \"First\"}");

            TestApi.Reply reply = api.call("POST", "/flags", "{\"key\": \"dup\", \"name\": \"Second\"}")
                    .isProblem(409);

            assertThat(reply.problemType()).isEqualTo("already-exists");
            assertThat(reply.json().path("instance").asText()).isEqualTo("/flags");
            assertThat(api.call("GET", "/flags/dup").text("name")).isEqualTo("First");
        }

        @Test
        void a_missing_key_is_a_validation_problem_naming_the_field() {
            TestApi.Reply reply =
                    api.call("POST", "/flags", "{\"name\": \"No key\"}").isProblem(400);

            assertThat(reply.problemType()).isEqualTo("validation");
            assertThat(reply.errors()).containsExactly("key:required");
        }

        @Test
        void a_reserved_word_cannot_be_a_flag_key() {
            assertThat(api.call("POST", "/flags", "{\"key\": \"health\"}")
                            .isProblem(400)
                            .errors())
                    .containsExactly("key:reserved");
        }

        @Test
        void a_string_flag_without_variants_is_rejected() {
            assertThat(api.call("POST", "/flags", "{\"key\": \"s\", \"kind\": \"string\"}")
                            .isProblem(400)
                            .errors())
                    .containsExactly("variants:required");
        }

        @Test
        void a_variant_of_the_wrong_kind_is_rejected_with_its_path() {
            TestApi.Reply reply = api.call("POST", "/flags", """
                    {"key": "limit", "kind": "number", "variants": [{"key": "low", "value": 10}, {"key": "high", "value": "lots"}]}""").isProblem(400);

            assertThat(reply.errors()).containsExactly("variants[1].value:type_mismatch");
            assertThat(api.call("GET", "/flags/limit").status()).isEqualTo(404);
        }
    }

    @Nested
    class Listing {

        @Test
        void pages_through_flags_in_key_order_with_the_total() {
            for (String key : List.of("echo", "alpha", "delta", "charlie", "bravo")) {
                api.createBooleanFlag(key);
            }

            JsonNode page = api.call("GET", "/flags?limit=2&offset=2").json();

            assertThat(keys(page)).containsExactly("charlie", "delta");
            assertThat(page.path("total").asInt()).isEqualTo(5);
            assertThat(page.path("limit").asInt()).isEqualTo(2);
            assertThat(page.path("offset").asInt()).isEqualTo(2);
            assertThat(keys(api.call("GET", "/flags?limit=2&offset=4").json())).containsExactly("echo");
            assertThat(keys(api.call("GET", "/flags").json()))
                    .containsExactly("alpha", "bravo", "charlie", "delta", "echo");
            assertThat(api.call("GET", "/flags").json().path("limit").asInt()).isEqualTo(50);
        }

        @Test
        void filters_by_tag() {
            api.createBooleanFlag("a-flag", "payments");
            api.createBooleanFlag("b-flag", "search");
            api.createBooleanFlag("c-flag", "payments", "web");

            JsonNode page = api.call("GET", "/flags?tag=payments").json();

            assertThat(keys(page)).containsExactly("a-flag", "c-flag");
            assertThat(page.path("total").asInt()).isEqualTo(2);
        }

        @Test
        void filters_by_text_in_key_name_or_description_ignoring_case() {
            api.call("POST", "/flags", "{\"key\": \"dark-mode\"}");
            api.call("POST", "/flags", "{\"key\": \"new-nav\", \"name\": \"Navigation in DARK theme\"}");
            api.call("POST", "/flags", "{\"key\": \"search\", \"description\": \"works in the dark\"}");
            api.call("POST", "/flags", "{\"key\": \"light\"}");

            assertThat(keys(api.call("GET", "/flags?q=Dark").json())).containsExactly("dark-mode", "new-nav", "search");
            assertThat(keys(api.call("GET", "/flags?q=dark&tag=none").json())).isEmpty();
        }

        @Test
        void a_limit_out_of_range_is_a_validation_problem() {
            assertThat(api.call("GET", "/flags?limit=0").isProblem(400).errors())
                    .containsExactly("limit:out_of_range");
            assertThat(api.call("GET", "/flags?limit=501").isProblem(400).errors())
                    .containsExactly("limit:out_of_range");
            assertThat(api.call("GET", "/flags?offset=-1").isProblem(400).errors())
                    .containsExactly("offset:out_of_range");
            assertThat(api.call("GET", "/flags?limit=ten").isProblem(400).errors())
                    .containsExactly("limit:invalid_type");
        }
    }

    @Nested
    class Reading {

        @Test
        void a_flag_comes_with_its_config_in_every_environment_and_its_e_tag() {
            api.createBooleanFlag("checkout");
            api.toggle("checkout", "staging", true);

            TestApi.Reply reply = api.call("GET", "/flags/checkout");

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.header("ETag")).isEqualTo("\"1\"");
            JsonNode environments = reply.json().path("environments");
            assertThat(environments.fieldNames()).toIterable().containsExactly("development", "production", "staging");
            assertThat(environments.at("/production/enabled").asBoolean()).isFalse();
            assertThat(environments.at("/production/version").asLong()).isZero();
            assertThat(environments.at("/staging/enabled").asBoolean()).isTrue();
            assertThat(environments.at("/staging/version").asLong()).isEqualTo(1);
            assertThat(environments.at("/staging/flag").asText()).isEqualTo("checkout");
        }

        @Test
        void an_unknown_flag_is_not_found() {
            TestApi.Reply reply = api.call("GET", "/flags/nope").isProblem(404);

            assertThat(reply.problemType()).isEqualTo("not-found");
            assertThat(reply.json().path("detail").asText()).isEqualTo("flag 'nope' does not exist");
            assertThat(reply.json().path("instance").asText()).isEqualTo("/flags/nope");
        }
    }

    @Nested
    class Replacing {

        @Test
        void without_a_version_is_precondition_required_and_changes_nothing() {
            api.createBooleanFlag("checkout");

            TestApi.Reply reply = api.call("PUT", "/flags/checkout", "{\"name\": \"Renamed\"}")
                    .isProblem(428);

            assertThat(reply.problemType()).isEqualTo("precondition-required");
            JsonNode flag = api.call("GET", "/flags/checkout").json();
            assertThat(flag.path("name").asText()).isEqualTo("checkout");
            assertThat(flag.path("version").asLong()).isEqualTo(1);
        }

        @Test
        void with_the_current_e_tag_in_if_match_updates_and_bumps_the_version() {
            String etag = api.call("POST", "/flags", "{\"key\": \"checkout\"}").header("ETag");

            TestApi.Reply reply = api.call(
                    "PUT",
                    "/flags/checkout",
                    "{\"name\": \"Checkout v2\", \"tags\": [\"web\"]}",
                    Map.of("If-Match", etag));

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.header("ETag")).isEqualTo("\"2\"");
            assertThat(reply.text("name")).isEqualTo("Checkout v2");
            assertThat(reply.json().path("tags").toString()).isEqualTo("[\"web\"]");
            assertThat(reply.json().path("version").asLong()).isEqualTo(2);
            assertThat(api.call("GET", "/flags/checkout").text("name")).isEqualTo("Checkout v2");
        }

        @Test
        void a_weak_e_tag_is_accepted_in_if_match() {
            api.createBooleanFlag("checkout");

            assertThat(api.call("PUT", "/flags/checkout", "{\"name\": \"Weak\"}", Map.of("If-Match", "W/\"1\""))
                            .status())
                    .isEqualTo(200);
        }

        @Test
        void with_the_version_in_the_body_updates() {
            api.createBooleanFlag("checkout");

            TestApi.Reply reply =
                    api.call("PUT", "/flags/checkout", "{\"description\": \"now described\", \"version\": 1}");

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.text("description")).isEqualTo("now described");
            assertThat(reply.json().path("version").asLong()).isEqualTo(2);
        }

        @Test
        void a_stale_version_is_a_conflict_naming_the_current_version_and_changes_nothing() {
            api.createBooleanFlag("checkout");
            api.call("PUT", "/flags/checkout", "{\"name\": \"First edit\", \"version\": 1}");

            TestApi.Reply reply = api.call(
                            "PUT", "/flags/checkout", "{\"name\": \"Lost update\"}", Map.of("If-Match", "\"1\""))
                    .isProblem(409);

            assertThat(reply.problemType()).isEqualTo("version-conflict");
            assertThat(reply.json().path("current_version").asLong()).isEqualTo(2);
            JsonNode flag = api.call("GET", "/flags/checkout").json();
            assertThat(flag.path("name").asText()).isEqualTo("First edit");
            assertThat(flag.path("version").asLong()).isEqualTo(2);
        }

        @Test
        void if_match_and_a_body_version_that_disagree_are_rejected() {
            api.createBooleanFlag("checkout");

            TestApi.Reply reply = api.call(
                            "PUT", "/flags/checkout", "{\"name\": \"x\", \"version\": 1}", Map.of("If-Match", "\"2\""))
                    .isProblem(400);

            assertThat(reply.errors()).containsExactly("version:conflicting_versions");
        }

        @Test
        void what_was_got_can_be_put_back_with_a_change() {
            api.createColourFlag("banner");
            ObjectNode got = (ObjectNode) api.call("GET", "/flags/banner").json();
            got.put("name", "Banner colour");

            TestApi.Reply reply = api.call("PUT", "/flags/banner", got.toString());

            assertThat(reply.status()).as("%s", reply.json()).isEqualTo(200);
            assertThat(reply.text("name")).isEqualTo("Banner colour");
            assertThat(reply.json().path("variants")).isEqualTo(got.path("variants"));
            assertThat(reply.json().path("created_at")).isEqualTo(got.path("created_at"));
        }

        @Test
        void the_key_cannot_change() {
            api.createBooleanFlag("checkout");

            assertThat(api.call("PUT", "/flags/checkout", "{\"key\": \"other\", \"version\": 1}")
                            .isProblem(400)
                            .errors())
                    .containsExactly("key:immutable");
        }

        @Test
        void the_kind_cannot_change() {
            api.createBooleanFlag("checkout");

            TestApi.Reply reply = api.call("PUT", "/flags/checkout", "{\"kind\": \"string\", \"version\": 1}")
                    .isProblem(409);

            assertThat(reply.problemType()).isEqualTo("refused");
            assertThat(api.call("GET", "/flags/checkout").text("kind")).isEqualTo("boolean");
        }

        @Test
        void a_variant_still_served_in_some_environment_cannot_be_removed() {
            api.createColourFlag("banner");
            api.putConfig(
                    "banner",
                    "staging",
                    "{\"enabled\": true, \"off_variant\": \"red\", \"fallthrough\": {\"variant\": \"blue\"}}");

            TestApi.Reply reply = api.call("PUT", "/flags/banner", """
                    {"version": 1, "variants": [{"key": "red", "value": "red"}, {"key": "green", "value": "green"}]}""").isProblem(409);

            assertThat(reply.problemType()).isEqualTo("refused");
            assertThat(api.call("GET", "/flags/banner").json().path("variants").size())
                    .isEqualTo(3);
        }

        @Test
        void an_unknown_flag_is_not_found() {
            api.call("PUT", "/flags/ghost", "{\"name\": \"x\", \"version\": 1}").isProblem(404);
        }
    }

    @Nested
    class Deleting {

        @Test
        void removes_the_flag_and_its_configs() {
            api.createBooleanFlag("checkout");
            api.toggle("checkout", "production", true);

            TestApi.Reply reply = api.call("DELETE", "/flags/checkout");

            assertThat(reply.status()).isEqualTo(204);
            assertThat(reply.body()).isEmpty();
            api.call("GET", "/flags/checkout").isProblem(404);
            api.call("GET", "/flags/checkout/environments/production").isProblem(404);
            assertThat(api.call("GET", "/flags").json().path("total").asInt()).isZero();
        }

        @Test
        void a_recreated_flag_starts_fresh() {
            api.createBooleanFlag("checkout");
            api.toggle("checkout", "production", true);
            api.call("DELETE", "/flags/checkout");

            api.createBooleanFlag("checkout");

            JsonNode config = api.config("checkout", "production");
            assertThat(config.path("enabled").asBoolean()).isFalse();
            assertThat(config.path("version").asLong()).isZero();
        }

        @Test
        void with_a_stale_if_match_is_a_conflict_and_keeps_the_flag() {
            api.createBooleanFlag("checkout");
            api.call("PUT", "/flags/checkout", "{\"name\": \"v2\", \"version\": 1}");

            api.call("DELETE", "/flags/checkout", null, Map.of("If-Match", "\"1\""))
                    .isProblem(409);

            assertThat(api.call("GET", "/flags/checkout").status()).isEqualTo(200);
            assertThat(api.call("DELETE", "/flags/checkout", null, Map.of("If-Match", "\"2\""))
                            .status())
                    .isEqualTo(204);
        }

        @Test
        void an_unknown_flag_is_not_found() {
            api.call("DELETE", "/flags/ghost").isProblem(404);
        }
    }

    @Nested
    class Archiving {

        @Test
        void an_archived_flag_shows_when_and_is_listed_only_when_asked_for() {
            api.createBooleanFlag("active");
            api.createBooleanFlag("retired");

            TestApi.Reply archived = api.call("POST", "/flags/retired/archive");

            assertThat(archived.status()).isEqualTo(200);
            assertThat(archived.header("ETag")).isEqualTo("\"2\"");
            assertThat(archived.json().path("archived_at").asText()).isEqualTo("2026-01-15T10:00:00Z");
            assertThat(api.call("GET", "/flags/active")
                            .json()
                            .path("archived_at")
                            .isNull())
                    .isTrue();
            assertThat(keys(api.call("GET", "/flags").json())).containsExactly("active");
            assertThat(keys(api.call("GET", "/flags?state=active").json())).containsExactly("active");
            assertThat(keys(api.call("GET", "/flags?state=archived").json())).containsExactly("retired");
            assertThat(keys(api.call("GET", "/flags?state=all").json())).containsExactly("active", "retired");
        }

        @Test
        void an_unknown_state_is_a_validation_problem_naming_the_parameter() {
            TestApi.Reply reply = api.call("GET", "/flags?state=deleted").isProblem(400);

            assertThat(reply.errors()).containsExactly("state:invalid_value");
        }

        @Test
        void a_restore_with_a_stale_if_match_is_a_conflict_and_with_the_current_one_restores() {
            api.createBooleanFlag("retired");
            api.call("POST", "/flags/retired/archive", "{\"version\": 1}");

            api.call("POST", "/flags/retired/restore", null, Map.of("If-Match", "\"1\""))
                    .isProblem(409);
            TestApi.Reply restored = api.call("POST", "/flags/retired/restore", null, Map.of("If-Match", "\"2\""));

            assertThat(restored.status()).isEqualTo(200);
            assertThat(restored.json().path("archived_at").isNull()).isTrue();
            assertThat(restored.json().path("version").asLong()).isEqualTo(3);
        }

        @Test
        void an_archived_flag_cannot_be_changed_until_restored() {
            api.createBooleanFlag("retired");
            api.call("POST", "/flags/retired/archive");

            TestApi.Reply refused = api.call("PUT", "/flags/retired", "{\"name\": \"v3\", \"version\": 2}")
                    .isProblem(409);

            assertThat(refused.problemType()).isEqualTo("refused");
            assertThat(refused.json().path("detail").asText())
                    .isEqualTo("flag 'retired' is archived; restore it first");
            api.call("POST", "/flags/retired/archive").isProblem(409);
            api.call("POST", "/flags/retired/restore");
            assertThat(api.call("PUT", "/flags/retired", "{\"name\": \"v4\", \"version\": 3}")
                            .status())
                    .isEqualTo(200);
        }

        @Test
        void what_was_got_of_an_active_flag_can_be_put_back_with_its_archived_at() {
            api.createBooleanFlag("checkout");
            ObjectNode got = (ObjectNode) api.call("GET", "/flags/checkout").json();
            got.put("name", "Renamed");

            assertThat(api.call("PUT", "/flags/checkout", got.toString()).status())
                    .isEqualTo(200);
        }

        @Test
        void an_unknown_flag_is_not_found_and_a_body_with_unknown_fields_is_refused() {
            api.call("POST", "/flags/ghost/archive").isProblem(404);
            api.call("POST", "/flags/ghost/restore").isProblem(404);
            api.createBooleanFlag("checkout");
            api.call("POST", "/flags/checkout/archive", "{\"archived\": true}").isProblem(400);
            assertThat(api.call("GET", "/flags/checkout")
                            .json()
                            .path("archived_at")
                            .isNull())
                    .isTrue();
        }
    }
}
