package dev.bunting.domain.port;

/**
 * Tokens can be neither issued nor checked right now, because the secret that signs them cannot be read (a secrets
 * store that does not answer): not the same as a token that is not valid, so the caller can retry rather than sign in
 * again.
 */
public final class TokensUnavailableException extends RuntimeException {
    public TokensUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
