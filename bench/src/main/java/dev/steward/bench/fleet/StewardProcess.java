package dev.steward.bench.fleet;

import dev.steward.testkit.FreePort;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One proxy node: {@code bin/steward run} of a built distribution, following etcd, with its own HAProxy
 * port, API port, data and log. Stopped with SIGTERM by {@link #close()}; what it leaves is killed.
 */
final class StewardProcess implements AutoCloseable {
    private final String id;
    private final int proxyPort;
    private final Path log;
    private final Process process;
    private final List<ProcessHandle> children;

    private StewardProcess(String id, int proxyPort, Path log, Process process) {
        this.id = id;
        this.proxyPort = proxyPort;
        this.log = log;
        this.process = process;
        this.children = new ArrayList<>();
    }

    static StewardProcess start(Path distribution, Path directory, String id, URI etcd, String prefix, String window)
            throws IOException {
        Path home = Files.createDirectories(directory.resolve(id));
        int proxyPort = FreePort.pick();
        Path config = Files.writeString(home.resolve("steward.conf"), """
                steward {
                  node-id = "%s"
                  data-dir = "%s"
                  api.bind = "127.0.0.1:%d"
                  broadcast-sources = [etcd]
                  coalesce.window = %s
                  haproxy.bind = "127.0.0.1:%d"
                  sources.etcd { endpoints = ["%s"], prefix = "%s" }
                }
                """.formatted(id, home.resolve("data"), FreePort.pick(), window, proxyPort, etcd, prefix));
        Process process = new ProcessBuilder(distribution.resolve("bin/steward").toString(), "run", "--config",
                config.toString())
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("steward.log").toFile())
                .start();
        return new StewardProcess(id, proxyPort, home.resolve("steward.log"), process);
    }

    String id() {
        return id;
    }

    int proxyPort() {
        return proxyPort;
    }

    /** Its console log: the distribution's logback writes INFO lines with the time of day to the millisecond. */
    Path log() {
        return log;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        process.descendants().forEach(children::add);
        process.destroy();
        if (!process.waitFor(45, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
