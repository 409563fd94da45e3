package org.runningcoach.faults;

/**
 * Entry point of make faults: the suite with plain java (one Maven package run first builds the
 * services and this classpath). Exit status 1 when anything accepted was lost, duplicated or
 * mismatched, or a fault got an answer other than 503 + Retry-After.
 */
public final class FaultSuite {

  private FaultSuite() {}

  public static void main(String[] args) {
    try {
      new FaultSuiteTest().nothingAcceptedIsLostOrCountedTwiceThroughKillsRestartsAndPoison();
      System.out.println("[faults] PASSED");
    } catch (Throwable e) {
      System.out.println("[faults] FAILED: " + e.getMessage());
      e.printStackTrace();
      System.exit(1);
    }
  }
}
