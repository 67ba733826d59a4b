package dev.steward.haproxy.serving;

import static java.util.Objects.requireNonNull;

import dev.steward.haproxy.process.HaproxyProcess;
import dev.steward.haproxy.process.ProcessRecords;
import dev.steward.haproxy.process.RecordedProcess;
import dev.steward.haproxy.process.RetiringProcesses;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HAProxy processes of the backend: the one that serves, the old ones that finish their
 * connections, the one spawned last; and their record for a later Steward. Changed under the
 * backend's lock, read from any thread.
 */
public final class Processes {
    private static final Logger log = LoggerFactory.getLogger(Processes.class);

    private final RetiringProcesses retiring = new RetiringProcesses();
    private final ProcessRecords records;
    private volatile Optional<Running> running = Optional.empty();
    private volatile Optional<HaproxyProcess> lastSpawned = Optional.empty();

    public Processes(ProcessRecords records) {
        this.records = requireNonNull(records, "records is null");
    }

    /** The process that served last, alive or not. */
    public Optional<Running> last() {
        return running;
    }

    /** The process that serves, while it is alive. */
    public Optional<Running> serving() {
        return running.filter(Running::alive);
    }

    public void serve(Running next) {
        running = Optional.of(requireNonNull(next, "next is null"));
    }

    /** Forgets the serving process: the backend is closed. */
    public void forget() {
        running = Optional.empty();
    }

    /** Whether {@code process} is the one that serves, or served last. */
    public boolean serves(HaproxyProcess process) {
        return running.map(current -> current.process() == process).orElse(false);
    }

    public void spawned(HaproxyProcess process) {
        lastSpawned = Optional.of(requireNonNull(process, "process is null"));
    }

    /** The process spawned last, which may have failed to start. */
    public Optional<HaproxyProcess> lastSpawned() {
        return lastSpawned;
    }

    public RetiringProcesses retiring() {
        return retiring;
    }

    /** The serving process and every old one, including one that just exited. */
    public List<HaproxyProcess> all() {
        List<HaproxyProcess> processes = new ArrayList<>(retiring.processes());
        running.map(Running::process).ifPresent(processes::add);
        return processes;
    }

    /** The spawn numbers of the processes alive: their output files are kept. */
    public Set<Long> aliveSpawns() {
        return all().stream().filter(HaproxyProcess::isAlive).map(HaproxyProcess::spawn).collect(Collectors.toSet());
    }

    /**
     * Writes down the processes that run now, for a later Steward. A failure only costs that Steward the
     * take-over: it refuses a process the record does not name, so it is logged, not thrown.
     */
    public void record() {
        List<RecordedProcess> alive = new ArrayList<>();
        serving().ifPresent(current -> alive.add(RecordedProcess.of(RecordedProcess.Role.SERVING, current.process(),
                current.state().revision(), current.since())));
        alive.addAll(retiring.records());
        try {
            records.write(alive);
        } catch (UncheckedIOException problem) {
            log.error("{}: a later Steward will not take over {}, it refuses processes the record does not name", problem.getMessage(),
                    alive.stream().map(process -> "pid " + process.pid()).collect(Collectors.joining(", ")));
        }
    }

    /** Nothing of this backend runs any more: a later Steward has nothing to take over. */
    public void clearRecord() {
        try {
            records.clear();
        } catch (UncheckedIOException problem) {
            log.warn("{}; the next start finds no HAProxy of this one to take over and ignores it", problem.getMessage());
        }
    }
}
