package dev.steward.bench.proving;

import static java.util.Objects.requireNonNull;

import dev.steward.bench.haproxy.Samples;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * Asks HAProxy {@code show info} on its admin socket at a steady pace, each time on a new connection
 * as Steward does, and records how long each answer took: what stopped answering when HAProxy
 * blocked on a full output pipe. A question unanswered within the bound is a failure.
 */
final class AdminSocketProbe implements AutoCloseable {
    private static final Duration PACE = Duration.ofMillis(10);
    private static final Duration BOUND = Duration.ofSeconds(2);
    private static final byte[] SHOW_INFO = "show info\n".getBytes(StandardCharsets.US_ASCII);

    private final UnixDomainSocketAddress socket;
    private final ExecutorService questions = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Long> nanos = new ArrayList<>();
    private final Thread asker;
    private volatile boolean asking = true;
    private long failures;

    AdminSocketProbe(Path socket) {
        this.socket = UnixDomainSocketAddress.of(requireNonNull(socket, "socket is null"));
        this.asker = Thread.ofPlatform().name("bench-admin-probe").daemon().start(this::run);
    }

    /**
     * What the probe saw.
     *
     * @param failures questions that failed or stayed unanswered within the bound
     */
    record Result(Samples latencies, long failures) {}

    /** Stops asking; returns the latencies of the answers and the number of failures. */
    Result stop() {
        close();
        synchronized (this) {
            return new Result(new Samples(nanos.stream().mapToLong(Long::longValue).toArray()), failures);
        }
    }

    @Override
    public void close() {
        asking = false;
        try {
            asker.join(BOUND.multipliedBy(2));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        questions.shutdownNow();
    }

    private void run() {
        while (asking) {
            long start = System.nanoTime();
            Future<?> question = questions.submit(this::ask);
            try {
                question.get(BOUND.toNanos(), TimeUnit.NANOSECONDS);
                record(System.nanoTime() - start);
            } catch (TimeoutException | ExecutionException failed) {
                // An interrupted channel closes: a question that hangs leaves nothing open behind it.
                question.cancel(true);
                fail();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            }
            LockSupport.parkNanos(PACE.toNanos());
        }
    }

    private Void ask() throws IOException {
        try (SocketChannel channel = SocketChannel.open(socket)) {
            channel.write(ByteBuffer.wrap(SHOW_INFO));
            ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
            long read = 0;
            // HAProxy closes the connection once it has answered a question that came without "prompt".
            for (int bytes = channel.read(buffer); bytes >= 0; bytes = channel.read(buffer)) {
                read += bytes;
                buffer.clear();
            }
            if (read == 0) {
                throw new IOException("HAProxy closed the admin connection without an answer");
            }
            return null;
        }
    }

    private synchronized void record(long answerNanos) {
        nanos.add(answerNanos);
    }

    private synchronized void fail() {
        failures++;
    }
}
