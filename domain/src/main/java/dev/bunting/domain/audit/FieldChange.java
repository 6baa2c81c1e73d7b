package dev.bunting.domain.audit;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One field that a change altered: where it is in the document, such as {@code config.rules[0].clauses[1].values}, and
 * its value before and after (null where it was absent).
 */
public record FieldChange(
        String path, @Nullable Object before, @Nullable Object after) {
    public FieldChange {
        Objects.requireNonNull(path, "path");
    }
}
