package dev.bunting.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One naming style for tests across the repository: a test's name is the sentence it proves, in lowercase words joined
 * by underscores ({@code a_stale_version_is_a_conflict_and_changes_nothing}), so reports read as a specification.
 */
class TestNamesTest {

    /** A test annotation, then (past other annotations and modifiers) the method it marks. */
    private static final Pattern TEST_METHOD = Pattern.compile(
            "@(?:Test|ParameterizedTest|RepeatedTest|TestFactory|TestTemplate)\\b[^;]*?\\s(\\w+)\\s*\\(",
            Pattern.DOTALL);

    private static final Pattern SENTENCE = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");

    @Test
    void every_test_is_named_as_a_lowercase_sentence_with_underscores() throws IOException {
        Path root = repositoryRoot();
        List<String> found = new ArrayList<>();
        List<String> misnamed = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(TestNamesTest::isTestSource).toList()) {
                Matcher method = TEST_METHOD.matcher(read(file));
                while (method.find()) {
                    String name = method.group(1);
                    found.add(name);
                    if (!SENTENCE.matcher(name).matches()) {
                        misnamed.add(root.relativize(file) + ": " + name);
                    }
                }
            }
        }

        assertThat(found).as("tests found").hasSizeGreaterThan(1_000);
        assertThat(misnamed).as("tests not named as a lowercase sentence").isEmpty();
    }

    private static boolean isTestSource(Path file) {
        String path = file.toString().replace('\\', '/');
        return path.endsWith(".java") && path.contains("/src/test/java/") && !path.contains("/target/");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

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
