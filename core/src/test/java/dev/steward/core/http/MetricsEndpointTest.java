package dev.steward.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.core.testing.Answer;
import dev.steward.core.testing.ApiClient;
import dev.steward.core.testing.PrometheusText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MetricsEndpointTest {
    @RegisterExtension
    final ApiFixture api = ApiFixture.started();
    private final ApiClient client = api.client();

    private PrometheusText scrape() {
        Answer answer = client.get("/metrics");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).contains("text/plain; version=0.0.4; charset=utf-8");
        return PrometheusText.parse(answer.body());
    }

    @Test
    void everyMetricCoreOwnsIsThereFromTheFirstScrape() {
        PrometheusText metrics = scrape();

        assertThat(metrics.type("steward_broadcasts_total")).contains("counter");
        assertThat(metrics.type("steward_broadcasts_coalesced_total")).contains("counter");
        assertThat(metrics.type("steward_applies_total")).contains("counter");
        assertThat(metrics.type("steward_apply_duration_seconds")).contains("histogram");
        assertThat(metrics.type("steward_convergence_seconds")).contains("histogram");
        assertThat(metrics.type("steward_revision")).contains("gauge");
        for (String kind : new String[] {"target_groups", "fallback_targets"}) {
            for (String outcome : new String[] {"accepted", "rejected"}) {
                assertThat(metrics.value("steward_broadcasts_total", "source", "http", "kind", kind, "outcome", outcome))
                        .as("%s %s", kind, outcome).contains(0.0);
            }
        }
        assertThat(metrics.value("steward_broadcasts_coalesced_total")).contains(0.0);
        for (String mode : new String[] {"reload", "runtime"}) {
            for (String outcome : new String[] {"ok", "failed"}) {
                assertThat(metrics.value("steward_applies_total", "mode", mode, "outcome", outcome)).as("%s %s", mode, outcome)
                        .isPresent();
            }
        }
        assertThat(metrics.value("steward_apply_duration_seconds_bucket", "le", "+Inf")).isPresent();
        assertThat(metrics.value("steward_convergence_seconds_count")).isPresent();
        assertThat(metrics.value("steward_revision", "stage", "received")).contains(0.0);
        assertThat(metrics.value("steward_revision", "stage", "applied")).contains(0.0);
    }

    @Test
    void countersMoveAsBroadcastsAndAppliesHappen() {
        PrometheusText before = scrape();
        double reloads = before.value("steward_applies_total", "mode", "reload", "outcome", "ok").orElseThrow();
        double applyCount = before.value("steward_apply_duration_seconds_count").orElseThrow();

        client.put("/v1/target-groups", RoutingBodies.ONE_GROUP);
        client.put("/v1/target-groups", "{\"targetGroups\": [{\"name\": \"\"}]}");
        api.awaitApplied(1);
        PrometheusText after = scrape();

        assertThat(after.value("steward_broadcasts_total", "source", "http", "kind", "target_groups", "outcome", "accepted"))
                .contains(1.0);
        assertThat(after.value("steward_broadcasts_total", "source", "http", "kind", "target_groups", "outcome", "rejected"))
                .contains(1.0);
        assertThat(after.value("steward_applies_total", "mode", "reload", "outcome", "ok")).contains(reloads + 1);
        assertThat(after.value("steward_apply_duration_seconds_count")).contains(applyCount + 1);
        assertThat(after.value("steward_convergence_seconds_count")).contains(1.0);
        assertThat(after.value("steward_revision", "stage", "received")).contains(1.0);
        assertThat(after.value("steward_revision", "stage", "applied")).contains(1.0);
    }

    @Test
    void aFailedApplyIsCountedAsFailed() {
        api.backend.failNext(1);

        client.put("/v1/target-groups", RoutingBodies.ONE_GROUP);
        api.awaitApplied(1);

        assertThat(scrape().value("steward_applies_total", "mode", "reload", "outcome", "failed")).contains(1.0);
    }
}
