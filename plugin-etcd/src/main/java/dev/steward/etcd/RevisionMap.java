package dev.steward.etcd;

import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Which etcd revision each local revision was accepted for. The engine numbers revisions on its own;
 * etcd's revision is the fleet's. Both grow together: a local revision is recorded here only for a
 * newer etcd revision than the last one.
 *
 * <p>A local revision that came from another source serves the newest etcd state accepted before it:
 * look-ups take the nearest recorded revision at or below the one asked for.
 */
final class RevisionMap {
    /**
     * Far more revisions than a live node lags behind; beyond it the oldest are forgotten, which only
     * makes the fleet gate wait for a newer revision.
     */
    static final int CAPACITY = 10_000;

    private final TreeMap<Long, Long> etcdByLocal = new TreeMap<>();
    private final TreeMap<Long, Long> localByEtcd = new TreeMap<>();

    /** @throws IllegalArgumentException when either revision does not grow */
    synchronized void record(long local, long etcd) {
        if (!etcdByLocal.isEmpty() && (local <= etcdByLocal.lastKey() || etcd <= localByEtcd.lastKey())) {
            throw new IllegalArgumentException("revisions must grow: local " + local + " for etcd " + etcd + " after local "
                    + etcdByLocal.lastKey() + " for etcd " + localByEtcd.lastKey());
        }
        etcdByLocal.put(local, etcd);
        localByEtcd.put(etcd, local);
        if (etcdByLocal.size() > CAPACITY) {
            localByEtcd.remove(etcdByLocal.pollFirstEntry().getValue());
        }
    }

    /** The etcd revision whose state local revision {@code local} serves; empty when it predates them all. */
    synchronized OptionalLong etcdAt(long local) {
        Map.Entry<Long, Long> entry = etcdByLocal.floorEntry(local);
        return entry == null ? OptionalLong.empty() : OptionalLong.of(entry.getValue());
    }

    /** The newest local revision that serves etcd revision {@code etcd} or an older one; empty when none. */
    synchronized OptionalLong localAt(long etcd) {
        Map.Entry<Long, Long> entry = localByEtcd.floorEntry(etcd);
        return entry == null ? OptionalLong.empty() : OptionalLong.of(entry.getValue());
    }

    /** Forgets what nobody will ask about again: everything older than the entry that serves {@code local}. */
    synchronized void forgetBefore(long local) {
        Long floor = etcdByLocal.floorKey(local);
        if (floor == null) {
            return;
        }
        Map<Long, Long> older = etcdByLocal.headMap(floor, false);
        older.values().forEach(localByEtcd::remove);
        older.clear();
    }

    synchronized int size() {
        return etcdByLocal.size();
    }
}
