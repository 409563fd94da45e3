package org.runningcoach.scheduler;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The plan and adaptation rules stay pure: no framework, no I/O, no clock. */
class ArchitectureTest {

  private final JavaClasses classes = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("org.runningcoach.scheduler");

  @Test
  void theDomainDependsOnNoFrameworkDatabaseOrBroker() {
    noClasses().that().resideInAPackage("..domain..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "io.quarkus..", "io.smallrye..", "io.vertx..", "jakarta..", "org.hibernate..", "org.apache.kafka..",
            "org.eclipse.microprofile..", "java.sql..", "java.net..", "java.io..", "java.nio..",
            "org.runningcoach.scheduler.service..", "org.runningcoach.scheduler.rest..",
            "org.runningcoach.scheduler.messaging..", "org.runningcoach.scheduler.config..",
            "org.runningcoach.scheduler.repository..",
            "org.runningcoach.support..")
        .check(classes);
  }

  @Test
  void theDomainNeverReadsTheClockOrChance() {
    noClasses().that().resideInAPackage("..domain..")
        .should().callMethod(java.time.LocalDate.class, "now")
        .orShould().callMethod(java.time.Instant.class, "now")
        .orShould().callMethod(java.time.LocalDateTime.class, "now")
        .orShould().callMethod(System.class, "currentTimeMillis")
        .orShould().callMethod(java.util.UUID.class, "randomUUID")
        .orShould().dependOnClassesThat().areAssignableTo(java.time.Clock.class)
        .orShould().dependOnClassesThat().areAssignableTo(java.util.Random.class)
        .check(classes);
  }
}
