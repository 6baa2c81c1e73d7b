package dev.bunting.domain.flag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** SemanticVersion: precedence per semver.org 2.0.0 §11, plus the leniencies its javadoc lists (partial versions, leading 'v'). */
class SemanticVersionTest {

    private static SemanticVersion v(String text) {
        return SemanticVersion.parse(text).orElseThrow(() -> new AssertionError("does not parse: " + text));
    }

    /** semver.org §11.4, the example chain. */
    private static final List<String> SPEC_PRE_RELEASE_ORDER = List.of(
            "1.0.0-alpha",
            "1.0.0-alpha.1",
            "1.0.0-alpha.beta",
            "1.0.0-beta",
            "1.0.0-beta.2",
            "1.0.0-beta.11",
            "1.0.0-rc.1",
            "1.0.0");

    @Test
    void each_version_in_the_specs_pre_release_chain_precedes_the_next() {
        for (int i = 0; i + 1 < SPEC_PRE_RELEASE_ORDER.size(); i++) {
            SemanticVersion lower = v(SPEC_PRE_RELEASE_ORDER.get(i));
            SemanticVersion higher = v(SPEC_PRE_RELEASE_ORDER.get(i + 1));
            assertThat(lower.compareTo(higher)).as("%s < %s", lower, higher).isNegative();
            assertThat(higher.compareTo(lower)).as("%s > %s", higher, lower).isPositive();
        }
    }

    @Test
    void sorting_a_shuffled_chain_restores_the_specs_order() {
        List<String> shuffled = new ArrayList<>(SPEC_PRE_RELEASE_ORDER);
        Collections.shuffle(shuffled, new Random(11));
        Collections.reverse(shuffled);

        List<SemanticVersion> sorted =
                shuffled.stream().map(SemanticVersionTest::v).sorted().toList();

        assertThat(sorted)
                .containsExactlyElementsOf(SPEC_PRE_RELEASE_ORDER.stream()
                        .map(SemanticVersionTest::v)
                        .toList());
    }

    @Test
    void core_numbers_compare_numerically_not_as_text() {
        // semver.org §11.2: 1.0.0 < 2.0.0 < 2.1.0 < 2.1.1; and 1.9.0 < 1.10.0 < 1.11.0 (§2)
        List<SemanticVersion> sorted =
                List.of(v("2.1.1"), v("1.11.0"), v("2.0.0"), v("1.9.0"), v("2.1.0"), v("1.0.0"), v("1.10.0")).stream()
                        .sorted()
                        .toList();
        assertThat(sorted)
                .containsExactly(v("1.0.0"), v("1.9.0"), v("1.10.0"), v("1.11.0"), v("2.0.0"), v("2.1.0"), v("2.1.1"));
    }

    @Test
    void a_release_outranks_its_pre_releases_but_not_the_next_patchs_pre_release() {
        assertThat(v("1.0.0").compareTo(v("1.0.0-rc.99"))).isPositive();
        assertThat(v("1.0.1-alpha").compareTo(v("1.0.0"))).isPositive();
    }

    @Test
    void numeric_pre_release_identifiers_rank_below_alphanumeric_ones() {
        // §11.4.3
        assertThat(v("1.0.0-1").compareTo(v("1.0.0-a"))).isNegative();
        assertThat(v("1.0.0-999").compareTo(v("1.0.0-0a"))).isNegative();
    }

    @Test
    void alphanumeric_pre_release_identifiers_compare_in_ascii_order() {
        // §11.4.2: uppercase sorts before lowercase in ASCII
        assertThat(v("1.0.0-Beta").compareTo(v("1.0.0-alpha"))).isNegative();
        assertThat(v("1.0.0-alpha-2").compareTo(v("1.0.0-alpha2"))).isNegative();
    }

    @ParameterizedTest
    @CsvSource({
        "2, 2.0.0",
        "1.2, 1.2.0",
        "v1.2.3, 1.2.3",
        "v2, 2.0.0",
        "1.0.0+build.5, 1.0.0",
        "1.0.0-rc.1+sha.abc, 1.0.0-rc.1"
    })
    void partial_versions_a_leading_v_and_build_metadata_do_not_change_precedence(String lenient, String strict) {
        assertThat(v(lenient).compareTo(v(strict))).isZero();
        assertThat(v(lenient)).isEqualTo(v(strict));
    }

    @Test
    void parses_the_parts() {
        assertThat(v("v10.20.30-rc.1.x")).isEqualTo(new SemanticVersion(10, 20, 30, List.of("rc", "1", "x")));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "v",
                "latest",
                "1.2.3.4",
                "01.2.3",
                "1.02.3",
                "1.2.03",
                "1.2.3-",
                "1.2.3-01",
                "1.2.3-a..b",
                "1.2.3+",
                "1.2.3+a..b",
                "1..3",
                "-1.2.3",
                "1.2.3-ä",
                "V1.2.3",
                " 1.2.3",
                "1.2.3 ",
                "1.2.x",
                "1234567890123456789.0.0"
            })
    void rejects_text_that_is_not_a_version(String text) {
        assertThat(SemanticVersion.parse(text)).isEmpty();
    }

    @Test
    void rejects_null_and_overlong_text() {
        assertThat(SemanticVersion.parse(null)).isEmpty();
        assertThat(SemanticVersion.parse("1.0.0-" + "a".repeat(300))).isEmpty();
    }

    @Test
    void leading_zeros_are_allowed_in_alphanumeric_pre_release_identifiers_and_in_build_metadata() {
        assertThat(SemanticVersion.parse("1.0.0-0a")).isPresent();
        assertThat(SemanticVersion.parse("1.0.0+001")).isPresent();
    }
}
