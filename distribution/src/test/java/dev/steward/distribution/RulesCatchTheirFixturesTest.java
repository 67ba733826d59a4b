package dev.steward.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import dev.steward.distribution.fixture.modules.BadModules;
import org.assertj.core.api.AbstractStringAssert;
import org.junit.jupiter.api.Test;

/**
 * Every rule of the house can fail: each one, checked on its deliberate violation in
 * {@code dev.steward.distribution.fixture}, fails and names it. (The ban on mocking libraries is the
 * build's own, in the root pom: {@link MockingBanTest}.)
 */
class RulesCatchTheirFixturesTest {
    private static final String FIXTURE = "dev.steward.distribution.fixture";

    @Test
    void coreLayeringCatchesAnUpwardUseAndAnUnnamedPackage() {
        String root = FIXTURE + ".layering";

        assertViolation(CoreLayering.rule(root), root)
                .contains("engine uses http, which it may not (engine may use only config, storage)")
                .contains("EngineThatKnowsTheApi")
                .contains(root + ".gadgets, which CoreLayering does not name");
    }

    @Test
    void theLayeringTableFlowsOneWay() {
        assertThat(CoreLayering.order()).startsWith("", "cli", "demo", "daemon")
                .containsAll(CoreLayering.MAY_USE.keySet());
    }

    @Test
    void theGuiceRuleCatchesAnInjectorOutsideTheDaemonPackage() {
        String root = FIXTURE + ".guice";

        assertViolation(HouseRules.guiceOnlyIn(root, root + ".daemon"), root)
                .contains("CommandWithAnInjector").contains("com.google.inject.Injector")
                .doesNotContain("Wiring");
    }

    @Test
    void theSleepRuleCatchesEverySleepButThePollingHelpers() {
        String root = FIXTURE + ".sleep";

        assertViolation(HouseRules.noSleepOutside(root, root + ".PollingHelper"), root)
                .contains("SleepingTest.waitsForTheApply()").contains("Thread.sleep(long)")
                .contains("SleepingTest.waitsForTheReload()").contains("TimeUnit.sleep(long)")
                .doesNotContain("PollingHelper.await");
    }

    @Test
    void loopbacksRuleCatchesALibraryItMayNotUse() {
        String root = FIXTURE + ".loopback";

        assertViolation(HouseRules.loopbackDependsOnlyOnTheJdkAndTheModel(root), root)
                .contains("ReplicaThatLogs").contains("org.slf4j.Logger");
    }

    @Test
    void theRuleThatOnlyTheDemoRunsReplicasCatchesTheDaemonStartingOne() {
        String root = FIXTURE + ".replicas";

        assertViolation(HouseRules.usedOnlyBy("dev.steward.loopback", root, root + ".demo", "fixture"), root)
                .contains("DaemonThatStartsAReplica").doesNotContain("DemoWithAReplica");
    }

    @Test
    void benchsRuleCatchesAPluginNamedByItsClass() {
        String root = FIXTURE + ".bench";
        JavaClasses classes = new ClassFileImporter().importPackages(root, "dev.steward.haproxy");

        assertThatThrownBy(() -> HouseRules.namesNoPlugin(root, ArchitectureTest.PLUGIN_CODE).check(classes))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("BenchThatNamesAPlugin").hasMessageContaining("dev.steward.haproxy.HaproxyBackendProvider");
    }

    @Test
    void testkitsRuleCatchesALibraryItMayNotUse() {
        String root = FIXTURE + ".testkit";

        assertViolation(HouseRules.testkitDependsOnlyOnTheJdkJunitAndTheApisTime(root), root)
                .contains("HelperWithAssertions").contains("org.assertj");
    }

    @Test
    void theModuleRulesCatchAnExportingPluginAnUnqualifiedOpensAndGuiceBeyondTheDaemon() {
        assertThat(ModuleRules.isPlugin(BadModules.pluginThatExportsAPackage())).isTrue();
        assertThat(ModuleRules.pluginExportsNothing(BadModules.pluginThatExportsAPackage()))
                .singleElement().asString().contains("dev.steward.fixtureplugin is a plugin and exports dev.steward.fixtureplugin.spi");
        assertThat(ModuleRules.opensAreQualified(BadModules.moduleThatOpensAPackageToEveryone()))
                .singleElement().asString().contains("opens dev.steward.fixtureopens.model to everyone");
        assertThat(ModuleRules.opensAreQualified(BadModules.openModule()))
                .singleElement().asString().contains("dev.steward.fixtureopen is an open module");
        assertThat(ModuleRules.opensOnlyTheDaemonToGuice(BadModules.coreThatOpensTheEngineToGuice(), "dev.steward.core.daemon"))
                .singleElement().asString().contains("opens dev.steward.core.engine to com.google.guice");
    }

    /** Checks {@code rule} on the fixture classes under {@code root}; returns the failure's message. */
    private static AbstractStringAssert<?> assertViolation(ArchRule rule, String root) {
        JavaClasses classes = new ClassFileImporter().importPackages(root);
        assertThat(classes).as("fixture classes under %s", root).isNotEmpty();
        try {
            rule.check(classes);
        } catch (AssertionError violated) {
            return assertThat(violated.getMessage());
        }
        throw new AssertionError("the rule \"" + rule.getDescription() + "\" did not catch its fixture under " + root);
    }
}
