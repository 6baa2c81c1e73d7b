package dev.bunting.composition;

/**
 * The secret bearer tokens are signed with, as it is now. Each runtime binds one: a fixed secret, or one read from a
 * secrets store that may rotate it, which retires every token signed with the one before.
 */
@FunctionalInterface
public interface SigningSecret {

    /** At least 32 bytes; the caller must not change the array. */
    byte[] current();
}
