package dev.stackwright.cost;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The cost package reads the model, the spec and the planner's decisions (what a plan needs without NAT is decided
 * once, in plan, and priced here); never the CLI or the renderers. The planner cannot read prices back
 * (ArchitectureTest), so this is no cycle.
 */
class CostArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.stackwright");

    @Test
    void cost_doesNotKnowTheCliOrRenderers() {
        noClasses()
                .that()
                .resideInAPackage("dev.stackwright.cost..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.stackwright.cli..", "picocli..", "dev.stackwright.cfn..", "dev.stackwright.report..")
                .check(CLASSES);
    }

    @Test
    void cost_readsNoNetwork_andNoFiles_itIsGiven() {
        // Pricing is a pure reading of the model and the books; fetching offer files is the command line's job.
        noClasses()
                .that()
                .resideInAPackage("dev.stackwright.cost..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("java.net.http..")
                .check(CLASSES);
    }
}
