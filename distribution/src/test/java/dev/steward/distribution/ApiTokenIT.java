package dev.steward.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.loopback.Replica;
import dev.steward.testkit.RawHttp;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The built image with {@code steward.api.token} set, asked without the token in the spellings that
 * once got past it: none changes the routes or stops the daemon. Core's PathSpellingsTest tries every
 * spelling on every endpoint; this proves the image carries that fix.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ApiTokenIT extends ImageTest {
    private static final String TOKEN = "it-token-0123456789abcdef";
    private static final String ROUTE = "/app1";
    private static final String OTHER_STATE = """
            {"targetGroups": [{"name": "evil", "routePrefix": "/app1",
              "targets": [{"host": "127.0.0.1", "port": 1, "replicaId": "evil-1"}]}]}""";

    /** The requests of the report that found the hole, and more of their kind. */
    private static final List<String> REQUESTS = List.of(
            "GET /%761/state", "GET /%76%31/state", "GET /v%31/state", "GET /%761/status", "GET /%761/nodes/n1/ports",
            "PUT /%761/target-groups", "PUT /v1%2Ftarget-groups", "PUT /V1/target-groups", "PUT /v1;x/target-groups",
            "PUT /-/../v1/target-groups", "PUT ///v1/target-groups", "PUT /%2576%31/target-groups",
            "POST /%761/stop", "POST /v1/./stop", "POST /%76%31/stop?proxy=stop");

    @Test
    void noSpellingOfAProtectedPathWithoutTheTokenChangesTheRoutesOrStopsTheDaemon() throws IOException {
        FileRoutedConfig routed = FileRoutedConfig.writeInto(temp, "api.token = \"" + TOKEN + "\"");
        try (Replica replica = Replica.start("replica-1")) {
            routed.writeTargets(targets(replica.port()));
            try (RunningSteward steward = RunningSteward.start(distribution, routed.config(), temp);
                    Proxy proxy = new Proxy(routed.proxyPort())) {
                steward.awaitServed(proxy, ROUTE, replica, Duration.ofSeconds(30));
                RawHttp api = new RawHttp(new InetSocketAddress("127.0.0.1", routed.apiPort()));

                for (String request : REQUESTS) {
                    String[] methodAndPath = request.split(" ");
                    RawHttp.Reply reply = api.send(methodAndPath[0], methodAndPath[1], OTHER_STATE);

                    assertThat(reply.status()).as(request + ": " + reply.body()).isIn(400, 401);
                }
                assertThat(steward.isAlive()).as("the daemon still runs").isTrue();
                assertThat(api.send("GET", "/-/healthz", "").status()).isEqualTo(200);
                assertThat(api.send("GET", "/v1/state", "", "Authorization: Bearer " + TOKEN).body()).doesNotContain("evil");
                assertThat(proxy.get(ROUTE)).isEqualTo("200 " + replica.id());
            }
        }
    }

    @Test
    void theTokenStillOpensTheApi() throws IOException {
        FileRoutedConfig routed = FileRoutedConfig.writeInto(temp, "api.token = \"" + TOKEN + "\"");
        try (Replica replica = Replica.start("replica-1")) {
            routed.writeTargets(targets(replica.port()));
            try (RunningSteward steward = RunningSteward.start(distribution, routed.config(), temp);
                    Proxy proxy = new Proxy(routed.proxyPort())) {
                steward.awaitServed(proxy, ROUTE, replica, Duration.ofSeconds(30));
                RawHttp api = new RawHttp(new InetSocketAddress("127.0.0.1", routed.apiPort()));

                assertThat(api.send("GET", "/v1/state", "").status()).isEqualTo(401);
                assertThat(api.send("GET", "/v1/state", "", "Authorization: Bearer " + TOKEN).status()).isEqualTo(200);
                assertThat(api.send("GET", "/metrics", "").status()).isEqualTo(200);
            }
        }
    }

    private static String targets(int port) {
        return """
                targetGroups = [
                  { name = app1, routePrefix = "%s", targets = [ { host = "127.0.0.1", port = %d, replicaId = app1-r1 } ] }
                ]
                fallbackTargets = []
                """.formatted(ROUTE, port);
    }
}
