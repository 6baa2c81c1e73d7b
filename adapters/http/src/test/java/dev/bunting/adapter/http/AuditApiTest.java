package dev.bunting.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The audit trail over HTTP: GET /audit (and /audit/), GET /audit/flag/{key} and GET /flags/{key}/audit. */
class AuditApiTest {

    private final TestApi api = new TestApi();

    @Test
    void an_entry_shows_who_changed_what_when_and_where_with_the_documents_and_each_changed_field() {
        api.createBooleanFlag("checkout");
        api.toggle("checkout", "staging", true);

        TestApi.Reply reply = api.call("GET", "/audit?limit=1");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).isEqualTo("application/json");
        JsonNode entry = reply.json().path("items").get(0);
        assertThat(entry.path("id").isIntegralNumber()).isTrue();
        assertThat(entry.path("at").asText()).isEqualTo("2026-01-15T10:00:00Z");
        assertThat(entry.path("actor").path("kind").asText()).isEqualTo("user");
        assertThat(entry.path("actor").path("id").asText()).isNotBlank();
        assertThat(entry.path("actor").path("name").asText()).isEqualTo(TestApi.ADMIN_EMAIL);
        assertThat(entry.path("action").asText()).isEqualTo("flag_config.toggled");
        assertThat(entry.path("entity").toString()).isEqualTo("{\"type\":\"flag\",\"id\":\"checkout\"}");
        assertThat(entry.path("environment").asText()).isEqualTo("staging");
        assertThat(entry.path("before").path("version").asInt()).isZero();
        assertThat(entry.path("before").path("config").path("enabled").asBoolean())
                .isFalse();
        assertThat(entry.path("after").path("config").path("enabled").asBoolean())
                .isTrue();
        assertThat(entry.path("diff").toString()).isEqualTo("""
                [{"path":"config.enabled","before":false,"after":true},{"path":"version","before":0,"after":1}]""");
        assertThat(reply.json().path("next_cursor").isTextual()).isTrue();
    }

    @Test
    void recent_activity_is_newest_first_and_the_same_with_a_trailing_slash() {
        api.createBooleanFlag("checkout");
        api.call("POST", "/environments", "{\"key\": \"qa\"}");
        api.call("DELETE", "/flags/checkout");

        TestApi.Reply reply = api.call("GET", "/audit");

        assertThat(actions(reply))
                .containsExactly("flag.deleted", "environment.created", "flag.created", "user.bootstrapped");
        assertThat(reply.json().path("next_cursor").isNull()).isTrue();
        assertThat(api.call("GET", "/audit/").json()).isEqualTo(reply.json());
    }

    @Test
    void a_users_entry_never_carries_the_password_hash() {
        JsonNode bootstrapped = api.call("GET", "/audit?action=user.bootstrapped")
                .json()
                .path("items")
                .get(0);

        assertThat(bootstrapped.path("actor").toString())
                .isEqualTo("{\"kind\":\"system\",\"id\":\"bootstrap\",\"name\":\"bootstrap\"}");
        assertThat(bootstrapped.path("after").properties())
                .extracting(Map.Entry::getKey)
                .containsExactly("id", "email", "role");
        assertThat(bootstrapped.toString()).doesNotContain("argon2");
    }

    @Test
    void a_flags_history_is_the_same_under_both_paths_holds_its_config_changes_and_outlives_the_flag() {
        api.createBooleanFlag("checkout");
        api.createBooleanFlag("other");
        api.toggle("checkout", "production", true);
        api.toggle("other", "production", true);
        api.call("DELETE", "/flags/checkout");

        TestApi.Reply history = api.call("GET", "/flags/checkout/audit");

        assertThat(history.status()).isEqualTo(200);
        assertThat(actions(history)).containsExactly("flag.deleted", "flag_config.toggled", "flag.created");
        assertThat(history.json().path("items").findValuesAsText("type")).containsOnly("flag");
        assertThat(api.call("GET", "/audit/flag/checkout").json()).isEqualTo(history.json());
        assertThat(actions(api.call("GET", "/audit/flag/never-existed"))).isEmpty();
    }

    @Test
    void the_filters_narrow_the_trail_and_combine() {
        api.createBooleanFlag("checkout");
        api.toggle("checkout", "staging", true);
        api.toggle("checkout", "production", true);
        api.call("POST", "/environments", "{\"key\": \"qa\"}");

        assertThat(actions(api.call("GET", "/audit?environment=production"))).containsExactly("flag_config.toggled");
        assertThat(actions(api.call("GET", "/audit?action=flag_config.toggled")))
                .hasSize(2);
        assertThat(actions(api.call("GET", "/audit?actor=" + TestApi.ADMIN_EMAIL)))
                .hasSize(4);
        assertThat(actions(api.call("GET", "/audit?actor=bootstrap"))).containsExactly("user.bootstrapped");
        assertThat(actions(api.call("GET", "/flags/checkout/audit?action=flag_config.toggled&environment=staging")))
                .hasSize(1);
        assertThat(actions(api.call("GET", "/audit?from=2026-01-15T10:00:00Z&to=2026-01-15T10:00:01Z")))
                .hasSize(5);
        assertThat(actions(api.call("GET", "/audit?from=2026-01-15T11:00:00%2B01:00")))
                .hasSize(5);
        assertThat(actions(api.call("GET", "/audit?to=2026-01-15T10:00:00Z"))).isEmpty();
        assertThat(actions(api.call("GET", "/audit?actor=nobody@example.com"))).isEmpty();
    }

    @Test
    void following_next_cursor_walks_the_whole_trail_once_and_keeps_the_filters() {
        api.createBooleanFlag("checkout");
        for (int i = 0; i < 3; i++) {
            api.toggle("checkout", "staging", true);
            api.toggle("checkout", "staging", false);
        }
        List<Long> whole = ids(api.call("GET", "/flags/checkout/audit?limit=200"));

        List<Long> walked = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            TestApi.Reply page =
                    api.call("GET", "/flags/checkout/audit?limit=3" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).isEqualTo(200);
            walked.addAll(ids(page));
            cursor = page.text("next_cursor");
            pages++;
        } while (cursor != null);

        assertThat(whole).hasSize(7).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(walked).isEqualTo(whole);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void the_default_page_holds_fifty_entries() {
        api.createBooleanFlag("checkout");
        for (int i = 0; i < 30; i++) {
            api.toggle("checkout", "staging", true);
            api.toggle("checkout", "staging", false);
        }

        TestApi.Reply first = api.call("GET", "/audit");

        assertThat(ids(first)).hasSize(50);
        assertThat(ids(api.call("GET", "/audit?cursor=" + first.text("next_cursor"))))
                .hasSize(12);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            /audit?limit=0                                   | limit:out_of_range
            /audit?limit=201                                 | limit:out_of_range
            /audit?limit=fifty                               | limit:invalid_type
            /audit?limit=99999999999                         | limit:invalid_type
            /audit?from=yesterday                            | from:invalid_format
            /audit?from=2026-01-15                           | from:invalid_format
            /audit?to=2026-01-15T10:00:00                    | to:invalid_format
            /audit?from=2026-01-15T10:00:00+01:00            | from:invalid_format
            /audit?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z | to:out_of_range
            /audit?cursor=not-a-cursor                       | cursor:invalid_value
            /audit?cursor=                                   | cursor:invalid_value
            /audit?environment=Not%20A%20Key                 | environment:invalid_format
            /audit?action=                                   | action:blank
            /audit?actor=%20                                 | actor:blank
            /flags/Not%20A%20Key/audit                       | key:invalid_format
            /audit/flag/Not%20A%20Key                        | key:invalid_format
            """)
    void a_bad_parameter_is_a_validation_problem_naming_it(String pathAndQuery, String error) {
        TestApi.Reply reply = api.call("GET", pathAndQuery).isProblem(400);

        assertThat(reply.problemType()).isEqualTo("validation");
        assertThat(reply.errors()).containsExactly(error);
    }

    @Test
    void an_overlong_actor_is_a_validation_problem() {
        assertThat(api.call("GET", "/audit?actor=" + "a".repeat(400))
                        .isProblem(400)
                        .errors())
                .containsExactly("actor:too_long");
    }

    @Test
    void no_route_changes_or_deletes_the_trail() {
        api.createBooleanFlag("checkout");
        JsonNode before = api.call("GET", "/audit").json();

        api.call("DELETE", "/audit").isProblem(405);
        api.call("POST", "/audit", "{}").isProblem(405);
        api.call("PUT", "/audit/flag/checkout", "{}").isProblem(405);
        api.call("DELETE", "/flags/checkout/audit").isProblem(405);

        assertThat(api.call("GET", "/audit").json()).isEqualTo(before);
    }

    private static List<String> actions(TestApi.Reply reply) {
        assertThat(reply.status()).as("%s", reply.json()).isEqualTo(200);
        return reply.json().path("items").findValuesAsText("action");
    }

    private static List<Long> ids(TestApi.Reply reply) {
        assertThat(reply.status()).as("%s", reply.json()).isEqualTo(200);
        List<Long> ids = new ArrayList<>();
        reply.json().path("items").forEach(item -> ids.add(item.path("id").asLong()));
        return ids;
    }
}
