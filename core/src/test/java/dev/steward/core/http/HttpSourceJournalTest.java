package dev.steward.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.api.model.Broadcast;
import dev.steward.api.model.BroadcastKind;
import dev.steward.api.model.InvalidBroadcastException;
import dev.steward.api.source.NotAcceptedException;
import dev.steward.core.engine.SourceSink;
import dev.steward.core.testing.Routing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpSourceJournalTest {
    @TempDir
    Path directory;

    private final List<List<Broadcast>> accepted = new ArrayList<>();
    private boolean refuse;
    private final SourceSink sink = new SourceSink() {
        @Override
        public long accept(List<Broadcast> broadcasts) {
            if (refuse) {
                throw new NotAcceptedException("disk full", new IOException("No space left on device"));
            }
            accepted.add(broadcasts);
            return accepted.size();
        }

        @Override
        public void reject(InvalidBroadcastException problem) {}

        @Override
        public void reject(BroadcastKind kind, InvalidBroadcastException problem) {}
    };

    private Path file() {
        return directory.resolve("http-source/state.json");
    }

    @Test
    void nothingJournaledReplaysNothing() {
        new HttpSourceJournal(file(), sink).replay();
        assertThat(accepted).isEmpty();
    }

    @Test
    void theNewestOfEachKindIsDeliveredAgainAfterARestart() {
        HttpSourceJournal journal = new HttpSourceJournal(file(), sink);
        journal.accept(List.of(Routing.oneGroup(1)));
        journal.accept(List.of(Routing.fallback(2)));
        journal.accept(List.of(Routing.oneGroup(3)));
        accepted.clear();

        new HttpSourceJournal(file(), sink).replay();

        assertThat(accepted).containsExactly(List.of(Routing.oneGroup(3), Routing.fallback(2)));
    }

    @Test
    void onlyKindsThatCameOverHttpAreReplayedSoOtherSourcesKeepTheirs() {
        new HttpSourceJournal(file(), sink).accept(List.of(Routing.fallback(2)));
        accepted.clear();

        new HttpSourceJournal(file(), sink).replay();

        assertThat(accepted).containsExactly(List.of(Routing.fallback(2)));
    }

    @Test
    void whatTheSinkRefusedIsNotDeliveredAgainAfterARestart() {
        HttpSourceJournal journal = new HttpSourceJournal(file(), sink);
        journal.accept(List.of(Routing.oneGroup(1)));
        refuse = true;
        assertThatThrownBy(() -> journal.accept(List.of(Routing.oneGroup(2)))).isInstanceOf(NotAcceptedException.class);
        refuse = false;
        accepted.clear();

        new HttpSourceJournal(file(), sink).replay();

        assertThat(accepted).containsExactly(List.of(Routing.oneGroup(1)));
    }

    @Test
    void aCorruptJournalStopsStartUpNamingTheFile() throws IOException {
        Files.createDirectories(file().getParent());
        Files.writeString(file(), "{\"targetGroups\": [{\"name\": \"a#b\"}]}");

        assertThatThrownBy(() -> new HttpSourceJournal(file(), sink).replay())
                .isInstanceOf(HttpJournalException.class)
                .hasMessageContaining(file().toString())
                .hasMessageContaining("targetGroups[0]");
        assertThat(accepted).isEmpty();
    }
}
