package org.dockaudit.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import org.junit.jupiter.api.Test;

/** collect -> snapshot -> checks -> report, one way: model at the bottom, report at the top. */
class PackageDependenciesTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.dockaudit");

    @Test
    void modelDependsOnNoOtherPackage() {
        noClasses().that().resideInAPackage("org.dockaudit.model..")
                .should().dependOnClassesThat().resideInAnyPackage("org.dockaudit.collect..", "org.dockaudit.snapshot..",
                        "org.dockaudit.check..", "org.dockaudit.report..", "org.dockaudit.trace..", "org.dockaudit.harden..")
                .check(CLASSES);
    }

    @Test
    void checksArePureFunctionsOfTheSnapshot() {
        noClasses().that().resideInAPackage("org.dockaudit.check..")
                .should().dependOnClassesThat().resideInAnyPackage("org.dockaudit.collect..", "org.dockaudit.report..",
                        "java.nio.file..", "java.net..", "com.github.dockerjava..")
                .check(CLASSES);
    }

    @Test
    void collectionKnowsNothingOfChecksOrReports() {
        noClasses().that().resideInAnyPackage("org.dockaudit.collect..", "org.dockaudit.snapshot..")
                .should().dependOnClassesThat().resideInAnyPackage("org.dockaudit.check..", "org.dockaudit.report..")
                .check(CLASSES);
    }

    @Test
    void reportsAreWrittenFromResultsNotFromTheHost() {
        noClasses().that().resideInAPackage("org.dockaudit.report..")
                .should().dependOnClassesThat().resideInAnyPackage("org.dockaudit.collect..", "org.dockaudit.snapshot..",
                        "java.nio.file..", "java.net..")
                .check(CLASSES);
    }

    @Test
    void seccompToolkitIsPure() {
        noClasses().that().resideInAPackage("org.dockaudit.seccomp..")
                .should().dependOnClassesThat().resideInAnyPackage("org.dockaudit.collect..", "org.dockaudit.check..",
                        "org.dockaudit.report..", "org.dockaudit.snapshot..", "java.nio.file..", "java.lang.foreign..")
                .check(CLASSES);
    }

    @Test
    void hardeningIsDerivedFromATraceNotFromTheHost() {
        noClasses().that().resideInAPackage("org.dockaudit.harden..")
                .should().dependOnClassesThat().resideInAnyPackage("org.dockaudit.collect..", "org.dockaudit.trace..",
                        "java.nio.file..", "java.net..", "java.lang.foreign..")
                .check(CLASSES);
    }

    @Test
    void tracingKnowsNothingOfChecksReportsOrHardening() {
        noClasses().that().resideInAPackage("org.dockaudit.trace..")
                .should().dependOnClassesThat().resideInAnyPackage("org.dockaudit.check..", "org.dockaudit.report..",
                        "org.dockaudit.harden..", "org.dockaudit.snapshot..")
                .check(CLASSES);
    }

    @Test
    void onlyCollectTalksToTheDaemon() {
        noClasses().that().resideOutsideOfPackage("org.dockaudit.collect..")
                .should().dependOnClassesThat().resideInAPackage("com.github.dockerjava..")
                .check(CLASSES);
    }

    @Test
    void noCycles() {
        SlicesRuleDefinition.slices().matching("org.dockaudit.(*)..").should().beFreeOfCycles().check(CLASSES);
    }
}
