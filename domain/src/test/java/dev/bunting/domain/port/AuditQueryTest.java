package dev.bunting.domain.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bunting.domain.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a query of the audit trail accepts, and its cursor's round trip. */
class AuditQueryTest {

    private static final Instant NOON = Instant.parse("2026-05-01T12:00:00Z");

    @Test
    void a_cursor_round_trips_through_its_token_which_does_not_show_the_id() {
        AuditCursor cursor = new AuditCursor(12345);

        assertThat(AuditCursor.parse(cursor.token())).isEqualTo(cursor);
        assertThat(cursor.token()).doesNotContain("12345").matches("[A-Za-z0-9_-]+");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not base64!", "YXVkaXQ6", "YXVkaXQ6MA", "YXVkaXQ6LTE", "YXVkaXQ6eA", "b3RoZXI6NQ"})
    void a_token_this_api_did_not_issue_is_invalid_input_for_the_cursor_field(String token) {
        assertThatThrownBy(() -> AuditCursor.parse(token))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.violations())
                                .singleElement()
                                .satisfies(v ->
                                        assertThat(v.field() + ":" + v.code()).isEqualTo("cursor:invalid_value")));
    }

    @Test
    void the_invalid_tokens_above_decode_to_what_they_stand_for() {
        assertThat(decoded("YXVkaXQ6")).isEqualTo("audit:");
        assertThat(decoded("YXVkaXQ6MA")).isEqualTo("audit:0");
        assertThat(decoded("YXVkaXQ6LTE")).isEqualTo("audit:-1");
        assertThat(decoded("YXVkaXQ6eA")).isEqualTo("audit:x");
        assertThat(decoded("b3RoZXI6NQ")).isEqualTo("other:5");
    }

    @Test
    void the_limit_is_between_one_and_two_hundred() {
        assertThat(query(null, null, 1).limit()).isEqualTo(1);
        assertThat(query(null, null, AuditQuery.MAX_LIMIT).limit()).isEqualTo(200);
        assertInvalid(() -> query(null, null, 0), "limit:out_of_range");
        assertInvalid(() -> query(null, null, 201), "limit:out_of_range");
    }

    @Test
    void a_time_range_must_end_after_it_starts() {
        assertThat(query(NOON, NOON.plusNanos(1000), 10).to()).isAfter(NOON);
        assertInvalid(() -> query(NOON, NOON, 10), "to:out_of_range");
        assertInvalid(() -> query(NOON, NOON.minusSeconds(1), 10), "to:out_of_range");
    }

    @Test
    void text_filters_may_be_absent_but_not_blank_or_overlong() {
        assertInvalid(() -> new AuditQuery(" ", null, null, null, null, null, null, 10), "actor:blank");
        assertInvalid(() -> new AuditQuery(null, "", null, null, null, null, null, 10), "action:blank");
        assertInvalid(() -> new AuditQuery("a".repeat(321), null, null, null, null, null, null, 10), "actor:too_long");
        assertInvalid(() -> new AuditQuery(null, "a".repeat(101), null, null, null, null, null, 10), "action:too_long");
    }

    private static AuditQuery query(Instant from, Instant to, int limit) {
        return new AuditQuery(null, null, null, null, from, to, null, limit);
    }

    private static void assertInvalid(Runnable construction, String fieldAndCode) {
        assertThatThrownBy(construction::run)
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.violations())
                                .extracting(v -> v.field() + ":" + v.code())
                                .containsExactly(fieldAndCode));
    }

    private static String decoded(String token) {
        return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    }
}
