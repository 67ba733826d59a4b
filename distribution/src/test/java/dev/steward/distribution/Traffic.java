package dev.steward.distribution;

import dev.steward.testkit.Eventually;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Clients that send GET requests through HAProxy back to back until closed, on loopback only, and
 * count what came back: a 200 is good, anything else (another status, no answer) a failure.
 */
final class Traffic implements AutoCloseable {
    private static final int SAMPLES = 10;

    private final Proxy proxy;
    private final String path;
    private final List<Thread> clients = new CopyOnWriteArrayList<>();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final List<String> samples = new CopyOnWriteArrayList<>();
    private volatile boolean running = true;

    Traffic(int port, String path, int clients) {
        this.proxy = new Proxy(port);
        this.path = path;
        for (int i = 0; i < clients; i++) {
            this.clients.add(Thread.ofVirtual().name("traffic-" + i).start(this::loop));
        }
    }

    long requests() {
        return requests.get();
    }

    long failures() {
        return failures.get();
    }

    List<String> samples() {
        return List.copyOf(samples);
    }

    /** Waits until {@code count} more requests than now got an answer or failed. */
    void awaitMore(long count, Duration deadline) {
        long target = requests() + count;
        Eventually.await(count + " more requests through HAProxy", deadline, this::requests, seen -> seen >= target);
    }

    @Override
    public void close() {
        running = false;
        for (Thread client : clients) {
            try {
                client.join(Duration.ofSeconds(5));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        proxy.close();
    }

    private void loop() {
        while (running) {
            String answer = proxy.get(path);
            requests.incrementAndGet();
            if (!answer.startsWith("200 ")) {
                failures.incrementAndGet();
                if (samples.size() < SAMPLES) {
                    samples.add(answer);
                }
            }
        }
    }
}
