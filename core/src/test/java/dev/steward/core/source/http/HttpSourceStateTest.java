package dev.steward.core.source.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.api.model.TargetGroupPut;
import dev.steward.api.model.TargetGroupRemoval;
import dev.steward.core.testing.Routing;
import org.junit.jupiter.api.Test;

class HttpSourceStateTest {
    @Test
    void changesOfOneGroupFoldIntoTheWholeGroupsSentBefore() {
        HttpSourceState state = HttpSourceState.EMPTY.with(Groups.numbered(3))
                .with(new TargetGroupPut(Groups.group(1, 29001)))
                .with(new TargetGroupPut(Groups.group(3, 20003)))
                .with(new TargetGroupRemoval("g0"));

        assertThat(state.groups()).contains(Groups.of(Groups.group(1, 29001), Groups.group(2, 20002), Groups.group(3, 20003)));
        assertThat(state.changes()).isEmpty();
        assertThat(state.broadcasts()).containsExactly(state.groups().orElseThrow());
    }

    @Test
    void changesOverGroupsAnotherSourceSetAreKeptByNameInTheOrderOfTheirLastChange() {
        TargetGroupPut a = new TargetGroupPut(Groups.group("a", "/a", 20001));
        TargetGroupRemoval b = new TargetGroupRemoval("b");
        TargetGroupPut aAgain = new TargetGroupPut(Groups.group("a", "/a", 20002));

        HttpSourceState state = HttpSourceState.EMPTY.with(a).with(b).with(aAgain);

        assertThat(state.groups()).isEmpty();
        assertThat(state.broadcasts()).containsExactly(b, aAgain);
    }

    @Test
    void aChangeTheGroupsSentBeforeCannotTakeIsKeptBesideThem() {
        TargetGroupPut clash = new TargetGroupPut(Groups.group("other", "/g0", 20009));
        TargetGroupRemoval unknown = new TargetGroupRemoval("from-the-file");

        HttpSourceState state = HttpSourceState.EMPTY.with(Groups.numbered(2)).with(clash).with(unknown);

        assertThat(state.groups()).contains(Groups.numbered(2));
        assertThat(state.broadcasts()).containsExactly(Groups.numbered(2), clash, unknown);
    }

    @Test
    void wholeGroupsReplaceEveryChangeBeforeThemAndLeaveTheFallbackTargets() {
        HttpSourceState state = HttpSourceState.EMPTY.with(Routing.fallback(20100))
                .with(new TargetGroupRemoval("b"))
                .with(Groups.numbered(1));

        assertThat(state.broadcasts()).containsExactly(Groups.numbered(1), Routing.fallback(20100));
    }
}
