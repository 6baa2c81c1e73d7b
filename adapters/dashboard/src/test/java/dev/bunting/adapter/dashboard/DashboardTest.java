package dev.bunting.adapter.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The pages and files a browser gets, how long it may keep them, and the policy they run under. */
class DashboardTest {

    private final Dashboard dashboard = new Dashboard();

    @Test
    void the_page_is_never_cached_and_names_its_files_by_the_version() {
        StaticFile page = dashboard.serve("/").orElseThrow();
        String html = new String(page.body(), StandardCharsets.UTF_8);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.headers())
                .containsEntry("Content-Type", "text/html; charset=utf-8")
                .containsEntry("Cache-Control", "no-store");
        assertThat(html)
                .contains("/ui/" + dashboard.version() + "/app.js")
                .contains("/ui/" + dashboard.version() + "/preact.js");
    }

    @Test
    void every_file_the_page_names_is_served_for_a_year_with_its_media_type() {
        String html = new String(dashboard.serve("/").orElseThrow().body(), StandardCharsets.UTF_8);
        Matcher paths = Pattern.compile("/ui/[0-9a-f]+/[a-z.-]+").matcher(html);

        List<String> named = paths.results().map(match -> match.group()).toList();

        assertThat(named).hasSizeGreaterThan(4);
        for (String path : named) {
            StaticFile file = dashboard.serve(path).orElseThrow();
            assertThat(file.headers()).containsEntry("Cache-Control", "public, max-age=31536000, immutable");
            assertThat(file.headers().get("Content-Type")).matches("text/(javascript|css); charset=utf-8");
            assertThat(file.body()).isNotEmpty();
        }
    }

    @Test
    void the_policy_admits_only_scripts_from_the_origin_and_the_import_map_by_its_hash() throws Exception {
        StaticFile page = dashboard.serve("/").orElseThrow();
        String html = new String(page.body(), StandardCharsets.UTF_8);
        String importMap = html.substring(
                html.indexOf("<script type=\"importmap\">") + "<script type=\"importmap\">".length(),
                html.indexOf("</script>"));
        String hash = Base64.getEncoder()
                .encodeToString(
                        MessageDigest.getInstance("SHA-256").digest(importMap.getBytes(StandardCharsets.UTF_8)));

        String policy = page.headers().get("Content-Security-Policy");

        assertThat(policy)
                .contains("default-src 'none'")
                .contains("script-src 'self' 'sha256-" + hash + "'")
                .contains("style-src 'self'")
                .contains("connect-src 'self'")
                .contains("frame-ancestors 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval", "http:", "https:");
        assertThat(html.split("<script").length - 1)
                .as("one inline script, the import map; the rest load from files")
                .isEqualTo(2);
    }

    @Test
    void swagger_ui_is_served_at_docs_under_the_same_policy_over_the_served_document() {
        StaticFile docs = dashboard.serve("/docs").orElseThrow();
        String html = new String(docs.body(), StandardCharsets.UTF_8);

        assertThat(docs.headers()).containsEntry("Cache-Control", "no-store");
        assertThat(docs.headers().get("Content-Security-Policy"))
                .isEqualTo(dashboard.serve("/").orElseThrow().headers().get("Content-Security-Policy"));
        assertThat(html).contains("swagger-ui-bundle.js", "docs.js").doesNotContain("<script>");
        assertThat(new String(
                        dashboard
                                .serve("/ui/" + dashboard.version() + "/docs.js")
                                .orElseThrow()
                                .body(),
                        StandardCharsets.UTF_8))
                .contains("'/openapi.json'");
    }

    @Test
    void another_version_an_unknown_name_or_another_path_is_nothing() {
        assertThat(dashboard.serve("/ui/0000000000000000/app.js")).isEmpty();
        assertThat(dashboard.serve("/ui/" + dashboard.version() + "/secret.properties"))
                .isEmpty();
        assertThat(dashboard.serve("/ui/" + dashboard.version() + "/../libraries.properties"))
                .isEmpty();
        assertThat(dashboard.serve("/flags")).isEmpty();
    }

    @Test
    void every_file_of_the_dashboard_is_listed_so_none_is_left_unserved() throws IOException, URISyntaxException {
        Path own = Path.of(
                DashboardTest.class.getClassLoader().getResource(Assets.OWN).toURI());
        try (Stream<Path> files = Files.list(own)) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .containsExactlyInAnyOrderElementsOf(Assets.OWN_FILES);
        }
    }

    @Test
    void a_file_of_a_kind_the_dashboard_does_not_serve_is_refused_when_read() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Asset.read("notes.txt", Assets.OWN + "app.js"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(".txt");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Asset.read("gone.js", Assets.OWN + "gone.js"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("missing");
    }
}
