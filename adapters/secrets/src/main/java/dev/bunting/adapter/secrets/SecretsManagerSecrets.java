package dev.bunting.adapter.secrets;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.logging.Logger;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * Secrets read from AWS Secrets Manager, so that the Lambda functions never take one from an environment variable.
 *
 * <p>The SDK client is made on the first {@link #value} rather than when this is built: SnapStart snapshots the init
 * phase and restores it many times, and a client made then, with the credentials and connections it keeps, would be
 * copied into every restored environment. So call {@link #value} while handling a request, never during init or in a
 * checkpoint hook.
 *
 * <p>Each secret is kept for a time to live and then read again, so a rotation shows within that time. When it is due
 * and one caller is reading it, the others wait for that read instead of asking too. A secret rarely changes, so when
 * the read fails (Secrets Manager throttles or has an outage) the previous value is served for up to one more time to
 * live, with a warning, and asked for again at most every {@link #RETRY_AFTER_FAILURE}; after that the failure is
 * thrown. No value is ever logged or shown by a {@code toString()}.
 */
public final class SecretsManagerSecrets {

    /** Set by Lambda in every function. */
    static final String REGION = "AWS_REGION";
    /** Another Secrets Manager to ask, such as LocalStack's; unset in AWS. */
    static final String ENDPOINT = "BUNTING_SECRETS_ENDPOINT";

    static final String TIME_TO_LIVE_SECONDS = "BUNTING_SECRETS_TTL_SECONDS";

    static final Duration DEFAULT_TIME_TO_LIVE = Duration.ofMinutes(5);
    /** While the previous value is served, requests need not each wait for a call that will likely fail again. */
    static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(10);

    /** Secrets Manager answers in milliseconds from inside the region; a request should rather fail than hang on it. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);
    private static final String ACCESS_DENIED = "AccessDeniedException";

    private static final Logger LOG = Logger.getLogger(SecretsManagerSecrets.class.getName());

    private final Supplier<SecretsManagerClient> clients;
    private final Clock clock;
    private final Duration timeToLive;
    private final ConcurrentMap<String, Slot> slots = new ConcurrentHashMap<>();
    private SecretsManagerClient client;

    /**
     * @param clients    makes the client, once, on the first read
     * @param timeToLive how long a value is served before it is read again, and how much longer the previous value is
     *                   served while reading fails
     */
    SecretsManagerSecrets(Supplier<SecretsManagerClient> clients, Clock clock, Duration timeToLive) {
        if (timeToLive.isNegative() || timeToLive.isZero()) {
            throw new IllegalArgumentException("the time to live of secrets must be positive, not " + timeToLive);
        }
        this.clients = clients;
        this.clock = clock;
        this.timeToLive = timeToLive;
    }

    /**
     * Reads the region (AWS_REGION), an endpoint to ask instead of AWS's (BUNTING_SECRETS_ENDPOINT) and the time to live
     * in whole seconds (BUNTING_SECRETS_TTL_SECONDS, 300 unless set) from {@code environment}; connects to nothing.
     *
     * <p>Credentials are not taken from {@code environment} but looked up by the SDK on the first read, from the
     * variables Lambda sets for the execution role (AWS_ACCESS_KEY_ID and its fellows) or, in a function with SnapStart,
     * where Lambda gives them as container credentials instead (AWS_CONTAINER_CREDENTIALS_FULL_URI). Only those two are
     * tried: the SDK's default chain would also look for profile files and ask the instance metadata service, which
     * slows the first read and finds nothing in Lambda.
     *
     * @throws IllegalStateException when a variable is missing or unusable; the message names it
     */
    public static SecretsManagerSecrets fromEnvironment(Map<String, String> environment, Clock clock) {
        String region = text(environment, REGION);
        if (region == null) {
            throw new IllegalStateException(
                    REGION
                            + " is not set; Lambda sets it, elsewhere set it to the region the secrets are kept in, such as eu-west-1");
        }
        Optional<URI> endpoint =
                Optional.ofNullable(text(environment, ENDPOINT)).map(SecretsManagerSecrets::endpoint);
        Duration timeToLive = timeToLive(text(environment, TIME_TO_LIVE_SECONDS));
        return new SecretsManagerSecrets(
                () -> client(Region.of(region), endpoint, lambdaCredentials()), clock, timeToLive);
    }

    private static AwsCredentialsProvider lambdaCredentials() {
        return AwsCredentialsProviderChain.of(
                EnvironmentVariableCredentialsProvider.create(),
                ContainerCredentialsProvider.builder().build());
    }

    /** The client every read goes through: the JDK's HTTP client, which keeps the function small, and short timeouts. */
    static SecretsManagerClient client(Region region, Optional<URI> endpoint, AwsCredentialsProvider credentials) {
        SecretsManagerClientBuilder builder = SecretsManagerClient.builder()
                .region(region)
                .credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(CALL_TIMEOUT))
                .overrideConfiguration(configuration -> configuration.apiCallTimeout(CALL_TIMEOUT));
        endpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /**
     * The secret's text (its SecretString), from the cache while it is fresh.
     *
     * @param secretId the secret's name or ARN
     * @throws SecretUnavailableException when it cannot be read and no previous value may be served
     */
    public String value(String secretId) {
        if (secretId == null || secretId.isBlank()) {
            throw new IllegalArgumentException("a secret id is required");
        }
        Slot slot = slots.computeIfAbsent(secretId, id -> new Slot());
        Cached cached = slot.cached;
        if (cached != null && clock.instant().isBefore(freshUntil(cached))) {
            return cached.value();
        }
        slot.lock.lock();
        try {
            return refresh(secretId, slot);
        } finally {
            slot.lock.unlock();
        }
    }

    /**
     * The secret read again because its user found {@code stale} no longer works: a rotation replaced it before this
     * cache's time to live ran out. Reads it now, unless another caller already has a different value, or it was read
     * within {@link #RETRY_AFTER_FAILURE}, so that a login that is simply wrong does not send every attempt to Secrets
     * Manager.
     *
     * @throws SecretUnavailableException when it cannot be read
     */
    public String renewed(String secretId, String stale) {
        Slot slot = slots.computeIfAbsent(secretId, id -> new Slot());
        slot.lock.lock();
        try {
            Instant now = clock.instant();
            Cached cached = slot.cached;
            if (cached != null
                    && (!cached.value().equals(stale)
                            || now.isBefore(cached.readAt().plus(RETRY_AFTER_FAILURE)))) {
                return cached.value();
            }
            String value = fetch(secretId);
            slot.cached = new Cached(value, now);
            return value;
        } finally {
            slot.lock.unlock();
        }
    }

    private String refresh(String secretId, Slot slot) {
        Instant now = clock.instant();
        Cached previous = slot.cached;
        if (previous != null && now.isBefore(freshUntil(previous))) {
            // read by the caller this one waited for
            return previous.value();
        }
        Instant servableUntil =
                previous == null ? Instant.MIN : freshUntil(previous).plus(timeToLive);
        boolean previousServable = now.isBefore(servableUntil);
        if (previousServable && now.isBefore(slot.retryAt)) {
            return previous.value();
        }
        try {
            String value = fetch(secretId);
            slot.cached = new Cached(value, now);
            return value;
        } catch (SecretUnavailableException e) {
            if (!previousServable) {
                throw e;
            }
            slot.retryAt = now.plus(RETRY_AFTER_FAILURE);
            LOG.warning(e.getMessage() + "; serving the value read at " + previous.readAt() + " until " + servableUntil
                    + " at the latest, and asking again from "
                    + (slot.retryAt.isBefore(servableUntil) ? slot.retryAt : servableUntil));
            return previous.value();
        }
    }

    private String fetch(String secretId) {
        GetSecretValueResponse response;
        try {
            response = client().getSecretValue(request -> request.secretId(secretId));
        } catch (ResourceNotFoundException e) {
            throw new SecretUnavailableException(secretId, "not found (" + described(e) + ")");
        } catch (AwsServiceException e) {
            String reason =
                    ACCESS_DENIED.equals(errorCode(e)) ? "access denied" : "Secrets Manager refused the request";
            throw new SecretUnavailableException(secretId, reason + " (" + described(e) + ")");
        } catch (SdkException e) {
            // failed on this side: no connection, a timeout, no credentials
            throw new SecretUnavailableException(secretId, "Secrets Manager could not be asked (" + causes(e) + ")");
        }
        if (response.secretString() == null) {
            throw new SecretUnavailableException(secretId, "it holds binary data, not text");
        }
        return response.secretString();
    }

    private synchronized SecretsManagerClient client() {
        if (client == null) {
            client = clients.get();
        }
        return client;
    }

    private Instant freshUntil(Cached cached) {
        return cached.readAt().plus(timeToLive);
    }

    private static String errorCode(AwsServiceException e) {
        AwsErrorDetails details = e.awsErrorDetails();
        return details == null ? null : details.errorCode();
    }

    /** The service's own message is left out: it is not needed to tell the failures apart. */
    private static String described(AwsServiceException e) {
        return errorCode(e) + ", HTTP " + e.statusCode() + ", request id " + e.requestId();
    }

    /** Class names only, as a client-side message may quote what it failed to parse. */
    private static String causes(Throwable e) {
        StringBuilder names = new StringBuilder(e.getClass().getSimpleName());
        for (Throwable cause = e.getCause(); cause != null && cause != e; cause = cause.getCause()) {
            names.append(" caused by ").append(cause.getClass().getSimpleName());
        }
        return names.toString();
    }

    private static String text(Map<String, String> environment, String name) {
        String value = environment.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static URI endpoint(String text) {
        try {
            URI uri = new URI(text);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // refused below, with the same message
        }
        throw new IllegalStateException(
                ENDPOINT + " must be an http:// or https:// URL, such as http://localhost:4566");
    }

    private static Duration timeToLive(String seconds) {
        if (seconds == null) {
            return DEFAULT_TIME_TO_LIVE;
        }
        try {
            long parsed = Long.parseLong(seconds);
            if (parsed >= 1) {
                return Duration.ofSeconds(parsed);
            }
        } catch (NumberFormatException e) {
            // refused below, with the same message
        }
        throw new IllegalStateException(
                TIME_TO_LIVE_SECONDS + " must be a whole number of seconds, at least 1, not '" + seconds + "'");
    }

    /** One secret's cached value; the lock makes callers of a due secret wait for one read. */
    private static final class Slot {
        private final ReentrantLock lock = new ReentrantLock();
        private volatile Cached cached;
        /** Guarded by {@link #lock}. */
        private Instant retryAt = Instant.MIN;
    }

    private record Cached(String value, Instant readAt) {
        @Override
        public String toString() {
            return "Cached[value=hidden, readAt=" + readAt + "]";
        }
    }
}
