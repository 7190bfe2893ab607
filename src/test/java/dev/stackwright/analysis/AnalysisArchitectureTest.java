package dev.stackwright.analysis;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Analysis reads the model (and the spec, for locations), never the front end or the planner's internals; inside
 * it, the engine knows nothing of lint, policy or reports, so they can change without touching it.
 */
class AnalysisArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.stackwright");

    @Test
    void analysis_doesNotKnowTheCliPicocliThePlannerOrTheRenderers() {
        noClasses()
                .that()
                .resideInAPackage("dev.stackwright.analysis..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.stackwright.cli..",
                        "picocli..",
                        "dev.stackwright.plan..",
                        "dev.stackwright.cfn..",
                        "dev.stackwright.report..")
                .check(CLASSES);
    }

    @Test
    void theEngine_doesNotKnowLintPolicyOrReports() {
        noClasses()
                .that()
                .resideInAPackage("dev.stackwright.analysis.reach..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.stackwright.analysis.lint..",
                        "dev.stackwright.analysis.policy..",
                        "dev.stackwright.analysis.report..")
                .check(CLASSES);
    }

    @Test
    void lintAndPolicy_doNotKnowEachOtherOrTheReports() {
        noClasses()
                .that()
                .resideInAPackage("dev.stackwright.analysis.lint..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.stackwright.analysis.policy..", "dev.stackwright.analysis.report..")
                .check(CLASSES);
        noClasses()
                .that()
                .resideInAPackage("dev.stackwright.analysis.policy..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.stackwright.analysis.lint..", "dev.stackwright.analysis.report..")
                .check(CLASSES);
    }
}
