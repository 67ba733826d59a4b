package dev.steward.haproxy;

import dev.steward.testkit.Eventually;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A load generator on loopback: a few keep-alive connections, each sending GET requests back to back on
 * a virtual thread. It tells apart what a client can tell apart: a 2xx, another status, a refused
 * connection, a keep-alive connection the proxy closed before a response started (which an HTTP client
 * retries on a new connection, as this one does), and any other failure (a timeout, a cut response).
 */
final class LoadLoop implements AutoCloseable {
    private static final int TIMEOUT_MILLIS = 5000;
    private static final int MAX_SAMPLES = 10;
    /** Between attempts after a failed connect: paces a loop that cannot reach the proxy, synchronises nothing. */
    private static final Duration RECONNECT_PAUSE = Duration.ofMillis(5);

    private final int port;
    private final byte[] request;
    private final Duration pause;
    private final List<Thread> workers = new ArrayList<>();
    private final AtomicLong ok = new AtomicLong();
    private final AtomicLong non2xx = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong closedBeforeResponse = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
    private final List<String> samples = new CopyOnWriteArrayList<>();
    private final long started = System.nanoTime();
    private volatile boolean stopping;
    private Result result;

    private LoadLoop(int port, String path, int connections, Duration pause) {
        this.port = port;
        this.pause = pause;
        this.request = ("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < connections; i++) {
            workers.add(Thread.ofVirtual().name("load-" + i).start(this::run));
        }
    }

    /** Requests back to back on each connection: as fast as the machine allows. */
    static LoadLoop start(int port, String path, int connections) {
        return new LoadLoop(port, path, connections, Duration.ZERO);
    }

    /** A pause after each response on each connection: load that leaves the machine room for what the test watches. */
    static LoadLoop paced(int port, String path, int connections, Duration pause) {
        return new LoadLoop(port, path, connections, pause);
    }

    /** Responses received so far, of any status. */
    long responses() {
        return ok.get() + non2xx.get();
    }

    /** Waits until {@code count} more responses than now have arrived. */
    void awaitMoreResponses(long count) {
        long target = responses() + count;
        Eventually.await(count + " more responses under load", () -> responses() >= target || stopping);
    }

    /** Lets the load run for a measuring window, then stops it. */
    Result runFor(Duration window) {
        LockSupport.parkNanos(window.toNanos());
        return stop();
    }

    /** Stops every connection and returns what happened; idempotent. */
    synchronized Result stop() {
        if (result == null) {
            stopping = true;
            for (Thread worker : workers) {
                try {
                    worker.join(Duration.ofMillis(TIMEOUT_MILLIS * 2L));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            Map<Integer, Long> byStatus = new TreeMap<>();
            statuses.forEach((status, count) -> byStatus.put(status, count.get()));
            result = new Result(ok.get(), non2xx.get(), byStatus, refused.get(), closedBeforeResponse.get(), failed.get(),
                    List.copyOf(samples), Duration.ofNanos(System.nanoTime() - started));
        }
        return result;
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * What the load saw.
     *
     * @param closedBeforeResponse keep-alive connections closed by the proxy before a response started; retried
     * @param failed timeouts, cut responses, connections closed before their first response
     * @param samples the first failures, described
     */
    record Result(long ok, long non2xx, Map<Integer, Long> statuses, long refused, long closedBeforeResponse, long failed,
            List<String> samples, Duration elapsed) {
        long responses() {
            return ok + non2xx;
        }

        double perSecond() {
            return responses() / (elapsed.toNanos() / 1e9);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d responses in %d ms (%.0f/s): %d 2xx, statuses %s, %d refused, %d keep-alive"
                    + " connections closed before a response (retried), %d failed %s", responses(), elapsed.toMillis(),
                    perSecond(), ok, statuses, refused, closedBeforeResponse, failed, samples);
        }
    }

    private void run() {
        Connection connection = null;
        while (!stopping) {
            try {
                if (connection == null) {
                    connection = Connection.open(port);
                }
                Response response = connection.exchange(request);
                statuses.computeIfAbsent(response.status(), any -> new AtomicLong()).incrementAndGet();
                (response.status() >= 200 && response.status() < 300 ? ok : non2xx).incrementAndGet();
                if (response.closes()) {
                    connection = close(connection);
                }
                if (pause.isPositive()) {
                    LockSupport.parkNanos(pause.toNanos());
                }
            } catch (ConnectException refusedNow) {
                refused.incrementAndGet();
                sample("refused: " + refusedNow.getMessage());
                LockSupport.parkNanos(RECONNECT_PAUSE.toNanos());
            } catch (ClosedBeforeResponse closed) {
                if (connection != null && connection.served() > 0) {
                    closedBeforeResponse.incrementAndGet();
                } else if (!stopping) {
                    failed.incrementAndGet();
                    sample("a new connection closed before its first response");
                }
                connection = close(connection);
            } catch (IOException | RuntimeException problem) {
                if (!stopping) {
                    failed.incrementAndGet();
                    sample(problem.toString());
                }
                connection = close(connection);
            }
        }
        close(connection);
    }

    private static Connection close(Connection connection) {
        if (connection != null) {
            connection.close();
        }
        return null;
    }

    private void sample(String failure) {
        if (samples.size() < MAX_SAMPLES) {
            samples.add(failure);
        }
    }

    /** A status, and whether the response closes its connection. */
    private record Response(int status, boolean closes) {}

    /** One keep-alive connection with its buffered input, so that no byte read ahead is lost. */
    private static final class Connection {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private long served;

        private Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new BufferedInputStream(socket.getInputStream());
            this.out = socket.getOutputStream();
        }

        static Connection open(int port) throws IOException {
            Socket socket = new Socket();
            try {
                socket.setTcpNoDelay(true);
                socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
                socket.setSoTimeout(TIMEOUT_MILLIS);
                return new Connection(socket);
            } catch (IOException problem) {
                socket.close();
                throw problem;
            }
        }

        long served() {
            return served;
        }

        /** One request and its whole response. */
        Response exchange(byte[] request) throws IOException {
            out.write(request);
            out.flush();
            String statusLine = line(true);
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            long length = -1;
            boolean closes = false;
            for (String header = line(false); !header.isEmpty(); header = line(false)) {
                String lower = header.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(lower.substring("content-length:".length()).strip());
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    closes = true;
                }
            }
            if (length < 0) {
                throw new IOException("a response without content-length: " + statusLine);
            }
            in.skipNBytes(length);
            served++;
            return new Response(status, closes);
        }

        /** A line without its CRLF; at the start of a response, the end of the stream means the proxy closed first. */
        private String line(boolean startOfResponse) throws IOException {
            StringBuilder line = new StringBuilder();
            while (true) {
                int next;
                try {
                    next = in.read();
                } catch (SocketException reset) {
                    if (startOfResponse && line.isEmpty()) {
                        throw new ClosedBeforeResponse();
                    }
                    throw reset;
                }
                if (next < 0) {
                    if (startOfResponse && line.isEmpty()) {
                        throw new ClosedBeforeResponse();
                    }
                    throw new IOException("the response was cut after \"" + line + "\"");
                }
                if (next == '\n') {
                    int end = !line.isEmpty() && line.charAt(line.length() - 1) == '\r' ? line.length() - 1 : line.length();
                    return line.substring(0, end);
                }
                line.append((char) next);
            }
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // Closing a connection that failed or ended: nothing more to learn.
            }
        }
    }

    /** The proxy closed a connection before a byte of response. */
    private static final class ClosedBeforeResponse extends IOException {
        ClosedBeforeResponse() {
            super("closed before a response");
        }
    }
}
