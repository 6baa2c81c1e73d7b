package dev.bunting.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Environments over HTTP: POST, GET (list and one) and DELETE /environments. */
class EnvironmentApiTest {

    private final TestApi api = new TestApi();

    private List<String> environmentKeys() {
        return api.call("GET", "/environments").json().path("items").findValuesAsText("key");
    }

    @Test
    void every_installation_starts_with_development_staging_and_a_protected_production() {
        TestApi.Reply reply = api.call("GET", "/environments");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().toString()).isEqualTo("""
                {"items":[{"key":"development","name":"Development","protected":false,"public_evaluation":true,"created_at":"2026-01-15T10:00:00Z"},\
                {"key":"production","name":"Production","protected":true,"public_evaluation":false,"created_at":"2026-01-15T10:00:00Z"},\
                {"key":"staging","name":"Staging","protected":false,"public_evaluation":true,"created_at":"2026-01-15T10:00:00Z"}]}""");
    }

    @Test
    void creating_an_environment_returns_it_and_lists_it() {
        TestApi.Reply reply = api.call(
                "POST", "/environments", "{\"key\": \"qa\", \"name\": \"Quality assurance\", \"protected\": true}");

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.json().toString())
                .isEqualTo(
                        "{\"key\":\"qa\",\"name\":\"Quality assurance\",\"protected\":true,\"public_evaluation\":false,\"created_at\":\"2026-01-15T10:00:00Z\"}");
        assertThat(environmentKeys()).containsExactly("development", "production", "qa", "staging");
        assertThat(api.call("GET", "/environments/qa").json()).isEqualTo(reply.json());
    }

    @Test
    void the_name_defaults_to_the_key_and_protection_to_off() {
        JsonNode environment =
                api.call("POST", "/environments", "{\"key\": \"preview\"}").json();

        assertThat(environment.path("name").asText()).isEqualTo("preview");
        assertThat(environment.path("protected").asBoolean()).isFalse();
    }

    @Test
    void a_duplicate_key_is_a_conflict() {
        TestApi.Reply reply = api.call("POST", "/environments", "{\"key\": \"staging\", \"name\": \"Another\"}")
                .isProblem(409);

        assertThat(reply.problemType()).isEqualTo("already-exists");
        assertThat(api.call("GET", "/environments/staging").text("name")).isEqualTo("Staging");
    }

    @Test
    void an_invalid_key_is_a_validation_problem() {
        assertThat(api.call("POST", "/environments", "{\"key\": \"Has Spaces\"}")
                        .isProblem(400)
                        .errors())
                .containsExactly("key:invalid_format");
        assertThat(api.call("POST", "/environments", "{\"name\": \"keyless\"}")
                        .isProblem(400)
                        .errors())
                .containsExactly("key:required");
    }

    @Test
    void existing_flags_start_off_in_a_new_environment() {
        api.createBooleanFlag("checkout");
        api.toggle("checkout", "production", true);

        api.call("POST", "/environments", "{\"key\": \"qa\"}");

        JsonNode config = api.config("checkout", "qa");
        assertThat(config.path("enabled").asBoolean()).isFalse();
        assertThat(config.path("version").asLong()).isZero();
        assertThat(api.call("GET", "/flags/checkout")
                        .json()
                        .path("environments")
                        .has("qa"))
                .isTrue();
    }

    @Test
    void an_unknown_environment_is_not_found() {
        TestApi.Reply reply = api.call("GET", "/environments/moon").isProblem(404);

        assertThat(reply.json().path("detail").asText()).isEqualTo("environment 'moon' does not exist");
        api.call("DELETE", "/environments/moon").isProblem(404);
    }

    @Test
    void deleting_an_environment_removes_it_and_its_configs() {
        api.createBooleanFlag("checkout");
        api.toggle("checkout", "staging", true);

        TestApi.Reply reply = api.call("DELETE", "/environments/staging");

        assertThat(reply.status()).isEqualTo(204);
        assertThat(environmentKeys()).containsExactly("development", "production");
        api.call("GET", "/environments/staging").isProblem(404);
        api.call("GET", "/flags/checkout/environments/staging").isProblem(404);
        api.call("GET", "/evaluate/checkout?environment_key=staging&user_id=u").isProblem(404);

        api.call("POST", "/environments", "{\"key\": \"staging\"}");
        assertThat(api.config("checkout", "staging").path("enabled").asBoolean())
                .as("a recreated environment starts fresh")
                .isFalse();
    }

    @Test
    void deleting_production_is_refused_because_it_is_protected() {
        TestApi.Reply reply = api.call("DELETE", "/environments/production").isProblem(409);

        assertThat(reply.problemType()).isEqualTo("refused");
        assertThat(reply.json().path("detail").asText()).contains("protected");
        assertThat(environmentKeys()).contains("production");
    }
}
