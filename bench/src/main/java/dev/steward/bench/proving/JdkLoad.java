package dev.steward.bench.proving;

import dev.steward.core.demo.LoadLoop;
import dev.steward.core.demo.LoadReport;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/** Core's checking load loop (the JDK's HTTP client, keep-alive): where wrk is not installed. */
final class JdkLoad implements CheckedLoad {
    private final LoadLoop loop;
    private final long startNanos = System.nanoTime();

    JdkLoad(URI proxy, Map<String, String> deploymentByRoute, int connections, Duration duration) {
        this.loop = LoadLoop.bounded(proxy, deploymentByRoute, connections, duration);
    }

    @Override
    public LoadResult awaitEnd() {
        LoadReport report = loop.awaitEnd();
        return new LoadResult(report, Duration.ofNanos(System.nanoTime() - startNanos), "JDK HTTP client: "
                + report.errors() + " non-200 answers or failed exchanges");
    }

    @Override
    public void close() {
        loop.close();
    }
}
