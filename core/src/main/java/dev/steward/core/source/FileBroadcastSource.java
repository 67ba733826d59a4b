package dev.steward.core.source;

import static java.util.Objects.requireNonNull;

import dev.steward.api.BroadcastSink;
import dev.steward.api.BroadcastSource;
import dev.steward.api.model.InvalidBroadcastException;
import dev.steward.api.model.RoutingDocument;
import dev.steward.api.model.RoutingDocumentParser;
import dev.steward.api.source.NotAcceptedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches one routing state file and delivers each good version as a whole. A version that cannot
 * be read or fails validation is logged with file:line and the field, and the last good state keeps
 * serving. Polling the file's fingerprint survives editors that replace the file by rename.
 */
public final class FileBroadcastSource implements BroadcastSource {
    private static final Logger LOG = LoggerFactory.getLogger(FileBroadcastSource.class);
    /**
     * File times tick coarsely, so two writes of the same size close together can leave the same
     * fingerprint; a file modified this recently is read again and compared by content.
     */
    private static final Duration RACY_WINDOW = Duration.ofSeconds(2);

    private final FileSourceSettings settings;
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "steward-file-source");
        thread.setDaemon(true);
        return thread;
    });
    private BroadcastSink sink;
    private Optional<FileFingerprint> seen = Optional.empty();
    private String lastText = "";
    private boolean reportedMissing;
    /** The file's content was refused by the sink (not invalid: not recordable); it is delivered again at each check. */
    private boolean undelivered;

    public FileBroadcastSource(FileSourceSettings settings) {
        this.settings = requireNonNull(settings, "settings is null");
    }

    /**
     * Delivers the file's state before returning.
     *
     * @throws InvalidBroadcastException when the file exists but is not a valid routing state: a
     *     daemon must not start by replacing good routes with nothing
     */
    @Override
    public void start(BroadcastSink target) {
        this.sink = requireNonNull(target, "target is null");
        try {
            seen = FileFingerprint.of(settings.path());
        } catch (IOException unreadable) {
            throw new UncheckedIOException("cannot read " + settings.displayPath(), unreadable);
        }
        if (seen.isEmpty()) {
            LOG.warn("routing state file {} does not exist yet; serving no routes until it does", settings.displayPath());
            reportedMissing = true;
        } else {
            String text = read();
            RoutingDocument document = RoutingDocumentParser.parse(text, settings.displayPath());
            lastText = text;
            long revision = sink.accept(document.broadcasts());
            LOG.info("routing state read from {}: {} groups, {} fallback targets (revision {})", settings.displayPath(),
                    document.targetGroups().groups().size(), document.fallbackTargets().targets().size(), revision);
        }
        long period = settings.pollInterval().toNanos();
        poller.scheduleWithFixedDelay(this::poll, period, period, TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }

    private void poll() {
        try {
            Optional<FileFingerprint> now = FileFingerprint.of(settings.path());
            if (now.equals(seen)) {
                if (now.isPresent() && (undelivered || now.get().modifiedWithin(RACY_WINDOW))) {
                    deliver(read());
                }
                return;
            }
            seen = now;
            if (now.isEmpty()) {
                if (!reportedMissing) {
                    LOG.warn("routing state file {} disappeared; the last good state keeps serving", settings.displayPath());
                    reportedMissing = true;
                }
                return;
            }
            reportedMissing = false;
            deliver(read());
        } catch (IOException | UncheckedIOException unreadable) {
            LOG.warn("routing state file {} cannot be read; the last good state keeps serving: {}",
                    settings.displayPath(), unreadable.getMessage());
        } catch (RuntimeException unexpected) {
            LOG.error("routing state file {}: unexpected failure while checking it", settings.displayPath(), unexpected);
        }
    }

    private void deliver(String text) {
        if (text.equals(lastText)) {
            return;
        }
        try {
            RoutingDocument document = RoutingDocumentParser.parse(text, settings.displayPath());
            long revision = sink.accept(document.broadcasts());
            lastText = text;
            undelivered = false;
            LOG.info("routing state file {} changed: {} groups, {} fallback targets (revision {})",
                    settings.displayPath(), document.targetGroups().groups().size(),
                    document.fallbackTargets().targets().size(), revision);
        } catch (NotAcceptedException refused) {
            if (!undelivered) {
                LOG.warn("routing state file {} changed but was not accepted, the last accepted state keeps serving;"
                        + " trying again at every check until it is: {}", settings.displayPath(), refused.getMessage());
            }
            undelivered = true;
        } catch (InvalidBroadcastException invalid) {
            lastText = text;
            undelivered = false;
            sink.reject(invalid);
            LOG.warn("routing state file rejected, the last good state keeps serving: {}", invalid.getMessage());
        }
    }

    private String read() {
        try {
            return Files.readString(settings.path(), StandardCharsets.UTF_8);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }
}
