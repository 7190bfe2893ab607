package dev.stackwright.flows;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The query text and the answers are pure: only the reader beside the AWS adapters touches files and DuckDB, so the
 * same SQL can go to Athena and every other command starts without DuckDB's native library.
 */
class FlowsArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.stackwright");

    @Test
    void queriesAndAnswers_readNoFile_andKnowNoEngine() {
        noClasses()
                .that()
                .resideInAPackage("dev.stackwright.flows..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("java.nio.file..", "java.net..", "java.sql..", "org.duckdb..")
                .check(CLASSES);
    }

    @Test
    void onlyTheLocalReader_usesDuckDb() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.stackwright.deploy.flowlogs..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.duckdb..", "java.sql..")
                .check(CLASSES);
    }
}
