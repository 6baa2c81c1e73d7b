package dev.bunting.sdk.openfeature;

import dev.bunting.domain.evaluation.Evaluation;
import dev.bunting.domain.flag.FlagKind;
import dev.bunting.sdk.BuntingClient;
import dev.bunting.sdk.BuntingException;
import dev.bunting.sdk.BuntingOptions;
import dev.bunting.sdk.ClientListener;
import dev.bunting.sdk.ClientStatus;
import dev.openfeature.sdk.ErrorCode;
import dev.openfeature.sdk.EvaluationContext;
import dev.openfeature.sdk.EventProvider;
import dev.openfeature.sdk.Hook;
import dev.openfeature.sdk.ImmutableMetadata;
import dev.openfeature.sdk.Metadata;
import dev.openfeature.sdk.ProviderEvaluation;
import dev.openfeature.sdk.ProviderEventDetails;
import dev.openfeature.sdk.TrackingEventDetails;
import dev.openfeature.sdk.Value;
import dev.openfeature.sdk.exceptions.FatalError;
import dev.openfeature.sdk.exceptions.GeneralError;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Bunting for OpenFeature: flags evaluated in this process by the {@link BuntingClient}, which keeps the environment's
 * flag set current. Its events follow the client's status: READY, STALE when the server is lost, ERROR after the
 * grace period, ERROR with PROVIDER_FATAL when the key is refused, and CONFIGURATION_CHANGED naming the flags that
 * changed. Evaluation never throws: errors give the caller's default with OpenFeature's error codes.
 */
public final class BuntingProvider extends EventProvider {

    private static final Metadata METADATA = () -> "Bunting";
    private static final ImmutableMetadata NO_METADATA =
            ImmutableMetadata.builder().build();

    private final BuntingOptions options;
    private final AtomicBoolean initialised = new AtomicBoolean();
    private final AtomicBoolean shutDown = new AtomicBoolean();
    private volatile BuntingClient client;

    /** A provider that starts its own client, with these options, when OpenFeature initialises it. */
    public BuntingProvider(BuntingOptions options) {
        this.options = options;
    }

    private BuntingProvider(BuntingClient client) {
        this.options = null;
        this.client = client;
    }

    /** A provider on a client the application made, such as {@link dev.bunting.sdk.TestFlags#client()}'s. */
    public static BuntingProvider on(BuntingClient client) {
        return new BuntingProvider(client);
    }

    @Override
    public Metadata getMetadata() {
        return METADATA;
    }

    /** None: OpenFeature asks on every evaluation, and its default makes a new empty list each time. */
    @Override
    public List<Hook> getProviderHooks() {
        return List.of();
    }

    /** The client behind this provider; null before initialisation. */
    public BuntingClient client() {
        return client;
    }

    @Override
    public void initialize(EvaluationContext evaluationContext) throws Exception {
        if (client == null) {
            try {
                client = BuntingClient.start(options, new Events());
            } catch (BuntingException e) {
                if (e.isFatal()) {
                    throw new FatalError(e.getMessage());
                }
                throw new GeneralError(e.getMessage());
            }
        } else {
            client.addListener(new Events());
        }
        initialised.set(true);
        ClientStatus status = client.status();
        if (status == ClientStatus.FATAL) {
            throw new FatalError("the server refused the SDK key");
        }
        if (status == ClientStatus.NOT_READY || status == ClientStatus.ERROR) {
            throw new GeneralError("no flag set to serve yet: the server could not be reached");
        }
    }

    /** Closes the client, sending its queued events within the flush deadline; calling it again does nothing. */
    @Override
    public void shutdown() {
        if (shutDown.compareAndSet(false, true) && client != null) {
            client.close();
        }
        super.shutdown();
    }

    @Override
    public ProviderEvaluation<Boolean> getBooleanEvaluation(
            String key, Boolean defaultValue, EvaluationContext context) {
        return evaluate(key, FlagKind.BOOLEAN, defaultValue, context, value -> (Boolean) value);
    }

    @Override
    public ProviderEvaluation<String> getStringEvaluation(String key, String defaultValue, EvaluationContext context) {
        return evaluate(key, FlagKind.STRING, defaultValue, context, value -> (String) value);
    }

    @Override
    public ProviderEvaluation<Integer> getIntegerEvaluation(
            String key, Integer defaultValue, EvaluationContext context) {
        return evaluate(key, FlagKind.NUMBER, defaultValue, context, value -> ((BigDecimal) value).intValueExact());
    }

    @Override
    public ProviderEvaluation<Double> getDoubleEvaluation(String key, Double defaultValue, EvaluationContext context) {
        return evaluate(key, FlagKind.NUMBER, defaultValue, context, value -> ((BigDecimal) value).doubleValue());
    }

    @Override
    public ProviderEvaluation<Value> getObjectEvaluation(String key, Value defaultValue, EvaluationContext context) {
        return evaluate(key, FlagKind.JSON, defaultValue, context, Values::toValue);
    }

    /** Sends a tracking event for the context's targeting key, with the details' value and fields. */
    @Override
    public void track(String eventName, EvaluationContext context, TrackingEventDetails details) {
        BuntingClient current = client;
        if (current == null) {
            return;
        }
        Double value = details == null
                ? null
                : details.getValue().map(Number::doubleValue).orElse(null);
        current.track(
                eventName,
                Contexts.of(context),
                value,
                details == null ? java.util.Map.of() : Values.toPlain(details.asMap()));
    }

    private <T> ProviderEvaluation<T> evaluate(
            String key, FlagKind kind, T defaultValue, EvaluationContext context, Function<Object, T> convert) {
        BuntingClient current = client;
        if (current == null) {
            return error(defaultValue, ErrorCode.PROVIDER_NOT_READY, "the provider is not initialised");
        }
        try {
            Evaluation evaluation = current.evaluate(key, kind, Contexts.of(context));
            if (evaluation.isError()) {
                return error(defaultValue, errorCode(evaluation.errorCode()), evaluation.errorMessage());
            }
            T value;
            try {
                value = convert.apply(evaluation.value());
            } catch (ArithmeticException e) {
                return error(
                        defaultValue,
                        ErrorCode.TYPE_MISMATCH,
                        "flag '" + key + "' serves a number that is not an integer");
            }
            ImmutableMetadata metadata = evaluation.ruleId() == null
                    ? NO_METADATA
                    : ImmutableMetadata.builder()
                            .addString("ruleId", evaluation.ruleId().value())
                            .build();
            // the constructor rather than the builder: one object per evaluation instead of two. Not one shared per
            // outcome: OpenFeature's client only reads it, but it has public setters, so an application calling the
            // provider directly could change what every later evaluation returns.
            return new ProviderEvaluation<>(
                    value,
                    evaluation.variant() == null ? null : evaluation.variant().value(),
                    evaluation.reason().name(),
                    null,
                    null,
                    metadata);
        } catch (RuntimeException e) {
            return error(defaultValue, ErrorCode.GENERAL, "evaluation failed: " + e.getMessage());
        }
    }

    private static <T> ProviderEvaluation<T> error(T defaultValue, ErrorCode code, String message) {
        return ProviderEvaluation.<T>builder()
                .value(defaultValue)
                .reason(dev.openfeature.sdk.Reason.ERROR.name())
                .errorCode(code)
                .errorMessage(message)
                .build();
    }

    static ErrorCode errorCode(dev.bunting.domain.evaluation.ErrorCode code) {
        return switch (code) {
            case FLAG_NOT_FOUND -> ErrorCode.FLAG_NOT_FOUND;
            case TARGETING_KEY_MISSING -> ErrorCode.TARGETING_KEY_MISSING;
            case TYPE_MISMATCH -> ErrorCode.TYPE_MISMATCH;
            case PARSE_ERROR -> ErrorCode.PARSE_ERROR;
            case INVALID_CONTEXT -> ErrorCode.INVALID_CONTEXT;
            case GENERAL -> ErrorCode.GENERAL;
            case null -> ErrorCode.GENERAL;
        };
    }

    /** The client's status and changes, as OpenFeature provider events (after initialisation, which reports itself). */
    private final class Events implements ClientListener {
        @Override
        public void statusChanged(ClientStatus status, String message) {
            if (!initialised.get() || shutDown.get()) {
                return;
            }
            ProviderEventDetails.ProviderEventDetailsBuilder<?, ?> details =
                    ProviderEventDetails.builder().message(message);
            switch (status) {
                case READY -> emitProviderReady(details.build());
                case STALE -> emitProviderStale(details.build());
                case ERROR ->
                    emitProviderError(details.errorCode(ErrorCode.GENERAL).build());
                case FATAL ->
                    emitProviderError(
                            details.errorCode(ErrorCode.PROVIDER_FATAL).build());
                case NOT_READY -> {
                    // a client never returns to NOT_READY
                }
            }
        }

        @Override
        public void flagsChanged(Set<String> flagKeys) {
            if (!initialised.get() || shutDown.get()) {
                return;
            }
            emitProviderConfigurationChanged(ProviderEventDetails.builder()
                    .flagsChanged(List.copyOf(flagKeys))
                    .message("the flag set changed")
                    .build());
        }
    }
}
