package dev.steward.haproxy.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RuntimeCommandTest {
    private static final ServerName SLOT = new ServerName("group_app1", "slot3");

    @Test
    void writesEachCommand() {
        assertThat(RuntimeCommand.address(SLOT, "10.0.0.7", 20007).text()).isEqualTo("set server group_app1/slot3 addr 10.0.0.7 port 20007");
        assertThat(RuntimeCommand.address(SLOT, "fd00::7", 20007).text()).isEqualTo("set server group_app1/slot3 addr fd00::7 port 20007");
        assertThat(RuntimeCommand.weight(SLOT, 0).text()).isEqualTo("set server group_app1/slot3 weight 0");
        assertThat(RuntimeCommand.state(SLOT, AdminState.DRAIN).text()).isEqualTo("set server group_app1/slot3 state drain");
        assertThat(RuntimeCommand.healthDown(SLOT).text()).isEqualTo("set server group_app1/slot3 health down");
    }

    @Test
    void nothingButCheckedPartsReachesACommand() {
        for (String ip : new String[] {"10.0.0.7; shutdown sessions", "10.0.0.7\nset", "example.com", "10.0.0.256", ""}) {
            assertThatThrownBy(() -> RuntimeCommand.address(SLOT, ip, 80)).as(ip).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> RuntimeCommand.address(SLOT, "10.0.0.7", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RuntimeCommand.weight(SLOT, 257)).isInstanceOf(IllegalArgumentException.class);
        for (String name : new String[] {"slot3;", "slot 3", "slot3\n", "slot/3", ""}) {
            assertThatThrownBy(() -> new ServerName("group_app1", name)).as(name).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void tellsSuccessFromHaproxysAnswer() {
        RuntimeCommand address = RuntimeCommand.address(SLOT, "127.0.0.1", 18602);
        assertThat(address.read("IP changed from '127.0.0.2' to '127.0.0.1', port changed from '1' to '18602' by 'stats socket command'\n").done()).isTrue();
        assertThat(address.read("no need to change the addr, port changed from '1' to '18602' by 'stats socket command'\n").done()).isTrue();
        assertThat(address.read("no need to change the addr, no need to change the port by 'stats socket command'\n").done()).isTrue();
        assertThat(address.read("port changed from '1' to '18602' by 'stats socket command'\n").done()).isTrue();
        assertThat(address.read("nothing changed\n").done()).isTrue();
        assertThat(address.read("Invalid addr '300.0.0.1' by 'stats socket command'\n").done()).isFalse();
        assertThat(address.read("No such server.\n").done()).isFalse();
        assertThat(address.read("").done()).isFalse();

        RuntimeCommand state = RuntimeCommand.state(SLOT, AdminState.READY);
        assertThat(state.read("").done()).isTrue();
        assertThat(state.read("No such backend.\n").done()).isFalse();
        assertThat(state.read("'set server <srv> state' expects 'ready', 'drain' and 'maint'.\n").done()).isFalse();
    }
}
