package dev.bunting.composition;

import dev.bunting.adapter.jwt.JwtSettings;

/** How this service's tokens are signed and checked: the same on every runtime, so one runtime's tokens work on the others. */
public final class TokenSettings {

    private TokenSettings() {}

    public static JwtSettings of(byte[] secret) {
        return new JwtSettings(secret, "bunting", "bunting-api");
    }
}
