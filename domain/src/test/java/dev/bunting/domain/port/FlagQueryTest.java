package dev.bunting.domain.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bunting.domain.InvalidInputException;
import org.junit.jupiter.api.Test;

/** What a flag list may ask for: a state among active, archived and all, and pages of a bounded size. */
class FlagQueryTest {

    @Test
    void a_state_is_read_from_its_wire_name_and_admits_its_flags() {
        assertThat(FlagQuery.State.fromWireName("state", "active")).isEqualTo(FlagQuery.State.ACTIVE);
        assertThat(FlagQuery.State.fromWireName("state", "archived")).isEqualTo(FlagQuery.State.ARCHIVED);
        assertThat(FlagQuery.State.fromWireName("state", "all")).isEqualTo(FlagQuery.State.ALL);
        assertThat(FlagQuery.State.ACTIVE.admits(false)).isTrue();
        assertThat(FlagQuery.State.ACTIVE.admits(true)).isFalse();
        assertThat(FlagQuery.State.ARCHIVED.admits(true)).isTrue();
        assertThat(FlagQuery.State.ARCHIVED.admits(false)).isFalse();
        assertThat(FlagQuery.State.ALL.admits(true)).isTrue();
        assertThat(FlagQuery.State.ALL.admits(false)).isTrue();
    }

    @Test
    void an_unknown_state_is_refused_naming_the_field() {
        assertThatThrownBy(() -> FlagQuery.State.fromWireName("state", "deleted"))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.violations().getFirst().field()).isEqualTo("state"));
    }

    @Test
    void a_query_without_a_state_lists_active_flags_and_all_lists_every_flag() {
        assertThat(new FlagQuery(null, null, 10, 0).state()).isEqualTo(FlagQuery.State.ACTIVE);
        assertThat(FlagQuery.all().state()).isEqualTo(FlagQuery.State.ALL);
    }
}
