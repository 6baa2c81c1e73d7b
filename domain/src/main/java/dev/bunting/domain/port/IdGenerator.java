package dev.bunting.domain.port;

/** Mints identifiers (for rules given none), so the domain and use cases never call randomUUID themselves. */
@FunctionalInterface
public interface IdGenerator {
    String newId();
}
