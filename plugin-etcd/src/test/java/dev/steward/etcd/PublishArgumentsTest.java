package dev.steward.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublishArgumentsTest {
    @TempDir
    Path temp;

    private static PublishArguments parse(Map<String, String> environment, String... words) {
        return PublishArguments.parse(List.of(words), environment);
    }

    private static PublishArguments parse(String... words) {
        return parse(Map.of(), words);
    }

    @Test
    void theEndpointsAndTheStateAreEnoughAndThePrefixDefaultsToTheSourcesDefault() {
        PublishArguments arguments = parse("--etcd", "http://127.0.0.1:2379, http://127.0.0.2:2379", "--state", "s.json");

        assertThat(arguments.connection().endpoints())
                .containsExactly(URI.create("http://127.0.0.1:2379"), URI.create("http://127.0.0.2:2379"));
        assertThat(arguments.layout()).isEqualTo(new KeyLayout("/steward"));
        assertThat(arguments.stateFile()).isEqualTo(Path.of("s.json"));
        assertThat(arguments.connection().requestTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(arguments.connection().tls()).isEmpty();
        assertThat(arguments.connection().credentials()).isEmpty();
    }

    @Test
    void readsTlsFilesCredentialsPrefixAndTimeout() throws IOException {
        Path ca = Files.writeString(temp.resolve("ca.pem"), "ca");
        Path cert = Files.writeString(temp.resolve("client.pem"), "cert");
        Path key = Files.writeString(temp.resolve("client.key"), "key");
        Path password = Files.writeString(temp.resolve("password"), "s3cret\n");

        PublishArguments arguments = parse("--etcd", "https://etcd.example:2379", "--state", "s.json", "--prefix", "/prod/x",
                "--cacert", ca.toString(), "--cert", cert.toString(), "--key", key.toString(), "--user", "steward",
                "--password-file", password.toString(), "--timeout", "750ms");

        assertThat(arguments.layout()).isEqualTo(new KeyLayout("/prod/x"));
        assertThat(arguments.connection().tls()).contains(new Connection.Tls(Optional.of(ca),
                Optional.of(new Connection.ClientCertificate(cert, key))));
        assertThat(arguments.connection().credentials()).contains(new Connection.Credentials("steward", "s3cret"));
        assertThat(arguments.connection().requestTimeout()).isEqualTo(Duration.ofMillis(750));
    }

    @Test
    void thePasswordMayComeFromTheEnvironment() {
        PublishArguments arguments = parse(Map.of(PublishArguments.PASSWORD_VARIABLE, "pw"), "--etcd", "http://127.0.0.1:2379",
                "--state", "s.json", "--user", "steward");
        assertThat(arguments.connection().credentials()).contains(new Connection.Credentials("steward", "pw"));
    }

    @Test
    void eachBadArgumentIsNamedWithTheReason() {
        assertProblem("--state: is required", "--etcd", "http://127.0.0.1:2379");
        assertProblem("--etcd: is required", "--state", "s.json");
        assertProblem("--etcd: expected comma-separated URLs, each a URL such as http://127.0.0.1:2379 (http or https, a host"
                + " and a port, no path), found \"127.0.0.1:2379\"", "--etcd", "127.0.0.1:2379", "--state", "s.json");
        assertProblem("--prefix: expected \"/\" followed by segments", "--etcd", "http://127.0.0.1:2379", "--state", "s.json",
                "--prefix", "steward");
        assertProblem("--frob: unknown option", "--frob", "x");
        assertProblem("extra: unexpected argument", "extra");
        assertProblem("--state: needs a value", "--etcd", "http://127.0.0.1:2379", "--state");
        assertProblem("--state: is given twice", "--state", "a", "--state", "b");
        assertProblem("--cacert: cannot read /no/such/ca.pem", "--etcd", "https://127.0.0.1:2379", "--state", "s.json",
                "--cacert", "/no/such/ca.pem");
        assertProblem("--timeout: expected a duration such as 100ms, 10s or 5m, found \"soon\"", "--etcd",
                "http://127.0.0.1:2379", "--state", "s.json", "--timeout", "soon");
        assertProblem("--timeout: a duration needs a unit, found \"750\": write \"750s\" for 750 seconds or \"750ms\" for"
                + " 750 milliseconds", "--etcd", "http://127.0.0.1:2379", "--state", "s.json", "--timeout", "750");
        assertProblem("--timeout: expected a duration from 100ms to 5m, found 10m", "--etcd", "http://127.0.0.1:2379",
                "--state", "s.json", "--timeout", "10m");
        assertProblem("--user: needs --password-file or STEWARD_ETCD_PASSWORD", "--etcd", "http://127.0.0.1:2379",
                "--state", "s.json", "--user", "steward");
    }

    @Test
    void tlsFilesNeedHttpsEndpoints() throws IOException {
        Path ca = Files.writeString(temp.resolve("ca.pem"), "ca");
        assertProblem("--cacert: needs https endpoints in --etcd", "--etcd", "http://127.0.0.1:2379", "--state", "s.json",
                "--cacert", ca.toString());
    }

    private static void assertProblem(String message, String... words) {
        assertThatThrownBy(() -> parse(words)).isInstanceOf(BadArgumentException.class).hasMessageStartingWith(message);
    }
}
