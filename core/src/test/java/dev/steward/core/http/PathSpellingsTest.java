package dev.steward.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.testkit.RawHttp;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every protected endpoint of the router's own table, in every spelling of its path a router could
 * take for it, without the token: the only answers are 401, 400 for a path not in canonical form, 404
 * where the JDK's server finds no path at all
 * (or no answer, where the JDK's server drops a request line it cannot read).
 * An endpoint added later is in the table, and so in this test, without an edit here.
 */
class PathSpellingsTest {
    /** Values for the parameters of every template; a template with another parameter fails the test. */
    private static final Map<String, String> PARAMETERS = Map.of("{node}", "n1", "{port}", "20000", "{name}", "app1");

    @RegisterExtension
    final ApiFixture api = ApiFixture.started(Optional.of(ApiFixture.TOKEN), true);

    @TestFactory
    Stream<DynamicTest> noSpellingOfAProtectedPathIsAnsweredWithoutTheToken() {
        RawHttp raw = new RawHttp(api.server.address().orElseThrow());
        api.stopRequests.handleWith(how -> {
            throw new AssertionError("the daemon was asked to stop without the token");
        });
        List<DynamicTest> tests = new ArrayList<>();
        for (Route route : protectedRoutes()) {
            String path = concrete(route.path());
            for (String spelling : spellings(path)) {
                tests.add(DynamicTest.dynamicTest(route.method() + " " + spelling, () -> {
                    RawHttp.Reply reply = raw.send(route.method(), spelling, "{}");
                    assertRefused(reply);
                    assertThat(api.engine.state().revision()).as("routing state changed").isZero();
                    assertThat(api.ports.releases()).as("ports released").isEmpty();
                }));
            }
        }
        return tests.stream();
    }

    @Test
    void everyRouteButTheOpenOnesIsProtected() {
        Set<String> open = new LinkedHashSet<>();
        for (Route route : api.server.routes()) {
            if (BearerAuth.OPEN.contains(route.path().text())) {
                open.add(route.path().text());
            }
        }
        assertThat(open).containsExactlyInAnyOrderElementsOf(BearerAuth.OPEN);
        assertThat(protectedRoutes()).extracting(route -> route.path().text())
                .contains("/v1/stop", "/v1/target-groups", "/v1/nodes/{node}/ports/{port}", "/v1/state");
    }

    @Test
    void theCanonicalSpellingWithTheTokenReachesTheEndpoint() {
        RawHttp raw = new RawHttp(api.server.address().orElseThrow());

        assertThat(raw.send("GET", "/v1/state", "", "Authorization: Bearer " + ApiFixture.TOKEN).status()).isEqualTo(200);
        assertThat(raw.send("GET", "/v1/state?", "", "Authorization: Bearer " + ApiFixture.TOKEN).status()).isEqualTo(200);
        assertThat(raw.send("GET", "/%761/state", "", "Authorization: Bearer " + ApiFixture.TOKEN).status()).isEqualTo(400);
    }

    @Test
    void theOpenPathsAnswerWithoutTheTokenAndOnlyInTheirCanonicalSpelling() {
        RawHttp raw = new RawHttp(api.server.address().orElseThrow());
        for (String open : BearerAuth.OPEN) {
            assertThat(raw.send("GET", open, "").status()).as(open).isEqualTo(200);
            for (String spelling : spellings(open)) {
                int expected = spelling.equals(open + "?") ? 200 : 0;
                assertThat(raw.send("GET", spelling, "").status()).as(spelling).isIn(expected, 400, 401, 404, RawHttp.NO_ANSWER);
            }
        }
    }

    private List<Route> protectedRoutes() {
        return api.server.routes().stream().filter(route -> !BearerAuth.OPEN.contains(route.path().text())).toList();
    }

    private static void assertRefused(RawHttp.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isIn(400, 401, 404, RawHttp.NO_ANSWER);
        if (reply.status() == 400) {
            // A 400 of an endpoint (a body it refused) would mean the request got past the token; the
            // JDK's server refuses a target it cannot parse before any handler sees it.
            assertThat(reply.body()).containsAnyOf("refused path", "<h1>400 Bad Request</h1>");
        }
    }

    private static String concrete(PathTemplate template) {
        String path = template.text();
        for (Map.Entry<String, String> parameter : PARAMETERS.entrySet()) {
            path = path.replace(parameter.getKey(), parameter.getValue());
        }
        assertThat(path).as("a value for every parameter of " + template.text()).doesNotContain("{");
        return path;
    }

    /** The spellings of {@code path} (such as {@code /v1/state}) that mean it to some parser. */
    static List<String> spellings(String path) {
        List<String> segments = List.of(path.substring(1).split("/"));
        String first = segments.getFirst();
        String rest = path.substring(first.length() + 1);
        Set<String> spellings = new LinkedHashSet<>();
        for (int i = 0; i < segments.size(); i++) {
            for (boolean upper : new boolean[] {false, true}) {
                spellings.add(replaceSegment(segments, i, encodeChar(segments.get(i), 0, upper)));
                spellings.add(replaceSegment(segments, i, encodeChar(segments.get(i), segments.get(i).length() - 1, upper)));
            }
            spellings.add(replaceSegment(segments, i, encodeAll(segments.get(i))));
            spellings.add(replaceSegment(segments, i, "%25" + hex(segments.get(i).charAt(0), false) + segments.get(i).substring(1)));
            spellings.add(replaceSegment(segments, i, segments.get(i) + ";x"));
            spellings.add(replaceSegment(segments, i, segments.get(i) + ";"));
            spellings.add(replaceSegment(segments, i, segments.get(i).toUpperCase(Locale.ROOT)));
            spellings.add(replaceSegment(segments, i, segments.get(i) + "%00"));
        }
        for (String slash : List.of("%2F", "%2f", "%252F", "\\", "%5C")) {
            spellings.add("/" + String.join(slash, segments));
            if (!rest.isEmpty()) {
                spellings.add("/" + first + slash + rest.substring(1));
            }
        }
        spellings.add("/" + first + "/." + rest);
        spellings.add("/" + first + "/x/.." + rest);
        spellings.add("/x/.." + path);
        spellings.add("/-/.." + path);
        spellings.add("/metrics/.." + path);
        spellings.add("/." + path);
        spellings.add("/" + first + "/%2e" + rest);
        spellings.add("/" + first + "/%2E%2E/" + first + rest);
        spellings.add("/%2e%2e" + path);
        spellings.add(path + "/.");
        spellings.add(path + "/..");
        spellings.add("/" + path);
        spellings.add("//" + path);
        spellings.add("/" + first + "/" + rest);
        spellings.add(path + "//");
        spellings.add(path.toUpperCase(Locale.ROOT));
        spellings.add(path + "?");
        spellings.add(path + "?#");
        spellings.add(path + "#x");
        spellings.add(path + "/");
        spellings.add("http://127.0.0.1" + path.toUpperCase(Locale.ROOT));
        spellings.add("http://127.0.0.1/x/.." + path);
        spellings.add("http://127.0.0.1/" + path);
        spellings.add("http:" + path);
        spellings.add(path.replace("/", "/./"));
        spellings.remove(path);
        return List.copyOf(spellings);
    }

    private static String replaceSegment(List<String> segments, int index, String replacement) {
        List<String> changed = new ArrayList<>(segments);
        changed.set(index, replacement);
        return "/" + String.join("/", changed);
    }

    private static String encodeChar(String segment, int index, boolean upper) {
        return segment.substring(0, index) + hex(segment.charAt(index), upper) + segment.substring(index + 1);
    }

    private static String encodeAll(String segment) {
        StringBuilder encoded = new StringBuilder();
        for (char c : segment.toCharArray()) {
            encoded.append(hex(c, false));
        }
        return encoded.toString();
    }

    private static String hex(char c, boolean upper) {
        String hex = String.format("%%%02x", (int) c);
        return upper ? hex.toUpperCase(Locale.ROOT) : hex;
    }
}
