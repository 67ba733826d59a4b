package dev.steward.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code steward plugins}: what ships in lib/, what a user drops in, and what is skipped and why. */
class PluginsIT extends ImageTest {
    @Test
    void listsTheDefaultPlugins() {
        Launch launch = plugins();

        assertThat(launch.exitCode()).as(launch.toString()).isZero();
        assertThat(rows(launch)).contains(
                new Row("haproxy", "proxy-backend", "dev.steward.haproxy", Distribution.version(),
                        jar("steward-plugin-haproxy")),
                new Row("quarantine", "port-policy", "dev.steward.portquarantine", Distribution.version(),
                        jar("steward-plugin-portquarantine")),
                new Row("file", "broadcast-source", "dev.steward.core", Distribution.version(), "built-in"));
        assertThat(launch.stdout()).doesNotContain("skipped");
    }

    @Test
    void aPluginJarDroppedIntoLibIsFound() throws IOException {
        Path jar = PluginJar.build(Files.createDirectory(temp.resolve("build")), distribution.lib().resolve("extra.jar"));

        Launch launch = plugins();

        assertThat(launch.exitCode()).as(launch.toString()).isZero();
        assertThat(rows(launch)).contains(
                new Row(PluginJar.NAME, "broadcast-source", PluginJar.MODULE, PluginJar.VERSION, jar.toString()),
                new Row("haproxy", "proxy-backend", "dev.steward.haproxy", Distribution.version(),
                        jar("steward-plugin-haproxy")));
        assertThat(launch.stderr()).contains("plugin " + PluginJar.NAME + " loaded from " + jar);
    }

    @Test
    void aCorruptJarIsReportedAndSkippedWhileTheOthersLoad() throws IOException {
        Path corrupt = Files.writeString(distribution.lib().resolve("corrupt.jar"), "not a zip file");

        Launch launch = plugins();

        assertThat(launch.exitCode()).as(launch.toString()).isZero();
        assertThat(launch.stdout()).contains("skipped " + corrupt + ": cannot be loaded");
        assertThat(rows(launch)).extracting(Row::name).contains("haproxy", "quarantine", "file");
    }

    private Launch plugins() {
        return Launch.run(distribution.launcher(), temp, Launch.userEnvironment(), "plugins");
    }

    private String jar(String artifact) {
        return distribution.lib().resolve(artifact + "-" + Distribution.version() + ".jar").toString();
    }

    /** The table's rows, the header and the "skipped" lines left out. */
    private static List<Row> rows(Launch launch) {
        return launch.stdout().lines()
                .skip(1)
                .filter(line -> !line.startsWith("skipped "))
                .map(line -> line.split("\\s+"))
                .map(cells -> {
                    assertThat(cells).as("a row of five columns: %s", Arrays.toString(cells)).hasSize(5);
                    return new Row(cells[0], cells[1], cells[2], cells[3], cells[4]);
                })
                .toList();
    }

    /** One line of {@code steward plugins}: NAME KIND MODULE VERSION FILE. */
    record Row(String name, String kind, String module, String version, String file) {}
}
