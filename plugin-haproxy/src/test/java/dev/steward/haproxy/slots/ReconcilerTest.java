package dev.steward.haproxy.slots;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.api.model.Target;
import dev.steward.haproxy.runtime.AdminState;
import dev.steward.haproxy.runtime.RuntimeCommand;
import dev.steward.haproxy.runtime.ServerName;
import dev.steward.haproxy.runtime.ServerState;
import dev.steward.haproxy.runtime.ServersState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReconcilerTest {
    private static final ServerName SLOT = new ServerName("group_app1", "slot2");
    private static final Target TARGET = new Target("10.0.0.7", 20007, "r7");
    private static final ServerName PEER_SLOT = new ServerName("group_app1", "slot1");
    private static final Target PEER = new Target("10.0.0.1", 20001, "r1");

    @Test
    void aSlotAsDesiredNeedsNothing() {
        assertThat(commands(free(), running("127.0.0.1", 1, AdminState.MAINT, 1))).isEmpty();
        assertThat(commands(serving(TARGET, true), running("10.0.0.7", 20007, AdminState.READY, 1))).isEmpty();
        assertThat(commands(draining(TARGET), running("10.0.0.7", 20007, AdminState.DRAIN, 1))).isEmpty();
    }

    @Test
    void aTargetEntersAFreeSlotAtOnceInAGroupWithoutHttpCheck() {
        assertThat(commands(serving(new Target("10.0.0.7", 20007, "r7", 5), false), running("127.0.0.1", 1, AdminState.MAINT, 1)))
                .containsExactly(
                        "set server group_app1/slot2 addr 10.0.0.7 port 20007",
                        "set server group_app1/slot2 weight 5",
                        "set server group_app1/slot2 state ready");
    }

    @Test
    void aTargetEnteringAGroupWithAnHttpCheckIsDownUntilItPassesIt() {
        assertThat(commands(List.of(peer(PEER), serving(TARGET, true)), peerRunning(true, AdminState.READY, PEER.port()),
                running("127.0.0.1", 1, AdminState.MAINT, 1))).containsExactly(
                "set server group_app1/slot2 addr 10.0.0.7 port 20007",
                "set server group_app1/slot2 state drain",
                "set server group_app1/slot2 health down",
                "set server group_app1/slot2 state ready");
    }

    @Test
    void theOnlyTargetEnteringAGroupWithAnHttpCheckTakesRequestsAtOnceSinceNoOtherServerWould() {
        assertThat(commands(serving(TARGET, true), running("127.0.0.1", 1, AdminState.MAINT, 1))).containsExactly(
                "set server group_app1/slot2 addr 10.0.0.7 port 20007",
                "set server group_app1/slot2 state ready");
    }

    @Test
    void aPeerThatCannotServeLeavesNoOneToServeWhileANewcomerWouldProveItself() {
        List<String> atOnce = List.of("set server group_app1/slot2 addr 10.0.0.7 port 20007", "set server group_app1/slot2 state ready");
        ServerState newcomer = running("127.0.0.1", 1, AdminState.MAINT, 1);

        assertThat(commands(List.of(peer(PEER), serving(TARGET, true)), peerRunning(false, AdminState.READY, PEER.port()), newcomer))
                .as("a peer its checks hold down").isEqualTo(atOnce);
        assertThat(commands(List.of(peer(new Target("10.0.0.1", 20001, "r1", 0)), serving(TARGET, true)),
                new ServerState(PEER_SLOT, "10.0.0.1", PEER.port(), AdminState.READY, true, 0), newcomer))
                .as("a peer of weight 0").isEqualTo(atOnce);
        assertThat(commands(List.of(peer(PEER), serving(TARGET, true)), peerRunning(true, AdminState.READY, 20009), newcomer))
                .as("a peer that must move itself first").containsExactly(
                        "set server group_app1/slot1 state maint",
                        "set server group_app1/slot1 addr 10.0.0.1 port 20001",
                        "set server group_app1/slot2 addr 10.0.0.7 port 20007",
                        "set server group_app1/slot1 state ready",
                        "set server group_app1/slot2 state ready");
        assertThat(commands(List.of(new DesiredServer(PEER_SLOT, DesiredServer.Role.DRAINING, Optional.of(PEER), true),
                serving(TARGET, true)), peerRunning(true, AdminState.READY, PEER.port()), newcomer))
                .as("a peer that drains").containsExactly("set server group_app1/slot2 addr 10.0.0.7 port 20007",
                        "set server group_app1/slot2 state ready", "set server group_app1/slot1 state drain");
        ServerName otherGroup = new ServerName("group_app2", "slot1");
        assertThat(commands(List.of(new DesiredServer(otherGroup, DesiredServer.Role.SERVING, Optional.of(PEER), true),
                serving(TARGET, true)), new ServerState(otherGroup, "10.0.0.1", PEER.port(), AdminState.READY, true, 1), newcomer))
                .as("a server of another group").isEqualTo(atOnce);
        assertThat(commands(List.of(peer(PEER), serving(TARGET, true)), peerRunning(true, AdminState.DRAIN, PEER.port()), newcomer))
                .as("a peer set back to ready in the same batch serves").containsExactly(
                        "set server group_app1/slot2 addr 10.0.0.7 port 20007",
                        "set server group_app1/slot1 state ready",
                        "set server group_app1/slot2 state drain",
                        "set server group_app1/slot2 health down",
                        "set server group_app1/slot2 state ready");
    }

    @Test
    void aSlotMovesToItsAddressInABatchOfItsOwnThatTheRestWaitsFor() {
        Reconciliation reconciliation = Reconciler.between(List.of(peer(PEER), serving(new Target("10.0.0.7", 20007, "r7", 5), false)),
                state(peerRunning(true, AdminState.DRAIN, 20009), running("127.0.0.1", 1, AdminState.MAINT, 1)));

        assertThat(reconciliation.moving()).extracting(RuntimeCommand::text).containsExactly(
                "set server group_app1/slot1 state maint",
                "set server group_app1/slot1 addr 10.0.0.1 port 20001",
                "set server group_app1/slot2 addr 10.0.0.7 port 20007");
        assertThat(reconciliation.moves()).containsExactly(
                new SlotMove(PEER_SLOT, "10.0.0.1", 20001), new SlotMove(SLOT, "10.0.0.7", 20007));
        assertThat(reconciliation.settling()).extracting(RuntimeCommand::text).containsExactly(
                "set server group_app1/slot1 state ready",
                "set server group_app1/slot2 weight 5",
                "set server group_app1/slot2 state ready");
    }

    @Test
    void aTargetThatLeftDrainsThenItsSlotGoesBackToMaintenanceAtThePlaceholder() {
        assertThat(commands(draining(TARGET), running("10.0.0.7", 20007, AdminState.READY, 1)))
                .containsExactly("set server group_app1/slot2 state drain");
        assertThat(commands(free(), running("10.0.0.7", 20007, AdminState.DRAIN, 1))).containsExactly(
                "set server group_app1/slot2 state maint",
                "set server group_app1/slot2 addr 127.0.0.1 port 1");
    }

    @Test
    void aDrainingSlotThatNoLongerPointsAtItsTargetHasNothingToDrain() {
        assertThat(commands(draining(TARGET), running("127.0.0.1", 1, AdminState.READY, 1))).isEmpty();
        assertThat(commands(draining(TARGET), running("10.0.0.7", 20007, AdminState.MAINT, 1))).isEmpty();
    }

    @Test
    void onlyTheWeightChanges() {
        assertThat(commands(serving(new Target("10.0.0.7", 20007, "r7", 0), true), running("10.0.0.7", 20007, AdminState.READY, 1)))
                .containsExactly("set server group_app1/slot2 weight 0");
    }

    @Test
    void aTargetComingBackWhileItsSlotDrainsServesAgainWithoutANewCheck() {
        assertThat(commands(serving(TARGET, true), running("10.0.0.7", 20007, AdminState.DRAIN, 1)))
                .containsExactly("set server group_app1/slot2 state ready");
    }

    @Test
    void driftIsSetRight() {
        assertThat(commands(serving(TARGET, false), running("10.0.0.7", 20007, AdminState.MAINT, 1)))
                .as("put into maintenance by hand").containsExactly("set server group_app1/slot2 state ready");
        assertThat(commands(serving(TARGET, false), running("10.0.0.9", 20007, AdminState.READY, 1)))
                .as("pointed elsewhere: no request may reach it while its address changes").containsExactly(
                        "set server group_app1/slot2 state maint",
                        "set server group_app1/slot2 addr 10.0.0.7 port 20007",
                        "set server group_app1/slot2 state ready");
        assertThat(commands(free(), running("127.0.0.1", 1, AdminState.READY, 1)))
                .containsExactly("set server group_app1/slot2 state maint");
    }

    @Test
    void ipv6AddressesAreComparedAsAddresses() {
        Target target = new Target("fd00:0:0::7", 20007, "r7");

        assertThat(commands(serving(target, false), running("fd00::7", 20007, AdminState.READY, 1))).isEmpty();
    }

    @Test
    void aTargetNamedByDnsCannotEnterASlotAtRuntime() {
        Target named = new Target("replica-7.internal", 20007, "r7");

        Reconciliation moved = Reconciler.between(List.of(serving(named, false)), state(running("127.0.0.1", 1, AdminState.MAINT, 1)));
        Reconciliation kept = Reconciler.between(List.of(serving(named, false)), state(running("10.9.9.9", 20007, AdminState.READY, 1)));

        assertThat(moved.reachable()).isFalse();
        assertThat(moved.unreachable()).singleElement().asString()
                .contains("group_app1/slot2 must point at replica-7.internal:20007, a DNS name");
        assertThat(kept.reachable()).as("HAProxy shows the address it resolved; the port must match").isTrue();
        assertThat(kept.commands()).isEmpty();
    }

    @Test
    void aServerHaproxyDoesNotRunCannotBeSetAtRuntime() {
        Reconciliation reconciliation = Reconciler.between(List.of(free()), state());

        assertThat(reconciliation.unreachable()).containsExactly("HAProxy runs no server group_app1/slot2");
    }

    private static List<String> commands(DesiredServer desired, ServerState running) {
        return commands(List.of(desired), running);
    }

    private static List<String> commands(List<DesiredServer> desired, ServerState... running) {
        Reconciliation reconciliation = Reconciler.between(desired, state(running));
        assertThat(reconciliation.reachable()).isTrue();
        return reconciliation.commands().stream().map(RuntimeCommand::text).toList();
    }

    /** Slot 1 of the same group, serving {@code target}. */
    private static DesiredServer peer(Target target) {
        return new DesiredServer(PEER_SLOT, DesiredServer.Role.SERVING, Optional.of(target), true);
    }

    private static ServerState peerRunning(boolean up, AdminState admin, int port) {
        return new ServerState(PEER_SLOT, "10.0.0.1", port, admin, up, 1);
    }

    private static DesiredServer free() {
        return new DesiredServer(SLOT, DesiredServer.Role.FREE, Optional.empty(), false);
    }

    private static DesiredServer serving(Target target, boolean proveBeforeServing) {
        return new DesiredServer(SLOT, DesiredServer.Role.SERVING, Optional.of(target), proveBeforeServing);
    }

    private static DesiredServer draining(Target target) {
        return new DesiredServer(SLOT, DesiredServer.Role.DRAINING, Optional.of(target), true);
    }

    private static ServerState running(String address, int port, AdminState admin, int weight) {
        return new ServerState(SLOT, address, port, admin, admin != AdminState.MAINT, weight);
    }

    /** A {@code show servers state} answer with these servers. */
    private static ServersState state(ServerState... servers) {
        List<String> lines = new ArrayList<>(List.of("1", "# be_name srv_name srv_addr srv_port srv_op_state srv_admin_state srv_uweight"));
        for (ServerState server : servers) {
            int flags = switch (server.admin()) {
                case READY -> 0;
                case DRAIN -> 8;
                case MAINT -> 1;
            };
            lines.add(String.join(" ", server.name().backend(), server.name().server(), server.address(),
                    Integer.toString(server.port()), server.up() ? "2" : "0", Integer.toString(flags), Integer.toString(server.weight())));
        }
        return ServersState.parse(String.join("\n", lines) + "\n");
    }
}
