package dev.bunting.adapter.http;

/** JSON string literals for log lines, written by hand so logging never waits on a mapper or fails on a value. */
final class LogJson {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private LogJson() {}

    /**
     * The text as a JSON string, quotes included; null as an empty string. Every control character (C0, DEL and C1, the
     * ANSI escape among them) and the line and paragraph separators are escaped, as is a lone surrogate, so that the
     * line is valid JSON in UTF-8 and prints as one line on any terminal.
     */
    static String quote(String text) {
        if (text == null) {
            return "\"\"";
        }
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20
                    || (c >= 0x7f && c <= 0x9f)
                    || c == '\u2028'
                    || c == '\u2029'
                    || isLoneSurrogate(text, i)) {
                out.append("\\u")
                        .append(HEX[c >> 12])
                        .append(HEX[(c >> 8) & 0xf])
                        .append(HEX[(c >> 4) & 0xf])
                        .append(HEX[c & 0xf]);
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private static boolean isLoneSurrogate(String text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
        }
        return Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)));
    }
}
