package dev.bunting.domain.port;

import dev.bunting.domain.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where the next page of the audit trail starts: just before the entry numbered {@code before}. Keyset rather than
 * offset, so entries recorded while a reader pages never shift or repeat what the next page holds. Clients see only
 * {@link #token()}, an opaque string, and hand it back.
 */
public record AuditCursor(long before) {

    private static final String PREFIX = "audit:";

    public AuditCursor {
        if (before < 1) {
            throw invalid();
        }
    }

    public String token() {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((PREFIX + before).getBytes(StandardCharsets.UTF_8));
    }

    /** Reads a token that {@link #token()} made; anything else is invalid input for the {@code cursor} field. */
    public static AuditCursor parse(String token) {
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        if (!text.startsWith(PREFIX)) {
            throw invalid();
        }
        try {
            return new AuditCursor(Long.parseLong(text.substring(PREFIX.length())));
        } catch (NumberFormatException e) {
            throw invalid();
        }
    }

    private static InvalidInputException invalid() {
        return InvalidInputException.of("cursor", "invalid_value", "cursor must be a next_cursor this API returned");
    }
}
