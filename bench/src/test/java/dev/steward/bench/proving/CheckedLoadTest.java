package dev.steward.bench.proving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.steward.loopback.Replica;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Both load generators tell a right answer from a misroute and from an error, against replicas alone. */
class CheckedLoadTest {
    private static final Duration RUN = Duration.ofSeconds(1);
    private static final int CONNECTIONS = 2;

    private final List<Replica> replicas = new ArrayList<>();

    @AfterEach
    void stopReplicas() {
        replicas.forEach(Replica::close);
    }

    @Test
    void wrkCountsRightAnswersMisroutesAndCutAnswersApart() {
        assumeTrue(Loads.wrk().isPresent(), "wrk is not installed");
        classifies((base, routes) -> new WrkLoad(Loads.wrk().orElseThrow(), base, routes, CONNECTIONS, RUN));
    }

    @Test
    void theJdkLoopCountsRightAnswersMisroutesAndCutAnswersApart() {
        classifies((base, routes) -> new JdkLoad(base, routes, CONNECTIONS, RUN));
    }

    private interface Generator {
        CheckedLoad start(URI base, Map<String, String> deploymentByRoute);
    }

    private void classifies(Generator generator) {
        LoadCounts right = run(generator, replica("app"), "app");
        LoadCounts misrouted = run(generator, replica("other"), "app");
        Replica cutting = replica("app");
        cutting.behave(Replica.Behaviour.PARTIAL_THEN_CLOSE);
        LoadCounts cut = run(generator, cutting, "app");

        assertThat(right.requests()).as("right answers: %s", right).isPositive();
        assertThat(right.errors() + right.misroutes()).as("right answers: %s", right).isZero();
        assertThat(misrouted.misroutes()).as("misroutes: %s", misrouted).isPositive().isEqualTo(misrouted.requests());
        assertThat(misrouted.errors()).as("misroutes: %s", misrouted).isZero();
        assertThat(cut.errors()).as("cut answers: %s", cut).isPositive().isEqualTo(cut.requests());
        assertThat(cut.misroutes()).as("cut answers: %s", cut).isZero();
    }

    /** The replica stands in for the proxy: every request for {@code /route} must come back from {@code deployment}. */
    private static LoadCounts run(Generator generator, Replica replica, String deployment) {
        try (CheckedLoad load = generator.start(URI.create("http://127.0.0.1:" + replica.port()), Map.of("/route", deployment))) {
            return load.awaitEnd().report();
        }
    }

    private Replica replica(String deployment) {
        String id = deployment + "-r" + (replicas.size() + 1);
        Replica replica = Replica.named(id).body(Replica.bodyOf(deployment, id)).start();
        replicas.add(replica);
        return replica;
    }
}
