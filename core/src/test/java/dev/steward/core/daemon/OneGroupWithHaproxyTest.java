package dev.steward.core.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.core.testing.Answer;
import dev.steward.core.testing.RunningDaemon;
import dev.steward.loopback.Replica;
import dev.steward.testkit.Eventually;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default sources, {@code file} and {@code http}, in the whole daemon with the real HAProxy: a
 * change of one group over HTTP changes that group in what the file set, and is served again after a
 * restart, journal and file read again.
 */
class OneGroupWithHaproxyTest {
    private static final String TOKEN = "one-group-test-token-0123456789";
    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final String SETTINGS = """
            broadcast-sources = [file, http]
            coalesce.window = 50ms
            """;

    @TempDir
    Path home;

    private Replica app1;
    private Replica app2;
    private RunningDaemon running;

    @BeforeEach
    void start() throws IOException {
        app1 = Replica.start("app1-r1");
        app2 = Replica.start("app2-r1");
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("conf/targets.conf"), """
                targetGroups = [{name = app1, routePrefix = "/app1", targets = [{host = "127.0.0.1", port = %d, replicaId = app1-r1}]}]
                fallbackTargets = []
                """.formatted(app1.port()));
        running = RunningDaemon.start(home, TOKEN, SETTINGS);
    }

    @AfterEach
    void stop() {
        if (running != null) {
            running.close();
        }
        app1.close();
        app2.close();
    }

    @Test
    void aGroupPutBesideTheFilesGroupsIsServedThenItsRemovalOfTheFilesGroupSurvivesARestart() {
        Answer put = running.api().put("/v1/target-groups/app2", """
                {"routePrefix": "/app2", "targets": [{"host": "127.0.0.1", "port": %d, "replicaId": "app2-r1"}]}
                """.formatted(app2.port()));
        assertThat(put.status()).as(put.body()).isEqualTo(202);
        running.awaitReady();

        assertThat(served("/app1")).isEqualTo("200 app1-r1");
        assertThat(served("/app2")).isEqualTo("200 app2-r1");

        Answer removal = running.api().delete("/v1/target-groups/app1");
        assertThat(removal.status()).as(removal.body()).isEqualTo(202);
        running.awaitReady();
        // A connection kept open to the process before the reload may answer once more with its routes.
        Eventually.await("/app1 no longer routed", DEADLINE, () -> served("/app1").startsWith("404"));

        running.close();
        running = RunningDaemon.start(home, TOKEN, SETTINGS, running.proxyPort());

        assertThat(served("/app1")).startsWith("404");
        assertThat(served("/app2")).isEqualTo("200 app2-r1");
        assertThat(running.api().delete("/v1/target-groups/app1").status()).as("gone for good").isEqualTo(404);
    }

    private String served(String path) {
        try {
            HttpResponse<String> response = running.viaProxy(path);
            return response.statusCode() + " " + (response.statusCode() == 200 ? response.body() : "");
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new AssertionError(interrupted);
        }
    }
}
