package org.dockaudit.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The command line is thin: it asks collect for results and never opens the Engine API itself. */
class CommandLineDependenciesTest {

    private static final JavaClasses CLI = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.dockaudit.cli");

    @Test
    void commandLineDoesNotUseTheEngineTransport() {
        noClasses().that().resideInAPackage("org.dockaudit.cli..")
                .should().dependOnClassesThat().haveNameMatching("org\\.dockaudit\\.collect\\.ZerodepEngineApi.*")
                .orShould().dependOnClassesThat().resideInAPackage("com.github.dockerjava..")
                .check(CLI);
    }
}
