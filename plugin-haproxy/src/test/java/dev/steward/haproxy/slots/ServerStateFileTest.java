package dev.steward.haproxy.slots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.api.model.FallbackTargets;
import dev.steward.api.model.RoutingState;
import dev.steward.api.model.Target;
import dev.steward.api.model.TargetGroup;
import dev.steward.api.model.TargetGroups;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerStateFileTest {
    private static final String HEADER = "# be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state srv_uweight"
            + " srv_iweight srv_time_since_last_change srv_check_status srv_check_result srv_check_health srv_check_state"
            + " srv_agent_state bk_f_forced_id srv_f_forced_id srv_fqdn srv_port srvrecord srv_use_ssl srv_check_port"
            + " srv_check_addr srv_agent_addr srv_agent_port";
    private static final String SLOT1_DOWN = "3 group_app 1 slot1 127.0.0.1 0 0 1 1 5 8 2 0 6 0 0 0 - 20001 - 0 0 - - 0";
    private static final String SLOT2_UP = "3 group_app 2 slot2 127.0.0.1 2 0 1 1 5 6 3 4 6 0 0 0 - 20002 - 0 0 - - 0";
    private static final String SLOT3_FREE = "3 group_app 3 slot3 127.0.0.1 0 5 1 1 5 1 0 0 14 0 0 0 - 1 - 0 0 - - 0";
    private static final String GONE = "4 group_gone 1 slot1 127.0.0.1 2 0 1 1 5 6 3 4 6 0 0 0 - 20009 - 0 0 - - 0";
    private static final String SHOWN = String.join("\n", "1", HEADER, SLOT1_DOWN, SLOT2_UP, SLOT3_FREE, GONE) + "\n\n";

    @Test
    void keepsOnlySlotsThatServeTheSameAddressAsBefore() {
        SlotPlan plan = new SlotAllocator(4).plan(state(
                new Target("127.0.0.1", 20001, "r1"),
                new Target("127.0.0.1", 30002, "r2"),
                new Target("127.0.0.1", 20003, "r3")));

        assertThat(ServerStateFile.carriedOver(SHOWN, plan)).isEqualTo("1\n" + HEADER + "\n" + SLOT1_DOWN + "\n");
    }

    @Test
    void aSlotSetToMaintenanceOrDrainBehindStewardsBackStartsAfresh() {
        SlotPlan plan = new SlotAllocator(4).plan(state(new Target("127.0.0.1", 20001, "r1")));
        for (String admin : List.of("1", "8", "9", "5", "12", "x", "")) {
            String drifted = SLOT1_DOWN.replace("127.0.0.1 0 0 1 1", "127.0.0.1 0 " + admin + " 1 1");
            String shown = String.join("\n", "1", HEADER, drifted) + "\n";

            assertThat(ServerStateFile.carriedOver(shown, plan)).as("admin state %s", admin).isEqualTo("1\n" + HEADER + "\n");
        }
    }

    @Test
    void aSlotThatStartedDisabledAndNowServesKeepsItsState() {
        SlotPlan plan = new SlotAllocator(4).plan(state(new Target("127.0.0.1", 20001, "r1")));
        String once = SLOT1_DOWN.replace("127.0.0.1 0 0 1 1", "127.0.0.1 0 4 1 1");

        assertThat(ServerStateFile.carriedOver(String.join("\n", "1", HEADER, once) + "\n", plan))
                .isEqualTo("1\n" + HEADER + "\n" + once + "\n");
    }

    @Test
    void aTargetWhoseWeightChangedStartsAfresh() {
        SlotPlan plan = new SlotAllocator(4).plan(state(new Target("127.0.0.1", 20001, "r1", 5)));

        assertThat(ServerStateFile.carriedOver(SHOWN, plan)).isEqualTo("1\n" + HEADER + "\n");
    }

    @Test
    void aTargetNamedByDnsStartsAfresh() {
        SlotPlan plan = new SlotAllocator(4).plan(state(new Target("localhost", 20001, "r1")));

        assertThat(ServerStateFile.carriedOver(SHOWN, plan)).isEqualTo("1\n" + HEADER + "\n");
    }

    @Test
    void refusesAnotherFormat() {
        SlotPlan plan = new SlotAllocator(4).plan(RoutingState.EMPTY);

        assertThatThrownBy(() -> ServerStateFile.carriedOver("2\n" + HEADER + "\n", plan))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not version 1");
        assertThatThrownBy(() -> ServerStateFile.carriedOver("1\n# be_id be_name\n", plan))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no column srv_name");
    }

    private static RoutingState state(Target... targets) {
        return new RoutingState(2, new TargetGroups(List.of(new TargetGroup("app", "/app", List.of(targets)))),
                FallbackTargets.NONE);
    }
}
