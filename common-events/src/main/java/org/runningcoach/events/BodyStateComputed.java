package org.runningcoach.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The athlete's readiness for a local date. {@code causedBy} names the ids of the events whose
 * inputs were used, so the state can be traced back to them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BodyStateComputed(
    String athleteId,
    LocalDate date,
    Cardio cardio,
    Muscular muscular,
    Skeletal skeletal,
    Neural neural,
    Overall overall,
    String coachNote,
    String algorithmVersion,
    List<UUID> causedBy) {

  public enum Status { GREEN, YELLOW, RED, INSUFFICIENT_DATA }

  public enum Directive { PUSH, MAINTAIN, RECOVER }

  /** One input that a rule read: what, how much, in which unit, from where and for which date. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Input(String name, double value, String unit, String source, LocalDate date) {}

  /** A personal baseline a rule compared against. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Baseline(String metric, double mean, Double sd, int days, String note) {}

  /**
   * Why a system got its status: the rule that decided, the threshold it used, the inputs read,
   * the baselines compared against, what was missing, and a one-line summary in plain words.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Explanation(
      String rule,
      String threshold,
      String summary,
      List<Input> inputs,
      List<Baseline> baselines,
      List<String> missing) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Cardio(Status status, Double hrvScore, Double rhrScore, Explanation explanation) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Muscular(Status status, Double sorenessScore, Double volumeFatigue, Explanation explanation) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Skeletal(Status status, Double acwrScore, Double impactLoad, Explanation explanation) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Neural(Status status, Double cnsFatigue, Double sleepScore, Explanation explanation) {}

  /** Score 0–100 within the directive's band; confidence 0–1 is the share of systems with data. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Overall(int score, Directive directive, double confidence, String reason) {}
}
