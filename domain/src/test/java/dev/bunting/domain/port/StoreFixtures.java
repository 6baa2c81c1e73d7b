package dev.bunting.domain.port;

import dev.bunting.domain.environment.Environment;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.flag.Clause;
import dev.bunting.domain.flag.EnvironmentConfig;
import dev.bunting.domain.flag.Flag;
import dev.bunting.domain.flag.FlagConfig;
import dev.bunting.domain.flag.FlagKey;
import dev.bunting.domain.flag.FlagKind;
import dev.bunting.domain.flag.Operator;
import dev.bunting.domain.flag.Rule;
import dev.bunting.domain.flag.RuleId;
import dev.bunting.domain.flag.Serve;
import dev.bunting.domain.flag.Split;
import dev.bunting.domain.flag.Target;
import dev.bunting.domain.flag.Variant;
import dev.bunting.domain.flag.VariantKey;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;

/** Builders for the contract suites. Instants carry microseconds, the finest precision a store must keep. */
final class StoreFixtures {

    static final Instant CREATED = Instant.parse("2026-03-01T10:15:30.123456Z");
    static final Instant LATER = Instant.parse("2026-03-02T08:00:00.654321Z");

    private StoreFixtures() {}

    static FlagBuilder aFlag(String key) {
        return new FlagBuilder(key);
    }

    static Environment anEnvironment(String key) {
        return new Environment(new EnvironmentKey(key), "Environment " + key, false, true, CREATED);
    }

    /** Version 1 of a config that switches the flag on and serves {@code variant} to everyone. */
    static EnvironmentConfig servingEveryone(Flag flag, EnvironmentKey environment, String variant) {
        FlagConfig config = FlagConfig.initialFor(flag).withEnabled(true).withFallthrough(Serve.variant(variant));
        return new EnvironmentConfig(flag.key(), environment, config, 1, LATER);
    }

    /** A config of a boolean flag that uses every part of the document: targets, rules, clauses, splits. */
    static FlagConfig everyFeatureOfABooleanConfig() {
        Rule betaUsers = new Rule(
                new RuleId("beta-users"),
                "people in the beta",
                List.of(
                        Clause.of("plan", Operator.IN, "beta", "preview"),
                        Clause.of("age", Operator.GTE, new BigDecimal("18.5")).negated(),
                        Clause.of("email", Operator.ENDS_WITH, "@example.com").ignoringCase(),
                        Clause.of("staff", Operator.EQ, true),
                        Clause.of("country", Operator.EXISTS)),
                Serve.split(
                        List.of(new Split.Weight(VariantKey.TRUE, 2500), new Split.Weight(VariantKey.FALSE, 7500))));
        Rule everyoneElse = new Rule(
                new RuleId("r-2"),
                null,
                List.of(Clause.of("version", Operator.SEMVER_GT, "1.4.2")),
                Serve.variant("false"));
        return new FlagConfig(
                true,
                VariantKey.FALSE,
                List.of(new Target(VariantKey.TRUE, new LinkedHashSet<>(List.of("user-1", "user-2")))),
                List.of(betaUsers, everyoneElse),
                Serve.split(List.of(new Split.Weight(VariantKey.TRUE, 10_000), new Split.Weight(VariantKey.FALSE, 0))));
    }

    static final class FlagBuilder {
        private final String key;
        private String name;
        private String description;
        private List<String> tags = List.of();
        private FlagKind kind = FlagKind.BOOLEAN;
        private List<Variant> variants = Flag.booleanVariants();
        private long version = 1;
        private Instant createdAt = CREATED;
        private Instant updatedAt = CREATED;

        private FlagBuilder(String key) {
            this.key = key;
            this.name = "Flag " + key;
        }

        FlagBuilder named(String newName) {
            this.name = newName;
            return this;
        }

        FlagBuilder describedAs(String newDescription) {
            this.description = newDescription;
            return this;
        }

        FlagBuilder taggedWith(String... newTags) {
            this.tags = List.of(newTags);
            return this;
        }

        FlagBuilder ofKind(FlagKind newKind, Variant... newVariants) {
            this.kind = newKind;
            this.variants = List.of(newVariants);
            return this;
        }

        FlagBuilder atVersion(long newVersion) {
            this.version = newVersion;
            return this;
        }

        FlagBuilder updatedAt(Instant at) {
            this.updatedAt = at;
            return this;
        }

        Flag build() {
            return new Flag(
                    new FlagKey(key),
                    name,
                    description,
                    tags,
                    kind,
                    variants,
                    "salt-" + key,
                    Flag.TARGETING_KEY,
                    version,
                    createdAt,
                    updatedAt);
        }
    }

    /** The next version of {@code flag}, renamed, as an update names it. */
    static Flag nextVersion(Flag flag, String newName) {
        return new Flag(
                flag.key(),
                newName,
                flag.description(),
                flag.tags(),
                flag.kind(),
                flag.variants(),
                flag.salt(),
                flag.bucketBy(),
                flag.version() + 1,
                flag.createdAt(),
                LATER);
    }
}
