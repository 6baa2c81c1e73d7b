package dev.bunting.domain;

import java.util.List;

/** A value that breaks a domain rule. Carries every violation found, each naming the field it concerns. */
public final class InvalidInputException extends RuntimeException {

    private final List<FieldViolation> violations;

    public InvalidInputException(List<FieldViolation> violations) {
        super(violations.isEmpty() ? "invalid input" : violations.getFirst().message());
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("an invalid input needs at least one violation");
        }
        this.violations = List.copyOf(violations);
    }

    public static InvalidInputException of(String field, String code, String message) {
        return new InvalidInputException(List.of(new FieldViolation(field, code, message)));
    }

    public List<FieldViolation> violations() {
        return violations;
    }

    /** Re-roots every violation under {@code prefix}, so nested value objects report their full path. */
    public InvalidInputException under(String prefix) {
        return new InvalidInputException(
                violations.stream().map(v -> v.under(prefix)).toList());
    }

    public record FieldViolation(String field, String code, String message) {
        public FieldViolation under(String prefix) {
            return new FieldViolation(field.isEmpty() ? prefix : prefix + "." + field, code, message);
        }
    }
}
