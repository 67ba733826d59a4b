package dev.steward.haproxy.process;

import static java.util.Objects.requireNonNull;

import dev.steward.haproxy.output.OutputFiles;
import dev.steward.haproxy.runtime.HaproxyException;
import dev.steward.haproxy.runtime.RuntimeApi;
import dev.steward.haproxy.runtime.RuntimeApiException;
import dev.steward.haproxy.runtime.ShowInfo;
import dev.steward.haproxy.settings.RuntimePaths;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the HAProxy processes an earlier Steward left running on this data directory, and proves the
 * serving one is Steward's own before it is taken over: it answers on the admin socket with a pid the
 * process record names, it is the process that had that pid then (same start time), and it runs a
 * configuration from this data directory. Anything else on the socket is refused, never adopted.
 */
public final class Adopter {
    private static final Logger log = LoggerFactory.getLogger(Adopter.class);

    private final RuntimePaths paths;
    private final RuntimeApi api;
    private final ProcessRecords records;
    private final OutputFiles outputs;
    private final ExitPoller poller;

    public Adopter(RuntimePaths paths, RuntimeApi api, ProcessRecords records, OutputFiles outputs, ExitPoller poller) {
        this.paths = requireNonNull(paths, "paths is null");
        this.api = requireNonNull(api, "api is null");
        this.records = requireNonNull(records, "records is null");
        this.outputs = requireNonNull(outputs, "outputs is null");
        this.poller = requireNonNull(poller, "poller is null");
    }

    /**
     * @return what to take over; {@link Adoption#NONE} when nothing of an earlier Steward runs
     * @throws HaproxyException saying what was expected and what was found, when something that is not
     *     Steward's own HAProxy answers on the admin socket, or the process record cannot be read
     */
    public Adoption find() {
        List<RecordedProcess> recorded = records.read();
        Optional<ShowInfo> answer = ask();
        Optional<RecordedProcess> serving = answer.map(info -> proveOwn(info.pid(), recorded));
        Optional<HaproxyProcess> process = serving.map(this::adopt);
        List<Adoption.Retired> retiring = new ArrayList<>();
        for (RecordedProcess old : recorded) {
            boolean isServing = serving.map(own -> own.pid() == old.pid()).orElse(false);
            if (!isServing && stillRuns(old)) {
                if (old.role() == RecordedProcess.Role.SERVING) {
                    log.warn("HAProxy pid {}, which Steward started, still runs but does not answer on {}; it is tracked as an"
                            + " old process, and a new one starts", old.pid(), paths.adminSocket());
                }
                retiring.add(new Adoption.Retired(adopt(old), old.revision(), old.since()));
            }
        }
        return new Adoption(process, serving.map(RecordedProcess::revision).orElse(0L), retiring);
    }

    /** Whether the recorded process still runs: its pid, started when recorded, on a configuration of this data directory. */
    private boolean stillRuns(RecordedProcess recorded) {
        return ProcessHandle.of(recorded.pid())
                .filter(handle -> ProcessLiveness.alive(handle, recorded.started()) && runsOwnConfig(handle))
                .isPresent();
    }

    /** {@code show info} on the admin socket; empty when nothing listens there. */
    private Optional<ShowInfo> ask() {
        if (!Files.exists(paths.adminSocket())) {
            return Optional.empty();
        }
        try {
            return Optional.of(api.showInfo());
        } catch (RuntimeApiException problem) {
            if (problem.getCause() instanceof ConnectException) {
                // A socket file left by a process that is gone: HAProxy binds over it.
                return Optional.empty();
            }
            throw new HaproxyException("expected the HAProxy on the admin socket " + paths.adminSocket() + " to answer \""
                    + ShowInfo.COMMAND + "\" with its pid, found: " + problem.getMessage() + ". Stop whatever holds the socket"
                    + " (pgrep -a haproxy), then start Steward again", problem);
        }
    }

    private RecordedProcess proveOwn(long pid, List<RecordedProcess> recorded) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        String runs = handle.flatMap(found -> found.info().commandLine()).map(line -> ", which runs `" + line + "`").orElse("");
        Optional<RecordedProcess> record = recorded.stream().filter(process -> process.pid() == pid).findFirst();
        if (record.isEmpty()) {
            throw refused("expected a pid that " + records.file() + " names (" + (recorded.isEmpty() ? "the file names none"
                    : recorded.stream().map(process -> Long.toString(process.pid())).collect(Collectors.joining(", ")))
                    + "), found pid " + pid + runs + ": an HAProxy that Steward did not start");
        }
        if (handle.isEmpty()) {
            throw refused("expected pid " + pid + " to be a process on this machine, found none with that pid: the HAProxy"
                    + " answering runs where Steward cannot see it (another container or pid namespace)");
        }
        Optional<Instant> started = handle.get().info().startInstant();
        if (record.get().started().isPresent() && started.isPresent() && !record.get().started().equals(started)) {
            throw refused("expected pid " + pid + " to have started at " + record.get().started().get() + " as recorded in "
                    + records.file() + ", found a process" + runs + " that started at " + started.get()
                    + ": the pid now belongs to another HAProxy");
        }
        if (!runsOwnConfig(handle.get())) {
            throw refused("expected pid " + pid + " to run \"-f " + paths.liveConfig() + "\" (or its .candidate), found"
                    + runs + ": not a configuration of this data directory");
        }
        return record.get();
    }

    /** Whether the process runs {@code -f} with a configuration of this data directory; true when its arguments cannot be read. */
    private boolean runsOwnConfig(ProcessHandle handle) {
        List<String> arguments = handle.info().arguments().map(List::of).orElse(List.of());
        if (arguments.isEmpty()) {
            return true;
        }
        for (int i = 0; i + 1 < arguments.size(); i++) {
            if (arguments.get(i).equals("-f")) {
                Path config = Path.of(arguments.get(i + 1)).toAbsolutePath().normalize();
                if (config.equals(paths.liveConfig()) || config.equals(paths.candidateConfig())) {
                    return true;
                }
            }
        }
        return false;
    }

    private HaproxyException refused(String mismatch) {
        return new HaproxyException("Steward does not take over the HAProxy on its admin socket " + paths.adminSocket() + ": "
                + mismatch + ". Stop that HAProxy, or give Steward a data directory of its own (steward.data-dir)");
    }

    private HaproxyProcess adopt(RecordedProcess record) {
        ProcessHandle handle = ProcessHandle.of(record.pid()).orElseThrow(() -> new HaproxyException("HAProxy pid " + record.pid()
                + " exited while Steward took it over; start Steward again"));
        return HaproxyProcess.adopted(record.spawn(), handle, poller.watch(handle, record.started()),
                outputs.stdout(record.spawn()), outputs.stderr(record.spawn()));
    }
}
