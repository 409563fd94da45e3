package org.runningcoach.scheduler.domain;

public enum Phase { BASE, BUILD, PEAK, TAPER }
