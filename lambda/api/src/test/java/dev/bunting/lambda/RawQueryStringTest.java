package dev.bunting.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RawQueryStringTest {

    @Test
    void repeated_names_keep_every_value_in_order() {
        assertThat(RawQueryString.parse("parameter1=value1&parameter1=value2&parameter2=value"))
                .isEqualTo(Map.of("parameter1", List.of("value1", "value2"), "parameter2", List.of("value")));
    }

    @Test
    void names_and_values_are_percent_decoded_as_utf_8() {
        assertThat(RawQueryString.parse("user%5Fid=Ren%C3%A9e+M&q=a%2Cb%26c%3Dd"))
                .isEqualTo(Map.of("user_id", List.of("Renée M"), "q", List.of("a,b&c=d")));
    }

    @Test
    void a_name_without_a_value_has_an_empty_value() {
        assertThat(RawQueryString.parse("flag&x=")).isEqualTo(Map.of("flag", List.of(""), "x", List.of("")));
    }

    @Test
    void a_malformed_escape_is_passed_on_as_written_for_the_api_to_judge() {
        assertThat(RawQueryString.parse("q=100%&r=%zz")).isEqualTo(Map.of("q", List.of("100%"), "r", List.of("%zz")));
    }

    @Test
    void no_query_string_is_no_parameters() {
        assertThat(RawQueryString.parse(null)).isEmpty();
        assertThat(RawQueryString.parse("")).isEmpty();
        assertThat(RawQueryString.parse("&&")).isEmpty();
    }
}
