package dev.bunting.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bunting.adapter.memory.Bucket4jRateLimiter;
import dev.bunting.domain.audit.Actor;
import dev.bunting.domain.audit.AuditEntry;
import dev.bunting.domain.key.AccessKey;
import dev.bunting.domain.key.KeySecret;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** API keys and SDK keys: shown once, stored as digests, listed, revoked, and accepted as X-API-Key or bearer. */
class KeyApiTest {

    private static final String PASSWORD = "wobbly lanterns ferry sixty owls";

    private final TestApi api = new TestApi();

    @Test
    void a_new_key_is_shown_once_and_stored_only_as_prefix_and_digest() {
        TestApi.Reply created =
                api.call("POST", "/keys", "{\"name\":\"deploy bot\",\"kind\":\"api\",\"role\":\"developer\"}");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Cache-Control")).isEqualTo("no-store");
        String secret = created.text("key");
        assertThat(secret).startsWith("bnt_api_").hasSize("bnt_api_".length() + KeySecret.RANDOM_LENGTH);
        assertThat(secret).startsWith(created.text("prefix"));
        assertThat(created.text("role")).isEqualTo("developer");

        TestApi.Reply listed = api.call("GET", "/keys");
        assertThat(listed.json().path("items")).hasSize(1);
        assertThat(listed.json().path("items").get(0).path("prefix").asText()).isEqualTo(created.text("prefix"));
        assertThat(new String(listed.body(), StandardCharsets.UTF_8))
                .doesNotContain(secret.substring(created.text("prefix").length()));

        List<AccessKey> stored = api.store.inTransaction(r -> r.keys().list());
        assertThat(stored).singleElement().satisfies(key -> {
            assertThat(key.digest()).isEqualTo(new KeySecret(secret).digest()).isNotEqualTo(secret);
            assertThat(key.prefix()).isEqualTo(created.text("prefix"));
        });
        assertThat(api.store.auditTrail().getLast().action()).isEqualTo("key.created");
    }

    @Test
    void an_api_key_acts_with_its_role_through_either_header_and_is_named_in_the_audit_trail() {
        String secret = apiKey("ci", "developer");

        TestApi.Reply viaHeader = api.call("POST", "/flags", "{\"key\":\"from-ci\"}", Map.of("X-API-Key", secret));
        TestApi.Reply viaBearer = api.call("POST", "/flags", "{\"key\":\"from-ci-too\"}", "Bearer " + secret);

        assertThat(viaHeader.status()).isEqualTo(201);
        assertThat(viaBearer.status()).isEqualTo(201);
        AuditEntry entry = api.store.auditTrail().getLast();
        assertThat(entry.actor().kind()).isEqualTo(Actor.Kind.API_KEY);
        assertThat(entry.actor().name()).isEqualTo("ci");
        assertThat(api.call("GET", "/auth/me", null, Map.of("X-API-Key", secret))
                        .text("role"))
                .isEqualTo("developer");

        var before = api.snapshot();
        api.call("PATCH", "/flags/from-ci/environments/production/toggle", null, Map.of("X-API-Key", secret))
                .isProblem(403);
        api.call("DELETE", "/flags/from-ci", null, Map.of("X-API-Key", secret)).isProblem(403);
        api.call(
                        "POST",
                        "/keys",
                        "{\"name\":\"escalate\",\"kind\":\"api\",\"role\":\"admin\"}",
                        Map.of("X-API-Key", secret))
                .isProblem(403);
        assertThat(api.snapshot()).isEqualTo(before);
    }

    @Test
    void an_api_key_cannot_sign_out_or_change_a_password_because_it_is_not_a_user() {
        String secret = apiKey("ci", "admin");

        api.call("POST", "/auth/logout", null, Map.of("X-API-Key", secret)).isProblem(403);
        api.call(
                        "PUT",
                        "/auth/me/password",
                        "{\"current_password\":\"x\",\"new_password\":\"" + PASSWORD + "\"}",
                        Map.of("X-API-Key", secret))
                .isProblem(403);
    }

    @Test
    void a_revoked_key_stops_working_at_once_and_stays_listed() {
        String secret = apiKey("old", "viewer");
        String id =
                api.call("GET", "/keys").json().path("items").get(0).path("id").asText();
        assertThat(api.call("GET", "/flags", null, Map.of("X-API-Key", secret)).status())
                .isEqualTo(200);

        TestApi.Reply revoked = api.call("DELETE", "/keys/" + id);

        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.text("revoked_at")).isNotNull();
        api.call("GET", "/flags", null, Map.of("X-API-Key", secret)).isProblem(401);
        api.call("DELETE", "/keys/" + id).isProblem(409);
        api.call("DELETE", "/keys/nosuchkey").isProblem(404);
        assertThat(api.call("GET", "/keys")
                        .json()
                        .path("items")
                        .get(0)
                        .path("revoked_at")
                        .isNull())
                .isFalse();
        assertThat(api.store.auditTrail().getLast().action()).isEqualTo("key.revoked");
    }

    @Test
    void an_sdk_key_evaluates_in_its_environment_only_and_never_manages() {
        api.createBooleanFlag("checkout");
        String secret = sdkKey("web", "production");
        assertThat(secret).startsWith("bnt_sdk_");
        String evaluation = "/evaluate/checkout?environment_key=production&user_id=alice";

        api.callAnonymously("GET", evaluation, null).isProblem(401);
        assertThat(api.call("GET", evaluation, null, Map.of("X-API-Key", secret))
                        .status())
                .isEqualTo(200);
        assertThat(api.call("GET", evaluation, null, "Bearer " + secret).status())
                .isEqualTo(200);
        assertThat(api.call(
                                "POST",
                                "/evaluate",
                                "{\"environment\":\"production\",\"context\":{\"targeting_key\":\"a\"}}",
                                Map.of("X-API-Key", secret))
                        .status())
                .isEqualTo(200);
        api.call("GET", "/evaluate/checkout?environment_key=staging&user_id=alice", null, Map.of("X-API-Key", secret))
                .isProblem(403);

        api.call("GET", "/flags", null, Map.of("X-API-Key", secret)).isProblem(403);
        api.call("POST", "/flags", "{\"key\":\"sneaky\"}", "Bearer " + secret).isProblem(403);
        api.call("GET", "/keys", null, Map.of("X-API-Key", secret)).isProblem(403);
        assertThat(api.call("GET", "/flags/sneaky").status()).isEqualTo(404);
    }

    @Test
    void a_client_key_evaluates_over_rest_and_ofrep_and_is_refused_the_flag_set_with_its_rules() {
        api.createBooleanFlag("checkout");
        TestApi.Reply created =
                api.call("POST", "/keys", "{\"name\":\"browser\",\"kind\":\"client\",\"environment\":\"production\"}");
        assertThat(created.status()).as(String.valueOf(created.json())).isEqualTo(201);
        assertThat(created.text("kind")).isEqualTo("client");
        assertThat(created.text("environment")).isEqualTo("production");
        String secret = created.text("key");
        assertThat(secret).startsWith("bnt_client_");
        assertThat(api.call("GET", "/keys").json().path("items").findValuesAsText("kind"))
                .contains("client");

        assertThat(api.call(
                                "GET",
                                "/evaluate/checkout?environment_key=production&user_id=alice",
                                null,
                                Map.of("X-API-Key", secret))
                        .status())
                .isEqualTo(200);
        assertThat(api.call(
                                "POST",
                                "/evaluate",
                                "{\"environment\":\"production\",\"context\":{\"targeting_key\":\"a\"}}",
                                Map.of("X-API-Key", secret))
                        .status())
                .isEqualTo(200);
        assertThat(api.call(
                                "POST",
                                "/ofrep/v1/evaluate/flags/checkout",
                                "{\"context\":{\"targetingKey\":\"a\"}}",
                                Map.of("X-API-Key", secret))
                        .status())
                .isEqualTo(200);
        assertThat(api.call(
                                "POST",
                                "/ofrep/v1/evaluate/flags",
                                "{\"context\":{\"targetingKey\":\"a\"}}",
                                Map.of("X-API-Key", secret))
                        .status())
                .isEqualTo(200);

        TestApi.Reply refused =
                api.call("GET", "/sdk/flags", null, Map.of("X-API-Key", secret)).isProblem(403);
        assertThat(new String(refused.body(), StandardCharsets.UTF_8)).doesNotContain("checkout");
        api.call("GET", "/sdk/flags?environment=production", null, "Bearer " + secret)
                .isProblem(403);
        api.call("GET", "/flags", null, Map.of("X-API-Key", secret)).isProblem(403);
    }

    @Test
    void a_key_in_x_sdk_key_counts_as_in_x_api_key_and_an_sdk_key_names_the_environment_of_every_evaluation_route() {
        api.createBooleanFlag("checkout");
        api.toggle("checkout", "production", true);
        Map<String, String> sdk = Map.of("X-SDK-Key", sdkKey("web", "production"));
        String context = "{\"context\":{\"targeting_key\":\"alice\"}}";

        assertThat(api.call("GET", "/evaluate/checkout?user_id=alice", null, sdk)
                        .json()
                        .path("enabled")
                        .asBoolean())
                .isTrue();
        assertThat(api.call("POST", "/evaluate/checkout", context, sdk)
                        .json()
                        .path("enabled")
                        .asBoolean())
                .isTrue();
        assertThat(api.call("POST", "/evaluate", context, sdk).text("environment"))
                .isEqualTo("production");
        assertThat(api.call(
                                "POST",
                                "/ofrep/v1/evaluate/flags/checkout",
                                "{\"context\":{\"targetingKey\":\"alice\"}}",
                                sdk)
                        .json()
                        .path("value")
                        .asBoolean())
                .isTrue();
        assertThat(api.call("GET", "/sdk/flags", null, sdk).text("environment")).isEqualTo("production");
        api.call("GET", "/flags", null, sdk).isProblem(403);
        assertThat(api.call("GET", "/flags", null, Map.of("X-SDK-Key", apiKey("ci", "viewer")))
                        .status())
                .isEqualTo(200);

        String unknown = "bnt_sdk_" + "A".repeat(KeySecret.RANDOM_LENGTH);
        api.call("GET", "/evaluate/checkout?environment_key=staging&user_id=alice", null, Map.of("X-SDK-Key", unknown))
                .isProblem(401);
        assertThat(api.callAnonymously("POST", "/evaluate/checkout", context)
                        .isProblem(400)
                        .errors())
                .containsExactly("environment:required");
    }

    @Test
    void evaluation_is_public_in_development_and_staging_until_an_admin_closes_it() {
        api.createBooleanFlag("checkout");
        String evaluation = "/evaluate/checkout?environment_key=development&user_id=alice";
        assertThat(api.callAnonymously("GET", evaluation, null).status()).isEqualTo(200);

        TestApi.Reply closed = api.call("PATCH", "/environments/development", "{\"public_evaluation\":false}");

        assertThat(closed.status()).isEqualTo(200);
        assertThat(closed.json().path("public_evaluation").asBoolean()).isFalse();
        TestApi.Reply refused = api.callAnonymously("GET", evaluation, null).isProblem(401);
        assertThat(refused.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(api.call("GET", evaluation, null, Map.of("X-API-Key", sdkKey("dev", "development")))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void wrong_or_malformed_keys_are_401_even_where_evaluation_is_public() {
        api.createBooleanFlag("checkout");
        String evaluation = "/evaluate/checkout?environment_key=development&user_id=alice";
        String unknown = "bnt_sdk_" + "A".repeat(KeySecret.RANDOM_LENGTH);

        api.call("GET", evaluation, null, Map.of("X-API-Key", unknown)).isProblem(401);
        api.call("GET", evaluation, null, Map.of("X-API-Key", "bnt_sdk_short")).isProblem(401);
        api.call("GET", "/flags", null, Map.of("X-API-Key", unknown)).isProblem(401);
        api.call("GET", evaluation, null, "Bearer not-a-token").isProblem(401);
    }

    @Test
    void only_admins_manage_keys_and_bad_requests_change_nothing() {
        String viewer = signedUp("viewer@example.com");
        int auditEntries = api.store.auditTrail().size();

        api.call("POST", "/keys", "{\"name\":\"x\",\"kind\":\"api\",\"role\":\"viewer\"}", viewer)
                .isProblem(403);
        api.call("GET", "/keys", null, viewer).isProblem(403);
        assertThat(api.call("POST", "/keys", "{\"name\":\"x\"}").isProblem(400).errors())
                .containsExactly("kind:required");
        assertThat(api.call("POST", "/keys", "{\"name\":\"x\",\"kind\":\"root\"}")
                        .isProblem(400)
                        .errors())
                .containsExactly("kind:invalid_value");
        assertThat(api.call("POST", "/keys", "{\"name\":\"x\",\"kind\":\"api\",\"role\":\"owner\"}")
                        .isProblem(400)
                        .errors())
                .containsExactly("role:invalid_value");
        assertThat(api.call("POST", "/keys", "{\"name\":\"x\",\"kind\":\"sdk\"}")
                        .isProblem(400)
                        .errors())
                .containsExactly("environment:required");
        assertThat(api.call(
                                "POST",
                                "/keys",
                                "{\"name\":\"x\",\"kind\":\"sdk\",\"environment\":\"production\",\"role\":\"admin\"}")
                        .isProblem(400)
                        .errors())
                .containsExactly("role:not_allowed");
        assertThat(api.call("POST", "/keys", "{\"kind\":\"api\",\"role\":\"viewer\"}")
                        .isProblem(400)
                        .errors())
                .containsExactly("name:required");
        api.call("POST", "/keys", "{\"name\":\"x\",\"kind\":\"sdk\",\"environment\":\"moon\"}")
                .isProblem(404);
        api.call("POST", "/keys", "{\"name\":\"x\",\"kind\":\"api\",\"role\":\"viewer\",\"extra\":1}")
                .isProblem(400);

        assertThat(api.call("GET", "/keys").json().path("items")).isEmpty();
        assertThat(api.store.auditTrail()).hasSize(auditEntries);
    }

    @Test
    void a_key_records_when_it_was_last_used() {
        String secret = apiKey("reader", "viewer");
        assertThat(api.call("GET", "/keys")
                        .json()
                        .path("items")
                        .get(0)
                        .path("last_used_at")
                        .isNull())
                .isTrue();

        api.call("GET", "/flags", null, Map.of("X-API-Key", secret));

        JsonNode key = api.call("GET", "/keys").json().path("items").get(0);
        assertThat(key.path("last_used_at").asText()).isEqualTo(TestApi.NOW.toString());
    }

    @Test
    void over_its_rate_a_key_gets_429_with_retry_after_on_every_evaluation_route() {
        TestApi limited = new TestApi(clock -> new Bucket4jRateLimiter(clock, 2, 3));
        limited.createBooleanFlag("checkout");
        String sdk = limited.call("POST", "/keys", "{\"name\":\"web\",\"kind\":\"sdk\",\"environment\":\"production\"}")
                .text("key");
        String other = limited.call(
                        "POST", "/keys", "{\"name\":\"app\",\"kind\":\"sdk\",\"environment\":\"production\"}")
                .text("key");
        String evaluation = "/evaluate/checkout?environment_key=production&user_id=alice";

        for (int i = 0; i < 3; i++) {
            assertThat(limited.call("GET", evaluation, null, Map.of("X-API-Key", sdk))
                            .status())
                    .as("request %d of the burst", i)
                    .isEqualTo(200);
        }
        TestApi.Reply refused =
                limited.call("GET", evaluation, null, Map.of("X-API-Key", sdk)).isProblem(429);

        assertThat(refused.header("Retry-After")).isEqualTo("1");
        limited.call(
                        "POST",
                        "/ofrep/v1/evaluate/flags",
                        "{\"context\":{\"targetingKey\":\"a\"}}",
                        Map.of("X-API-Key", sdk))
                .isProblem(429);
        assertThat(limited.call("GET", evaluation, null, Map.of("X-API-Key", other))
                        .status())
                .as("another key has its own rate")
                .isEqualTo(200);
        assertThat(limited.callAnonymously("GET", "/evaluate/checkout?environment_key=staging&user_id=alice", null)
                        .status())
                .as("anonymous evaluation in a public environment is not a key's")
                .isEqualTo(200);
    }

    private String apiKey(String name, String role) {
        TestApi.Reply created =
                api.call("POST", "/keys", "{\"name\":\"" + name + "\",\"kind\":\"api\",\"role\":\"" + role + "\"}");
        assertThat(created.status()).as(String.valueOf(created.json())).isEqualTo(201);
        return created.text("key");
    }

    private String sdkKey(String name, String environment) {
        TestApi.Reply created = api.call(
                "POST",
                "/keys",
                "{\"name\":\"" + name + "\",\"kind\":\"sdk\",\"environment\":\"" + environment + "\"}");
        assertThat(created.status()).as(String.valueOf(created.json())).isEqualTo(201);
        return created.text("key");
    }

    private String signedUp(String email) {
        api.callAnonymously(
                "POST", "/auth/register", "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}");
        return "Bearer "
                + api.callAnonymously(
                                "POST",
                                "/auth/login",
                                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}")
                        .text("access_token");
    }
}
