package dev.steward.core.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.core.cli.Cli;
import dev.steward.testkit.FreePort;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code steward demo} end to end, with the real HAProxy and quarantine plugins. */
class DemoTest {
    @TempDir
    Path home;

    @Test
    void theDemoChurnsReplicasUnderCheckedTrafficWithoutAnErrorAndLeavesNoProcess() throws IOException {
        int low = FreePort.range(40);
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("conf/steward.conf"), """
                steward {
                  api.bind = "127.0.0.1:0"
                  haproxy.bind = "127.0.0.1:%d"
                  port-quarantine { range = "%d-%d", window = 1s }
                }
                """.formatted(FreePort.pick(), low, low + 39));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                home).run(List.of("demo", "--duration", "8s"));

        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as("exit code; stderr: %s", err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(printed)
                .contains("curl http://127.0.0.1:")
                .containsPattern("(scaled|replaced) ")
                .containsPattern("requests [1-9][0-9]*  errors 0  misroutes 0")
                .containsPattern("Done: [1-9][0-9]* requests, 0 errors, 0 misroutes.");
        assertThat(ProcessHandle.allProcesses()
                .filter(process -> process.info().commandLine().orElse("").contains(home.toString())))
                .as("processes left behind").isEmpty();
    }
}
