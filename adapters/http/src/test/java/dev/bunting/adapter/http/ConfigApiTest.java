package dev.bunting.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** A flag's config in one environment over HTTP: /flags/{key}/environments/{env} and its toggle, rollout and targets. */
class ConfigApiTest {

    private static final String CHECKOUT_PRODUCTION = "/flags/checkout/environments/production";

    private final TestApi api = new TestApi();

    @BeforeEach
    void aBooleanAndAStringFlag() {
        api.createBooleanFlag("checkout");
        api.createColourFlag("banner");
    }

    @Nested
    class ReadingAndReplacing {

        @Test
        void a_new_flags_config_is_off_at_version_zero() {
            TestApi.Reply reply = api.call("GET", CHECKOUT_PRODUCTION);

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.header("ETag")).isEqualTo("\"0\"");
            assertThat(reply.json().toString()).isEqualTo("""
                    {"flag":"checkout","environment":"production","version":0,"updated_at":"2026-01-15T10:00:00Z",\
                    "enabled":false,"off_variant":"false","targets":[],"rules":[],"fallthrough":{"variant":"true"}}""");
        }

        @Test
        void a_string_flag_starts_off_serving_its_first_variant() {
            JsonNode config = api.config("banner", "staging");

            assertThat(config.path("off_variant").asText()).isEqualTo("red");
            assertThat(config.path("fallthrough").toString()).isEqualTo("{\"variant\":\"red\"}");
        }

        @Test
        void what_was_got_can_be_put_back_with_changes() {
            ObjectNode got = (ObjectNode) api.config("checkout", "production");
            got.put("enabled", true);
            ArrayNode rules = got.putArray("rules");
            ObjectNode rule = rules.addObject().put("id", "beta-testers").put("description", "people in the beta");
            rule.putArray("clauses")
                    .addObject()
                    .put("attribute", "plan")
                    .put("operator", "in")
                    .putArray("values")
                    .add("beta");
            rule.putObject("serve").put("variant", "true");
            got.putObject("fallthrough").put("variant", "false");

            TestApi.Reply reply = api.call("PUT", CHECKOUT_PRODUCTION, got.toString());

            assertThat(reply.status()).as("%s", reply.json()).isEqualTo(200);
            assertThat(reply.header("ETag")).isEqualTo("\"1\"");
            JsonNode stored = api.config("checkout", "production");
            assertThat(stored.path("version").asLong()).isEqualTo(1);
            assertThat(stored.path("enabled").asBoolean()).isTrue();
            assertThat(stored.path("rules").toString()).isEqualTo("""
                    [{"id":"beta-testers","description":"people in the beta","clauses":[{"attribute":"plan","operator":"in",\
                    "values":["beta"],"negate":false,"ignore_case":false}],"serve":{"variant":"true"}}]""");
            assertThat(stored.path("fallthrough").toString()).isEqualTo("{\"variant\":\"false\"}");

            ObjectNode again = (ObjectNode) stored.deepCopy();
            again.put("enabled", false);
            assertThat(api.call("PUT", CHECKOUT_PRODUCTION, again.toString()).status())
                    .isEqualTo(200);
            JsonNode twice = api.config("checkout", "production");
            assertThat(twice.path("version").asLong()).isEqualTo(2);
            assertThat(twice.path("rules")).isEqualTo(stored.path("rules"));
        }

        @Test
        void a_rule_without_an_id_is_given_one() {
            JsonNode config = api.putConfig("checkout", "production", """
                    {"enabled": true, "off_variant": "false", "fallthrough": {"variant": "false"},
                     "rules": [{"clauses": [{"attribute": "country", "operator": "eq", "values": ["NL"]}], "serve": {"variant": "true"}}]}""");

            assertThat(config.at("/rules/0/id").asText()).matches("[0-9a-f]{12}");
        }

        @Test
        void every_operator_and_splits_survive_a_round_trip() throws Exception {
            String document = """
                    {"enabled":true,"off_variant":"red","targets":[{"variant":"green","units":["u1","u2"]}],"rules":[\
                    {"id":"r1","clauses":[\
                    {"attribute":"email","operator":"ends_with","values":["@example.com"],"negate":false,"ignore_case":true},\
                    {"attribute":"version","operator":"semver_gt","values":["1.2.0"],"negate":false,"ignore_case":false},\
                    {"attribute":"age","operator":"gte","values":[18],"negate":false,"ignore_case":false},\
                    {"attribute":"signup","operator":"before","values":["2026-01-01T00:00:00Z"],"negate":true,"ignore_case":false},\
                    {"attribute":"beta","operator":"exists","values":[],"negate":false,"ignore_case":false},\
                    {"attribute":"name","operator":"matches","values":["^a.*z$"],"negate":false,"ignore_case":false}],\
                    "serve":{"split":[{"variant":"blue","weight":2500},{"variant":"green","weight":7500}]}}],\
                    "fallthrough":{"variant":"blue"}}""";

            JsonNode stored = api.putConfig("banner", "production", document);

            ObjectNode expected = (ObjectNode) TestApi.MAPPER.readTree(document);
            ObjectNode actual = ((ObjectNode) stored).deepCopy();
            actual.remove(java.util.List.of("flag", "environment", "version", "updated_at"));
            assertThat(actual).isEqualTo(expected);
        }

        @Test
        void without_a_version_is_precondition_required_and_changes_nothing() {
            JsonNode got = api.config("checkout", "production");
            ObjectNode changed = ((ObjectNode) got.deepCopy()).put("enabled", true);
            changed.remove("version");

            api.call("PUT", CHECKOUT_PRODUCTION, changed.toString()).isProblem(428);

            assertThat(api.config("checkout", "production")).isEqualTo(got);
        }

        @Test
        void a_stale_version_is_a_conflict_and_changes_nothing() {
            JsonNode got = api.config("checkout", "production");
            api.toggle("checkout", "production", true);
            JsonNode current = api.config("checkout", "production");
            ObjectNode stale = ((ObjectNode) got.deepCopy()).put("off_variant", "true");

            TestApi.Reply reply =
                    api.call("PUT", CHECKOUT_PRODUCTION, stale.toString()).isProblem(409);

            assertThat(reply.problemType()).isEqualTo("version-conflict");
            assertThat(reply.json().path("current_version").asLong()).isEqualTo(1);
            assertThat(api.config("checkout", "production")).isEqualTo(current);
        }

        @Test
        void the_flag_and_environment_fields_must_match_the_path() {
            ObjectNode got = (ObjectNode) api.config("checkout", "production");
            got.put("environment", "staging");

            assertThat(api.call("PUT", CHECKOUT_PRODUCTION, got.toString())
                            .isProblem(400)
                            .errors())
                    .containsExactly("environment:immutable");
        }

        @Test
        void a_variant_the_flag_does_not_have_is_rejected() {
            TestApi.Reply reply = api.call(
                            "PUT",
                            "/flags/banner/environments/production",
                            "{\"off_variant\": \"red\", \"fallthrough\": {\"variant\": \"purple\"}, \"version\": 0}")
                    .isProblem(400);

            assertThat(reply.errors()).containsExactly("fallthrough:unknown_variant");
            assertThat(api.config("banner", "production").path("version").asLong())
                    .isZero();
        }

        @Test
        void an_invalid_regular_expression_is_rejected() {
            TestApi.Reply reply = api.call("PUT", CHECKOUT_PRODUCTION, """
                    {"version": 0, "off_variant": "false", "fallthrough": {"variant": "true"},
                     "rules": [{"id": "r", "clauses": [{"attribute": "a", "operator": "matches", "values": ["(unclosed"]}], "serve": {"variant": "true"}}]}""").isProblem(400);

            assertThat(reply.errors()).containsExactly("rules[0].clauses[0].values:invalid_pattern");
        }

        @Test
        void split_weights_must_sum_to_ten_thousand() {
            TestApi.Reply reply = api.call("PUT", CHECKOUT_PRODUCTION, """
                    {"version": 0, "off_variant": "false", "fallthrough": {"split": [{"variant": "true", "weight": 5000}, {"variant": "false", "weight": 4000}]}}""").isProblem(400);

            assertThat(reply.errors()).containsExactly("fallthrough.split:invalid_sum");
        }

        @Test
        void changes_in_one_environment_leave_the_others_alone() {
            api.toggle("checkout", "production", true);

            assertThat(api.config("checkout", "staging").path("enabled").asBoolean())
                    .isFalse();
            assertThat(api.config("checkout", "development").path("version").asLong())
                    .isZero();
        }
    }

    @Nested
    class Toggling {

        @Test
        void with_a_body_sets_the_state_and_bumps_the_version() {
            TestApi.Reply reply = api.call("PATCH", CHECKOUT_PRODUCTION + "/toggle", "{\"enabled\": true}");

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.header("ETag")).isEqualTo("\"1\"");
            assertThat(reply.json().path("enabled").asBoolean()).isTrue();
            assertThat(api.config("checkout", "production").path("enabled").asBoolean())
                    .isTrue();

            assertThat(api.call("PATCH", CHECKOUT_PRODUCTION + "/toggle", "{\"enabled\": true}")
                            .json()
                            .path("enabled")
                            .asBoolean())
                    .isTrue();
        }

        @Test
        void without_a_body_flips_the_state() {
            assertThat(api.call("PATCH", CHECKOUT_PRODUCTION + "/toggle")
                            .json()
                            .path("enabled")
                            .asBoolean())
                    .isTrue();
            assertThat(api.call("PATCH", CHECKOUT_PRODUCTION + "/toggle")
                            .json()
                            .path("enabled")
                            .asBoolean())
                    .isFalse();
            assertThat(api.config("checkout", "production").path("version").asLong())
                    .isEqualTo(2);
        }

        @Test
        void with_the_current_if_match_applies() {
            assertThat(api.call(
                                    "PATCH",
                                    CHECKOUT_PRODUCTION + "/toggle",
                                    "{\"enabled\": true}",
                                    Map.of("If-Match", "\"0\""))
                            .status())
                    .isEqualTo(200);
        }

        @Test
        void with_a_stale_version_is_a_conflict_and_changes_nothing() {
            api.toggle("checkout", "production", true);

            api.call("PATCH", CHECKOUT_PRODUCTION + "/toggle", "{\"enabled\": false, \"version\": 0}")
                    .isProblem(409);
            api.call("PATCH", CHECKOUT_PRODUCTION + "/toggle", null, Map.of("If-Match", "\"0\""))
                    .isProblem(409);

            JsonNode config = api.config("checkout", "production");
            assertThat(config.path("enabled").asBoolean()).isTrue();
            assertThat(config.path("version").asLong()).isEqualTo(1);
        }
    }

    @Nested
    class RollingOut {

        @Test
        void thirty_percent_splits_the_fallthrough_three_thousand_to_seven_thousand() {
            TestApi.Reply reply = api.call("PATCH", CHECKOUT_PRODUCTION + "/rollout", "{\"percentage\": 30}");

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.json().path("fallthrough").toString())
                    .isEqualTo(
                            "{\"split\":[{\"variant\":\"true\",\"weight\":3000},{\"variant\":\"false\",\"weight\":7000}]}");
            assertThat(api.config("checkout", "production").path("fallthrough"))
                    .isEqualTo(reply.json().path("fallthrough"));
        }

        @Test
        void two_decimals_are_basis_points() {
            assertThat(api.call("PATCH", CHECKOUT_PRODUCTION + "/rollout", "{\"percentage\": 12.34}")
                            .json()
                            .at("/fallthrough/split/0/weight")
                            .asInt())
                    .isEqualTo(1234);
        }

        @Test
        void a_string_flag_is_refused() {
            TestApi.Reply reply = api.call(
                            "PATCH", "/flags/banner/environments/production/rollout", "{\"percentage\": 30}")
                    .isProblem(409);

            assertThat(reply.problemType()).isEqualTo("refused");
            assertThat(api.config("banner", "production").path("version").asLong())
                    .isZero();
        }

        @Test
        void more_than_two_decimals_is_rejected() {
            assertThat(api.call("PATCH", CHECKOUT_PRODUCTION + "/rollout", "{\"percentage\": 33.333}")
                            .isProblem(400)
                            .errors())
                    .containsExactly("percentage:invalid_value");
            assertThat(api.config("checkout", "production").path("version").asLong())
                    .isZero();
        }

        @Test
        void a_percentage_outside_zero_to_hundred_is_rejected() {
            api.call("PATCH", CHECKOUT_PRODUCTION + "/rollout", "{\"percentage\": 100.01}")
                    .isProblem(400);
            api.call("PATCH", CHECKOUT_PRODUCTION + "/rollout", "{\"percentage\": -1}")
                    .isProblem(400);
        }

        @Test
        void a_missing_percentage_is_rejected() {
            assertThat(api.call("PATCH", CHECKOUT_PRODUCTION + "/rollout", "{\"version\": 0}")
                            .isProblem(400)
                            .errors())
                    .containsExactly("percentage:required");
        }
    }

    @Nested
    class Targeting {

        @Test
        void adding_a_unit_targets_it_with_the_variant() {
            TestApi.Reply reply =
                    api.call("POST", CHECKOUT_PRODUCTION + "/targets", "{\"variant\": \"true\", \"unit\": \"alice\"}");

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.json().path("targets").toString())
                    .isEqualTo("[{\"variant\":\"true\",\"units\":[\"alice\"]}]");
        }

        @Test
        void user_id_is_accepted_for_the_unit() {
            api.call("POST", CHECKOUT_PRODUCTION + "/targets", "{\"variant\": \"true\", \"user_id\": \"bob\"}");

            assertThat(api.config("checkout", "production").path("targets").toString())
                    .isEqualTo("[{\"variant\":\"true\",\"units\":[\"bob\"]}]");
        }

        @Test
        void targeting_a_unit_with_another_variant_moves_it() {
            api.call("POST", CHECKOUT_PRODUCTION + "/targets", "{\"variant\": \"true\", \"unit\": \"alice\"}");
            api.call("POST", CHECKOUT_PRODUCTION + "/targets", "{\"variant\": \"true\", \"unit\": \"carol\"}");

            TestApi.Reply reply =
                    api.call("POST", CHECKOUT_PRODUCTION + "/targets", "{\"variant\": \"false\", \"unit\": \"alice\"}");

            assertThat(reply.json().path("targets").toString())
                    .isEqualTo(
                            "[{\"variant\":\"true\",\"units\":[\"carol\"]},{\"variant\":\"false\",\"units\":[\"alice\"]}]");
            assertThat(reply.json().path("version").asLong()).isEqualTo(3);
        }

        @Test
        void removing_a_target_takes_the_unit_out() {
            api.call("POST", CHECKOUT_PRODUCTION + "/targets", "{\"variant\": \"true\", \"unit\": \"alice\"}");

            TestApi.Reply reply = api.call("DELETE", CHECKOUT_PRODUCTION + "/targets/true/alice");

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.json().path("targets").toString()).isEqualTo("[]");
        }

        @Test
        void a_unit_with_reserved_characters_is_percent_decoded_from_the_path() {
            api.call(
                    "POST",
                    CHECKOUT_PRODUCTION + "/targets",
                    "{\"variant\": \"true\", \"unit\": \"a/b c+d@example.com\"}");

            TestApi.Reply reply = api.call("DELETE", CHECKOUT_PRODUCTION + "/targets/true/a%2Fb%20c+d%40example.com");

            assertThat(reply.status()).as("%s", reply.json()).isEqualTo(200);
            assertThat(reply.json().path("targets").toString()).isEqualTo("[]");
        }

        @Test
        void removing_a_unit_that_is_not_targeted_is_refused() {
            api.call("POST", CHECKOUT_PRODUCTION + "/targets", "{\"variant\": \"true\", \"unit\": \"alice\"}");

            TestApi.Reply reply = api.call("DELETE", CHECKOUT_PRODUCTION + "/targets/false/alice")
                    .isProblem(409);

            assertThat(reply.problemType()).isEqualTo("refused");
            assertThat(api.config("checkout", "production").path("version").asLong())
                    .isEqualTo(1);
        }

        @Test
        void an_unknown_variant_is_rejected() {
            assertThat(api.call(
                                    "POST",
                                    CHECKOUT_PRODUCTION + "/targets",
                                    "{\"variant\": \"maybe\", \"unit\": \"alice\"}")
                            .isProblem(400)
                            .errors())
                    .containsExactly("targets[0].variant:unknown_variant");
        }

        @Test
        void a_missing_unit_is_rejected() {
            assertThat(api.call("POST", CHECKOUT_PRODUCTION + "/targets", "{\"variant\": \"true\"}")
                            .isProblem(400)
                            .errors())
                    .containsExactly("unit:required");
        }
    }

    @Nested
    class UnknownFlagsAndEnvironments {

        @Test
        void an_unknown_environment_is_not_found() {
            TestApi.Reply reply =
                    api.call("GET", "/flags/checkout/environments/moon").isProblem(404);

            assertThat(reply.json().path("detail").asText()).isEqualTo("environment 'moon' does not exist");
            api.call("PATCH", "/flags/checkout/environments/moon/toggle").isProblem(404);
            api.call("PATCH", "/flags/checkout/environments/moon/rollout", "{\"percentage\": 5}")
                    .isProblem(404);
            api.call("POST", "/flags/checkout/environments/moon/targets", "{\"variant\": \"true\", \"unit\": \"u\"}")
                    .isProblem(404);
            api.call(
                            "PUT",
                            "/flags/checkout/environments/moon",
                            "{\"version\": 0, \"off_variant\": \"false\", \"fallthrough\": {\"variant\": \"true\"}}")
                    .isProblem(404);
        }

        @Test
        void an_unknown_flag_is_not_found() {
            TestApi.Reply reply =
                    api.call("GET", "/flags/ghost/environments/production").isProblem(404);

            assertThat(reply.json().path("detail").asText()).isEqualTo("flag 'ghost' does not exist");
            api.call("PATCH", "/flags/ghost/environments/production/toggle", "{\"enabled\": true}")
                    .isProblem(404);
            api.call("DELETE", "/flags/ghost/environments/production/targets/true/u")
                    .isProblem(404);
        }
    }
}
