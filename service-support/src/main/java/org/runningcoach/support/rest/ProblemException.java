package org.runningcoach.support.rest;

/** Thrown by a resource to answer with a given problem. */
public class ProblemException extends RuntimeException {
  private final transient Problem problem;

  public ProblemException(Problem problem) {
    super(problem.detail());
    this.problem = problem;
  }

  public Problem problem() {
    return problem;
  }

  public static ProblemException notFound(String detail) {
    return new ProblemException(Problem.of(404, "not-found", "Not found", detail));
  }

  public static ProblemException invalid(String field, String message) {
    return new ProblemException(Problem.invalid(field + ": " + message, java.util.List.of(new Problem.FieldError(field, message))));
  }
}
