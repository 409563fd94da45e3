package org.runningcoach.readiness.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import org.runningcoach.readiness.domain.Thresholds;

/** The rules' thresholds; a change is one line in application.properties (defaults: DESIGN §5.1, notes/science.md). */
@ConfigMapping(prefix = "readiness")
public interface ReadinessConfig {

  Neural neural();

  Muscular muscular();

  interface Neural {
    @WithDefault("5.0") double sleepRedBelowHours();
    @WithDefault("7") int stressRedAbove();
    @WithDefault("6.5") double sleepYellowBelowHours();
    @WithDefault("6.5") double sleepMeanYellowBelowHours();
    @WithDefault("6") int stressYellowFrom();
    @WithDefault("8.0") double sleepTargetHours();
  }

  interface Muscular {
    @WithDefault("5") int sorenessYellowAbove();
    @WithDefault("8") int sorenessRedFrom();
  }

  default Thresholds thresholds() {
    return new Thresholds(
        new Thresholds.Neural(neural().sleepRedBelowHours(), neural().stressRedAbove(), neural().sleepYellowBelowHours(),
            neural().sleepMeanYellowBelowHours(), neural().stressYellowFrom(), neural().sleepTargetHours()),
        new Thresholds.Muscular(muscular().sorenessYellowAbove(), muscular().sorenessRedFrom()));
  }
}
