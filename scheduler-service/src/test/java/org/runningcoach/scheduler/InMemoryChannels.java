package org.runningcoach.scheduler;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import java.util.HashMap;
import java.util.Map;

/** The incoming channels read from memory in @QuarkusTest, so tests hand events straight to the listeners. */
public class InMemoryChannels implements QuarkusTestResourceLifecycleManager {

  @Override
  public Map<String, String> start() {
    Map<String, String> props = new HashMap<>();
    props.putAll(InMemoryConnector.switchIncomingChannelsToInMemory("body-state-computed", "life-event-reported"));
    return props;
  }

  @Override
  public void stop() {
    InMemoryConnector.clear();
  }
}
