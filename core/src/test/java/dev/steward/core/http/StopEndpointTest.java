package dev.steward.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.api.proxy.ProxyStop;
import dev.steward.core.testing.Answer;
import dev.steward.core.testing.ApiClient;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code POST /v1/stop}: the stop asked for reaches whoever stops the daemon, with what to do with the proxy. */
class StopEndpointTest {
    @RegisterExtension
    final ApiFixture api = ApiFixture.started();
    private final ApiClient client = api.client();
    private final BlockingQueue<ProxyStop> stops = new LinkedBlockingQueue<>();

    @BeforeEach
    void handleStops() {
        api.stopRequests.handleWith(stops::add);
    }

    @Test
    void aStopThatKeepsTheProxyIsHandedOnAndAnsweredWithStewardsPid() throws InterruptedException {
        Answer answer = client.post("/v1/stop?proxy=keep", "");

        assertThat(answer.status()).isEqualTo(202);
        assertThat(((Number) answer.json().get("pid")).longValue()).isEqualTo(ProcessHandle.current().pid());
        assertThat(answer.json()).containsEntry("proxy", "keep");
        assertThat(stops.poll(5, TimeUnit.SECONDS)).isEqualTo(ProxyStop.KEEP);
    }

    @Test
    void withoutTheParameterTheBackendsOwnSettingDecides() throws InterruptedException {
        Answer answer = client.post("/v1/stop", "");

        assertThat(answer.json()).containsEntry("proxy", "stop");
        assertThat(stops.poll(5, TimeUnit.SECONDS)).isEqualTo(ProxyStop.STOP);
    }

    @Test
    void anUnknownValueIsRefusedWithWhatWasExpected() {
        Answer answer = client.post("/v1/stop?proxy=maybe", "");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json()).containsEntry("field", "proxy")
                .containsEntry("error", "proxy: expected \"stop\" or \"keep\", found \"maybe\"");
        assertThat(stops).isEmpty();
    }
}
