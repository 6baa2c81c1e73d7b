package dev.bunting.sdk;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link BuntingClient} reaches its server and keeps its flags: built with {@link #builder(String)}, checked
 * when built. Every duration has a default fit for a long-running service.
 *
 * @param sdkKey            a server SDK key ({@code bnt_sdk_…}), or an API key with {@code environment}; empty for a
 *                          public environment named by {@code environment}
 * @param initTimeout       how long {@link BuntingClient#start} waits for the first flag set
 * @param maxAge            in {@link SyncMode#NO_THREADS}, how old the flag set may grow before an evaluation refreshes it
 * @param staleGracePeriod  how long the client stays STALE before it reports ERROR
 * @param bootstrapJson     a flag set (the body of {@code GET /sdk/flags}) to serve at once, before the server answers
 * @param lastKnownGoodFile written after each new flag set, read on a cold start when the server cannot be reached
 * @param failFast          whether {@link BuntingClient#start} throws when it has no flag set to serve
 * @param eventCapacity     events held for sending; beyond it, new ones are dropped and counted
 * @param flushDeadline     how long closing the client may spend sending what is queued
 */
public record BuntingOptions(
        URI baseUri,
        Optional<String> sdkKey,
        Optional<String> environment,
        SyncMode mode,
        Duration pollInterval,
        Duration maxAge,
        Duration initTimeout,
        Duration requestTimeout,
        Duration streamReadTimeout,
        Duration staleGracePeriod,
        Duration maxBackoff,
        Optional<String> bootstrapJson,
        Optional<Path> bootstrapFile,
        Optional<Path> lastKnownGoodFile,
        boolean failFast,
        boolean sendEvents,
        int eventCapacity,
        Duration flushInterval,
        Duration flushDeadline,
        Clock clock) {

    /** What client-side keys start with: they are made to ship in browsers, and may not read rules. */
    static final String CLIENT_KEY_PREFIX = "bnt_client_";

    public BuntingOptions {
        Objects.requireNonNull(baseUri, "baseUri");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(clock, "clock");
        sdkKey.ifPresent(key -> {
            if (key.startsWith(CLIENT_KEY_PREFIX)) {
                throw new IllegalArgumentException(
                        "a client-side key (" + CLIENT_KEY_PREFIX
                                + "…) cannot read flag rules: this SDK evaluates locally and needs a server SDK key (bnt_sdk_…)");
            }
        });
        if (sdkKey.isEmpty() && environment.isEmpty()) {
            throw new IllegalArgumentException("name an environment, or give an SDK key, which names its own");
        }
        for (Duration duration :
                new Duration[] {pollInterval, maxAge, initTimeout, requestTimeout, streamReadTimeout, flushInterval}) {
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("durations must be positive");
            }
        }
        if (eventCapacity < 1) {
            throw new IllegalArgumentException("eventCapacity must be at least 1");
        }
    }

    /** @param baseUrl where the Bunting server answers, such as {@code https://flags.example.com} */
    public static Builder builder(String baseUrl) {
        return new Builder(URI.create(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl));
    }

    /** Defaults: streaming, 30 s polls and maximum age, 5 s to start, STALE for 2 minutes before ERROR. */
    public static final class Builder {
        private final URI baseUri;
        private String sdkKey;
        private String environment;
        private SyncMode mode = SyncMode.STREAMING;
        private Duration pollInterval = Duration.ofSeconds(30);
        private Duration maxAge = Duration.ofSeconds(30);
        private Duration initTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(5);
        private Duration streamReadTimeout = Duration.ofSeconds(45);
        private Duration staleGracePeriod = Duration.ofMinutes(2);
        private Duration maxBackoff = Duration.ofMinutes(1);
        private String bootstrapJson;
        private Path bootstrapFile;
        private Path lastKnownGoodFile;
        private boolean failFast;
        private boolean sendEvents = true;
        private int eventCapacity = 10_000;
        private Duration flushInterval = Duration.ofSeconds(5);
        private Duration flushDeadline = Duration.ofSeconds(2);
        private Clock clock = Clock.systemUTC();

        private Builder(URI baseUri) {
            this.baseUri = baseUri;
        }

        public Builder sdkKey(String key) {
            this.sdkKey = key;
            return this;
        }

        public Builder environment(String key) {
            this.environment = key;
            return this;
        }

        public Builder mode(SyncMode value) {
            this.mode = value;
            return this;
        }

        public Builder pollInterval(Duration value) {
            this.pollInterval = value;
            return this;
        }

        public Builder maxAge(Duration value) {
            this.maxAge = value;
            return this;
        }

        public Builder initTimeout(Duration value) {
            this.initTimeout = value;
            return this;
        }

        public Builder requestTimeout(Duration value) {
            this.requestTimeout = value;
            return this;
        }

        /** Longer than the server's heartbeat (15 s): a stream silent this long is taken as lost. */
        public Builder streamReadTimeout(Duration value) {
            this.streamReadTimeout = value;
            return this;
        }

        public Builder staleGracePeriod(Duration value) {
            this.staleGracePeriod = value;
            return this;
        }

        /** The longest wait between retries after failures (the waits grow exponentially, with jitter). */
        public Builder maxBackoff(Duration value) {
            this.maxBackoff = value;
            return this;
        }

        public Builder bootstrapJson(String flagSet) {
            this.bootstrapJson = flagSet;
            return this;
        }

        public Builder bootstrapFile(Path file) {
            this.bootstrapFile = file;
            return this;
        }

        public Builder lastKnownGoodFile(Path file) {
            this.lastKnownGoodFile = file;
            return this;
        }

        public Builder failFast(boolean value) {
            this.failFast = value;
            return this;
        }

        /** Whether exposures and tracked events go to {@code POST /events}; on by default. */
        public Builder sendEvents(boolean value) {
            this.sendEvents = value;
            return this;
        }

        public Builder eventCapacity(int value) {
            this.eventCapacity = value;
            return this;
        }

        public Builder flushInterval(Duration value) {
            this.flushInterval = value;
            return this;
        }

        public Builder flushDeadline(Duration value) {
            this.flushDeadline = value;
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        public BuntingOptions build() {
            return new BuntingOptions(
                    baseUri,
                    Optional.ofNullable(sdkKey),
                    Optional.ofNullable(environment),
                    mode,
                    pollInterval,
                    maxAge,
                    initTimeout,
                    requestTimeout,
                    streamReadTimeout,
                    staleGracePeriod,
                    maxBackoff,
                    Optional.ofNullable(bootstrapJson),
                    Optional.ofNullable(bootstrapFile),
                    Optional.ofNullable(lastKnownGoodFile),
                    failFast,
                    sendEvents,
                    eventCapacity,
                    flushInterval,
                    flushDeadline,
                    clock);
        }
    }
}
