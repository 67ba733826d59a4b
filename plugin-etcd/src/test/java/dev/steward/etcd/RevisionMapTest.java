package dev.steward.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RevisionMapTest {
    private final RevisionMap map = new RevisionMap();

    @Test
    void aLocalRevisionServesTheNewestEtcdRevisionAcceptedAtOrBeforeIt() {
        map.record(3, 100);
        map.record(5, 120);

        assertThat(map.etcdAt(2)).isEmpty();
        assertThat(map.etcdAt(3)).hasValue(100);
        assertThat(map.etcdAt(4)).as("a revision of another source").hasValue(100);
        assertThat(map.etcdAt(9)).hasValue(120);
    }

    @Test
    void anEtcdRevisionIsServedByTheNewestLocalRevisionAcceptedForItOrAnOlderOne() {
        map.record(3, 100);
        map.record(5, 120);

        assertThat(map.localAt(99)).isEmpty();
        assertThat(map.localAt(100)).hasValue(3);
        assertThat(map.localAt(119)).hasValue(3);
        assertThat(map.localAt(500)).hasValue(5);
    }

    @Test
    void bothRevisionsMustGrow() {
        map.record(3, 100);
        assertThatThrownBy(() -> map.record(3, 101)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> map.record(4, 100)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void forgetsOnlyWhatIsOlderThanTheEntryServingARevision() {
        map.record(1, 10);
        map.record(2, 20);
        map.record(4, 40);

        map.forgetBefore(3);

        assertThat(map.size()).isEqualTo(2);
        assertThat(map.etcdAt(3)).hasValue(20);
        assertThat(map.etcdAt(1)).isEmpty();
        assertThat(map.localAt(30)).hasValue(2);
    }

    @Test
    void keepsAtMostItsCapacity() {
        for (int i = 1; i <= RevisionMap.CAPACITY + 5; i++) {
            map.record(i, i * 10L);
        }
        assertThat(map.size()).isEqualTo(RevisionMap.CAPACITY);
        assertThat(map.etcdAt(5)).isEmpty();
        assertThat(map.etcdAt(6)).hasValue(60);
    }
}
