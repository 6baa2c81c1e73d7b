package dev.bunting.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The token-signing secret of a local installation that was given none: made once, kept beside the embedded data,
 * so tokens survive restarts. Only the local runner does this; a deployment must configure its own secret.
 */
final class DevelopmentSecret {

    private static final int BYTES = 32;

    private DevelopmentSecret() {}

    static byte[] loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return Base64.getDecoder()
                        .decode(Files.readString(file, StandardCharsets.US_ASCII)
                                .strip());
            }
            byte[] secret = new byte[BYTES];
            new SecureRandom().nextBytes(secret);
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, Base64.getEncoder().encodeToString(secret), StandardCharsets.US_ASCII);
            restrictToOwner(file);
            java.util.logging.Logger.getLogger(DevelopmentSecret.class.getName())
                    .info("Generated a development token-signing secret in " + file.toAbsolutePath()
                            + " (set BUNTING_JWT_SECRET to use your own)");
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("the development secret at " + file + " could not be read or written", e);
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system (Windows): the data directory's own permissions apply
        }
    }
}
