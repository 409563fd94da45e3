package org.runningcoach.readiness.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import org.runningcoach.readiness.domain.Thresholds;

/** The rules' thresholds; a change is one line in application.properties (defaults: DESIGN §5.1, notes/science.md). */
@ConfigMapping(prefix = "readiness")
public interface ReadinessConfig {

  Neural neural();

  Muscular muscular();

  Cardio cardio();

  Skeletal skeletal();

  Baselines baselines();

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
    @WithDefault("1.2") double volumeYellowAbove();
    @WithDefault("1.5") double volumeRedAbove();
  }

  interface Cardio {
    @WithDefault("1.0") double hrvYellowBelowSd();
    @WithDefault("2.0") double hrvRedBelowSd();
    @WithDefault("5") double rhrYellowAboveBpm();
    @WithDefault("3") double rhrIllnessAboveBpm();
    @WithDefault("0.25") double hrvPriorSdLn();
    @WithDefault("0.5") double trendSwcSd();
  }

  interface Skeletal {
    @WithDefault("1.3") double acwrYellowAbove();
    @WithDefault("1.5") double acwrRedAbove();
    @WithDefault("7") int acuteDays();
    @WithDefault("28") int chronicDays();
    @WithDefault("0.10") double spikeYellowAbove();
    @WithDefault("0.30") double spikeRedAbove();
    @WithDefault("30") int spikeLookbackDays();
    @WithDefault("1.5") double monotonyWarning();
    @WithDefault("2.0") double monotonyCritical();
    @WithDefault("10") double monotonyCap();
  }

  interface Baselines {
    @WithDefault("30") int windowDays();
    @WithDefault("14") int minDays();
    @WithDefault("7") int minScoreDays();
  }

  default Thresholds thresholds() {
    return new Thresholds(
        new Thresholds.Neural(neural().sleepRedBelowHours(), neural().stressRedAbove(), neural().sleepYellowBelowHours(),
            neural().sleepMeanYellowBelowHours(), neural().stressYellowFrom(), neural().sleepTargetHours()),
        new Thresholds.Muscular(muscular().sorenessYellowAbove(), muscular().sorenessRedFrom(),
            muscular().volumeYellowAbove(), muscular().volumeRedAbove()),
        new Thresholds.Cardio(cardio().hrvYellowBelowSd(), cardio().hrvRedBelowSd(), cardio().rhrYellowAboveBpm(),
            cardio().rhrIllnessAboveBpm(), cardio().hrvPriorSdLn(), cardio().trendSwcSd()),
        new Thresholds.Skeletal(skeletal().acwrYellowAbove(), skeletal().acwrRedAbove(), skeletal().acuteDays(),
            skeletal().chronicDays(), skeletal().spikeYellowAbove(), skeletal().spikeRedAbove(),
            skeletal().spikeLookbackDays(), skeletal().monotonyWarning(), skeletal().monotonyCritical(),
            skeletal().monotonyCap()),
        new Thresholds.Baselines(baselines().windowDays(), baselines().minDays(), baselines().minScoreDays()));
  }
}
