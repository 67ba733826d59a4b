package dev.steward.bench.proving;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The short version of each proving-ground scenario, with Steward as it ships: each fails when one of
 * Steward's guarantees breaks (a client error or a misroute where Steward promises none, a reload
 * where it promises none, a state not served), never on a timing.
 */
class ScenarioGuaranteesTest {
    @Test
    void churnCostsTheClientsNothingAndReloadsNothing() {
        ChurnScenario.Result result = new ChurnScenario(ChurnScenario.Settings.QUICK).run(Variant.STEWARD);

        assertThat(result.load().report().requests()).as(result.toString()).isPositive();
        assertThat(result.load().report().errors()).as(result.toString()).isZero();
        assertThat(result.load().report().misroutes()).as(result.toString()).isZero();
        assertThat(result.reloads()).as(result.toString()).isZero();
        assertThat(result.replacements()).as("replicas replaced").isPositive();
        assertThat(result.restarts()).as("replicas restarted in place").isPositive();
        assertThat(result.convergence().count()).as("every replacement served").isEqualTo((int) result.replacements());
    }

    @Test
    void aStormOfBroadcastsIsCoalescedAppliedWithoutReloadAndItsLastStateServed() {
        StormScenario.Settings settings = StormScenario.Settings.QUICK;
        StormScenario.Result result = new StormScenario(settings).run(Variant.STEWARD);

        assertThat(result.finalStateServed()).as(result.toString()).isTrue();
        assertThat(result.reloads()).as(result.toString()).isZero();
        assertThat(result.applies()).as("applies for %d broadcasts", settings.bursts() * settings.broadcasts())
                .isPositive().isLessThan((long) settings.bursts() * settings.broadcasts());
        assertThat(result.load().report().errors()).as(result.toString()).isZero();
        assertThat(result.load().report().misroutes()).as(result.toString()).isZero();
    }

    @Test
    void haproxyInDebugModeUnderLoadKeepsAnsweringOnItsAdminSocket() {
        LogFloodScenario.Result result = new LogFloodScenario(LogFloodScenario.Settings.QUICK).run(Variant.STEWARD);

        assertThat(result.admin().latencies().count()).as(result.toString()).isPositive();
        assertThat(result.admin().failures()).as(result.toString()).isZero();
        assertThat(result.load().report().requests()).as(result.toString()).isPositive();
        assertThat(result.load().report().errors()).as(result.toString()).isZero();
        assertThat(result.load().report().misroutes()).as(result.toString()).isZero();
    }

    @Test
    void afterKill9HaproxyIsRestartedAndServesWholeAgainWithoutAMisroute() {
        CrashScenario.Result result = new CrashScenario(CrashScenario.Settings.QUICK).run(Variant.STEWARD);

        assertThat(result.restarts()).as(result.toString()).isEqualTo(1);
        assertThat(result.load().report().misroutes()).as(result.toString()).isZero();
        assertThat(result.after().report().requests()).as(result.toString()).isPositive();
        assertThat(result.after().report().errors()).as(result.toString()).isZero();
        assertThat(result.after().report().misroutes()).as(result.toString()).isZero();
    }

    @Test
    void aReleasedPortGoesToAnotherDeploymentWithoutASingleMisroute() {
        PortReuseScenario.Result result = new PortReuseScenario(PortReuseScenario.Settings.QUICK).run(Variant.STEWARD);

        assertThat(result.portsReused()).as("ports handed to the other deployment; %s", result).isPositive();
        assertThat(result.load().report().misroutes()).as(result.toString()).isZero();
        assertThat(result.load().report().errors()).as(result.toString()).isZero();
        assertThat(result.reloads()).as(result.toString()).isZero();
    }
}
