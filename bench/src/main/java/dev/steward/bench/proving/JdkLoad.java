package dev.steward.bench.proving;

import dev.steward.loopback.LoadLoop;
import dev.steward.loopback.LoadReport;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/** The loopback module's checking load loop (keep-alive connections of the JDK's sockets): where wrk is not installed. */
final class JdkLoad implements CheckedLoad {
    private final LoadLoop loop;

    JdkLoad(URI proxy, Map<String, String> deploymentByRoute, int connections, Duration duration) {
        this.loop = LoadLoop.to(proxy).routes(deploymentByRoute).connections(connections).lasting(duration).start();
    }

    @Override
    public LoadResult awaitEnd() {
        LoadReport report = loop.awaitEnd();
        return new LoadResult(new LoadCounts(report.requests(), report.errors(), report.misroutes()), report.elapsed(),
                "loopback load loop: " + report);
    }

    @Override
    public void close() {
        loop.close();
    }
}
