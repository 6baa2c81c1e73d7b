package dev.bunting.spec;

import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test that checks a clause of a published specification, as the OpenFeature Java SDK's tests do: a reader
 * sees which promise the test keeps, and a change to the specification leads to the tests that must follow it.
 * {@code text} quotes the clause word for word; a test checking several clauses carries one annotation for each.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(Specifications.class)
public @interface Specification {

    Spec spec();

    /** Where the clause is in {@link #spec}: a section number, a heading, or a location in an OpenAPI document. */
    String clause();

    /** The clause, quoted. */
    String text();
}
