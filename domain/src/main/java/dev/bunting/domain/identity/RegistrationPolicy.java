package dev.bunting.domain.identity;

import dev.bunting.domain.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who may open an account: anyone (the default), nobody (admins are made by configuration or make-admin), or only
 * addresses at the given email domains.
 *
 * @param domains when not empty, the only domains allowed to register
 */
public record RegistrationPolicy(boolean open, Set<String> domains) {

    public static final RegistrationPolicy OPEN = new RegistrationPolicy(true, Set.of());

    public RegistrationPolicy {
        domains = Set.copyOf(domains);
    }

    /** Reads {@code open}, {@code closed} or {@code domains:example.com,example.org}. */
    public static RegistrationPolicy parse(String field, String text) {
        String value = text == null ? "open" : text.strip().toLowerCase(Locale.ROOT);
        if (value.equals("open")) {
            return OPEN;
        }
        if (value.equals("closed")) {
            return new RegistrationPolicy(false, Set.of());
        }
        if (value.startsWith("domains:")) {
            Set<String> domains = Arrays.stream(
                            value.substring("domains:".length()).split(","))
                    .map(String::strip)
                    .filter(domain -> !domain.isEmpty())
                    .collect(Collectors.toSet());
            if (!domains.isEmpty()) {
                return new RegistrationPolicy(true, domains);
            }
        }
        throw InvalidInputException.of(
                field, "invalid_value", field + " must be open, closed, or domains:example.com,example.org");
    }

    /** @return why {@code email} may not register, or empty when it may */
    public Optional<String> refusal(Email email) {
        if (!open) {
            return Optional.of("registration is closed; ask an admin for an account");
        }
        if (!domains.isEmpty() && !domains.contains(email.domain())) {
            return Optional.of("registration is open only to addresses at "
                    + String.join(", ", domains.stream().sorted().toList()));
        }
        return Optional.empty();
    }
}
