package dev.bunting.domain.identity;

import dev.bunting.domain.Checks;
import dev.bunting.domain.InvalidInputException;
import java.text.Normalizer;
import java.util.Locale;

/**
 * A user's email address, the sign-in name. Kept in a normalised form, NFKC then case-folded (as Unicode's
 * NFKC_Casefold does), so that sign-in is case-insensitive and fullwidth or compatibility forms
 * ({@code ｒｏｏｔ@example.com}) are the address they look like. Checked for shape only (one '@', a dotted domain, no
 * spaces, no control or invisible formatting characters): whether it receives mail is not this service's concern.
 * {@link #skeleton()} says which other addresses it could be mistaken for.
 */
public record Email(String value) {

    public Email {
        Checks.requireText("email", value, 254);
        value = normalise(value.strip());
        int at = value.indexOf('@');
        boolean shaped = at > 0
                && at == value.lastIndexOf('@')
                && value.indexOf('.', at) > at + 1
                && !value.endsWith(".")
                && value.codePoints().noneMatch(Email::isInvisibleOrSpace);
        if (!shaped) {
            throw InvalidInputException.of("email", "invalid_format", "email must look like name@example.com");
        }
        Checks.requireText("email", value, 254);
    }

    public String domain() {
        return value.substring(value.indexOf('@') + 1);
    }

    /**
     * What the address looks like, after Unicode TR39's skeleton for the common confusables ({@link Confusables}):
     * two addresses with the same skeleton can be told apart by no one reading them, so only one may have an account.
     */
    public String skeleton() {
        return Confusables.skeleton(value);
    }

    /** NFKC, then case folding: upper then lower case folds what lower case alone does not (ß and SS, final sigma). */
    private static String normalise(String text) {
        String compatible = Normalizer.normalize(text, Normalizer.Form.NFKC);
        return Normalizer.normalize(compatible.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT), Normalizer.Form.NFKC);
    }

    private static boolean isInvisibleOrSpace(int codePoint) {
        int type = Character.getType(codePoint);
        return Character.isWhitespace(codePoint)
                || Character.isSpaceChar(codePoint)
                || type == Character.CONTROL
                || type == Character.FORMAT
                || type == Character.PRIVATE_USE
                || type == Character.SURROGATE
                || type == Character.UNASSIGNED;
    }

    @Override
    public String toString() {
        return value;
    }
}
