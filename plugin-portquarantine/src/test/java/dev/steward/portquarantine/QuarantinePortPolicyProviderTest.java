package dev.steward.portquarantine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.api.PortPolicyProvider;
import dev.steward.api.config.InvalidConfigException;
import dev.steward.testkit.ManualTime;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuarantinePortPolicyProviderTest {
    @TempDir
    Path dataDirectory;

    @Test
    void isNamedQuarantineWithItsSettingsUnderPortQuarantine() {
        QuarantinePortPolicyProvider provider = new QuarantinePortPolicyProvider();
        assertThat(provider.name()).isEqualTo("quarantine");
        assertThat(provider.settingsKey()).isEqualTo("port-quarantine");
    }

    @Test
    void theModuleProvidesItToServiceLoaderAndExportsNothing() {
        ModuleDescriptor descriptor = QuarantinePortPolicyProvider.class.getModule().getDescriptor();
        assertThat(descriptor.name()).isEqualTo("dev.steward.portquarantine");
        assertThat(descriptor.provides())
                .singleElement()
                .satisfies(provides -> {
                    assertThat(provides.service()).isEqualTo(PortPolicyProvider.class.getName());
                    assertThat(provides.providers()).containsExactly(QuarantinePortPolicyProvider.class.getName());
                });
        assertThat(descriptor.exports()).isEmpty();
    }

    @Test
    void badSettingsStopCreationBeforeAnyFileIsTouched() {
        assertThatThrownBy(() -> Policies.create("range = \"1-0\"", dataDirectory, new ManualTime(), new RecordingMetrics()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("steward.port-quarantine.range");
        assertThat(dataDirectory).isEmptyDirectory();
    }
}
