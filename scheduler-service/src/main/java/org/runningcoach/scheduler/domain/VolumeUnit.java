package org.runningcoach.scheduler.domain;

/** How the athlete counts volume; the plan speaks the same unit. */
public enum VolumeUnit { KM, MINUTES }
