package dev.bunting.domain.evaluation;

/**
 * The standard 32-bit MurmurHash3 (x86 variant, seed 0) that spec/bucketing.md prescribes. Supplied from outside so the
 * domain stays free of libraries while the hash itself comes from a well-kept one (commons-codec's {@code hash32x86}).
 */
@FunctionalInterface
public interface Murmur3Hash {
    int hash32x86(byte[] data);
}
