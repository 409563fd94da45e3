package org.runningcoach.ingestion.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The athlete's Garmin user id (as Garmin's {@code /wellness-api/rest/user/id} returns it). */
public record GarminLinkRequest(
    @NotBlank(message = "is required")
    @Size(max = 100, message = "is at most 100 characters")
    @Pattern(regexp = "[A-Za-z0-9_-]*", message = "may contain only letters, digits, '-' and '_'")
    String garminUserId) {}
