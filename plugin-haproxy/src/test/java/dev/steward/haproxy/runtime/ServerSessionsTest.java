package dev.steward.haproxy.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ServerSessionsTest {
    private static final String COMMAND = "show stat group_app1 4 -1";

    @Test
    void asksForTheServersOfOneBackend() {
        assertThat(ServerSessions.command("group_app1")).isEqualTo(COMMAND);
        assertThatThrownBy(() -> ServerSessions.command("group_app1; shutdown sessions"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsACapturedAnswer() {
        ServerSessions sessions = ServerSessions.parse(COMMAND, ServersStateTest.resource("runtime/show-stat.txt"));

        assertThat(sessions.of(new ServerName("group_app1", "slot2"))).isZero();
        assertThat(sessions.of(new ServerName("group_other", "slot2"))).isZero();
    }

    @Test
    void countsRequestsInFlightAndQueued() {
        String answer = "# pxname,svname,qcur,qmax,scur,smax\n"
                + "group_app1,slot1,0,0,3,5\n"
                + "group_app1,slot2,2,2,1,1\n"
                + "group_app1,slot3,,,,\n\n";

        ServerSessions sessions = ServerSessions.parse(COMMAND, answer);

        assertThat(sessions.of(new ServerName("group_app1", "slot1"))).isEqualTo(3);
        assertThat(sessions.of(new ServerName("group_app1", "slot2"))).isEqualTo(3);
        assertThat(sessions.of(new ServerName("group_app1", "slot3"))).isZero();
    }

    @Test
    void anAnswerThatIsNotTheCsvIsAnErrorNamingTheCommand() {
        assertThatThrownBy(() -> ServerSessions.parse(COMMAND, "\nNo such proxy.\n\n"))
                .isInstanceOfSatisfying(RuntimeApiException.class, problem -> assertThat(problem.command()).isEqualTo(COMMAND))
                .hasMessageContaining("No such proxy.");
        assertThatThrownBy(() -> ServerSessions.parse(COMMAND, "# pxname,svname,qcur\ng,s,0\n"))
                .hasMessageContaining("no column scur");
        assertThatThrownBy(() -> ServerSessions.parse(COMMAND, "# pxname,svname,qcur,scur\ng,s,0,many\n"))
                .hasMessageContaining("cannot read the line");
    }
}
