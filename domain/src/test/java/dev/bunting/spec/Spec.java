package dev.bunting.spec;

/** The specifications Bunting's tests cite. */
public enum Spec {
    /**
     * OpenFeature Remote Evaluation Protocol, its OpenAPI document (service/openapi.yaml, with service/event-streams.yaml
     * for change notifications) at https://github.com/open-feature/protocol. Clauses are named by where they are in
     * the document.
     */
    OFREP,
    /** The OpenFeature specification, https://openfeature.dev/specification; clauses by number. */
    OPENFEATURE,
    /** RFC 9457, Problem Details for HTTP APIs; clauses by section. */
    RFC_9457,
    /** Bunting's bucketing specification, docs/spec/bucketing.md; clauses by heading. */
    BUCKETING
}
