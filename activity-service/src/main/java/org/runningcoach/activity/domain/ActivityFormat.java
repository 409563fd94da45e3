package org.runningcoach.activity.domain;

/** Where an activity came from: a file (recognised by its content) or a JSON summary. */
public enum ActivityFormat { FIT, TCX, GPX, JSON }
