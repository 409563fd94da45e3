package org.runningcoach.scheduler.domain;

/** A plan request or an athlete's change the rules cannot honour; names the field to fix. */
public class PlanException extends RuntimeException {

  public enum Kind { INVALID, CONFLICT, NOT_FOUND }

  private final String field;
  private final Kind kind;

  public PlanException(String field, String message) {
    this(Kind.INVALID, field, message);
  }

  public PlanException(Kind kind, String field, String message) {
    super(message);
    this.kind = kind;
    this.field = field;
  }

  public String field() {
    return field;
  }

  public Kind kind() {
    return kind;
  }
}
