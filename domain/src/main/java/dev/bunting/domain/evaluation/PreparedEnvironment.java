package dev.bunting.domain.evaluation;

import dev.bunting.domain.environment.Environment;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.experiment.ExperimentRun;
import dev.bunting.domain.flag.FlagState;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every flag of one environment, prepared for evaluation: the unit that config caches hold. */
public final class PreparedEnvironment {

    /** 128 bits of the digest: no collision to fear among one environment's versions. */
    private static final int VERSION_BYTES = 16;

    private final Environment definition;
    private final List<FlagState> states;
    private final Map<String, PreparedFlag> flags;
    private final String version;
    private final Map<String, FlagState> statesByKey;
    private final boolean runsExperiments;

    private PreparedEnvironment(
            Environment definition,
            List<FlagState> states,
            Map<String, PreparedFlag> flags,
            String version,
            Map<String, FlagState> statesByKey) {
        this.definition = definition;
        this.states = states;
        this.flags = flags;
        this.version = version;
        this.statesByKey = statesByKey;
        this.runsExperiments =
                states.stream().anyMatch(state -> state.experiment().isPresent());
    }

    public static PreparedEnvironment prepare(Environment environment, List<FlagState> states, Evaluator evaluator) {
        Map<String, PreparedFlag> flags = new LinkedHashMap<>();
        Map<String, FlagState> statesByKey = new HashMap<>();
        MessageDigest digest = sha256();
        for (FlagState state : states) {
            statesByKey.put(state.flag().key().value(), state);
            flags.put(
                    state.flag().key().value(),
                    evaluator.prepare(state.flag(), state.config().config()));
            digest.update((state.flag().key().value()
                            + ' '
                            + state.flag().version()
                            + ' '
                            + state.config().version()
                            + state.experiment()
                                    .map(run -> " " + run.experiment() + " " + run.phase())
                                    .orElse("")
                            + '\n')
                    .getBytes(StandardCharsets.UTF_8));
        }
        String version = HexFormat.of().formatHex(digest.digest(), 0, VERSION_BYTES);
        return new PreparedEnvironment(environment, List.copyOf(states), flags, version, Map.copyOf(statesByKey));
    }

    /**
     * Names the flag set: equal on every instance that loaded the same flag and config versions, different once any
     * flag is added, changed or deleted. Evaluation results for a context change only when this does.
     */
    public String version() {
        return version;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    public EnvironmentKey environment() {
        return definition.key();
    }

    /** Whether anyone may evaluate here without credentials; cached with the flags, so checking it costs nothing. */
    public boolean publicEvaluation() {
        return definition.publicEvaluation();
    }

    /**
     * The environment and flag states this was prepared from, in their order: what a cache shared between instances
     * stores, so that another instance can {@linkplain #prepare prepare} the same flag set without the database.
     */
    public Environment definition() {
        return definition;
    }

    /** @see #definition() */
    public List<FlagState> states() {
        return states;
    }

    public Optional<PreparedFlag> flag(String key) {
        return Optional.ofNullable(flags.get(key));
    }

    /** Whether an experiment runs on any flag here; most environments have none, so none need be looked for. */
    public boolean runsExperiments() {
        return runsExperiments;
    }

    /** The experiment running on the flag here, if one is. */
    public Optional<ExperimentRun> experiment(String flagKey) {
        return state(flagKey).flatMap(FlagState::experiment);
    }

    /** The flag and its config here, as stored: what the prepared flag was compiled from. */
    public Optional<FlagState> state(String flagKey) {
        return Optional.ofNullable(statesByKey.get(flagKey));
    }

    public Collection<PreparedFlag> flags() {
        return flags.values();
    }
}
