package dev.steward.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.api.model.RoutingDecoder;
import dev.steward.api.model.RoutingEncoder;
import dev.steward.api.model.Target;
import dev.steward.api.model.TargetGroup;
import dev.steward.api.model.TargetGroups;
import dev.steward.core.daemon.Bootstrap;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default {@code steward.api.max-body} takes a snapshot of 10,000 groups of 10 targets, in the
 * widest form a controller is likely to send: pretty-printed, every optional field spelled out, DNS
 * names for hosts.
 */
class LargeSnapshotTest {
    private static final int GROUPS = TargetGroups.MAX_GROUPS;
    private static final int TARGETS = 10;

    @TempDir
    Path home;

    private static TargetGroups snapshot() {
        List<TargetGroup> groups = new ArrayList<>(GROUPS);
        for (int g = 0; g < GROUPS; g++) {
            String name = "app-%05d".formatted(g);
            List<Target> targets = new ArrayList<>(TARGETS);
            for (int t = 0; t < TARGETS; t++) {
                targets.add(new Target("replica-%d.%s.pods.cluster.example.internal".formatted(t, name), 20000 + t,
                        name + "-r" + t));
            }
            groups.add(new TargetGroup(name, "/" + name, targets));
        }
        return new TargetGroups(groups);
    }

    private static byte[] body(TargetGroups snapshot) throws IOException {
        return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(Map.of("targetGroups",
                snapshot.groups().stream().map(RoutingEncoder::group).toList()));
    }

    /**
     * Read as the API reads a body, without the HTTP round trip: the JDK's server keeps one request
     * timeout per process, 2 s in these tests, which a loaded build machine can take up parsing 20 MiB.
     */
    @Test
    void aSnapshotOf10000GroupsOf10TargetsFitsTheDefaultLimitWithAMargin() throws IOException {
        long defaultLimit = Bootstrap.load(home, home.resolve("steward.conf"), false).settings().api().maxBody();
        TargetGroups snapshot = snapshot();
        byte[] body = body(snapshot);

        assertThat((long) body.length).as("the body's size: large enough to mean something").isGreaterThan(16L << 20);
        assertThat((long) body.length).as("the body's size, with a margin under the default limit")
                .isLessThan(defaultLimit * 3 / 4);
        assertThat(RoutingDecoder.targetGroups(Json.readObject(body))).isEqualTo(snapshot);
    }
}
