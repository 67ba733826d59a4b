package dev.steward.haproxy;

import static dev.steward.haproxy.TestRig.group;
import static dev.steward.haproxy.TestRig.state;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A certificate in the settings turns the frontend to TLS, with HTTP/2 offered through ALPN. */
class TlsTest extends RigTest {
    @TempDir
    static Path secrets;
    private static SelfSignedCertificate certificate;

    private HaproxyBackend backend;

    @BeforeAll
    static void makeACertificate() {
        certificate = SelfSignedCertificate.create(secrets);
    }

    @BeforeEach
    void serveOverTls() {
        backend = rig.backend(port, Map.of("tls.certificate", certificate.pem().toString()));
        backend.apply(state(1, group("app1", "/app1", rig.replica("app1-r1"))));
    }

    @Test
    void aClientThatOffersHttp2GetsIt() throws Exception {
        HttpResponse<String> response = get(HttpClient.Version.HTTP_2);

        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("app1-r1");
    }

    @Test
    void theFrontendIsAnHttpsAddress() {
        assertThat(backend.status().frontend()).hasValue(URI.create("https://127.0.0.1:" + port + "/"));
    }

    @Test
    void aClientThatOffersOnlyHttp11GetsIt() throws Exception {
        HttpResponse<String> response = get(HttpClient.Version.HTTP_1_1);

        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        assertThat(response.body()).isEqualTo("app1-r1");
    }

    @Test
    void errorPagesCrossHttp2Too() throws Exception {
        HttpResponse<String> response = send(HttpClient.Version.HTTP_2, "/nowhere");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(response.body()).isEqualTo("{\"status\":404,\"reason\":\"no route matches the request\"}");
    }

    private HttpResponse<String> get(HttpClient.Version version) throws IOException, InterruptedException {
        return send(version, "/app1/x");
    }

    private HttpResponse<String> send(HttpClient.Version version, String path) throws IOException, InterruptedException {
        try (HttpClient client = HttpClient.newBuilder()
                .version(version)
                .sslContext(certificate.trustingContext())
                .connectTimeout(Duration.ofSeconds(5))
                .build()) {
            return client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5))
                    .build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
