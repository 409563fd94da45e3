package org.runningcoach.scheduler.domain;

/** PLANNED until the athlete skips it or marks it done. */
public enum WorkoutStatus { PLANNED, SKIPPED, DONE }
