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
import java.lang.module.ModuleFinder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The module rules of ARCHITECTURE.md, checked on the built classes of every module (the distribution
 * depends on all of them). A plugin is any {@code dev.steward.<name>} package tree other than api and
 * core, so a new plugin is held to the rules without a change here.
 */
@AnalyzeClasses(packages = "dev.steward", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    private static final String API = "dev.steward.api..";
    private static final String CORE = "dev.steward.core..";
    private static final String DISTRIBUTION = "dev.steward.distribution..";
    /** What tests share; on no class path but the tests'. */
    private static final String TESTKIT = "dev.steward.testkit..";

    private static final DescribedPredicate<JavaClass> PLUGIN_CODE =
            resideInAPackage("dev.steward.*..").and(not(resideInAnyPackage(API, CORE, DISTRIBUTION, TESTKIT)))
                    .as("plugin code");

    /** Packages of the JDK's own modules: java.., javax.. and jdk.. ones, com.sun.net.httpserver, ... */
    private static final DescribedPredicate<JavaClass> IN_THE_JDK = new DescribedPredicate<>("in the JDK") {
        private final Set<String> packages = ModuleFinder.ofSystem().findAll().stream()
                .flatMap(module -> module.descriptor().packages().stream())
                .collect(Collectors.toUnmodifiableSet());

        @Override
        public boolean test(JavaClass javaClass) {
            JavaClass type = javaClass.isArray() ? javaClass.getBaseComponentType() : javaClass;
            return type.isPrimitive() || packages.contains(type.getPackageName());
        }
    };

    /** The command line's entry points talk to the terminal; everything else logs through slf4j. */
    private static final DescribedPredicate<JavaClass> LIBRARY_CODE =
            resideInAPackage("dev.steward..")
                    .and(not(resideInAnyPackage("dev.steward.core.cli..", TESTKIT)))
                    .and(not(equivalentTo(Main.class)))
                    .as("library code (not the command line)");

    @ArchTest
    static final ArchRule apiDependsOnlyOnTheJdkAndTypesafeConfig = classes()
            .that().resideInAPackage(API)
            .should().onlyDependOnClassesThat(IN_THE_JDK.or(resideInAnyPackage(API, "com.typesafe.config..")));

    @ArchTest
    static final ArchRule pluginsDependOnlyOnApiTheJdkSlf4jAndThemselves = classes()
            .that(PLUGIN_CODE)
            .should(dependOnlyOnApiTheJdkSlf4jAndTheirOwnPlugin());

    @ArchTest
    static final ArchRule testkitDependsOnlyOnTheJdkAndJunit = classes()
            .that().resideInAPackage(TESTKIT)
            .should().onlyDependOnClassesThat(IN_THE_JDK.or(resideInAnyPackage(TESTKIT, "org.junit.jupiter.api..")));

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
                DescribedPredicate<JavaClass> allowed = IN_THE_JDK.or(resideInAnyPackage(packages.toArray(String[]::new)));
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
