package dev.steward.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.core.testing.Answer;
import dev.steward.core.testing.ApiClient;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HealthEndpointsTest {
    @RegisterExtension
    final ApiFixture api = ApiFixture.started();
    private final ApiClient client = api.client();
    private final CountDownLatch proxyMayFinish = new CountDownLatch(1);

    @AfterEach
    void stop() {
        proxyMayFinish.countDown();
    }

    @Test
    void healthzAnswersWhileTheServerRuns() {
        Answer answer = client.get("/-/healthz");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json()).containsEntry("status", "ok");
        assertThat(answer.header("Content-Type")).contains("application/json");
    }

    @Test
    void readyIs503WithTheReasonWhileAnAcceptedRevisionIsNotAppliedAnd200Once() {
        api.backend.duringApply(state -> await(proxyMayFinish));

        assertThat(client.put("/v1/target-groups", RoutingBodies.ONE_GROUP).status()).isEqualTo(202);
        Answer waiting = client.get("/-/ready");

        assertThat(waiting.status()).isEqualTo(503);
        assertThat(waiting.json()).containsEntry("ready", false)
                .containsEntry("reason", "revision 1 accepted, 0 applied");

        proxyMayFinish.countDown();
        api.awaitApplied(1);
        Answer ready = client.get("/-/ready");

        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json()).containsEntry("ready", true).containsEntry("revision", 1);
    }

    @Test
    void readyIs503WhenTheProxyIsNotRunningEvenThoughTheStateWasApplied() {
        api.backend.close();

        Answer answer = client.get("/-/ready");

        assertThat(answer.status()).isEqualTo(503);
        assertThat((String) answer.json().get("reason"))
                .isEqualTo("revision 0 applied, but the proxy is not running: not started");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
