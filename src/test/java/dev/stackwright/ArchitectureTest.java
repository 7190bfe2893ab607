package dev.stackwright;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.Test;

/**
 * Dependencies run one way: model -> spec -> plan -> readers (templates, analysis, cost) -> deploy -> cli. Only cli touches picocli; only
 * deploy.aws touches the AWS SDK. No package cycles, the root package (the library entry point) included: no known
 * cycle remains, so there is no allow-list.
 */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.stackwright");

    @Test
    void model_dependsOnNoOtherLayer() {
        noClasses()
                .that()
                .resideInAPackage("dev.stackwright.model..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.stackwright.spec..",
                        "dev.stackwright.plan..",
                        "dev.stackwright.cfn..",
                        "dev.stackwright.report..",
                        "dev.stackwright.cli..",
                        "com.fasterxml..",
                        "picocli..",
                        "dev.stackwright.importer..")
                .check(CLASSES);
    }

    /** Importers build the model from other inputs, beside the planner: they know neither the analysis nor the front end. */
    @Test
    void importers_buildTheModel_andKnowNoAnalysisPlannerOrCli() {
        noClasses()
                .that()
                .resideInAPackage("dev.stackwright.importer..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.stackwright.analysis..",
                        "dev.stackwright.plan..",
                        "dev.stackwright.cfn..",
                        "dev.stackwright.report..",
                        "dev.stackwright.cost..",
                        "dev.stackwright.cli..",
                        "dev.stackwright.spec..",
                        "picocli..")
                .check(CLASSES);
        noClasses()
                .that()
                .resideInAnyPackage("dev.stackwright.analysis..", "dev.stackwright.plan..", "dev.stackwright.cfn..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.stackwright.importer..")
                .check(CLASSES);
    }

    @Test
    void planner_doesNotKnowTheRenderersOrTheCli() {
        noClasses()
                .that()
                .resideInAPackage("dev.stackwright.plan..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.stackwright.cfn..", "dev.stackwright.report..", "dev.stackwright.cli..", "picocli..")
                .check(CLASSES);
    }

    @Test
    void renderers_readTheModel_notTheSpec() {
        noClasses()
                .that()
                .resideInAnyPackage("dev.stackwright.cfn..", "dev.stackwright.report..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.stackwright.spec..", "dev.stackwright.cli..", "picocli..")
                .check(CLASSES);
    }

    @Test
    void onlyDeploy_touchesTheAwsSdk() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.stackwright.deploy..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("software.amazon.awssdk..")
                .check(CLASSES);
    }

    @Test
    void deploy_doesNotKnowTheCli() {
        noClasses()
                .that()
                .resideInAPackage("dev.stackwright.deploy..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.stackwright.cli..", "picocli..")
                .check(CLASSES);
    }

    @Test
    void onlyTheAdapter_touchesTheAwsSdk_withinDeploy() {
        noClasses()
                .that()
                .resideInAPackage("dev.stackwright.deploy")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("software.amazon.awssdk..", "dev.stackwright.deploy.aws..")
                .check(CLASSES);
    }

    @Test
    void onlyTheCli_usesPicocli() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.stackwright.cli..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("picocli..")
                .check(CLASSES);
    }

    /**
     * The text table writer is a leaf every layer may use, the model and the planner included: it knows only the JDK,
     * so no package can close a cycle or break the layering through it.
     */
    @Test
    void render_isALeaf_thatKnowsOnlyTheJdk() {
        classes()
                .that()
                .resideInAPackage("dev.stackwright.render..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("dev.stackwright.render..", "java..")
                .check(CLASSES);
    }

    /** Text tables come from one writer: a second Table class would drift from it in alignment or trailing spaces. */
    @Test
    void textTables_areWrittenOnlyByRender() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.stackwright.render..")
                .should()
                .haveSimpleName("Table")
                .orShould()
                .haveSimpleName("TextTable")
                .check(CLASSES);
    }

    /** What planning must not reach: the disk, the network, prices. */
    private static final DescribedPredicate<JavaClass> IO_OR_PRICES = DescribedPredicate.describe(
            "are java.nio.file.Files, java.io.File*, in java.net or in dev.stackwright.cost",
            (JavaClass c) -> c.getName().equals("java.nio.file.Files")
                    || (c.getPackageName().equals("java.io")
                            && c.getSimpleName().startsWith("File"))
                    || c.getPackageName().equals("java.net")
                    || c.getPackageName().startsWith("java.net.")
                    || c.getPackageName().equals("dev.stackwright.cost")
                    || c.getPackageName().startsWith("dev.stackwright.cost."));

    /**
     * Planning is a function of the spec and the facts handed to it: the model, the planner and the renderers read no
     * file, open no connection and know no price (the caller prices {@code frontDoor: auto} and passes the
     * break-even in). {@code spec} is left out: it reads the spec file, through {@code diag.InputFiles}.
     */
    @Test
    void planning_readsNoFile_opensNoConnection_andKnowsNoPrice() {
        noClasses()
                .that()
                .resideInAnyPackage("dev.stackwright.plan..", "dev.stackwright.model..", "dev.stackwright.cfn..")
                .should()
                .dependOnClassesThat(IO_OR_PRICES)
                .check(CLASSES);
    }

    /** Adopting a VPC plans from its folder as read: only {@code VpcFolder} reads it, before planning. */
    @Test
    void adoptingAVpc_readsItsFolderOnlyThroughVpcFolder() {
        noClasses()
                .that()
                .resideInAPackage("dev.stackwright.adopt..")
                .and()
                .doNotHaveFullyQualifiedName("dev.stackwright.adopt.VpcFolder")
                .should()
                .dependOnClassesThat(IO_OR_PRICES)
                .check(CLASSES);
    }

    /** No two packages under dev.stackwright depend on each other, however indirectly. */
    @Test
    void packages_areFreeOfCycles() {
        slices().matching("dev.stackwright.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    /**
     * The library entry point (the root package) sits above everything but the front end: only cli may use it, so
     * no package can reach back to it and close a cycle through it.
     */
    @Test
    void rootPackage_isUsedOnlyByTheCli() {
        classes()
                .that()
                .resideInAPackage("dev.stackwright")
                .should()
                .onlyHaveDependentClassesThat()
                .resideInAnyPackage("dev.stackwright", "dev.stackwright.cli..")
                .check(CLASSES);
    }

    /** The same cycle check with the root package as a slice of its own, named "(root)". */
    @Test
    void packages_includingTheRoot_areFreeOfCycles() {
        slices().assignedFrom(new SliceAssignment() {
                    @Override
                    public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                        String pkg = javaClass.getPackageName();
                        if (pkg.equals("dev.stackwright")) {
                            return SliceIdentifier.of("(root)");
                        }
                        if (pkg.startsWith("dev.stackwright.")) {
                            String rest = pkg.substring("dev.stackwright.".length());
                            int dot = rest.indexOf('.');
                            return SliceIdentifier.of(dot < 0 ? rest : rest.substring(0, dot));
                        }
                        return SliceIdentifier.ignore();
                    }

                    @Override
                    public String getDescription() {
                        return "top-level packages of dev.stackwright, the root package included";
                    }
                })
                .should()
                .beFreeOfCycles()
                .check(CLASSES);
    }

    /**
     * The layers, bottom to top: the foundation (model, located input reading, version, text tables), the spec and
     * the importers (inputs read into it), planning, the readers of a plan (templates, analysis, cost, reports),
     * deploy, and the front end (the library entry point and the CLI). A layer may use those below it, never those
     * above.
     */
    @Test
    void layers_runOneWay_specToPlanToReadersToDeployToCli() {
        Architectures.layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("Foundation")
                .definedBy(
                        "dev.stackwright.model..",
                        "dev.stackwright.diag..",
                        "dev.stackwright.meta..",
                        "dev.stackwright.render..")
                .layer("Inputs")
                .definedBy("dev.stackwright.spec..", "dev.stackwright.importer..", "dev.stackwright.starter..")
                .layer("Planning")
                .definedBy("dev.stackwright.plan..", "dev.stackwright.adopt..")
                .layer("Readers")
                .definedBy(
                        "dev.stackwright.cfn..",
                        "dev.stackwright.analysis..",
                        "dev.stackwright.cost..",
                        "dev.stackwright.report..",
                        "dev.stackwright.diagram..",
                        "dev.stackwright.flows..")
                .layer("Deploy")
                .definedBy("dev.stackwright.deploy..")
                .layer("FrontEnd")
                .definedBy("dev.stackwright", "dev.stackwright.cli..")
                .whereLayer("FrontEnd")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("Deploy")
                .mayOnlyBeAccessedByLayers("FrontEnd")
                .whereLayer("Readers")
                .mayOnlyBeAccessedByLayers("Deploy", "FrontEnd")
                .whereLayer("Planning")
                .mayOnlyBeAccessedByLayers("Readers", "Deploy", "FrontEnd")
                .whereLayer("Inputs")
                .mayOnlyBeAccessedByLayers("Planning", "Readers", "Deploy", "FrontEnd")
                .check(CLASSES);
    }

    /** Every package under dev.stackwright is in one of the layers above, so a new one cannot slip past the rule. */
    @Test
    void everyPackage_belongsToALayer() {
        classes()
                .should()
                .resideInAnyPackage(
                        "dev.stackwright",
                        "dev.stackwright.model..",
                        "dev.stackwright.diag..",
                        "dev.stackwright.meta..",
                        "dev.stackwright.render..",
                        "dev.stackwright.spec..",
                        "dev.stackwright.importer..",
                        "dev.stackwright.starter..",
                        "dev.stackwright.plan..",
                        "dev.stackwright.adopt..",
                        "dev.stackwright.cfn..",
                        "dev.stackwright.analysis..",
                        "dev.stackwright.cost..",
                        "dev.stackwright.report..",
                        "dev.stackwright.diagram..",
                        "dev.stackwright.flows..",
                        "dev.stackwright.deploy..",
                        "dev.stackwright.cli..")
                .check(CLASSES);
    }
}
