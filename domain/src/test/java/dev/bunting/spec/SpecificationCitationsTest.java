package dev.bunting.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * The citations in this module's tests: there are some, so {@link Specification} cannot fall out of use unnoticed, and
 * those of the bucketing specification, the one kept in this repository, quote it word for word.
 */
class SpecificationCitationsTest {

    private static final List<Specification> CITATIONS =
            ReflectionSupport.findAllClassesInPackage("dev.bunting", type -> true, name -> true).stream()
                    .flatMap(type -> Arrays.stream(type.getDeclaredMethods()))
                    .flatMap(SpecificationCitationsTest::citations)
                    .toList();

    @Test
    void the_evaluators_tests_cite_the_bucketing_and_open_feature_specifications() {
        assertThat(CITATIONS).extracting(Specification::spec).contains(Spec.BUCKETING, Spec.OPENFEATURE);
        assertThat(CITATIONS).allSatisfy(citation -> {
            assertThat(citation.clause()).isNotBlank();
            assertThat(citation.text()).isNotBlank();
        });
    }

    @Test
    void every_bucketing_citation_quotes_docs_spec_bucketing_md() throws IOException {
        String spec = oneLine(Files.readString(repositoryRoot().resolve("docs/spec/bucketing.md")));

        assertThat(CITATIONS)
                .filteredOn(citation -> citation.spec() == Spec.BUCKETING)
                .isNotEmpty()
                .allSatisfy(citation -> assertThat(spec).contains(oneLine(citation.text())));
    }

    private static Stream<Specification> citations(Method method) {
        return Arrays.stream(method.getAnnotationsByType(Specification.class));
    }

    /** The text with every run of white space made one space, as a quote that wrapped differently still matches. */
    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ");
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
