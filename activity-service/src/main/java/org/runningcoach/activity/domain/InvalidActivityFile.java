package org.runningcoach.activity.domain;

/** The uploaded file cannot be read as a workout; the message tells the athlete why. */
public class InvalidActivityFile extends RuntimeException {
  public InvalidActivityFile(String message) {
    super(message);
  }

  public InvalidActivityFile(String message, Throwable cause) {
    super(message, cause);
  }
}
