package dev.steward.core.source.http;

import dev.steward.api.model.Target;
import dev.steward.api.model.TargetGroup;
import dev.steward.api.model.TargetGroups;
import java.util.List;
import java.util.stream.IntStream;

/** Target groups for the http source's tests: {@code g<i>} on {@code /g<i>}, one target on a port of choice. */
final class Groups {
    private Groups() {}

    static TargetGroup group(String name, String prefix, int port) {
        return new TargetGroup(name, prefix, List.of(new Target("127.0.0.1", port, name + "-r1")));
    }

    static TargetGroup group(int i, int port) {
        return group("g" + i, "/g" + i, port);
    }

    /** Groups {@code g0} to {@code g<count-1>}, all with their target on {@code 20000 + i}. */
    static TargetGroups numbered(int count) {
        return new TargetGroups(IntStream.range(0, count).mapToObj(i -> group(i, 20000 + i)).toList());
    }

    static TargetGroups of(TargetGroup... groups) {
        return new TargetGroups(List.of(groups));
    }
}
