package dev.hybridpane.arch;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameStartingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The arrows of docs/architecture.md: app -> ui -> core -> domain; adapters and lab implement core's ports. */
@AnalyzeClasses(packages = "dev.hybridpane", importOptions = ImportOption.DoNotIncludeTests.class)
class LayerRulesTest {

    private static final String[] SDKS = {"software.amazon.awssdk..", "io.fabric8..", "org.apache.sshd.."};

    @ArchTest
    static final ArchRule onlyAdaptersAndLabTouchTheSdks = noClasses()
            .that().resideOutsideOfPackages("dev.hybridpane.adapters..", "dev.hybridpane.lab..")
            .should().dependOnClassesThat().resideInAnyPackage(SDKS)
            .because("only the adapters (and the lab that emulates the services) speak AWS, Kubernetes and SSH");

    @ArchTest
    static final ArchRule domainAndCoreHaveNoJavaFx = noClasses()
            .that().resideInAnyPackage("dev.hybridpane.domain..", "dev.hybridpane.core..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "atlantafx..")
            .because("domain and core are plain Java, testable without a toolkit");

    @ArchTest
    static final ArchRule domainIsPure = noClasses()
            .that().resideInAPackage("dev.hybridpane.domain..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.hybridpane.core..", "dev.hybridpane.ui..",
                    "dev.hybridpane.app..", "dev.hybridpane.adapters..", "dev.hybridpane.lab..", "java.net..", "java.nio.file..");

    @ArchTest
    static final ArchRule coreKnowsOnlyDomain = noClasses()
            .that().resideInAPackage("dev.hybridpane.core..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.hybridpane.ui..", "dev.hybridpane.app..",
                    "dev.hybridpane.adapters..", "dev.hybridpane.lab..");

    @ArchTest
    static final ArchRule uiGoesThroughCore = noClasses()
            .that().resideInAPackage("dev.hybridpane.ui..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.hybridpane.app..", "dev.hybridpane.adapters..",
                    "dev.hybridpane.lab..")
            .because("views and view models reach the outside world only through core's ports");

    @ArchTest
    static final ArchRule adaptersDoNotKnowTheLabOrTheUi = noClasses()
            .that().resideInAPackage("dev.hybridpane.adapters..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.hybridpane.ui..", "dev.hybridpane.app..",
                    "dev.hybridpane.lab..")
            .because("the same adapters run against the lab and a real account: no `if (lab)` in them");

    @ArchTest
    static final ArchRule labIsNotWiredToTheUi = noClasses()
            .that().resideInAPackage("dev.hybridpane.lab..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.hybridpane.ui..", "dev.hybridpane.app..",
                    "dev.hybridpane.adapters..", "javafx..");

    private static final String[] OUTSIDE_THE_LAB = {"dev.hybridpane.ui..", "dev.hybridpane.core..",
            "dev.hybridpane.adapters..", "dev.hybridpane.domain.."};

    @ArchTest
    static final ArchRule onlyAppAndLabKnowTheLab = noClasses()
            .that().resideInAnyPackage(OUTSIDE_THE_LAB)
            .should().dependOnClassesThat(resideInAPackage("dev.hybridpane.lab..")
                    .or(resideInAPackage("dev.hybridpane..").and(simpleNameStartingWith("Lab"))))
            // HybridPane's own Lab* classes (javafx's Label is no lab)
            .because("the UI, core, adapters and domain are told what the environment offers, never that it is the lab");

    @ArchTest
    static final ArchRule noLabClassesOutsideAppAndLab = classes()
            .that().resideInAnyPackage(OUTSIDE_THE_LAB)
            .should().haveSimpleNameNotStartingWith("Lab")
            .because("what is the lab's lives in lab (or in app, which wires it)");
}
