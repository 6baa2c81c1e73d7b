package dev.bunting.sdk.openfeature.gherkin;

import dev.bunting.domain.flag.Clause;
import dev.bunting.domain.flag.Flag;
import dev.bunting.domain.flag.FlagConfig;
import dev.bunting.domain.flag.FlagKey;
import dev.bunting.domain.flag.FlagKind;
import dev.bunting.domain.flag.Operator;
import dev.bunting.domain.flag.Rule;
import dev.bunting.domain.flag.RuleId;
import dev.bunting.domain.flag.Serve;
import dev.bunting.domain.flag.Variant;
import dev.bunting.domain.flag.VariantKey;
import dev.bunting.sdk.TestFlags;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The flags OpenFeature's evaluation suite expects (those of the specification's {@code test-flags.json}, as the Java
 * SDK's in-memory provider holds them for the suite), as Bunting flags: each serves its default variant to everyone
 * (reason STATIC), except {@code context-aware}, whose one rule serves INTERNAL to the suite's context. The boolean flag
 * is the one difference: Bunting names a boolean flag's variants "true" and "false", where the suite's are "on" and
 * "off".
 */
final class SpecFlags {

    private SpecFlags() {}

    static TestFlags testFlags() {
        TestFlags flags = new TestFlags();
        // a Bunting boolean flag's variants are always "true" and "false" (Flag.booleanVariants), never "on" and "off"
        flags.set("boolean-flag", true);
        fixed(
                flags,
                "string-flag",
                FlagKind.STRING,
                "greeting",
                Variant.of("greeting", "hi"),
                Variant.of("parting", "bye"));
        fixed(
                flags,
                "integer-flag",
                FlagKind.NUMBER,
                "ten",
                Variant.of("one", BigDecimal.ONE),
                Variant.of("ten", BigDecimal.TEN));
        fixed(
                flags,
                "float-flag",
                FlagKind.NUMBER,
                "half",
                Variant.of("tenth", new BigDecimal("0.1")),
                Variant.of("half", new BigDecimal("0.5")));
        fixed(
                flags,
                "object-flag",
                FlagKind.JSON,
                "template",
                Variant.of("empty", Map.of()),
                Variant.of(
                        "template",
                        Map.of(
                                "showImages",
                                true,
                                "title",
                                "Check out these pics!",
                                "imagesPerPage",
                                new BigDecimal(100))));
        fixed(flags, "wrong-flag", FlagKind.STRING, "one", Variant.of("one", "uno"), Variant.of("two", "dos"));
        Rule internal = new Rule(
                new RuleId("internal"),
                null,
                List.of(
                        Clause.of("fn", Operator.EQ, "Sulisław"),
                        Clause.of("ln", Operator.EQ, "Świętopełk"),
                        Clause.of("age", Operator.EQ, new BigDecimal(29)),
                        Clause.of("customer", Operator.EQ, false)),
                Serve.variant("internal"));
        flags.set(
                flag(
                        "context-aware",
                        FlagKind.STRING,
                        Variant.of("internal", "INTERNAL"),
                        Variant.of("external", "EXTERNAL")),
                new FlagConfig(
                        true, new VariantKey("external"), List.of(), List.of(internal), Serve.variant("external")),
                null);
        return flags;
    }

    private static void fixed(TestFlags flags, String key, FlagKind kind, String served, Variant... variants) {
        flags.set(
                flag(key, kind, variants),
                new FlagConfig(true, new VariantKey(served), List.of(), List.of(), Serve.variant(served)),
                null);
    }

    private static Flag flag(String key, FlagKind kind, Variant... variants) {
        return new Flag(
                new FlagKey(key),
                key,
                "",
                List.of(),
                kind,
                List.of(variants),
                key,
                Flag.TARGETING_KEY,
                1,
                Instant.EPOCH,
                Instant.EPOCH);
    }
}
