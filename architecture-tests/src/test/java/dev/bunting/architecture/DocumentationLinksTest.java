package dev.bunting.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The front door and the manual behind it: README.md stays short, and every relative link in the repository's Markdown
 * resolves to a file inside the repository (and to a heading there, when it names one), so the project reads whole
 * from a clone.
 */
class DocumentationLinksTest {

    private static final int README_MAX_LINES = 150;
    /** [text](target) outside code; the target stops at whitespace, so a title after it is left out. */
    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)[^)]*\\)");

    private static final Pattern HEADING = Pattern.compile("^#{1,6} (.+)$", Pattern.MULTILINE);
    private static final Set<String> SKIPPED_DIRECTORIES =
            Set.of(".git", "target", ".bunting", "node_modules", ".idea");

    private static Path root;
    private static List<Path> markdown;

    @BeforeAll
    static void findTheMarkdown() throws IOException {
        root = repositoryRoot();
        try (Stream<Path> files = Files.walk(root)) {
            markdown = files.filter(file -> file.toString().endsWith(".md") && noSkippedPart(root.relativize(file)))
                    .toList();
        }
    }

    @Test
    void the_readme_is_a_front_door_not_a_manual() throws IOException {
        assertThat(Files.readAllLines(root.resolve("README.md"))).hasSizeLessThanOrEqualTo(README_MAX_LINES);
    }

    @Test
    void the_manual_has_the_pages_the_readme_sends_newcomers_to() {
        assertThat(markdown)
                .extracting(file -> root.relativize(file).toString().replace('\\', '/'))
                .contains(
                        "README.md",
                        "CONTRIBUTING.md",
                        "docs/configuration.md",
                        "docs/adr/README.md",
                        "docs/spec/bucketing.md");
    }

    @Test
    void every_relative_link_resolves_inside_the_repository() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path file : markdown) {
            for (String target : links(Files.readString(file))) {
                if (target.matches("^[a-z]+:.*")) {
                    continue; // another site, or mail: not this repository's to check
                }
                String problem = problemWith(file, target);
                if (problem != null) {
                    broken.add(root.relativize(file) + ": " + target + " (" + problem + ")");
                }
            }
        }
        assertThat(broken).as("links that do not resolve inside the repository").isEmpty();
    }

    @Test
    void the_check_finds_a_broken_link_and_one_leaving_the_repository() {
        Path readme = root.resolve("README.md");

        assertThat(problemWith(readme, "docs/no-such-page.md")).isEqualTo("no such file");
        assertThat(problemWith(readme, "../shared/spec/bucketing.md")).isEqualTo("outside the repository");
        assertThat(problemWith(readme, "docs/configuration.md#no-such-heading")).isEqualTo("no such heading");
        assertThat(problemWith(readme, "docs/configuration.md")).isNull();
        assertThat(links("see [a](b.md) and `[c](d.md)` and [e](f.md \"title\")"))
                .containsExactly("b.md", "f.md");
    }

    /** Why the link is broken, or null when it resolves. */
    private static String problemWith(Path file, String target) {
        String path = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
        String anchor = target.contains("#") ? target.substring(target.indexOf('#') + 1) : null;
        Path resolved = path.isEmpty() ? file : file.getParent().resolve(path).normalize();
        if (!resolved.startsWith(root)) {
            return "outside the repository";
        }
        if (!Files.exists(resolved)) {
            return "no such file";
        }
        if (anchor != null
                && resolved.toString().endsWith(".md")
                && !anchors(resolved).contains(anchor)) {
            return "no such heading";
        }
        return null;
    }

    /** The link targets of a Markdown text, leaving out code spans and fenced blocks, where brackets are code. */
    private static List<String> links(String text) {
        String prose = text.replaceAll("(?s)```.*?```", "").replaceAll("`[^`\\n]*`", "");
        List<String> targets = new ArrayList<>();
        Matcher matcher = LINK.matcher(prose);
        while (matcher.find()) {
            targets.add(matcher.group(1));
        }
        return targets;
    }

    /** GitHub's anchors: headings lower-cased, punctuation other than hyphens dropped, spaces made hyphens. */
    private static Set<String> anchors(Path file) {
        try {
            String prose = Files.readString(file).replaceAll("(?s)```.*?```", "");
            Set<String> anchors = new HashSet<>();
            Matcher matcher = HEADING.matcher(prose);
            while (matcher.find()) {
                anchors.add(matcher.group(1)
                        .trim()
                        .toLowerCase(Locale.ROOT)
                        .replaceAll("[^\\p{L}\\p{N} _-]", "")
                        .replace(' ', '-'));
            }
            return anchors;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean noSkippedPart(Path relative) {
        for (Path part : relative) {
            if (SKIPPED_DIRECTORIES.contains(part.toString())) {
                return false;
            }
        }
        return true;
    }

    /** The first directory at or above the working directory that holds {@code mvnw}. */
    private static Path repositoryRoot() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.exists(d.resolve("mvnw"))) {
                return d;
            }
        }
        throw new IllegalStateException("no directory holding mvnw at or above " + dir);
    }
}
