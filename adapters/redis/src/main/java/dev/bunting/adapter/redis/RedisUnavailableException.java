package dev.bunting.adapter.redis;

/** Redis did not answer, or answered with an error: whichever client asked, the adapters map this to their port's failure. */
final class RedisUnavailableException extends RuntimeException {

    RedisUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    RedisUnavailableException(String message) {
        super(message);
    }
}
