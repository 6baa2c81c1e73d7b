package dev.bunting.sdk;

import java.util.Set;

/** Told of a client's status and flag changes, on the thread that noticed them; must return quickly. */
public interface ClientListener {

    default void statusChanged(ClientStatus status, String message) {}

    /** @param flagKeys the flags added, removed or changed by a new flag set */
    default void flagsChanged(Set<String> flagKeys) {}
}
