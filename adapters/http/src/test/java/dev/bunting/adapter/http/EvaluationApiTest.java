package dev.bunting.adapter.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Evaluation over HTTP: GET and POST /evaluate/{key}, and POST /evaluate. Each precedence level (OpenFeature
 * "Resolution reasons", plus the first API's {@code source}) is checked through the wire.
 */
class EvaluationApiTest {

    private final TestApi api = new TestApi();

    private JsonNode evaluate(String key, String query) {
        TestApi.Reply reply = api.call("GET", "/evaluate/" + key + "?" + query);
        assertThat(reply.status()).as("%s", reply.json()).isEqualTo(200);
        assertThat(reply.contentType()).isEqualTo("application/json");
        return reply.json();
    }

    @Nested
    class PrecedenceFromTheQueryString {

        /**
         * checkout in production: alice targeted true; rule "beta" serves true to plan=beta; rule "staff" serves false
         * to staff; fallthrough 30 % rollout.
         */
        @BeforeEach
        void checkoutWithEveryLevel() {
            api.createBooleanFlag("checkout");
            api.putConfig("checkout", "production", """
                    {"enabled": true, "off_variant": "false",
                     "targets": [{"variant": "true", "units": ["alice"]}, {"variant": "false", "units": ["mallory"]}],
                     "rules": [
                       {"id": "beta", "clauses": [{"attribute": "plan", "operator": "in", "values": ["beta"]}], "serve": {"variant": "true"}},
                       {"id": "staff", "clauses": [{"attribute": "email", "operator": "ends_with", "values": ["@bunting.dev"]}], "serve": {"variant": "false"}}],
                     "fallthrough": {"split": [{"variant": "true", "weight": 3000}, {"variant": "false", "weight": 7000}]}}""");
        }

        @Test
        void a_disabled_flag_serves_the_off_variant() {
            api.toggle("checkout", "production", false);

            JsonNode evaluation = evaluate("checkout", "environment_key=production&user_id=alice&plan=beta");

            assertThat(evaluation.toString()).isEqualTo("""
                    {"flag_key":"checkout","value":false,"variant":"false","reason":"DISABLED","enabled":false,"source":"DISABLED"}""");
        }

        @Test
        void an_individual_target_wins_over_rules() {
            JsonNode evaluation =
                    evaluate("checkout", "environment_key=production&user_id=alice&email=alice@bunting.dev");

            assertThat(evaluation.toString()).isEqualTo("""
                    {"flag_key":"checkout","value":true,"variant":"true","reason":"TARGETING_MATCH","enabled":true,"source":"USER_OVERRIDE"}""");
            assertThat(evaluate("checkout", "environment_key=production&user_id=mallory&plan=beta")
                            .path("enabled")
                            .asBoolean())
                    .isFalse();
        }

        @Test
        void the_first_matching_rule_decides_and_is_named() {
            JsonNode evaluation =
                    evaluate("checkout", "environment_key=production&user_id=bob&plan=beta&email=bob@bunting.dev");

            assertThat(evaluation.toString()).isEqualTo("""
                    {"flag_key":"checkout","value":true,"variant":"true","reason":"TARGETING_MATCH","enabled":true,"source":"RULE:beta","rule_id":"beta"}""");
            assertThat(evaluate("checkout", "environment_key=production&user_id=bob&email=bob@bunting.dev")
                            .path("source")
                            .asText())
                    .isEqualTo("RULE:staff");
        }

        @Test
        void with_no_rule_matching_the_rollout_decides() {
            JsonNode evaluation = evaluate("checkout", "environment_key=production&user_id=bob&plan=free");

            assertThat(evaluation.path("reason").asText()).isEqualTo("SPLIT");
            assertThat(evaluation.path("source").asText()).isEqualTo("ROLLOUT");
            assertThat(evaluation.has("rule_id")).isFalse();
            assertThat(evaluation.path("value").asBoolean())
                    .isEqualTo(evaluation.path("enabled").asBoolean());
            assertThat(evaluation.path("variant").asText())
                    .isEqualTo(evaluation.path("value").asText());
        }

        @Test
        void a_fixed_fallthrough_behind_rules_is_the_default() {
            api.putConfig("checkout", "production", """
                    {"enabled": true, "off_variant": "false",
                     "rules": [{"id": "beta", "clauses": [{"attribute": "plan", "operator": "in", "values": ["beta"]}], "serve": {"variant": "true"}}],
                     "fallthrough": {"variant": "false"}}""");

            JsonNode evaluation = evaluate("checkout", "environment_key=production&user_id=bob");

            assertThat(evaluation.toString()).isEqualTo("""
                    {"flag_key":"checkout","value":false,"variant":"false","reason":"DEFAULT","enabled":false,"source":"DEFAULT"}""");
        }

        @Test
        void a_config_without_targets_or_rules_is_static_and_needs_no_targeting_key() {
            api.createBooleanFlag("static-flag");
            api.toggle("static-flag", "production", true);

            JsonNode evaluation = evaluate("static-flag", "environment_key=production");

            assertThat(evaluation.toString()).isEqualTo("""
                    {"flag_key":"static-flag","value":true,"variant":"true","reason":"STATIC","enabled":true,"source":"DEFAULT"}""");
        }

        @Test
        void environment_is_accepted_for_environment_key() {
            assertThat(evaluate("checkout", "environment=production&user_id=alice")
                            .path("source")
                            .asText())
                    .isEqualTo("USER_OVERRIDE");
        }

        @Test
        void a_change_is_seen_by_the_next_evaluation() {
            assertThat(evaluate("checkout", "environment_key=production&user_id=alice")
                            .path("enabled")
                            .asBoolean())
                    .isTrue();

            api.call(
                    "POST",
                    "/flags/checkout/environments/production/targets",
                    "{\"variant\": \"false\", \"unit\": \"alice\"}");

            assertThat(evaluate("checkout", "environment_key=production&user_id=alice")
                            .path("enabled")
                            .asBoolean())
                    .isFalse();
        }
    }

    @Nested
    class ContextFromTheBody {

        @BeforeEach
        void premiumWithAttributeRules() {
            api.createColourFlag("banner");
            api.putConfig("banner", "production", """
                    {"enabled": true, "off_variant": "red",
                     "rules": [
                       {"id": "adults-in-benelux", "clauses": [
                          {"attribute": "country", "operator": "in", "values": ["nl", "be"], "ignore_case": true},
                          {"attribute": "age", "operator": "gte", "values": [18]},
                          {"attribute": "app_version", "operator": "semver_gt", "values": ["2.0.0"]},
                          {"attribute": "email", "operator": "ends_with", "values": ["@example.com"], "negate": true}],
                        "serve": {"variant": "green"}},
                       {"id": "testers", "clauses": [{"attribute": "groups", "operator": "in", "values": ["testers"]}],
                        "serve": {"split": [{"variant": "green", "weight": 5000}, {"variant": "blue", "weight": 5000}]}}],
                     "fallthrough": {"variant": "blue"}}""");
        }

        private TestApi.Reply post(String context) {
            return api.call(
                    "POST", "/evaluate/banner", "{\"environment\": \"production\", \"context\": " + context + "}");
        }

        @Test
        void attributes_of_every_type_match_a_rule() {
            TestApi.Reply reply = post(
                    "{\"targetingKey\": \"u1\", \"country\": \"NL\", \"age\": 21, \"app_version\": \"2.1.0\", \"email\": \"u1@mail.nl\"}");

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.json().toString()).isEqualTo("""
                    {"flag_key":"banner","value":"green","variant":"green","reason":"TARGETING_MATCH","source":"RULE:adults-in-benelux","rule_id":"adults-in-benelux"}""");
        }

        @Test
        void one_failing_clause_means_the_rule_does_not_match() {
            assertThat(
                            post("{\"targetingKey\": \"u1\", \"country\": \"NL\", \"age\": 17, \"app_version\": \"2.1.0\", \"email\": \"u@a.nl\"}")
                                    .json()
                                    .path("source")
                                    .asText())
                    .isEqualTo("DEFAULT");
            assertThat(
                            post("{\"targetingKey\": \"u1\", \"country\": \"NL\", \"age\": 30, \"app_version\": \"2.0.0\", \"email\": \"u@a.nl\"}")
                                    .json()
                                    .path("value")
                                    .asText())
                    .isEqualTo("blue");
            assertThat(
                            post("{\"targetingKey\": \"u1\", \"country\": \"de\", \"age\": 30, \"app_version\": \"2.1.0\", \"email\": \"u@a.nl\"}")
                                    .json()
                                    .path("value")
                                    .asText())
                    .isEqualTo("blue");
            assertThat(
                            post("{\"targetingKey\": \"u1\", \"country\": \"be\", \"age\": 30, \"app_version\": \"3.0.0\", \"email\": \"x@example.com\"}")
                                    .json()
                                    .path("source")
                                    .asText())
                    .isEqualTo("DEFAULT");
        }

        @Test
        void a_missing_attribute_fails_even_a_negated_clause() {
            assertThat(post("{\"targetingKey\": \"u1\", \"country\": \"NL\", \"age\": 21, \"app_version\": \"2.1.0\"}")
                            .json()
                            .path("source")
                            .asText())
                    .isEqualTo("DEFAULT");
        }

        @Test
        void a_number_sent_as_text_still_compares_as_a_number() {
            assertThat(
                            post("{\"targetingKey\": \"u1\", \"country\": \"nl\", \"age\": \"18\", \"app_version\": \"v2.0.1\", \"email\": \"a@b.nl\"}")
                                    .json()
                                    .path("variant")
                                    .asText())
                    .isEqualTo("green");
        }

        @Test
        void a_list_attribute_matches_when_any_element_does_and_a_rule_split_names_the_rule() {
            JsonNode evaluation = post("{\"user_id\": \"u7\", \"groups\": [\"staff\", \"testers\"]}")
                    .json();

            assertThat(evaluation.path("reason").asText()).isEqualTo("SPLIT");
            assertThat(evaluation.path("source").asText()).isEqualTo("RULE:testers");
            assertThat(evaluation.path("value").asText()).isIn("green", "blue");
            assertThat(evaluation.has("enabled"))
                    .as("enabled is for boolean flags")
                    .isFalse();
        }

        @Test
        void a_numeric_targeting_key_is_used_as_text() {
            api.call(
                    "POST",
                    "/flags/banner/environments/production/targets",
                    "{\"variant\": \"red\", \"unit\": \"42\"}");

            assertThat(post("{\"targetingKey\": 42}").json().path("source").asText())
                    .isEqualTo("USER_OVERRIDE");
        }

        @Test
        void a_targeting_key_that_is_not_text_or_a_number_is_an_invalid_context() {
            TestApi.Reply reply = post("{\"targetingKey\": {\"id\": 1}}").isProblem(400);

            assertThat(reply.json().path("error_code").asText()).isEqualTo("INVALID_CONTEXT");
            assertThat(reply.errors()).containsExactly("context.targetingKey:invalid_context");
        }

        @Test
        void environment_key_is_accepted_in_the_body() {
            TestApi.Reply reply = api.call(
                    "POST",
                    "/evaluate/banner",
                    "{\"environment_key\": \"production\", \"context\": {\"targetingKey\": \"u\"}}");

            assertThat(reply.json().path("value").asText()).isEqualTo("blue");
        }
    }

    @Nested
    class Failures {

        @BeforeEach
        void aRolledOutFlag() {
            api.createBooleanFlag("checkout");
            api.toggle("checkout", "production", true);
            api.call("PATCH", "/flags/checkout/environments/production/rollout", "{\"percentage\": 30}");
        }

        @Test
        void a_split_without_a_targeting_key_is_a_bad_request_with_the_error_code() {
            TestApi.Reply reply = api.call("GET", "/evaluate/checkout?environment_key=production")
                    .isProblem(400);

            assertThat(reply.problemType()).isEqualTo("evaluation-failed");
            assertThat(reply.json().path("error_code").asText()).isEqualTo("TARGETING_KEY_MISSING");
            assertThat(reply.json().path("flag_key").asText()).isEqualTo("checkout");

            TestApi.Reply posted = api.call(
                            "POST",
                            "/evaluate/checkout",
                            "{\"environment\": \"production\", \"context\": {\"plan\": \"pro\"}}")
                    .isProblem(400);
            assertThat(posted.json().path("error_code").asText()).isEqualTo("TARGETING_KEY_MISSING");
        }

        @Test
        void an_unknown_flag_is_not_found_with_the_error_code() {
            TestApi.Reply reply = api.call("GET", "/evaluate/ghost?environment_key=production&user_id=u")
                    .isProblem(404);

            assertThat(reply.json().path("error_code").asText()).isEqualTo("FLAG_NOT_FOUND");
            assertThat(reply.json().path("detail").asText()).isEqualTo("flag 'ghost' does not exist");
        }

        @Test
        void an_unknown_environment_is_not_found() {
            TestApi.Reply reply = api.call("GET", "/evaluate/checkout?environment_key=moon&user_id=u")
                    .isProblem(404);

            assertThat(reply.json().path("detail").asText()).isEqualTo("environment 'moon' does not exist");
            assertThat(reply.json().has("error_code")).isFalse();
        }

        @Test
        void asking_for_another_kind_is_a_type_mismatch() {
            TestApi.Reply reply = api.call("GET", "/evaluate/checkout?environment_key=production&user_id=u&type=string")
                    .isProblem(400);

            assertThat(reply.json().path("error_code").asText()).isEqualTo("TYPE_MISMATCH");
            TestApi.Reply posted = api.call(
                            "POST",
                            "/evaluate/checkout",
                            "{\"environment\": \"production\", \"type\": \"number\", \"context\": {\"targetingKey\": \"u\"}}")
                    .isProblem(400);
            assertThat(posted.json().path("error_code").asText()).isEqualTo("TYPE_MISMATCH");
            assertThat(evaluate("checkout", "environment_key=production&user_id=u&type=boolean")
                            .path("reason")
                            .asText())
                    .isEqualTo("SPLIT");
        }

        @Test
        void a_missing_environment_is_a_validation_problem() {
            assertThat(api.call("GET", "/evaluate/checkout?user_id=u")
                            .isProblem(400)
                            .errors())
                    .containsExactly("environment_key:required");
            assertThat(api.call("POST", "/evaluate/checkout", "{\"context\": {}}")
                            .isProblem(400)
                            .errors())
                    .containsExactly("environment:required");
            assertThat(api.call("POST", "/evaluate", "{\"context\": {}}")
                            .isProblem(400)
                            .errors())
                    .containsExactly("environment:required");
        }

        @Test
        void an_unknown_type_is_a_validation_problem() {
            assertThat(api.call("GET", "/evaluate/checkout?environment_key=production&user_id=u&type=float")
                            .isProblem(400)
                            .errors())
                    .containsExactly("type:invalid_value");
        }
    }

    @Nested
    class Rollouts {

        @BeforeEach
        void thirtyPercent() {
            api.createBooleanFlag("checkout");
            api.toggle("checkout", "production", true);
            api.call("PATCH", "/flags/checkout/environments/production/rollout", "{\"percentage\": 30}");
        }

        private Map<String, Boolean> evaluateUsers(int count) {
            Map<String, Boolean> served = new HashMap<>();
            for (int i = 0; i < count; i++) {
                served.put(
                        "user-" + i,
                        evaluate("checkout", "environment_key=production&user_id=user-" + i)
                                .path("enabled")
                                .asBoolean());
            }
            return served;
        }

        @Test
        void thirty_percent_is_deterministic_per_user_and_near_thirty_percent_overall() {
            Map<String, Boolean> first = evaluateUsers(2000);
            Map<String, Boolean> second = evaluateUsers(2000);

            assertThat(second).isEqualTo(first);
            long on = first.values().stream().filter(b -> b).count();
            assertThat(on).isBetween(540L, 660L);
        }

        @Test
        void raising_the_rollout_only_adds_users() {
            Map<String, Boolean> atThirty = evaluateUsers(1000);

            api.call("PATCH", "/flags/checkout/environments/production/rollout", "{\"percentage\": 60}");
            Map<String, Boolean> atSixty = evaluateUsers(1000);

            atThirty.forEach((user, on) -> {
                if (on) {
                    assertThat(atSixty.get(user)).as(user).isTrue();
                }
            });
            assertThat(atSixty.values().stream().filter(b -> b).count())
                    .isGreaterThan(atThirty.values().stream().filter(b -> b).count());
        }
    }

    @Nested
    class Bulk {

        @Test
        void evaluates_every_flag_in_key_order_reporting_failures_as_evaluations() {
            api.createBooleanFlag("zeta");
            api.toggle("zeta", "staging", true);
            api.createColourFlag("banner");
            api.createBooleanFlag("alpha");
            api.toggle("alpha", "staging", true);
            api.call("PATCH", "/flags/alpha/environments/staging/rollout", "{\"percentage\": 50}");

            TestApi.Reply reply =
                    api.call("POST", "/evaluate", "{\"environment\": \"staging\", \"context\": {\"plan\": \"pro\"}}");

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.json().path("environment").asText()).isEqualTo("staging");
            JsonNode flags = reply.json().path("flags");
            assertThat(flags.findValuesAsText("flag_key")).containsExactly("alpha", "banner", "zeta");
            assertThat(flags.get(0).toString()).isEqualTo("""
                    {"flag_key":"alpha","value":null,"variant":null,"reason":"ERROR","enabled":false,"source":"ERROR",\
                    "error_code":"TARGETING_KEY_MISSING","error_message":"a percentage split needs 'targetingKey' in the context"}""");
            assertThat(flags.get(1).toString()).isEqualTo("""
                    {"flag_key":"banner","value":"red","variant":"red","reason":"DISABLED","source":"DISABLED"}""");
            assertThat(flags.get(2).path("source").asText()).isEqualTo("DEFAULT");
            assertThat(flags.get(2).path("enabled").asBoolean()).isTrue();
        }

        @Test
        void every_caller_gets_the_same_json_and_a_variants_new_value_is_served_once_it_changes() {
            api.createColourFlag("banner");
            String request = "{\"environment\": \"staging\", \"context\": {\"targetingKey\": \"%s\"}}";
            String expected = """
                    {"environment":"staging","flags":[\
                    {"flag_key":"banner","value":"%s","variant":"red","reason":"DISABLED","source":"DISABLED"}]}""";
            for (String user : List.of("ann", "bob")) {
                assertThat(new String(
                                api.call("POST", "/evaluate", request.formatted(user))
                                        .body(),
                                UTF_8))
                        .isEqualTo(expected.formatted("red"));
            }

            assertThat(api.call("PUT", "/flags/banner", """
                            {"version": 1, "variants": [
                              {"key": "red", "value": "crimson"}, {"key": "green", "value": "green"},
                              {"key": "blue", "value": "blue"}]}""").status()).isEqualTo(200);

            assertThat(new String(
                            api.call("POST", "/evaluate", request.formatted("ann"))
                                    .body(),
                            UTF_8))
                    .isEqualTo(expected.formatted("crimson"));
        }

        @Test
        void environments_at_the_same_version_each_get_their_own_answers() {
            api.createBooleanFlag("dark-mode");
            api.toggle("dark-mode", "staging", true);
            api.call("PATCH", "/flags/dark-mode/environments/development/rollout", "{\"percentage\": 30}");
            assertThat(api.call("GET", "/sdk/flags?environment=staging").text("version"))
                    .isEqualTo(api.call("GET", "/sdk/flags?environment=development")
                            .text("version"));

            JsonNode staging = api.call("POST", "/evaluate", "{\"environment\": \"staging\", \"context\": {}}")
                    .json();
            JsonNode development = api.call("POST", "/evaluate", "{\"environment\": \"development\", \"context\": {}}")
                    .json();

            assertThat(staging.path("flags").get(0).path("enabled").asBoolean()).isTrue();
            assertThat(development.path("flags").get(0).path("enabled").asBoolean())
                    .isFalse();
        }

        @Test
        void a_targeting_key_in_the_context_is_used_for_every_flag() {
            api.createBooleanFlag("a-flag");
            api.createBooleanFlag("b-flag");
            api.toggle("a-flag", "production", true);
            api.toggle("b-flag", "production", true);
            for (String flag : List.of("a-flag", "b-flag")) {
                api.call(
                        "POST",
                        "/flags/" + flag + "/environments/production/targets",
                        "{\"variant\": \"false\", \"unit\": \"eve\"}");
            }

            JsonNode flags = api.call(
                            "POST",
                            "/evaluate",
                            "{\"environment_key\": \"production\", \"context\": {\"user_id\": \"eve\"}}")
                    .json()
                    .path("flags");

            assertThat(flags.findValuesAsText("source")).containsExactly("USER_OVERRIDE", "USER_OVERRIDE");
            assertThat(flags.findValuesAsText("value")).containsExactly("false", "false");
        }

        @Test
        void an_unknown_environment_is_not_found() {
            api.call("POST", "/evaluate", "{\"environment\": \"moon\"}").isProblem(404);
        }
    }
}
