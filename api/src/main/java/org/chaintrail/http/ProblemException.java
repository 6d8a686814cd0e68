package org.chaintrail.http;

/** Ends a request with a problem answer. */
final class ProblemException extends RuntimeException {
    private final Problem problem;

    ProblemException(Problem problem) {
        super(problem.detail());
        this.problem = problem;
    }

    Problem problem() {
        return problem;
    }
}
