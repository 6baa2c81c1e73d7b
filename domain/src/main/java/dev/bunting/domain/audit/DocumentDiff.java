package dev.bunting.domain.audit;

import dev.bunting.domain.flag.FlagDocuments;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The fields that differ between two JSON documents, so a reader of the audit trail sees what a change did without
 * comparing two documents by eye.
 *
 * <ul>
 *   <li>Objects are compared field by field, in code-point order of the field names, so the result does not depend on
 *       the order a store kept the fields in. An absent field and a null one are the same.</li>
 *   <li>Arrays holding objects or arrays (rules, clauses, variants) are compared element by element, by index.
 *       Arrays of plain values (tags, clause values, target units) are compared whole and reported as one change,
 *       since an element-wise diff of a list of values says less than the two lists do.</li>
 *   <li>Where one side has a value and the other none, or the two are of different shapes, the whole value is one
 *       change at that path.</li>
 *   <li>A document created or deleted (null on one side) lists each of its top-level fields, so every change has a
 *       path.</li>
 *   <li>Numbers are equal when they are numerically equal: {@code 1} and {@code 1.0} are not a change.</li>
 * </ul>
 *
 * Paths join field names with {@code .} and indexes with {@code [i]}; a field name that is not made of letters,
 * digits, {@code _} and {@code -} is quoted: {@code value["a key"]}.
 */
public final class DocumentDiff {

    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_-]+");

    private DocumentDiff() {}

    public static List<FieldChange> between(@Nullable Object before, @Nullable Object after) {
        Object from = FlagDocuments.normalise(before);
        Object to = FlagDocuments.normalise(after);
        List<FieldChange> changes = new ArrayList<>();
        if (from == null && to instanceof Map<?, ?>) {
            compare("", Map.of(), to, changes);
        } else if (to == null && from instanceof Map<?, ?>) {
            compare("", from, Map.of(), changes);
        } else {
            compare("", from, to, changes);
        }
        return List.copyOf(changes);
    }

    private static void compare(String path, @Nullable Object before, @Nullable Object after, List<FieldChange> into) {
        if (before instanceof Map<?, ?> from && after instanceof Map<?, ?> to) {
            Set<String> names = new TreeSet<>();
            from.keySet().forEach(name -> names.add(String.valueOf(name)));
            to.keySet().forEach(name -> names.add(String.valueOf(name)));
            for (String name : names) {
                compare(field(path, name), from.get(name), to.get(name), into);
            }
        } else if (before instanceof List<?> from
                && after instanceof List<?> to
                && (holdsDocuments(from) || holdsDocuments(to))) {
            for (int i = 0; i < Math.max(from.size(), to.size()); i++) {
                compare(
                        path + "[" + i + "]",
                        i < from.size() ? from.get(i) : null,
                        i < to.size() ? to.get(i) : null,
                        into);
            }
        } else if (!same(before, after)) {
            into.add(new FieldChange(path, before, after));
        }
    }

    private static boolean holdsDocuments(List<?> values) {
        return values.stream().anyMatch(value -> value instanceof Map<?, ?> || value instanceof List<?>);
    }

    private static boolean same(@Nullable Object a, @Nullable Object b) {
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            Set<Object> names = new HashSet<>(x.keySet());
            names.addAll(y.keySet());
            return names.stream().allMatch(name -> same(x.get(name), y.get(name)));
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!same(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return Objects.equals(a, b);
    }

    private static String field(String path, String name) {
        if (PLAIN_NAME.matcher(name).matches()) {
            return path.isEmpty() ? name : path + "." + name;
        }
        return path + "[\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
    }
}
