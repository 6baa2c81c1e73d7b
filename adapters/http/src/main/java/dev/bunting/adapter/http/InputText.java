package dev.bunting.adapter.http;

import java.util.Locale;

/**
 * Which characters the API accepts in the text it reads, checked where text comes in (JSON bodies, path variables,
 * query parameters, headers) so that no route can forget. A refusal is a 400 naming the field and the code point,
 * never echoing the text.
 *
 * <ul>
 *   <li><b>Free text</b> (descriptions, served values, context attributes): no control characters (C0, DEL, C1)
 *   except tab, line feed and carriage return, which multi-line descriptions and values legitimately hold. NUL above
 *   all, which PostgreSQL cannot store.</li>
 *   <li><b>Single-line text</b> (JSON field names, path variables, query parameters, header values): no control
 *   characters at all; a header value may hold a tab, which HTTP counts as whitespace.</li>
 *   <li><b>Names shown to people</b> (every JSON field called {@code name}: flags, environments, keys, variants): no
 *   control characters, and no bidirectional overrides or isolates (U+202A–U+202E, U+2066–U+2069), which make text
 *   display differently from what it is.</li>
 * </ul>
 */
final class InputText {

    private static final String DISPLAY_NAME_FIELD = "name";

    private InputText() {}

    /** A string value of a JSON body; {@code fieldName} is the name of the field holding it, null in an array. */
    static void checkValue(String field, String fieldName, String value) {
        if (DISPLAY_NAME_FIELD.equals(fieldName)) {
            checkDisplayName(field, value);
        } else {
            refuse(field, value, true, false);
        }
    }

    static void checkDisplayName(String field, String value) {
        refuse(field, value, false, true);
    }

    static void checkLine(String field, String value) {
        refuse(field, value, false, false);
    }

    static void checkHeader(String name, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '\t' && isControl(c)) {
                throw refusal(name, "control_character", c);
            }
        }
    }

    private static void refuse(String field, String value, boolean allowLineBreaksAndTabs, boolean refuseBidi) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (isControl(c) && !(allowLineBreaksAndTabs && (c == '\t' || c == '\n' || c == '\r'))) {
                throw refusal(field, "control_character", c);
            }
            if (refuseBidi && isBidiControl(c)) {
                throw refusal(field, "bidi_control", c);
            }
        }
    }

    private static boolean isControl(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f);
    }

    private static boolean isBidiControl(char c) {
        return (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
    }

    private static ProblemException refusal(String field, String code, char c) {
        String codePoint = String.format(Locale.ROOT, "U+%04X", (int) c);
        String what = code.equals("bidi_control") ? "a bidirectional control character" : "a control character";
        String label = field.isEmpty() ? "a field name" : field;
        return new ProblemException(Problem.badRequest(
                field, code, label + " contains " + what + " (" + codePoint + "), which is not accepted here"));
    }
}
