package org.runningcoach.ingestion.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/** A vendor account linked to the athlete; {@code permissions} is the vendor's latest set, when it sent one. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeviceLinkView(String vendor, String vendorUserId, Instant linkedAt, List<String> permissions) {}
