package dev.bunting.adapter.argon2;

import de.mkammerer.argon2.Argon2;
import de.mkammerer.argon2.Argon2Factory;
import dev.bunting.domain.identity.PasswordHash;
import dev.bunting.domain.port.PasswordHasher;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Argon2id through argon2-jvm's bundled libargon2. Hashes are PHC strings
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}) that carry their own parameters, so verification reads them from
 * the hash and {@link #needsRehash} compares them with today's.
 */
public final class Argon2PasswordHasher implements PasswordHasher {

    /** An Argon2id PHC string of version 0x13; unpadded base64 salt and hash. Digits are bounded so they parse as int. */
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,9}),t=(\\d{1,9}),p=(\\d{1,8})\\$[A-Za-z0-9+/]{11,}\\$[A-Za-z0-9+/]{11,}");

    private final Argon2 argon2 = Argon2Factory.create(Argon2Factory.Argon2Types.ARGON2id);
    private final Argon2Parameters parameters;

    public Argon2PasswordHasher() {
        this(Argon2Parameters.OWASP);
    }

    public Argon2PasswordHasher(Argon2Parameters parameters) {
        this.parameters = Objects.requireNonNull(parameters, "parameters");
    }

    @Override
    public PasswordHash hash(String password) {
        char[] chars = password.toCharArray();
        try {
            return new PasswordHash(argon2.hash(
                    parameters.iterations(),
                    parameters.memoryKib(),
                    parameters.parallelism(),
                    chars,
                    StandardCharsets.UTF_8));
        } finally {
            argon2.wipeArray(chars);
        }
    }

    /** libargon2's verify re-hashes with the parameters in the hash and compares in constant time. */
    @Override
    public boolean matches(PasswordHash hash, String password) {
        if (!PHC.matcher(hash.encoded()).matches()) {
            return false;
        }
        char[] chars = password.toCharArray();
        try {
            return argon2.verify(hash.encoded(), chars, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException | IllegalStateException malformed) {
            return false;
        } finally {
            argon2.wipeArray(chars);
        }
    }

    @Override
    public boolean needsRehash(PasswordHash hash) {
        Matcher phc = PHC.matcher(hash.encoded());
        if (!phc.matches()) {
            return true;
        }
        return Integer.parseInt(phc.group(1)) != parameters.memoryKib()
                || Integer.parseInt(phc.group(2)) != parameters.iterations()
                || Integer.parseInt(phc.group(3)) != parameters.parallelism();
    }
}
