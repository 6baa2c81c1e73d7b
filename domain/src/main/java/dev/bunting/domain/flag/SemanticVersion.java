package dev.bunting.domain.flag;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A semantic version (semver.org 2.0.0) compared by precedence. Minor and patch may be omitted ("2" is 2.0.0) and a
 * leading 'v' is accepted, because app versions in the wild are written that way; build metadata is ignored.
 */
public record SemanticVersion(long major, long minor, long patch, List<String> preRelease)
        implements Comparable<SemanticVersion> {

    private static final int MAX_LENGTH = 256;
    private static final int MAX_NUMBER_DIGITS = 18;

    public SemanticVersion {
        preRelease = List.copyOf(preRelease);
    }

    /** Parses without regular expressions or splitting: clauses parse a context's version on every evaluation. */
    public static Optional<SemanticVersion> parse(@Nullable String text) {
        return Optional.ofNullable(parseOrNull(text));
    }

    /** @return null when {@code text} is not a semantic version */
    public static @Nullable SemanticVersion parseOrNull(@Nullable String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) {
            return null;
        }
        int end = text.length();
        int plus = text.indexOf('+');
        if (plus >= 0) {
            if (!validIdentifiers(text, plus + 1, end, false)) {
                return null;
            }
            end = plus;
        }
        int dash = text.indexOf('-');
        int coreEnd = dash >= 0 && dash < end ? dash : end;
        // the three numbers read in one pass, digit by digit, into locals: clauses parse a context's version on every
        // evaluation, and this allocates nothing but the version itself
        long major = 0;
        long minor = 0;
        long patch = 0;
        int position = text.charAt(0) == 'v' ? 1 : 0;
        for (int part = 0; part < 3; part++) {
            int start = position;
            long number = 0;
            for (char c; position < coreEnd && (c = text.charAt(position)) != '.'; position++) {
                if (c < '0' || c > '9' || position - start == MAX_NUMBER_DIGITS) {
                    return null;
                }
                number = number * 10 + (c - '0');
            }
            if (position == start || (position - start > 1 && text.charAt(start) == '0')) {
                return null;
            }
            switch (part) {
                case 0 -> major = number;
                case 1 -> minor = number;
                default -> patch = number;
            }
            if (position == coreEnd) {
                break;
            }
            position++;
            if (part == 2) {
                return null;
            }
        }
        if (position != coreEnd) {
            return null;
        }
        List<String> preRelease = List.of();
        if (coreEnd < end) {
            if (!validIdentifiers(text, coreEnd + 1, end, true)) {
                return null;
            }
            preRelease = identifiers(text, coreEnd + 1, end);
        }
        return new SemanticVersion(major, minor, patch, preRelease);
    }

    @Override
    public int compareTo(SemanticVersion other) {
        int c = Long.compare(major, other.major);
        if (c == 0) c = Long.compare(minor, other.minor);
        if (c == 0) c = Long.compare(patch, other.patch);
        if (c != 0) return c;
        if (preRelease.isEmpty() || other.preRelease.isEmpty()) {
            // a release outranks any of its pre-releases
            return Boolean.compare(preRelease.isEmpty(), other.preRelease.isEmpty());
        }
        for (int i = 0; i < Math.min(preRelease.size(), other.preRelease.size()); i++) {
            c = comparePreReleaseIdentifier(preRelease.get(i), other.preRelease.get(i));
            if (c != 0) return c;
        }
        return Integer.compare(preRelease.size(), other.preRelease.size());
    }

    private static int comparePreReleaseIdentifier(String a, String b) {
        boolean aNumeric = isDigits(a, 0, a.length());
        boolean bNumeric = isDigits(b, 0, b.length());
        if (aNumeric && bNumeric) {
            return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
        }
        if (aNumeric != bNumeric) {
            return aNumeric ? -1 : 1;
        }
        return a.compareTo(b);
    }

    private static List<String> identifiers(String text, int start, int end) {
        List<String> identifiers = new ArrayList<>();
        int from = start;
        for (int i = start; i <= end; i++) {
            if (i == end || text.charAt(i) == '.') {
                identifiers.add(text.substring(from, i));
                from = i + 1;
            }
        }
        return identifiers;
    }

    /** Dot-separated, non-empty identifiers of [0-9A-Za-z-]; numeric ones without leading zeros where required. */
    private static boolean validIdentifiers(String text, int start, int end, boolean numericWithoutLeadingZero) {
        if (start >= end) return false;
        int from = start;
        for (int i = start; i <= end; i++) {
            if (i == end || text.charAt(i) == '.') {
                if (i == from) return false;
                if (numericWithoutLeadingZero && isDigits(text, from, i) && i - from > 1 && text.charAt(from) == '0')
                    return false;
                from = i + 1;
            } else {
                char c = text.charAt(i);
                if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-'))
                    return false;
            }
        }
        return true;
    }

    private static boolean isDigits(String text, int start, int end) {
        if (start >= end) return false;
        for (int i = start; i < end; i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') return false;
        }
        return true;
    }
}
