package dev.steward.haproxy.process;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Old processes that finish their connections after a reload, each with the revision it still routes
 * by. A process leaves the set when it exits.
 */
public final class RetiringProcesses {
    private static final Logger log = LoggerFactory.getLogger(RetiringProcesses.class);

    private final Map<Long, Entry> byPid = new ConcurrentHashMap<>();

    public void add(HaproxyProcess process, long revision, Instant since) {
        requireNonNull(process, "process is null");
        requireNonNull(since, "since is null");
        byPid.put(process.pid(), new Entry(process, new RetiringProcess(process.pid(), revision, since)));
        process.onExit().thenRun(() -> {
            byPid.remove(process.pid());
            log.info("{}, retired after serving revision {}, {}", process.describe(), revision, process.exitDescription());
        });
    }

    /** The processes still alive; one that just exited may not have been removed yet. */
    public List<RetiringProcess> list() {
        return byPid.values().stream()
                .filter(entry -> entry.process().isAlive())
                .map(Entry::retiring)
                .sorted(Comparator.comparingLong(RetiringProcess::pid))
                .toList();
    }

    /** Every tracked process, including one that just exited. */
    public List<HaproxyProcess> processes() {
        return byPid.values().stream().map(Entry::process).toList();
    }

    /** The processes still alive. */
    public List<HaproxyProcess> alive() {
        return byPid.values().stream().map(Entry::process).filter(HaproxyProcess::isAlive).toList();
    }

    /** The processes still alive, as written down for the next Steward. */
    public List<RecordedProcess> records() {
        return byPid.values().stream()
                .filter(entry -> entry.process().isAlive())
                .map(entry -> RecordedProcess.of(RecordedProcess.Role.RETIRING, entry.process(), entry.retiring().revision(),
                        entry.retiring().since()))
                .toList();
    }

    private record Entry(HaproxyProcess process, RetiringProcess retiring) {}
}
