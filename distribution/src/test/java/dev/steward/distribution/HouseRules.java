package dev.steward.distribution;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.lang.ArchRule;
import java.lang.module.ModuleFinder;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The rules of the house that take the packages they hold as arguments, so that the same rule checks
 * Steward's classes and, in {@link RulesCatchTheirFixturesTest}, the deliberate violation kept for it.
 */
final class HouseRules {
    /** Guice and the annotations it reads. */
    static final String[] GUICE = {"com.google.inject..", "jakarta.inject.."};

    /** Packages of the JDK's own modules: java.., javax.. and jdk.. ones, com.sun.net.httpserver, ... */
    static final DescribedPredicate<JavaClass> IN_THE_JDK = new DescribedPredicate<>("in the JDK") {
        private final Set<String> packages = ModuleFinder.ofSystem().findAll().stream()
                .flatMap(module -> module.descriptor().packages().stream())
                .collect(Collectors.toUnmodifiableSet());

        @Override
        public boolean test(JavaClass javaClass) {
            JavaClass type = javaClass.isArray() ? javaClass.getBaseComponentType() : javaClass;
            return type.isPrimitive() || packages.contains(type.getPackageName());
        }
    };

    private static final DescribedPredicate<JavaMethodCall> SLEEPS = new DescribedPredicate<>("Thread.sleep or TimeUnit.sleep") {
        @Override
        public boolean test(JavaMethodCall call) {
            String owner = call.getTarget().getOwner().getName();
            return call.getName().equals("sleep") && (owner.equals(Thread.class.getName()) || owner.equals("java.util.concurrent.TimeUnit"));
        }
    };

    private HouseRules() {}

    /** Only {@code daemon} (and what lies below it) uses Guice, within {@code root}. */
    static ArchRule guiceOnlyIn(String root, String daemon) {
        return noClasses().that().resideInAPackage(root + "..").and().resideOutsideOfPackage(daemon + "..")
                .should().dependOnClassesThat().resideInAnyPackage(GUICE)
                .as("Guice is used in " + daemon + " only: everything else gets the wired daemon's parts through a handle");
    }

    /**
     * No test code sleeps to wait for something, but {@code pollingHelper}, which polls a condition with a
     * deadline; tests wait on that, or move a manual clock.
     */
    static ArchRule noSleepOutside(String root, String pollingHelper) {
        return noClasses().that().resideInAPackage(root + "..").and(DescribedPredicate.not(name(pollingHelper)))
                .should().callMethodWhere(SLEEPS)
                .as("test code never sleeps: it waits for a condition with a deadline (" + pollingHelper + ") or moves a ManualTime");
    }

    /** The classes of {@code subject} use the JDK, their own package tree and {@code allowed} only. */
    static ArchRule dependOnlyOn(String subject, String why, String... allowed) {
        String[] packages = new String[allowed.length + 1];
        packages[0] = subject + "..";
        System.arraycopy(allowed, 0, packages, 1, allowed.length);
        return classes().that().resideInAPackage(subject + "..")
                .should().onlyDependOnClassesThat(IN_THE_JDK.or(resideInAnyPackage(packages)))
                .as(subject + " depends on the JDK and " + String.join(", ", allowed) + " only: " + why);
    }

    /** Within {@code root}, only {@code user} uses {@code used}. */
    static ArchRule usedOnlyBy(String used, String root, String user, String why) {
        return noClasses().that().resideInAPackage(root + "..").and().resideOutsideOfPackage(user + "..")
                .should().dependOnClassesThat().resideInAPackage(used + "..")
                .as("within " + root + ", only " + user + " uses " + used + ": " + why);
    }

    /** testkit, under {@code root}: what every module's tests share must not pull one module's code into another's tests. */
    static ArchRule testkitDependsOnlyOnTheJdkJunitAndTheApisTime(String root) {
        return dependOnlyOn(root, "what every module's tests share must not bring a module's code into another's tests",
                "org.junit.jupiter.api..", "dev.steward.api.time..");
    }

    /** loopback, under {@code root}: small enough to ship in the image beside core, for the demo. */
    static ArchRule loopbackDependsOnlyOnTheJdkAndTheModel(String root) {
        return dependOnlyOn(root, "the demo's replicas ship in the image, and every module's tests run them",
                "dev.steward.api.model..");
    }

    /** {@code subject} reaches a plugin only through ServiceLoader, as core does: it names none of {@code plugins}. */
    static ArchRule namesNoPlugin(String subject, DescribedPredicate<JavaClass> plugins) {
        return noClasses().that().resideInAPackage(subject + "..")
                .should().dependOnClassesThat(plugins)
                .as(subject + " names no plugin's class: it finds plugins through ServiceLoader, as core does");
    }
}
