package dev.bunting.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void a_document_reads_into_maps_lists_strings_decimals_booleans_and_nulls() {
        Object document = Json.parse(
                " {\"a\": [1, 2.50, -3e2], \"b\": {\"c\": \"x\\\"\\u00e9\\n\"}, \"d\": true, \"e\": false, \"f\": null} ");

        assertThat(document)
                .isEqualTo(map(
                        "a",
                        List.of(new BigDecimal("1"), new BigDecimal("2.50"), new BigDecimal("-3e2")),
                        "b",
                        Map.of("c", "x\"é\n"),
                        "d",
                        true,
                        "e",
                        false,
                        "f",
                        null));
    }

    @Test
    void what_is_written_reads_back_the_same() {
        Map<String, Object> document = map(
                "text", "tab\there \"quoted\" \\ and \u0001",
                "numbers", Arrays.asList(1, 2L, 2.5d, new BigDecimal("1E+3")),
                "empty", Map.of(),
                "none", List.of(),
                "nothing", null);

        Object read = Json.parse(Json.write(document));

        assertThat(read)
                .isEqualTo(map(
                        "text", "tab\there \"quoted\" \\ and \u0001",
                        "numbers",
                                List.of(
                                        new BigDecimal("1"),
                                        new BigDecimal("2"),
                                        new BigDecimal("2.5"),
                                        new BigDecimal("1E+3")),
                        "empty", Map.of(),
                        "none", List.of(),
                        "nothing", null));
    }

    @Test
    void text_that_is_not_one_json_document_is_refused() {
        for (String bad : List.of("", "{", "[1,]", "{\"a\" 1}", "tru", "\"open", "1 2", "{\"a\":1,}", "-")) {
            assertThatThrownBy(() -> Json.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void values_json_cannot_hold_are_refused_when_written() {
        assertThatThrownBy(() -> Json.write(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Json.write(new Object())).isInstanceOf(IllegalArgumentException.class);
    }

    private static Map<String, Object> map(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
