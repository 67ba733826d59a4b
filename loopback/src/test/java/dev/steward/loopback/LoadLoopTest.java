package dev.steward.loopback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.testkit.Eventually;
import dev.steward.testkit.FreePort;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a load loop counts, against replicas that stand in for a proxy. */
class LoadLoopTest {
    private final List<AutoCloseable> started = new ArrayList<>();

    @AfterEach
    void stopEverything() throws Exception {
        for (AutoCloseable resource : started.reversed()) {
            resource.close();
        }
    }

    @Test
    void aBoundedLoadEndsByItselfAndCountsWhatItSaw() {
        Replica replica = keep(deployed("shop", "shop-r1"));

        LoadReport report = LoadLoop.to(URI.create("http://127.0.0.1:" + replica.port())).routes(Map.of("/shop", "shop"))
                .connections(2).lasting(Duration.ofMillis(500)).start().awaitEnd();

        assertThat(report.requests()).isPositive();
        assertThat(report.errors() + report.misroutes()).as(report.toString()).isZero();
        assertThat(report.ok()).isEqualTo(report.requests()).isEqualTo(replica.requests());
        assertThat(report.statuses()).containsOnlyKeys(200);
    }

    @Test
    void anAnswerFromAnotherDeploymentIsAMisrouteNotAnError() {
        Replica other = keep(deployed("other", "other-r1"));
        LoadLoop load = keep(LoadLoop.to(other.port()).routes(Map.of("/shop", "shop")).start());

        load.awaitMoreResponses(20);
        LoadReport report = load.stop();

        assertThat(report.misroutes()).as(report.toString()).isPositive().isEqualTo(report.requests());
        assertThat(report.errors()).as(report.toString()).isZero();
    }

    @Test
    void anUncheckedPathTakesAny2xxAndCountsOtherStatusesAsErrors() {
        Replica busy = keep(Replica.named("busy").behaviour(Replica.Behaviour.ANSWER_503).start());
        LoadLoop load = keep(LoadLoop.to(busy.port()).path("/app1").connections(2).start());

        load.awaitMoreResponses(20);
        busy.behave(Replica.Behaviour.ANSWER);
        load.awaitMoreResponses(20);
        LoadReport report = load.stop();

        assertThat(report.non2xx()).as(report.toString()).isEqualTo(report.statuses().get(503)).isPositive();
        assertThat(report.ok()).as(report.toString()).isEqualTo(report.statuses().get(200)).isPositive();
        assertThat(report.errors()).isEqualTo(report.non2xx());
        assertThat(report.misroutes()).isZero();
    }

    @Test
    void aCutAnswerIsAFailureAndARefusedConnectionIsCountedApart() {
        Replica cutting = keep(Replica.named("cut").behaviour(Replica.Behaviour.PARTIAL_THEN_CLOSE).start());
        LoadLoop cut = keep(LoadLoop.to(cutting.port()).path("/app1").lasting(Duration.ofMillis(300)).start());
        LoadLoop refused = keep(LoadLoop.to(FreePort.pick()).path("/app1").lasting(Duration.ofMillis(300)).start());

        LoadReport cutReport = cut.awaitEnd();
        LoadReport refusedReport = refused.awaitEnd();

        assertThat(cutReport.failed()).as(cutReport.toString()).isPositive().isEqualTo(cutReport.errors());
        assertThat(cutReport.samples()).first().asString().contains("cut");
        assertThat(refusedReport.refused()).as(refusedReport.toString()).isPositive().isEqualTo(refusedReport.requests());
        assertThat(refusedReport.responses()).isZero();
    }

    @Test
    void aKeepAliveConnectionClosedBeforeAnAnswerIsSentAgainNotCountedAsAFailure() {
        Replica replica = keep(Replica.start("r1"));
        LoadLoop load = keep(LoadLoop.to(replica.port()).path("/app1").start());
        load.awaitMoreResponses(20);

        replica.behave(Replica.Behaviour.CLOSE_WITHOUT_ANSWER);
        Eventually.await("the kept-alive connection is closed before an answer", () -> load.report().closedBeforeResponse() > 0);
        replica.behave(Replica.Behaviour.ANSWER);
        load.awaitMoreResponses(20);
        LoadReport report = load.stop();

        assertThat(report.closedBeforeResponse()).as(report.toString()).isEqualTo(1);
        assertThat(report.errors()).as("only new connections closed before their first answer are errors: %s", report)
                .isEqualTo(report.failed());
        assertThat(report.requests()).isEqualTo(report.responses() + report.failed());
    }

    @Test
    void waitingForAnswersThatCannotComeFailsNamingWhatTheLoadSaw() {
        LoadLoop load = keep(LoadLoop.to(FreePort.pick()).path("/app1").start());
        load.stop();

        assertThatThrownBy(() -> load.awaitMoreResponses(1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("refused");
    }

    @Test
    void onlyALoadLastingATimeEndsByItself() {
        LoadLoop load = keep(LoadLoop.to(FreePort.pick()).path("/app1").start());

        assertThatThrownBy(load::awaitEnd).isInstanceOf(IllegalStateException.class).hasMessageContaining("until stopped");
    }

    @Test
    void aLoadNeedsSomethingToRequestAndPathsWithoutSpaces() {
        assertThatThrownBy(() -> LoadLoop.to(8080).start()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> LoadLoop.to(8080).path("/a b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/a b");
        assertThatThrownBy(() -> LoadLoop.to(URI.create("https://127.0.0.1:8443"))).isInstanceOf(IllegalArgumentException.class);
    }

    private static Replica deployed(String deployment, String id) {
        return Replica.named(id).body(Replica.bodyOf(deployment, id)).start();
    }

    private <T extends AutoCloseable> T keep(T resource) {
        started.add(resource);
        return resource;
    }
}
