package dev.bunting.adapter.http;

/** Ends a request with a problem response; thrown while reading a request, caught in one place by {@link HttpApi}. */
final class ProblemException extends RuntimeException {

    private final Problem problem;

    ProblemException(Problem problem) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
    }

    Problem problem() {
        return problem;
    }
}
