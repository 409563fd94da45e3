package org.runningcoach.scheduler.domain;

import java.util.List;

/**
 * The numbers the adaptation rules use (DESIGN §5.2, notes/science.md "Plans"); defaults below,
 * each one a {@code scheduler.*} property.
 *
 * @param yellowIntensityCut share by which a Yellow cardio/neural day slows the session (0.10–0.20)
 * @param yellowVolumeCut share by which a Yellow muscular/skeletal day shortens it
 * @param recoveryMinutes the longest active recovery that replaces a session on a Red day
 * @param spikeLimit a run may be at most this much longer than the longest of the previous 30 days
 * @param moveWindowDays how far ahead a key session may move (and never past the next key session)
 * @param sickMinDays days cleared after falling ill, at least
 * @param symptomFreeDays days kept free after the end of below-the-neck symptoms or fever
 * @param returnRunMinutes the graded return-to-run sessions, in order, before any key session
 * @param returnLoadCap the first week back is capped at this share of what was planned
 * @param injuryDefaultDays no running for this many days when an injury is reported without an end date
 * @param maintenanceMinutes the maintenance-interval session that replaces a long run while travelling
 */
public record AdaptationRules(
    double yellowIntensityCut,
    double yellowVolumeCut,
    int recoveryMinutes,
    double spikeLimit,
    int moveWindowDays,
    int sickMinDays,
    int symptomFreeDays,
    List<Integer> returnRunMinutes,
    double returnLoadCap,
    int injuryDefaultDays,
    int maintenanceMinutes) {

  public static AdaptationRules defaults() {
    return new AdaptationRules(0.15, 0.25, 25, 0.10, 6, 3, 2, List.of(20, 25, 30, 30), 0.80, 14, 40);
  }
}
