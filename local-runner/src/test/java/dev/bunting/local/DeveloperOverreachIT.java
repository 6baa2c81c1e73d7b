package dev.bunting.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bunting.domain.identity.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A developer reaching past the role: changing production (a protected environment), deleting a flag, making
 * themselves admin. Each is a 403 that leaves the store as it was and writes no audit entry, while the same
 * developer's change in staging goes through and is audited, so the counting would see a change.
 */
class DeveloperOverreachIT {

    private static final String PRODUCTION = "/flags/checkout/environments/production";
    private static final String FORBIDDEN = "https://bunting.dev/problems/forbidden";

    private static TestServer server;
    private static TestServer.Account developer;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        server.asAdmin("POST", "/flags", "{\"key\":\"checkout\"}");
        server.asAdmin("POST", PRODUCTION + "/targets", "{\"variant\":\"true\",\"unit\":\"vip\"}");
        server.asAdmin("POST", "/flags", """
                {"key":"banner","kind":"string","variants":[{"key":"red","value":"red"},{"key":"blue","value":"blue"}]}""");
        server.asAdmin("PATCH", "/flags/banner/environments/production/toggle", "{\"enabled\":true}");
        developer = server.account("developer@example.com", Role.DEVELOPER);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            PATCH  | /flags/checkout/environments/production/toggle           | {"enabled":true}
            PATCH  | /flags/checkout/environments/production/rollout          | {"percentage":100}
            POST   | /flags/checkout/environments/production/targets          | {"variant":"true","unit":"intruder"}
            DELETE | /flags/checkout/environments/production/targets/true/vip |
            """)
    void a_developer_changing_production_gets_403_and_the_config_is_untouched(String method, String path, String body) {
        String configBefore = server.send("GET", PRODUCTION, null, developer.token())
                .isSuccess()
                .body();

        refused_without_trace(method, path, body);

        assertThat(server.send("GET", PRODUCTION, null, developer.token()).body())
                .isEqualTo(configBefore);
        // the role was refused, not the request: an admin's identical one goes through
        server.asAdmin(method, path, body);
    }

    @Test
    void a_developer_replacing_the_production_config_gets_403_and_the_config_is_untouched() {
        TestServer.Reply read =
                server.send("GET", PRODUCTION, null, developer.token()).isSuccess();
        String configBefore = read.body();
        ObjectNode replacement = (ObjectNode) read.json();
        replacement.put("enabled", !replacement.path("enabled").asBoolean());

        refused_without_trace("PUT", PRODUCTION, replacement.toString());

        assertThat(server.send("GET", PRODUCTION, null, developer.token()).body())
                .isEqualTo(configBefore);
        // the role was refused, not the request: an admin's identical one goes through
        server.asAdmin("PUT", PRODUCTION, replacement.toString());
    }

    @Test
    void a_developer_changing_a_variant_value_production_serves_gets_403_and_production_serves_the_old_value() {
        String version = server.send("GET", "/flags/banner", null, developer.token())
                .isSuccess()
                .text("version");

        refused_without_trace("PUT", "/flags/banner", """
                {"variants":[{"key":"red","value":"crimson"},{"key":"blue","value":"blue"}],"version":%s}""".formatted(version));

        TestServer.Reply served = server.send(
                        "GET", "/evaluate/banner?environment_key=production&user_id=u1", null, developer.token())
                .isSuccess();
        assertThat(served.text("value")).isEqualTo("red");
    }

    @Test
    void a_developer_renaming_a_flag_production_serves_succeeds() {
        String version = server.send("GET", "/flags/banner", null, developer.token())
                .isSuccess()
                .text("version");

        server.send(
                        "PUT",
                        "/flags/banner",
                        "{\"name\":\"Banner colour\",\"tags\":[\"web\"],\"version\":" + version + "}",
                        developer.token())
                .isSuccess();
    }

    @Test
    void a_developer_deleting_a_flag_gets_403_and_the_flag_stays() {
        refused_without_trace("DELETE", "/flags/checkout", null);

        server.send("GET", "/flags/checkout", null, developer.token()).isSuccess();
    }

    @Test
    void a_developer_making_themselves_admin_gets_403_and_stays_a_developer() {
        refused_without_trace("PUT", "/auth/users/" + developer.id() + "/role", "{\"role\":\"admin\"}");

        assertThat(server.send("GET", "/auth/me", null, developer.token()).text("role"))
                .isEqualTo("developer");
    }

    @Test
    void the_same_developer_changing_staging_succeeds_and_is_audited() {
        long audited = server.auditEntries();

        server.send("PATCH", "/flags/checkout/environments/staging/toggle", "{\"enabled\":true}", developer.token())
                .isSuccess();

        assertThat(server.auditEntries()).isEqualTo(audited + 1);
    }

    private static void refused_without_trace(String method, String path, String body) {
        String store = server.storeContents();
        long audited = server.auditEntries();

        TestServer.Reply reply = server.send(method, path, body, developer.token());

        reply.isProblem(403);
        assertThat(reply.text("type")).isEqualTo(FORBIDDEN);
        assertThat(server.auditEntries())
                .as("audit entries after the refused " + method + " " + path)
                .isEqualTo(audited);
        assertThat(server.storeContents())
                .as("the store after the refused " + method + " " + path)
                .isEqualTo(store);
    }
}
