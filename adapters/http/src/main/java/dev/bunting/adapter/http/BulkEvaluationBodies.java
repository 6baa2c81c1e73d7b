package dev.bunting.adapter.http;

import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.evaluation.Evaluation;
import dev.bunting.domain.evaluation.Reason;
import dev.bunting.domain.flag.RuleId;
import dev.bunting.domain.flag.VariantKey;
import dev.bunting.domain.port.ConfigCache;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The body of a bulk evaluation ({@code {"environment": …, "flags": [ … ]}}). Within one version of an environment's
 * flag set, an evaluation that did not fail is written the same whoever asked: its value is its variant's, so its JSON
 * depends only on the flag, the variant, the reason and the rule. Each such part is written once per version and
 * copied into every body after, which with thousands of flags costs a fraction of writing them again. Failed
 * evaluations carry a message of their own and are written each time.
 *
 * <p>Only the latest version of each environment is kept, and parts for at most as many environments as the config
 * cache holds ({@link ConfigCache#capacity()}): past that, the least used environments' parts are dropped and written
 * again when next asked for, so memory stays bounded however many environments are evaluated.
 */
final class BulkEvaluationBodies {

    private static final byte[] ENVIRONMENT = "{\"environment\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] FLAGS = ",\"flags\":[".getBytes(StandardCharsets.UTF_8);
    private static final byte[] END = "]}".getBytes(StandardCharsets.UTF_8);

    private final Json json;
    private final ConcurrentMap<EnvironmentKey, Parts> environments;

    @Inject
    BulkEvaluationBodies(Json json, ConfigCache configs) {
        this.json = json;
        this.environments = PerEnvironment.holding(configs.capacity());
    }

    /** What decides an evaluation's JSON within one version of its environment's flag set. */
    private record Part(String flagKey, VariantKey variant, Reason reason, RuleId ruleId) {}

    private record Parts(String version, ConcurrentMap<Part, byte[]> written) {}

    /** @param version the evaluated flag set's version, which every evaluation here was made from */
    byte[] write(EnvironmentKey environment, String version, List<Evaluation> evaluations) {
        ConcurrentMap<Part, byte[]> written = parts(environment, version);
        byte[][] flags = new byte[evaluations.size()][];
        byte[] name = json.write(environment.value());
        int length = ENVIRONMENT.length + name.length + FLAGS.length + END.length + Math.max(0, flags.length - 1);
        for (int i = 0; i < flags.length; i++) {
            Evaluation evaluation = evaluations.get(i);
            flags[i] = evaluation.errorCode() == null
                    ? part(written, evaluation)
                    : json.write(Representations.evaluation(evaluation));
            length += flags[i].length;
        }
        byte[] body = new byte[length];
        int at = copy(ENVIRONMENT, body, 0);
        at = copy(name, body, at);
        at = copy(FLAGS, body, at);
        for (int i = 0; i < flags.length; i++) {
            if (i > 0) {
                body[at++] = ',';
            }
            at = copy(flags[i], body, at);
        }
        copy(END, body, at);
        return body;
    }

    private byte[] part(ConcurrentMap<Part, byte[]> written, Evaluation evaluation) {
        Part part = new Part(evaluation.flagKey(), evaluation.variant(), evaluation.reason(), evaluation.ruleId());
        // get never locks; computeIfAbsent may lock the part's bin even when the part is there, as it mostly is
        byte[] bytes = written.get(part);
        return bytes != null
                ? bytes
                : written.computeIfAbsent(part, absent -> json.write(Representations.evaluation(evaluation)));
    }

    private ConcurrentMap<Part, byte[]> parts(EnvironmentKey environment, String version) {
        Parts held = environments.get(environment);
        if (held != null && held.version().equals(version)) {
            return held.written();
        }
        Parts fresh = new Parts(version, new ConcurrentHashMap<>());
        environments.put(environment, fresh);
        return fresh.written();
    }

    private static int copy(byte[] part, byte[] body, int at) {
        System.arraycopy(part, 0, body, at, part.length);
        return at + part.length;
    }
}
