package dev.stackwright;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Dependencies run one way: spec -> model -> plan -> renderers -> deploy -> cli. Only cli touches picocli; only
 * deploy.aws touches the AWS SDK.
 */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.stackwright");

    @Test
    void model_dependsOnNoOtherLayer() {
        noClasses().that().resideInAPackage("dev.stackwright.model..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.stackwright.spec..", "dev.stackwright.plan..",
                        "dev.stackwright.cfn..", "dev.stackwright.report..", "dev.stackwright.cli..", "com.fasterxml..", "picocli..",
                        "dev.stackwright.importer..")
                .check(CLASSES);
    }

    /** Importers build the model from other inputs, beside the planner: they know neither the analysis nor the front end. */
    @Test
    void importers_buildTheModel_andKnowNoAnalysisPlannerOrCli() {
        noClasses().that().resideInAPackage("dev.stackwright.importer..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.stackwright.analysis..", "dev.stackwright.plan..",
                        "dev.stackwright.cfn..", "dev.stackwright.report..", "dev.stackwright.cost..", "dev.stackwright.cli..",
                        "dev.stackwright.spec..", "picocli..")
                .check(CLASSES);
        noClasses().that().resideInAnyPackage("dev.stackwright.analysis..", "dev.stackwright.plan..", "dev.stackwright.cfn..")
                .should().dependOnClassesThat().resideInAPackage("dev.stackwright.importer..")
                .check(CLASSES);
    }

    @Test
    void planner_doesNotKnowTheRenderersOrTheCli() {
        noClasses().that().resideInAPackage("dev.stackwright.plan..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.stackwright.cfn..", "dev.stackwright.report..",
                        "dev.stackwright.cli..", "picocli..")
                .check(CLASSES);
    }

    @Test
    void renderers_readTheModel_notTheSpec() {
        noClasses().that().resideInAnyPackage("dev.stackwright.cfn..", "dev.stackwright.report..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.stackwright.spec..", "dev.stackwright.cli..", "picocli..")
                .check(CLASSES);
    }

    @Test
    void onlyDeploy_touchesTheAwsSdk() {
        noClasses().that().resideOutsideOfPackage("dev.stackwright.deploy..")
                .should().dependOnClassesThat().resideInAPackage("software.amazon.awssdk..")
                .check(CLASSES);
    }

    @Test
    void deploy_doesNotKnowTheCli() {
        noClasses().that().resideInAPackage("dev.stackwright.deploy..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.stackwright.cli..", "picocli..")
                .check(CLASSES);
    }

    @Test
    void onlyTheAdapter_touchesTheAwsSdk_withinDeploy() {
        noClasses().that().resideInAPackage("dev.stackwright.deploy").should().dependOnClassesThat()
                .resideInAnyPackage("software.amazon.awssdk..", "dev.stackwright.deploy.aws..")
                .check(CLASSES);
    }

    @Test
    void onlyTheCli_usesPicocli() {
        noClasses().that().resideOutsideOfPackage("dev.stackwright.cli..")
                .should().dependOnClassesThat().resideInAPackage("picocli..")
                .check(CLASSES);
    }
}
