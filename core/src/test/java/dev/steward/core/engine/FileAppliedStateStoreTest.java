package dev.steward.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.api.model.RoutingState;
import dev.steward.core.testing.Routing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileAppliedStateStoreTest {
    @TempDir
    Path directory;

    @Test
    void nothingStoredYetIsEmpty() {
        assertThat(new FileAppliedStateStore(directory.resolve("engine/applied-state.json")).load()).isEmpty();
    }

    @Test
    void aStoredStateComesBackWhole() {
        FileAppliedStateStore store = new FileAppliedStateStore(directory.resolve("engine/applied-state.json"));
        RoutingState state = new RoutingState(42, Routing.oneGroup(20001), Routing.fallback(20100));

        store.save(state);

        assertThat(new FileAppliedStateStore(directory.resolve("engine/applied-state.json")).load()).contains(state);
        assertThat(directory.resolve("engine")).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void whatTheSourcesDeliveredComesBackAndIsWrittenOnlyWhenItChanges() throws IOException {
        Path file = directory.resolve("applied-state.json");
        FileAppliedStateStore store = new FileAppliedStateStore(file);
        assertThat(store.deliveries()).isEmpty();

        store.saveDeliveries(Map.of("file target_groups", "ab12", "http target_groups", "cd34"));
        Path written = directory.resolve("applied-state.json.deliveries");
        FileTime first = Files.getLastModifiedTime(written);
        Files.setLastModifiedTime(written, FileTime.fromMillis(0));
        store.saveDeliveries(Map.of("http target_groups", "cd34", "file target_groups", "ab12"));

        assertThat(Files.getLastModifiedTime(written).toMillis()).as("unchanged digests are not written again").isZero();
        assertThat(first.toMillis()).isPositive();
        assertThat(new FileAppliedStateStore(file).deliveries())
                .isEqualTo(Map.of("file target_groups", "ab12", "http target_groups", "cd34"));
    }

    @Test
    void unreadableDigestsAreForgottenSoEveryFirstDeliveryIsNews() throws IOException {
        Path file = directory.resolve("applied-state.json");
        for (String broken : List.of("", "{", "[]", "{\"file target_groups\": 3}", "{\"a\": {\"b\": \"c\"}}", "not json")) {
            Files.writeString(directory.resolve("applied-state.json.deliveries"), broken);

            assertThat(new FileAppliedStateStore(file).deliveries()).as("%s", broken).isEmpty();
        }
    }

    @Test
    void aCorruptFileIsAnErrorNamingTheFileNotASilentEmptyStart() throws IOException {
        Path file = directory.resolve("applied-state.json");
        Files.writeString(file, "{\"revision\": 3, \"targetGroups\": [{\"name\": \"a b\"}], \"fallbackTargets\": []}");

        assertThatThrownBy(() -> new FileAppliedStateStore(file).load())
                .isInstanceOf(StateStoreException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("targetGroups[0]");

        Files.writeString(file, "{\"targetGroups\": []}");
        assertThatThrownBy(() -> new FileAppliedStateStore(file).load()).hasMessageContaining("\"revision\"");

        Files.writeString(file, "{\"revision\": 3, \"targetGroups\": []}");
        assertThatThrownBy(() -> new FileAppliedStateStore(file).load()).as("a kind left out is not an empty one")
                .hasMessageContaining(file.toString()).hasMessageContaining("fallbackTargets: is required");
    }

    @Test
    void aReservationComesBackAndNoneIsZero() {
        Path file = directory.resolve("engine/applied-state.json");
        assertThat(new FileAppliedStateStore(file).reservedRevision()).isZero();

        new FileAppliedStateStore(file).reserveRevisions(10_042);

        assertThat(new FileAppliedStateStore(file).reservedRevision()).isEqualTo(10_042);
        assertThat(directory.resolve("engine/applied-state.json.reserved")).hasContent("10042");
    }

    @Test
    void aCorruptReservationIsAnErrorNamingTheFileAndWhatToDo() throws IOException {
        Path file = directory.resolve("applied-state.json");
        Files.writeString(directory.resolve("applied-state.json.reserved"), "ten thousand");

        assertThatThrownBy(() -> new FileAppliedStateStore(file).reservedRevision())
                .isInstanceOf(StateStoreException.class)
                .hasMessageContaining(directory.resolve("applied-state.json.reserved").toString())
                .hasMessageContaining("found \"ten thousand\"")
                .hasMessageContaining("revision.received");
    }
}
