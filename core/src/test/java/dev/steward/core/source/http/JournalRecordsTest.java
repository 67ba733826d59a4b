package dev.steward.core.source.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.api.model.Broadcast;
import dev.steward.api.model.InvalidBroadcastException;
import dev.steward.api.model.TargetGroup;
import dev.steward.api.model.TargetGroupPut;
import dev.steward.api.model.TargetGroupRemoval;
import dev.steward.api.model.TargetGroups;
import dev.steward.core.testing.Routing;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JournalRecordsTest {
    private static final HttpSourceState WITH_GROUPS = HttpSourceState.EMPTY.with(Groups.numbered(1000));

    private static Broadcast roundTrip(Broadcast broadcast, HttpSourceState before) {
        return JournalRecords.decode(JournalRecords.encode(broadcast, before), before);
    }

    @Test
    void everyKindComesBackAsItWasWritten() {
        List<Broadcast> broadcasts = List.of(Routing.oneGroup(20001), Routing.fallback(20100),
                new TargetGroupPut(Groups.group("app2", "/app2", 20002)), new TargetGroupRemoval("app"), TargetGroups.NONE);
        for (Broadcast broadcast : broadcasts) {
            assertThat(roundTrip(broadcast, HttpSourceState.EMPTY)).isEqualTo(broadcast);
            assertThat(roundTrip(broadcast, WITH_GROUPS)).isEqualTo(broadcast);
        }
    }

    @Test
    void wholeTargetGroupsWithOneGroupChangedAreWrittenAsThatGroupAlone() {
        TargetGroups before = WITH_GROUPS.groups().orElseThrow();
        List<TargetGroup> changed = new ArrayList<>(before.groups());
        changed.set(500, Groups.group(500, 29999));
        TargetGroups after = new TargetGroups(changed);

        byte[] whole = JournalRecords.encode(after, HttpSourceState.EMPTY);
        byte[] change = JournalRecords.encode(after, WITH_GROUPS);

        assertThat(change.length).as("bytes written for one changed group of 1000").isLessThan(300);
        assertThat(whole.length).isGreaterThan(100 * change.length);
        assertThat(new String(change, StandardCharsets.UTF_8)).contains("29999").doesNotContain("\"g499\"");
        assertThat(JournalRecords.decode(change, WITH_GROUPS)).isEqualTo(after);
    }

    @Test
    void anyOrderRemovalAndAdditionComesBackExactly() {
        Random random = new Random(16);
        TargetGroups before = Groups.numbered(50);
        HttpSourceState state = HttpSourceState.EMPTY.with(before);
        for (int round = 0; round < 200; round++) {
            List<TargetGroup> next = new ArrayList<>(state.groups().orElseThrow().groups());
            switch (round % 4) {
                case 0 -> next.remove(random.nextInt(next.size()));
                case 1 -> next.add(random.nextInt(next.size() + 1), Groups.group(1000 + round, 21000 + round));
                case 2 -> Collections.swap(next, random.nextInt(next.size()), random.nextInt(next.size()));
                default -> next.set(random.nextInt(next.size()), Groups.group(2000 + round, 22000 + round));
            }
            TargetGroups after = new TargetGroups(next);

            assertThat(roundTrip(after, state)).as("round %d", round).isEqualTo(after);
            state = state.with(after);
        }
    }

    @Test
    void newGroupsAtTheEndNeedNoOrder() {
        List<TargetGroup> grown = new ArrayList<>(Groups.numbered(3).groups());
        grown.add(Groups.group(3, 20003));
        byte[] record = JournalRecords.encode(new TargetGroups(grown), HttpSourceState.EMPTY.with(Groups.numbered(3)));

        assertThat(new String(record, StandardCharsets.UTF_8)).contains("targetGroupsChanged").doesNotContain("order");
    }

    @Test
    void aRecordThatIsNotOneOfOursIsRefusedNamingWhatIsWrong() {
        for (String record : List.of("[]", "{}", "{\"targetGroups\": [], \"fallbackTargets\": []}", "{\"groups\": []}",
                "{\"targetGroupRemoved\": 7}", "{\"targetGroup\": {\"routePrefix\": \"/a\"}}", "not json")) {
            assertThatThrownBy(() -> JournalRecords.decode(record.getBytes(StandardCharsets.UTF_8), WITH_GROUPS))
                    .as(record).isInstanceOf(InvalidBroadcastException.class);
        }
    }

    @Test
    void aChangeOfWholeGroupsWithoutGroupsBeforeItIsRefused() {
        byte[] change = JournalRecords.encode(Groups.numbered(3), HttpSourceState.EMPTY.with(Groups.numbered(2)));

        assertThatThrownBy(() -> JournalRecords.decode(change, HttpSourceState.EMPTY))
                .isInstanceOf(InvalidBroadcastException.class).hasMessageContaining("follows no whole target groups");
    }

    @Test
    void anOrderThatDoesNotNameEachGroupOnceIsRefused() {
        String record = "{\"targetGroupsChanged\": {\"put\": [], \"removed\": [], \"order\": [\"g0\", \"g0\"]}}";

        assertThatThrownBy(() -> JournalRecords.decode(record.getBytes(StandardCharsets.UTF_8),
                HttpSourceState.EMPTY.with(Groups.numbered(2))))
                .isInstanceOf(InvalidBroadcastException.class).hasMessageContaining("does not name each group once");
    }
}
