package dev.steward.distribution;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.GeneralCodingRules.USE_JAVA_UTIL_LOGGING;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.steward.core.Main;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The rules of the house (ARCHITECTURE.md, docs/development.md), checked on the built main classes of
 * every module: the distribution depends on all of them, the benchmarks included. A plugin is any
 * {@code dev.steward.<name>} package tree but api, core, loopback, testkit, bench and distribution, so a
 * new plugin is held to the rules without a change here. The rules on module-info files are
 * {@link ModuleDescriptorsTest}'s, the rules on test code {@link TestCodeTest}'s; each rule keeps a
 * deliberate violation that {@link RulesCatchTheirFixturesTest} shows it catches.
 */
@AnalyzeClasses(packages = "dev.steward", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    private static final String API = "dev.steward.api..";
    private static final String CORE = "dev.steward.core..";
    private static final String DISTRIBUTION = "dev.steward.distribution..";
    /** What tests share; on no class path but the tests' (and the benchmarks'). */
    private static final String TESTKIT = "dev.steward.testkit..";
    /** The demo's replicas and checked load; in the image, for the demo. */
    private static final String LOOPBACK = "dev.steward.loopback..";
    /** Benchmarks and scenario runners; never shipped. */
    private static final String BENCH = "dev.steward.bench..";

    static final DescribedPredicate<JavaClass> PLUGIN_CODE =
            resideInAPackage("dev.steward.*..").and(not(resideInAnyPackage(API, CORE, DISTRIBUTION, TESTKIT, LOOPBACK, BENCH)))
                    .as("plugin code");

    /** The command lines (Steward's and the benchmarks') talk to the terminal; everything else logs through slf4j. */
    private static final DescribedPredicate<JavaClass> LIBRARY_CODE =
            resideInAPackage("dev.steward..")
                    .and(not(resideInAnyPackage("dev.steward.core.cli..", TESTKIT, BENCH)))
                    .and(not(equivalentTo(Main.class)))
                    .as("library code (not a command line)");

    @ArchTest
    static final ArchRule apiDependsOnlyOnTheJdkAndTypesafeConfig = classes()
            .that().resideInAPackage(API)
            .should().onlyDependOnClassesThat(HouseRules.IN_THE_JDK.or(resideInAnyPackage(API, "com.typesafe.config..")));

    @ArchTest
    static final ArchRule pluginsDependOnlyOnApiTheJdkSlf4jAndThemselves = classes()
            .that(PLUGIN_CODE)
            .should(dependOnlyOnApiTheJdkSlf4jAndTheirOwnPlugin());

    @ArchTest
    static final ArchRule testkitDependsOnlyOnTheJdkJunitAndTheApisTime =
            HouseRules.testkitDependsOnlyOnTheJdkJunitAndTheApisTime("dev.steward.testkit");

    @ArchTest
    static final ArchRule loopbackDependsOnlyOnTheJdkAndTheModel =
            HouseRules.loopbackDependsOnlyOnTheJdkAndTheModel("dev.steward.loopback");

    @ArchTest
    static final ArchRule coreUsesTheLoopbackReplicasInTheDemoOnly = HouseRules.usedOnlyBy("dev.steward.loopback",
            "dev.steward.core", "dev.steward.core.demo", "the daemon never starts a replica or sends its own traffic");

    @ArchTest
    static final ArchRule benchNamesNoPlugin = HouseRules.namesNoPlugin("dev.steward.bench", PLUGIN_CODE);

    @ArchTest
    static final ArchRule guiceStaysInTheDaemonPackage = HouseRules.guiceOnlyIn("dev.steward", "dev.steward.core.daemon");

    @ArchTest
    static final ArchRule corePackagesFlowOneWay = CoreLayering.rule("dev.steward.core");

    @ArchTest
    static final ArchRule productionCodeUsesNeitherTestkitNorBench = noClasses()
            .that().resideInAnyPackage(API, CORE, LOOPBACK).or(PLUGIN_CODE)
            .should().dependOnClassesThat().resideInAnyPackage(TESTKIT, BENCH)
            .as("what ships uses neither testkit nor bench, which never reach the image");

    @ArchTest
    static final ArchRule coreNamesNoPlugin = noClasses()
            .that().resideInAPackage(CORE)
            .should().dependOnClassesThat(PLUGIN_CODE);

    @ArchTest
    static final ArchRule modulesAreFreeOfCycles = slices()
            .matching("dev.steward.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule packagesAreFreeOfCycles = slices()
            .matching("dev.steward.(**)")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule libraryCodeLeavesTheTerminalAlone = noClasses()
            .that(LIBRARY_CODE)
            .should(ACCESS_STANDARD_STREAMS);

    @ArchTest
    static final ArchRule libraryCodeLogsThroughSlf4jNotJavaUtilLogging = noClasses()
            .that(LIBRARY_CODE)
            .should(USE_JAVA_UTIL_LOGGING);

    /**
     * The libraries a plugin ships in its own folder of lib/, by plugin: it may use them, and only it.
     * A plugin jar that ships alone has none.
     */
    private static final Map<String, List<String>> SHIPPED_LIBRARIES = Map.of(
            "dev.steward.etcd", List.of("io.etcd..", "io.netty.."));

    /**
     * A plugin's class may use the api (with typesafe-config, which the api hands to plugins), the JDK,
     * slf4j, its own plugin's packages and the libraries it ships: never core, Guice, another plugin or a
     * library that neither the image nor its own folder holds.
     */
    private static ArchCondition<JavaClass> dependOnlyOnApiTheJdkSlf4jAndTheirOwnPlugin() {
        return new ArchCondition<>("depend only on dev.steward.api, the JDK, slf4j, their own plugin and what it ships") {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                String ownPlugin = pluginRoot(javaClass.getPackageName());
                List<String> packages = new ArrayList<>(List.of(API, "com.typesafe.config..", "org.slf4j..", ownPlugin + ".."));
                packages.addAll(SHIPPED_LIBRARIES.getOrDefault(ownPlugin, List.of()));
                DescribedPredicate<JavaClass> allowed = HouseRules.IN_THE_JDK.or(resideInAnyPackage(packages.toArray(String[]::new)));
                for (Dependency dependency : javaClass.getDirectDependenciesFromSelf()) {
                    if (!allowed.test(dependency.getTargetClass())) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                }
            }
        };
    }

    /** {@code dev.steward.haproxy.config} → {@code dev.steward.haproxy}. */
    private static String pluginRoot(String packageName) {
        String[] parts = packageName.split("\\.");
        return String.join(".", parts[0], parts[1], parts[2]);
    }
}
