package dev.bunting.domain.flag;

import java.util.List;
import java.util.Optional;

/**
 * A semantic version (semver.org 2.0.0) compared by precedence. Minor and patch may be omitted ("2" is 2.0.0) and a
 * leading 'v' is accepted, because app versions in the wild are written that way; build metadata is ignored.
 */
public record SemanticVersion(long major, long minor, long patch, List<String> preRelease) implements Comparable<SemanticVersion> {

    public SemanticVersion {
        preRelease = List.copyOf(preRelease);
    }

    public static Optional<SemanticVersion> parse(String text) {
        if (text == null || text.isEmpty() || text.length() > 256) {
            return Optional.empty();
        }
        String s = text.charAt(0) == 'v' ? text.substring(1) : text;
        int plus = s.indexOf('+');
        if (plus >= 0) {
            if (!validIdentifiers(s.substring(plus + 1), false)) {
                return Optional.empty();
            }
            s = s.substring(0, plus);
        }
        List<String> preRelease = List.of();
        int dash = s.indexOf('-');
        if (dash >= 0) {
            String pre = s.substring(dash + 1);
            if (!validIdentifiers(pre, true)) {
                return Optional.empty();
            }
            preRelease = List.of(pre.split("\\.", -1));
            s = s.substring(0, dash);
        }
        String[] core = s.split("\\.", -1);
        if (core.length > 3) {
            return Optional.empty();
        }
        long[] numbers = new long[3];
        for (int i = 0; i < core.length; i++) {
            if (!isNumericIdentifier(core[i]) || core[i].length() > 18) {
                return Optional.empty();
            }
            numbers[i] = Long.parseLong(core[i]);
        }
        return Optional.of(new SemanticVersion(numbers[0], numbers[1], numbers[2], preRelease));
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
        boolean aNumeric = isDigits(a);
        boolean bNumeric = isDigits(b);
        if (aNumeric && bNumeric) {
            return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
        }
        if (aNumeric != bNumeric) {
            return aNumeric ? -1 : 1;
        }
        return a.compareTo(b);
    }

    private static boolean validIdentifiers(String dotted, boolean numericWithoutLeadingZero) {
        if (dotted.isEmpty()) return false;
        for (String identifier : dotted.split("\\.", -1)) {
            if (identifier.isEmpty()) return false;
            for (int i = 0; i < identifier.length(); i++) {
                char c = identifier.charAt(i);
                if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-')) return false;
            }
            if (numericWithoutLeadingZero && isDigits(identifier) && identifier.length() > 1 && identifier.charAt(0) == '0') return false;
        }
        return true;
    }

    private static boolean isNumericIdentifier(String s) {
        return isDigits(s) && (s.length() == 1 || s.charAt(0) != '0');
    }

    private static boolean isDigits(String s) {
        if (s.isEmpty()) return false;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') return false;
        }
        return true;
    }
}
