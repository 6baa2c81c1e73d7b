package dev.bunting.adapter.redis;

/** Redis did not answer, or answered with an error: whichever client asked, the adapters map this to their port's failure. */
public final class RedisUnavailableException extends RuntimeException {

    public RedisUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public RedisUnavailableException(String message) {
        super(message);
    }
}
