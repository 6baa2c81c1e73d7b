package dev.bunting.domain.evaluation;

import java.nio.charset.StandardCharsets;

/** spec/bucketing.md: bucket(salt, unit) = (unsigned murmur3_x86_32(utf8(salt + ":" + unit)) * 10000) >> 32. */
public final class Bucketing {

    public static final int BUCKETS = 10_000;

    private final Murmur3Hash hash;

    public Bucketing(Murmur3Hash hash) {
        this.hash = hash;
    }

    public int bucket(String salt, String unit) {
        return bucket(prefix(salt), unit);
    }

    /**
     * The bucket for {@code unit} under a salt already encoded by {@link #prefix(String)}. The unit is encoded straight
     * after the prefix in one buffer (ASCII without a detour through {@link String#getBytes}), since this runs for
     * every split evaluation.
     */
    int bucket(byte[] saltPrefix, String unit) {
        int prefixLength = saltPrefix.length;
        int unitLength = unit.length();
        byte[] data = new byte[prefixLength + unitLength];
        System.arraycopy(saltPrefix, 0, data, 0, prefixLength);
        for (int i = 0; i < unitLength; i++) {
            char c = unit.charAt(i);
            if (c >= 0x80) {
                return bucketOfNonAscii(saltPrefix, unit);
            }
            data[prefixLength + i] = (byte) c;
        }
        return scale(hash.hash32x86(data));
    }

    private int bucketOfNonAscii(byte[] saltPrefix, String unit) {
        byte[] unitBytes = unit.getBytes(StandardCharsets.UTF_8);
        byte[] data = new byte[saltPrefix.length + unitBytes.length];
        System.arraycopy(saltPrefix, 0, data, 0, saltPrefix.length);
        System.arraycopy(unitBytes, 0, data, saltPrefix.length, unitBytes.length);
        return scale(hash.hash32x86(data));
    }

    /** Maps a 32-bit hash onto [0, 10000) by multiply-and-shift, which has no modulo bias. */
    public static int scale(int hash) {
        return (int) ((Integer.toUnsignedLong(hash) * BUCKETS) >>> 32);
    }

    static byte[] prefix(String salt) {
        return (salt + ":").getBytes(StandardCharsets.UTF_8);
    }
}
