package dev.bunting.lambda;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bunting.adapter.evaluation.Evaluators;
import dev.bunting.domain.evaluation.EvaluationContext;
import dev.bunting.domain.evaluation.PreparedFlag;
import dev.bunting.domain.flag.Flag;
import dev.bunting.domain.flag.FlagConfig;
import dev.bunting.domain.flag.FlagDocuments;
import dev.bunting.domain.flag.FlagKey;
import dev.bunting.domain.flag.FlagKind;
import dev.bunting.domain.flag.Variant;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Work done before a SnapStart snapshot so that restored environments start warm: a synthetic flag's config read from
 * JSON, compiled, evaluated across its rules and split, and written back to JSON. No I/O and nothing random, so the
 * snapshot holds no connection, seed or time of its own.
 */
final class Priming {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONFIG = """
            {"enabled": true, "off_variant": "false", "targets": [{"variant": "true", "units": ["vip"]}],
             "rules": [
               {"id": "plan", "clauses": [{"attribute": "plan", "operator": "in", "values": ["enterprise"]},
                                          {"attribute": "country", "operator": "in", "values": ["US", "CA"]}],
                "serve": {"variant": "true"}},
               {"id": "beta", "clauses": [{"attribute": "version", "operator": "semver_gt", "values": ["2.0.0"]}],
                "serve": {"split": [{"variant": "true", "weight": 5000}, {"variant": "false", "weight": 5000}]}}],
             "fallthrough": {"split": [{"variant": "true", "weight": 3000}, {"variant": "false", "weight": 7000}]}}""";
    static final int EVALUATIONS = 2_000;

    private Priming() {}

    /** @return how many evaluations served true, which callers may ignore; it keeps the work from being optimised away */
    static int run() {
        Flag flag = new Flag(
                new FlagKey("priming"),
                "Priming",
                null,
                List.of(),
                FlagKind.BOOLEAN,
                List.of(Variant.of("true", true), Variant.of("false", false)),
                "priming",
                Flag.TARGETING_KEY,
                1,
                Instant.EPOCH,
                Instant.EPOCH);
        try {
            Map<String, Object> document = JSON.readValue(CONFIG, new TypeReference<>() {});
            FlagConfig config = FlagDocuments.readConfig(document, () -> "rule");
            PreparedFlag prepared = Evaluators.standard().prepare(flag, config);
            int served = 0;
            for (int i = 0; i < EVALUATIONS; i++) {
                EvaluationContext context = EvaluationContext.of(
                        "unit-" + i,
                        Map.of(
                                "plan",
                                i % 3 == 0 ? "enterprise" : "free",
                                "country",
                                "US",
                                "version",
                                "2." + (i % 5) + ".0"));
                served += Boolean.TRUE.equals(prepared.evaluate(context).value()) ? 1 : 0;
            }
            JSON.writeValueAsBytes(FlagDocuments.writeConfig(config));
            return served;
        } catch (IOException e) {
            throw new UncheckedIOException("the priming config is not JSON", e);
        }
    }
}
