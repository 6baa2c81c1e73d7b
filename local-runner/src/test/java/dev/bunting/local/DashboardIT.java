package dev.bunting.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bunting.domain.identity.Role;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The dashboard in a real browser against a real runner, PostgreSQL and Redis, used as a person uses it: every element
 * is found by its role and accessible name. Each screen is checked with axe-core and saved under target/screenshots.
 */
class DashboardIT {

    private static TestServer server;
    private static Browser browser;

    @BeforeAll
    static void start() {
        browser = Browser.open();
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void fresh_tab() {
        browser.go(server.baseUrl() + "/");
        browser.script("sessionStorage.clear()");
        browser.go(server.baseUrl() + "/");
        browser.console();
    }

    @AfterEach
    void no_script_was_refused_by_the_policy() {
        assertThat(browser.console()).noneMatch(line -> line.contains("Content Security Policy"));
    }

    @Test
    void the_page_is_sent_with_a_strict_policy_and_works_under_it() throws Exception {
        HttpResponse<String> page = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(server.baseUrl() + "/"))
                                .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(page.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(policy -> assertThat(policy)
                        .contains("default-src 'none'", "script-src 'self' 'sha256-")
                        .doesNotContain("unsafe-inline", "unsafe-eval"));
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
        browser.find("button", "Sign in");
        assertThat(browser.accessibilityViolations()).isEmpty();
        browser.screenshot("sign-in");
    }

    @Test
    void swagger_ui_shows_the_served_document_under_the_same_policy() {
        browser.go(server.baseUrl() + "/docs");

        browser.sees("POST");
        browser.sees("/flags/{key}/environments/{env}");
        browser.screenshot("api-docs");
    }

    @Test
    void the_session_survives_a_reload_and_ends_when_signing_out_or_on_a_401() {
        signInAsAdmin();
        browser.driver().navigate().refresh();
        browser.find("button", "Sign out");

        browser.script("sessionStorage.setItem('bunting.token', 'not-a-token')");
        browser.go(server.baseUrl() + "/#/audit");
        browser.find("button", "Sign in");

        signInAsAdmin();
        browser.click("button", "Sign out");
        browser.find("button", "Sign in");
        browser.driver().navigate().refresh();
        browser.find("button", "Sign in");
    }

    @Test
    void a_person_creates_a_flag_toggles_it_builds_a_rule_sets_a_split_and_sees_it_in_the_playground_and_the_audit() {
        signInAsAdmin();
        browser.click("button", "New flag");
        browser.type("textbox", "Key", "new-checkout");
        browser.type("textbox", "Name", "New checkout");
        browser.type("textbox", "Tags (comma-separated)", "checkout");
        browser.screenshot("create-flag");
        browser.click("button", "Create flag");
        browser.find("link", "New checkout");
        assertThat(browser.accessibilityViolations()).isEmpty();

        browser.click("switch", "new-checkout in staging");
        browser.waitFor(
                () -> browser.visible("switch", "new-checkout in staging").stream()
                        .filter(toggle -> "true".equals(toggle.getDomAttribute("aria-checked")))
                        .findFirst(),
                "the staging switch on");
        browser.screenshot("flags");

        browser.click("link", "New checkout");
        browser.find("heading", "New checkout");
        WebElement staging = browser.find("button", "Save Staging");
        browser.click("button", "Add rule in Staging");
        browser.type("textbox", "Staging rule 1 clause 1: attribute", "country");
        browser.type("textbox", "Staging rule 1 clause 1: values", "de, fr");
        new org.openqa.selenium.support.ui.Select(browser.find("combobox", "Staging rule 1: serve"))
                .selectByVisibleText("Variant true");
        org.openqa.selenium.support.ui.Select fallthrough =
                new org.openqa.selenium.support.ui.Select(browser.find("combobox", "Fallthrough in Staging: serve"));
        fallthrough.selectByVisibleText("A weighted split");
        WebElement weight = browser.find("slider", "Fallthrough in Staging: weight of true");
        for (int i = 0; i < 75; i++) {
            weight.sendKeys(Keys.ARROW_LEFT);
        }
        browser.sees("25 %");
        browser.sees("75 %");
        assertThat(browser.accessibilityViolations()).isEmpty();
        browser.screenshot("flag");
        staging.click();
        browser.sees("Saved Staging.");

        var config = server.asAdmin("GET", "/flags/new-checkout/environments/staging", null)
                .json();
        assertThat(config.path("enabled").asBoolean()).isTrue();
        assertThat(config.at("/rules/0/clauses/0/values").toString()).isEqualTo("[\"de\",\"fr\"]");
        assertThat(config.at("/fallthrough/split").toString()).contains("\"weight\":2500", "\"weight\":7500");

        browser.click("link", "Playground");
        new org.openqa.selenium.support.ui.Select(browser.find("combobox", "Environment"))
                .selectByVisibleText("staging");
        browser.click("button", "Add attribute");
        browser.type("textbox", "Attribute 2 name", "country");
        browser.type("textbox", "Attribute 2 value", "de");
        browser.click("button", "Evaluate");
        browser.sees("TARGETING_MATCH");
        assertThat(browser.accessibilityViolations()).isEmpty();
        browser.screenshot("playground");

        browser.click("link", "Audit log");
        browser.sees("flag_config.");
        browser.sees("→");
        assertThat(browser.accessibilityViolations()).isEmpty();
        browser.screenshot("audit");

        browser.waitFor(
                () -> java.util.Optional.of(
                                server.asAdmin("GET", "/flags/new-checkout/evaluations?environment=staging", null)
                                        .json()
                                        .path("points"))
                        .filter(points -> !points.isEmpty()),
                "the runner to count the playground's evaluation");
        browser.go(server.baseUrl() + "/#/flags/new-checkout");
        new org.openqa.selenium.support.ui.Select(browser.find("combobox", "Evaluations in environment"))
                .selectByVisibleText("staging");
        browser.find("img", "Evaluations of new-checkout in staging per hour and variant");
        browser.sees("evaluations per variant: ■true 1");
        assertThat(browser.accessibilityViolations()).isEmpty();
        browser.screenshot("evaluations");
    }

    @Test
    void a_change_made_through_the_api_appears_without_a_reload() {
        server.asAdmin("POST", "/flags", "{\"key\":\"live-banner\",\"name\":\"Live banner\"}");
        signInAsAdmin();
        browser.find("link", "Live banner");
        browser.waitFor(
                () -> browser.visible("status", "Live updates").stream()
                        .filter(status -> status.getText().equals("Live"))
                        .findFirst(),
                "the live stream open");

        server.asAdmin("PATCH", "/flags/live-banner/environments/development/toggle", "{\"enabled\":true}");

        browser.waitFor(
                () -> browser.visible("switch", "live-banner in development").stream()
                        .filter(toggle -> "true".equals(toggle.getDomAttribute("aria-checked")))
                        .findFirst(),
                "the change to appear");
    }

    @Test
    void a_developer_sees_production_read_only_with_the_reason_and_a_viewer_sees_everything_read_only() {
        server.asAdmin("POST", "/flags", "{\"key\":\"guarded\",\"name\":\"Guarded\"}");
        TestServer.Account developer = server.account("dev@example.com", Role.DEVELOPER);
        TestServer.Account viewer = server.account("viewer@example.com", Role.VIEWER);

        signIn(developer.email());
        WebElement production = browser.find("switch", "guarded in production");
        assertThat(production.isEnabled()).isFalse();
        assertThat(production.getDomAttribute("title")).contains("production is protected");
        assertThat(browser.find("switch", "guarded in staging").isEnabled()).isTrue();
        browser.screenshot("developer-flags");
        browser.click("button", "Sign out");

        signIn(viewer.email());
        assertThat(browser.find("switch", "guarded in staging").isEnabled()).isFalse();
        assertThat(browser.find("button", "New flag").isEnabled()).isFalse();
        assertThat(browser.find("button", "New flag").getDomAttribute("title")).contains("viewers cannot change");
    }

    @Test
    void an_admin_creates_an_environment_and_a_key_whose_secret_is_shown_once() {
        signInAsAdmin();
        browser.click("link", "Environments");
        browser.type("textbox", "New environment key", "qa");
        browser.click("button", "Create environment");
        browser.find("button", "Delete qa");
        assertThat(browser.accessibilityViolations()).isEmpty();
        browser.screenshot("environments");

        browser.click("link", "Keys");
        browser.type("textbox", "Key name", "checkout-service");
        browser.click("button", "Create key");
        browser.find("button", "Copy the secret");
        browser.find("button", "Revoke checkout-service");
        assertThat(browser.accessibilityViolations()).isEmpty();
        browser.screenshot("keys");
    }

    @Test
    void an_experiment_is_created_started_and_read_with_its_forest_plot_and_a_sample_ratio_warning_then_stopped() {
        server.asAdmin("POST", "/flags", "{\"key\":\"checkout-test\",\"name\":\"Checkout test\"}");
        server.asAdmin("PATCH", "/flags/checkout-test/environments/staging/rollout", "{\"percentage\":50}");
        server.asAdmin("PATCH", "/flags/checkout-test/environments/staging/toggle", "{\"enabled\":true}");
        signInAsAdmin();
        browser.click("link", "Experiments");
        browser.type("textbox", "Experiment key", "checkout-lift");
        browser.type("textbox", "Experiment name", "Checkout lift");
        new org.openqa.selenium.support.ui.Select(browser.find("combobox", "Flag"))
                .selectByVisibleText("checkout-test");
        new org.openqa.selenium.support.ui.Select(browser.find("combobox", "Environment"))
                .selectByVisibleText("staging");
        new org.openqa.selenium.support.ui.Select(browser.find("combobox", "Control variant"))
                .selectByVisibleText("false");
        browser.type("textbox", "Metric key", "conversion");
        browser.type("textbox", "Metric event", "purchase");
        browser.click("button", "Create experiment");
        browser.click("link", "Checkout lift");
        browser.click("button", "Start experiment");
        browser.find("button", "Stop experiment");

        simulateTraffic();
        browser.driver().navigate().refresh();
        browser.find("img", "Relative lift of each variant for conversion, with its interval, against zero");
        browser.find("img", "Units first exposed per day and variant in phase 1");
        browser.sees("units per variant: ■false 1000, ■true 800");
        browser.waitFor(
                () -> browser.visible("alert", "").stream()
                        .filter(alert -> alert.getText().startsWith("Sample-ratio mismatch"))
                        .findFirst(),
                "the sample-ratio warning");
        assertThat(browser.accessibilityViolations()).isEmpty();
        browser.screenshot("experiment");

        new org.openqa.selenium.support.ui.Select(browser.find("combobox", "Variant to ship"))
                .selectByVisibleText("true");
        browser.click("button", "Stop experiment");
        browser.sees("Decision: ship true");
    }

    /** 2,000 units exposed half and half, less a fifth of the treatment's reports (a mismatch), and some purchases. */
    private static void simulateTraffic() {
        StringBuilder exposures = new StringBuilder();
        StringBuilder purchases = new StringBuilder();
        int units = 0;
        for (int i = 0; i < 2000; i++) {
            boolean treated = i % 2 == 1;
            if (treated && i % 10 == 1) {
                continue;
            }
            units++;
            String unit = "unit-" + i;
            exposures
                    .append(exposures.isEmpty() ? "" : ",")
                    .append("{\"type\":\"exposure\",\"flag\":\"checkout-test\",\"variant\":\"")
                    .append(treated)
                    .append("\",\"unit\":\"")
                    .append(unit)
                    .append("\"}");
            if (i % (treated ? 7 : 10) == 0) {
                purchases
                        .append(purchases.isEmpty() ? "" : ",")
                        .append("{\"type\":\"track\",\"event\":\"purchase\",\"unit\":\"")
                        .append(unit)
                        .append("\"}");
            }
            if (units % 400 == 0) {
                sendEvents(exposures);
            }
        }
        sendEvents(exposures);
        sendEvents(purchases);
        int expected = units;
        browser.waitFor(
                () -> {
                    var phase = server.asAdmin("GET", "/experiments/checkout-lift/results", null)
                            .json()
                            .path("phases")
                            .path(0);
                    int counted = 0;
                    for (var variant : phase.path("variants")) {
                        counted += variant.path("units").asInt();
                    }
                    return counted == expected ? java.util.Optional.of(phase) : java.util.Optional.empty();
                },
                "the runner to count every exposure");
    }

    private static void sendEvents(StringBuilder events) {
        if (!events.isEmpty()) {
            server.send("POST", "/events", "{\"environment\":\"staging\",\"events\":[" + events + "]}", null)
                    .isSuccess();
            events.setLength(0);
        }
    }

    @Test
    void a_save_after_someone_else_saved_shows_what_they_changed_and_applies_mine_again_when_asked() {
        server.asAdmin("POST", "/flags", "{\"key\":\"contested\",\"name\":\"Contested\"}");
        signInAsAdmin();
        browser.go(server.baseUrl() + "/#/flags/contested");
        browser.type("textbox", "Units served true in Staging", "alice, bob");

        server.asAdmin("PATCH", "/flags/contested/environments/staging/toggle", "{\"enabled\":true}");
        browser.click("button", "Save Staging");
        browser.sees("Someone else saved Staging first");
        browser.sees("They changed: enabled");
        browser.screenshot("conflict");
        browser.click("button", "Apply my changes over theirs");
        browser.sees("Saved Staging.");

        var config = server.asAdmin("GET", "/flags/contested/environments/staging", null)
                .json();
        assertThat(config.at("/targets/0/units").toString()).isEqualTo("[\"alice\",\"bob\"]");
        assertThat(config.path("version").asInt()).isEqualTo(2);
    }

    @Test
    void an_admin_archives_a_flag_after_a_confirmation_naming_each_environment_finds_it_archived_and_restores_it() {
        server.asAdmin("POST", "/flags", "{\"key\":\"old-banner\",\"name\":\"Old banner\"}");
        server.asAdmin("PATCH", "/flags/old-banner/environments/production/toggle", "{\"enabled\":true}");
        signInAsAdmin();
        browser.find("link", "Old banner");

        browser.click("button", "Archive old-banner");
        browser.find("dialog", "Archive old-banner?");
        WebElement consequences = browser.find("list", "What archiving does in each environment");
        browser.waitFor(
                () -> Optional.of(consequences.getText()).filter(text -> text.contains("evaluations in the last day")),
                "the day's evaluation counts in the confirmation");
        assertThat(consequences.getText())
                .contains("Production: on, serving true, 0 evaluations in the last day → stops being evaluated;"
                        + " SDKs get FLAG_NOT_FOUND")
                .contains("Staging: off, serving false, 0 evaluations in the last day → stops being evaluated");
        assertThat(browser.accessibilityViolations()).isEmpty();
        browser.screenshot("archive-flag");
        browser.click("button", "Archive in every environment");

        browser.waitFor(
                () -> Optional.of(browser.visible("link", "Old banner")).filter(List::isEmpty),
                "the archived flag to leave the active list");
        assertThat(server.send(
                                "GET",
                                "/evaluate/old-banner?environment_key=production&user_id=u1",
                                null,
                                server.signIn(TestServer.ADMIN))
                        .isProblem(404)
                        .text("error_code"))
                .isEqualTo("FLAG_NOT_FOUND");

        new org.openqa.selenium.support.ui.Select(browser.find("combobox", "Lifecycle"))
                .selectByVisibleText("Archived");
        browser.find("link", "Old banner");
        browser.sees("evaluated nowhere");
        assertThat(browser.accessibilityViolations()).isEmpty();
        browser.screenshot("archived-flags");

        browser.click("link", "Old banner");
        browser.find("heading", "Old banner");
        browser.sees("no environment evaluates this flag");
        assertThat(browser.find("switch", "old-banner on in production").isEnabled())
                .isFalse();
        browser.click("button", "Restore flag");
        browser.find("dialog", "Restore old-banner?");
        browser.click("button", "Restore in every environment");
        browser.waitFor(
                () -> browser.visible("button", "Archive flag").stream().findFirst(),
                "the flag page to show it active");
        assertThat(browser.find("switch", "old-banner on in production").isEnabled())
                .isTrue();

        assertThat(server.asAdmin("GET", "/evaluate/old-banner?environment_key=production&user_id=u1", null)
                        .json()
                        .path("value")
                        .asBoolean())
                .isTrue();
        var trail = server.asAdmin("GET", "/flags/old-banner/audit", null).json();
        assertThat(trail.toString()).contains("flag.archived", "flag.restored", "archived_at");
    }

    /**
     * The rules editor reorders by HTML5 drag and drop, which WebDriver's Actions cannot drive in Chromium (the browser
     * starts no drag session for synthetic pointer moves), so the drag is dispatched as the browser would: dragstart on
     * the dragged rule, dragover and drop on the target, sharing one DataTransfer. What is dropped is then saved.
     */
    @Test
    void dragging_a_rule_onto_the_one_above_reorders_them_and_the_order_is_saved() {
        server.asAdmin("POST", "/flags", "{\"key\":\"ordered\",\"name\":\"Ordered\"}");
        signInAsAdmin();
        browser.go(server.baseUrl() + "/#/flags/ordered");
        browser.click("button", "Add rule in Staging");
        browser.click("button", "Add rule in Staging");
        browser.type("textbox", "Staging rule 1 clause 1: attribute", "first");
        browser.type("textbox", "Staging rule 1 clause 1: values", "a");
        browser.type("textbox", "Staging rule 2 clause 1: attribute", "second");
        browser.type("textbox", "Staging rule 2 clause 1: values", "b");
        WebElement upper = rule("Staging rule 1 clause 1: attribute");
        WebElement lower = rule("Staging rule 2 clause 1: attribute");

        browser.script("""
                const [dragged, target] = arguments;
                const data = new DataTransfer();
                dragged.dispatchEvent(new DragEvent('dragstart', {bubbles: true, cancelable: true, dataTransfer: data}));
                target.dispatchEvent(new DragEvent('dragover', {bubbles: true, cancelable: true, dataTransfer: data}));
                target.dispatchEvent(new DragEvent('drop', {bubbles: true, cancelable: true, dataTransfer: data}));
                dragged.dispatchEvent(new DragEvent('dragend', {bubbles: true, dataTransfer: data}));""", lower, upper);

        browser.waitFor(
                () -> Optional.of(browser.find("textbox", "Staging rule 1 clause 1: attribute"))
                        .filter(field -> "second".equals(field.getDomProperty("value"))),
                "the dragged rule to come first");
        assertThat(browser.find("textbox", "Staging rule 2 clause 1: attribute").getDomProperty("value"))
                .isEqualTo("first");
        // the values field keeps its typed text, so it must move with its rule, not stay at its position
        assertThat(browser.find("textbox", "Staging rule 1 clause 1: values").getDomProperty("value"))
                .isEqualTo("b");
        assertThat(browser.find("textbox", "Staging rule 2 clause 1: values").getDomProperty("value"))
                .isEqualTo("a");
        browser.click("button", "Save Staging");
        browser.sees("Saved Staging.");
        var rules = server.asAdmin("GET", "/flags/ordered/environments/staging", null)
                .json()
                .path("rules");
        assertThat(rules.at("/0/clauses/0/attribute").asText()).isEqualTo("second");
        assertThat(rules.at("/0/clauses/0/values").toString()).isEqualTo("[\"b\"]");
        assertThat(rules.at("/1/clauses/0/attribute").asText()).isEqualTo("first");
    }

    /** The draggable rule holding the field with this accessible name. */
    private static WebElement rule(String fieldName) {
        return browser.find("textbox", fieldName)
                .findElement(org.openqa.selenium.By.xpath("ancestor::li[contains(@class, 'rule')]"));
    }

    @Test
    void slash_focuses_the_search_and_dark_mode_follows_the_system_and_passes_axe() {
        server.asAdmin("POST", "/flags", "{\"key\":\"night-theme\",\"name\":\"Night theme\",\"tags\":[\"ui\"]}");
        signInAsAdmin();
        browser.find("link", "Night theme");

        browser.driver().switchTo().activeElement().sendKeys("/");
        assertThat(browser.driver().switchTo().activeElement().getAccessibleName())
                .isEqualTo("Search flags");
        browser.driver().switchTo().activeElement().sendKeys("night");
        browser.sees("(1 flags)");

        browser.driver()
                .executeCdpCommand(
                        "Emulation.setEmulatedMedia",
                        java.util.Map.of(
                                "features",
                                java.util.List.of(java.util.Map.of("name", "prefers-color-scheme", "value", "dark"))));
        assertThat(browser.script("return getComputedStyle(document.body).backgroundColor"))
                .isEqualTo("rgb(13, 17, 23)");
        assertThat(browser.accessibilityViolations()).isEmpty();
        browser.screenshot("flags-dark");
        browser.driver()
                .executeCdpCommand("Emulation.setEmulatedMedia", java.util.Map.of("features", java.util.List.of()));
    }

    private void signInAsAdmin() {
        signIn(TestServer.ADMIN);
    }

    private void signIn(String email) {
        browser.type("textbox", "Email", email);
        browser.type("textbox", "Password", TestServer.PASSWORD);
        browser.click("button", "Sign in");
        browser.find("button", "Sign out");
    }
}
