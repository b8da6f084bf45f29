package org.imagetagger;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The feature packages (org.imagetagger.X) depend on each other one way only (docs/ARCHITECTURE.md, "Layers"). */
class PackageCyclesTest {

    private static final JavaClasses MAIN_CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.imagetagger");

    @Test
    void featurePackagesAreFreeOfCycles() {
        slices().matching("org.imagetagger.(*)..").should().beFreeOfCycles().check(MAIN_CLASSES);
    }
}
