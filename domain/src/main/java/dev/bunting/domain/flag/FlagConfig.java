package dev.bunting.domain.flag;

import dev.bunting.domain.Checks;
import dev.bunting.domain.InvalidInputException;
import dev.bunting.domain.InvalidInputException.FieldViolation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What a flag serves in one environment. Evaluation order: off → {@code offVariant}; individual targets; rules in
 * order (first match wins); fallthrough.
 */
public record FlagConfig(
        boolean enabled, VariantKey offVariant, List<Target> targets, List<Rule> rules, Serve fallthrough) {

    public static final int MAX_RULES = 500;
    /**
     * Characters of the config's JSON document as Bunting writes it (compact): room for 10,000 individual targets, or
     * hundreds of rules, and a bound on what one evaluation may have to scan.
     */
    public static final int MAX_SIZE = 512 * 1024;
    /**
     * Regular expressions ({@code matches} values) across a config's rules. Matching one reads every character of the
     * attribute it tests, and costs far more per character than any other operator.
     */
    public static final int MAX_PATTERNS = 50;

    public FlagConfig {
        Checks.requirePresent("off_variant", offVariant);
        targets = List.copyOf(Checks.requireEntries("targets", targets));
        rules = List.copyOf(Checks.requireMaxSize("rules", Checks.requireEntries("rules", rules), MAX_RULES));
        Checks.requirePresent("fallthrough", fallthrough);
        long patterns = rules.stream()
                .flatMap(rule -> rule.clauses().stream())
                .filter(clause -> clause.operator() == Operator.MATCHES)
                .mapToLong(clause -> clause.values().size())
                .sum();
        if (patterns > MAX_PATTERNS) {
            throw InvalidInputException.of(
                    "rules",
                    "too_many",
                    "a config may hold at most " + MAX_PATTERNS
                            + " regular expressions (values of matches clauses); this one holds " + patterns);
        }
        long size =
                DocumentReader.jsonLength(FlagDocuments.writeConfig(enabled, offVariant, targets, rules, fallthrough));
        if (size > MAX_SIZE) {
            throw InvalidInputException.of(
                    "", "too_large", "a config's JSON may be at most " + MAX_SIZE + " characters; this one is " + size);
        }
        Set<VariantKey> targeted = new HashSet<>();
        for (int i = 0; i < targets.size(); i++) {
            if (!targeted.add(targets.get(i).variant())) {
                throw InvalidInputException.of(
                        "targets[" + i + "].variant", "duplicate", "each variant has at most one target list");
            }
        }
        Set<RuleId> ruleIds = new HashSet<>();
        for (int i = 0; i < rules.size(); i++) {
            if (!ruleIds.add(rules.get(i).id())) {
                throw InvalidInputException.of(
                        "rules[" + i + "].id",
                        "duplicate",
                        "rule id '" + rules.get(i).id() + "' appears twice");
            }
        }
    }

    /** A new flag's config: off, serving the off variant; when switched on, serves true (boolean) or the first variant. */
    public static FlagConfig initialFor(Flag flag) {
        if (flag.kind() == FlagKind.BOOLEAN) {
            return new FlagConfig(false, VariantKey.FALSE, List.of(), List.of(), new Serve.Fixed(VariantKey.TRUE));
        }
        VariantKey first = flag.variants().getFirst().key();
        return new FlagConfig(false, first, List.of(), List.of(), new Serve.Fixed(first));
    }

    /** Throws unless every variant this config names exists on {@code flag}. */
    public void checkVariantsExistIn(Flag flag) {
        List<FieldViolation> violations = new ArrayList<>();
        check(flag, "off_variant", Stream.of(offVariant), violations);
        for (int i = 0; i < targets.size(); i++) {
            check(flag, "targets[" + i + "].variant", Stream.of(targets.get(i).variant()), violations);
        }
        for (int i = 0; i < rules.size(); i++) {
            check(flag, "rules[" + i + "].serve", rules.get(i).serve().variants(), violations);
        }
        check(flag, "fallthrough", fallthrough.variants(), violations);
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
    }

    /**
     * Whether this config serves every context the same under {@code after}'s definition as under {@code before}'s: the
     * same kind, the same value for each variant it can serve, and, where it splits units into buckets, the same salt
     * and bucketing attribute. Names, descriptions and tags never change what is served. Conservative: a variant it
     * names only while switched off still counts, since switching on is one toggle away.
     */
    public boolean servesAlike(Flag before, Flag after) {
        if (before.kind() != after.kind()) {
            return false;
        }
        boolean sameValues = servable().allMatch(variant -> sameValue(before.variant(variant), after.variant(variant)));
        boolean sameBuckets =
                before.salt().equals(after.salt()) && before.bucketBy().equals(after.bucketBy());
        return sameValues && (sameBuckets || !bucketsUnits());
    }

    private Stream<VariantKey> servable() {
        return Stream.of(
                        Stream.of(offVariant),
                        targets.stream().map(Target::variant),
                        rules.stream().flatMap(rule -> rule.serve().variants()),
                        fallthrough.variants())
                .flatMap(variants -> variants);
    }

    /** Whether some rule or the fallthrough splits units between two or more variants, which reads salt and bucket_by. */
    private boolean bucketsUnits() {
        return Stream.concat(rules.stream().map(Rule::serve), Stream.of(fallthrough))
                .anyMatch(serve -> serve instanceof Serve.Percentage percentage
                        && percentage.split().soleVariant() == null);
    }

    private static boolean sameValue(Optional<Variant> before, Optional<Variant> after) {
        return before.isPresent() == after.isPresent()
                && (before.isEmpty()
                        || Objects.equals(before.get().value(), after.get().value()));
    }

    public FlagConfig withEnabled(boolean newEnabled) {
        return new FlagConfig(newEnabled, offVariant, targets, rules, fallthrough);
    }

    public FlagConfig withFallthrough(Serve newFallthrough) {
        return new FlagConfig(enabled, offVariant, targets, rules, newFallthrough);
    }

    /** Adds {@code unit} to {@code variant}'s targets, taking it out of any other variant's, since a unit gets one variant. */
    public FlagConfig withTarget(VariantKey variant, String unit) {
        List<Target> updated = new ArrayList<>();
        boolean added = false;
        for (Target target : targets) {
            Set<String> units = new LinkedHashSet<>(target.units());
            units.remove(unit);
            if (target.variant().equals(variant)) {
                units.add(unit);
                added = true;
            }
            if (!units.isEmpty()) {
                updated.add(new Target(target.variant(), units));
            }
        }
        if (!added) {
            updated.add(new Target(variant, Set.of(unit)));
        }
        return new FlagConfig(enabled, offVariant, updated, rules, fallthrough);
    }

    public FlagConfig withoutTarget(VariantKey variant, String unit) {
        List<Target> updated = new ArrayList<>();
        for (Target target : targets) {
            Set<String> units = new LinkedHashSet<>(target.units());
            if (target.variant().equals(variant)) {
                units.remove(unit);
            }
            if (!units.isEmpty()) {
                updated.add(new Target(target.variant(), units));
            }
        }
        return new FlagConfig(enabled, offVariant, updated, rules, fallthrough);
    }

    public boolean targets(VariantKey variant, String unit) {
        return targets.stream()
                .anyMatch(t -> t.variant().equals(variant) && t.units().contains(unit));
    }

    private static void check(Flag flag, String field, Stream<VariantKey> variants, List<FieldViolation> violations) {
        variants.filter(v -> !flag.hasVariant(v))
                .forEach(v -> violations.add(new FieldViolation(
                        field, "unknown_variant", "flag '" + flag.key() + "' has no variant '" + v + "'")));
    }
}
