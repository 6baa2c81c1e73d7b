package dev.bunting.domain.flag;

import dev.bunting.domain.Checks;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Individual units that always get {@code variant}, checked before any rule. */
public record Target(VariantKey variant, Set<String> units) {

    public static final int MAX_UNITS = 10_000;

    public Target {
        Checks.requirePresent("variant", variant);
        Checks.requireMaxSize("units", Checks.requireEntries("units", units), MAX_UNITS);
        List<String> ordered = List.copyOf(units);
        for (int i = 0; i < ordered.size(); i++) {
            Checks.requireText("units[" + i + "]", ordered.get(i), 256);
        }
        units = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(ordered));
    }
}
