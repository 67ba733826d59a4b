package dev.steward.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules of the house that live in module-info files, on every Steward module on this class path. */
class ModuleDescriptorsTest {
    private static final Map<String, ModuleDescriptor> MODULES = StewardModules.onTheClassPath();

    @Test
    void everyModuleIsHere() {
        assertThat(MODULES).as("Steward's modules found on the class path; a rule over fewer proves nothing")
                .containsKeys("dev.steward.api", "dev.steward.core", "dev.steward.loopback", "dev.steward.haproxy",
                        "dev.steward.portquarantine", "dev.steward.etcd");
    }

    @Test
    void pluginsExportNothing() {
        assertThat(MODULES.values().stream().filter(ModuleRules::isPlugin).flatMap(module ->
                ModuleRules.pluginExportsNothing(module).stream())).isEmpty();
    }

    @Test
    void everyOpensNamesTheModuleItOpensTo() {
        assertThat(MODULES.values().stream().flatMap(module -> ModuleRules.opensAreQualified(module).stream())).isEmpty();
    }

    @Test
    void coreOpensOnlyTheDaemonPackageToGuice() {
        ModuleDescriptor core = MODULES.get("dev.steward.core");

        assertThat(ModuleRules.opensOnlyTheDaemonToGuice(core, "dev.steward.core.daemon")).isEmpty();
        assertThat(core.opens()).as("what Guice builds by reflection").singleElement()
                .satisfies(opens -> assertThat(opens.source()).isEqualTo("dev.steward.core.daemon"));
    }
}
