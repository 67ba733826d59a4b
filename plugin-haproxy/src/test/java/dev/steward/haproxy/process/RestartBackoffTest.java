package dev.steward.haproxy.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.haproxy.settings.RestartPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RestartBackoffTest {
    private final RestartBackoff backoff = new RestartBackoff(new RestartPolicy(Duration.ofMillis(100), Duration.ofSeconds(1)));

    @Test
    void theWaitDoublesForEachQuickExitUpToTheMaximum() {
        assertThat(backoff.next(Duration.ofMillis(5))).isEqualTo(Duration.ofMillis(100));
        assertThat(backoff.next(Duration.ZERO)).isEqualTo(Duration.ofMillis(200));
        assertThat(backoff.next(Duration.ofMillis(5))).isEqualTo(Duration.ofMillis(400));
        assertThat(backoff.next(Duration.ofMillis(5))).isEqualTo(Duration.ofMillis(800));
        assertThat(backoff.next(Duration.ofMillis(5))).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.next(Duration.ofMillis(5))).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aProcessThatServedForTheMaximumWaitCountsAsHealthy() {
        backoff.next(Duration.ZERO);
        backoff.next(Duration.ZERO);

        assertThat(backoff.next(Duration.ofSeconds(1))).isEqualTo(Duration.ofMillis(100));
        assertThat(backoff.next(Duration.ofMillis(999))).isEqualTo(Duration.ofMillis(200));
    }
}
