package dev.steward.haproxy.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The parser on an answer captured from HAProxy 2.6.12 (see the servers' comments for what each shows). */
class ServersStateTest {
    private static final String CAPTURED = resource("runtime/show-servers-state.txt");

    @Test
    void readsEveryServerOfACapturedAnswer() {
        ServersState state = ServersState.parse(CAPTURED);

        assertThat(state.servers()).extracting(server -> server.name().toString()).containsExactly(
                "group_app1/slot1", "group_app1/slot2", "group_app1/slot3", "group_app1/slot4",
                "steward_fallback/slot1", "steward_fallback/slot2");
    }

    @Test
    void aServerUpAndReady() {
        assertThat(server("group_app1", "slot1"))
                .isEqualTo(new ServerState(new ServerName("group_app1", "slot1"), "127.0.0.1", 18601, AdminState.READY, true, 1));
    }

    @Test
    void aServerSetToDrain() {
        assertThat(server("group_app1", "slot2"))
                .isEqualTo(new ServerState(new ServerName("group_app1", "slot2"), "127.0.0.1", 18602, AdminState.DRAIN, true, 3));
    }

    @Test
    void aServerTakenOutOfMaintenanceAtRuntimeIsReadyThoughItsConfigurationFlagStays() {
        // srv_admin_state 4: the "disabled" of its configuration line, which "state ready" leaves behind.
        assertThat(server("group_app1", "slot3"))
                .isEqualTo(new ServerState(new ServerName("group_app1", "slot3"), "127.0.0.1", 18603, AdminState.READY, true, 2));
    }

    @Test
    void aFreeSlotIsInMaintenanceAtThePlaceholder() {
        assertThat(server("group_app1", "slot4"))
                .isEqualTo(new ServerState(new ServerName("group_app1", "slot4"), "127.0.0.1", 1, AdminState.MAINT, false, 1));
    }

    @Test
    void aServerDownByItsChecksAtAnIpv6Address() {
        assertThat(server("steward_fallback", "slot1")).isEqualTo(
                new ServerState(new ServerName("steward_fallback", "slot1"), "::1", 18700, AdminState.READY, false, 1));
    }

    @Test
    void aServerWhoseNameDidNotResolveIsDownButNotInMaintenance() {
        // Captured from HAProxy 2.6.12 for "server slot1 no-such-host.invalid:18611 ... init-addr last,libc,none".
        String unresolved = CAPTURED.lines().limit(2).collect(Collectors.joining("\n"))
                + "\n3 b 1 slot1 - 0 32 1 1 1 1 0 0 14 0 0 0 no-such-host.invalid 18611 - 0 0 - - 0\n";

        assertThat(ServersState.parse(unresolved).servers())
                .containsExactly(new ServerState(new ServerName("b", "slot1"), "-", 18611, AdminState.READY, false, 1));
    }

    @Test
    void columnsAreFoundByName() {
        String reordered = "1\n# srv_name be_name srv_port srv_addr srv_uweight srv_admin_state srv_op_state extra\n"
                + "slot1 group_a 20001 10.0.0.1 7 1 0 x\n";

        assertThat(ServersState.parse(reordered).servers()).containsExactly(
                new ServerState(new ServerName("group_a", "slot1"), "10.0.0.1", 20001, AdminState.MAINT, false, 7));
    }

    @Test
    void anotherFormatIsAnErrorNamingTheCommand() {
        assertThatThrownBy(() -> ServersState.parse("Permission denied\n"))
                .isInstanceOfSatisfying(RuntimeApiException.class, problem -> {
                    assertThat(problem.command()).isEqualTo("show servers state");
                    assertThat(problem).hasMessageContaining("not version 1").hasMessageContaining("Permission denied");
                });
        assertThatThrownBy(() -> ServersState.parse("1\n# be_id be_name srv_name\n"))
                .hasMessageContaining("no column srv_addr");
        assertThatThrownBy(() -> ServersState.parse(CAPTURED.replace("18601 - 0 0 - - 0", "18601")))
                .hasMessageContaining("fields for 25 columns");
        assertThatThrownBy(() -> ServersState.parse(CAPTURED.replace("group_app1 1 slot1", "group_app1 1 slot;1")))
                .hasMessageContaining("cannot read the line");
    }

    private static ServerState server(String backend, String server) {
        return ServersState.parse(CAPTURED).server(new ServerName(backend, server)).orElseThrow();
    }

    static String resource(String name) {
        try (InputStream stream = ServersStateTest.class.getClassLoader().getResourceAsStream(name)) {
            if (stream == null) {
                throw new IllegalStateException("no test resource " + name);
            }
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException problem) {
            throw new UncheckedIOException(problem);
        }
    }
}
