package dev.bunting.domain.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every cell of the role matrix: (role, action, environment kind) → allowed or denied. */
class AccessPolicyTest {

    /** The matrix as the issue states it, written out independently of the policy's own ordering of roles. */
    private static final Map<Action, List<Role>> ALLOWED_ANYWHERE = Map.of(
            Action.READ, List.of(Role.VIEWER, Role.DEVELOPER, Role.ADMIN),
            Action.DEFINE_FLAG, List.of(Role.DEVELOPER, Role.ADMIN),
            Action.DELETE_FLAG, List.of(Role.ADMIN),
            Action.ARCHIVE_FLAG, List.of(Role.ADMIN),
            Action.MANAGE_USERS, List.of(Role.ADMIN),
            Action.MANAGE_KEYS, List.of(Role.ADMIN),
            Action.MANAGE_ENVIRONMENTS, List.of(Role.ADMIN));

    static Stream<Arguments> everyCell() {
        List<Arguments> cells = new ArrayList<>();
        for (Role role : Role.values()) {
            for (Action action : Action.values()) {
                for (boolean protectedEnvironment : new boolean[] {false, true}) {
                    boolean expected = action == Action.CHANGE_CONFIG || action == Action.MANAGE_EXPERIMENTS
                            ? (protectedEnvironment ? role == Role.ADMIN : role != Role.VIEWER)
                            : ALLOWED_ANYWHERE.get(action).contains(role);
                    cells.add(Arguments.of(role, action, protectedEnvironment, expected));
                }
            }
        }
        return cells.stream();
    }

    @ParameterizedTest(name = "{0} {1} protected={2} → allowed={3}")
    @MethodSource("everyCell")
    void the_policy_follows_the_role_matrix(Role role, Action action, boolean protectedEnvironment, boolean allowed) {
        AccessPolicy.Decision decision = AccessPolicy.decide(role, action, protectedEnvironment);

        assertThat(decision.allowed()).isEqualTo(allowed);
        if (!allowed) {
            assertThat(((AccessPolicy.Decision.Denied) decision).reason()).contains(role.wireName());
        }
    }
}
