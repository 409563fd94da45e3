package org.runningcoach.scheduler.domain;

public enum WorkoutType {
  EASY("Easy run", false, true),
  LONG("Long run", true, true),
  TEMPO("Tempo run", true, true),
  INTERVALS("Intervals", true, true),
  RECOVERY("Active recovery", false, true),
  REST("Rest", false, false),
  CROSS_TRAINING("Cross-training", false, false),
  MAINTENANCE_INTERVALS("Maintenance intervals", true, true),
  RETURN_TO_RUN("Return-to-run", false, true);

  private final String label;
  private final boolean key;
  private final boolean running;

  WorkoutType(String label, boolean key, boolean running) {
    this.label = label;
    this.key = key;
    this.running = running;
  }

  public String label() {
    return label;
  }

  /** A hard day: the long run and the intensity sessions. Two of them are never on consecutive days. */
  public boolean key() {
    return key;
  }

  public boolean running() {
    return running;
  }
}
