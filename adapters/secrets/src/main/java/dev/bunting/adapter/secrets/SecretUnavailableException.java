package dev.bunting.adapter.secrets;

/**
 * A secret could not be read. The message names the secret and why (not found, access denied, the AWS error code or
 * the client-side failure's class) and never holds a secret's value; no SDK exception is attached, as its message is
 * not ours to vouch for.
 */
public final class SecretUnavailableException extends RuntimeException {

    private final String secretId;

    SecretUnavailableException(String secretId, String reason) {
        super("secret '" + secretId + "' is unavailable: " + reason);
        this.secretId = secretId;
    }

    public String secretId() {
        return secretId;
    }
}
