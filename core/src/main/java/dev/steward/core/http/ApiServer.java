package dev.steward.core.http;

import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.HttpServer;
import dev.steward.core.config.ApiSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API of INTERFACES.md on the JDK's HTTP server. Each exchange runs on its own virtual
 * thread, so a slow client holds only its own; the request timeout closes it in the end.
 */
public final class ApiServer {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    private static final int STOP_WAIT_SECONDS = 1;

    private final ApiSettings settings;
    private final ApiHandler handler;
    private HttpServer server;
    private ExecutorService executor;

    public ApiServer(ApiSettings settings, ApiServices services) {
        this.settings = requireNonNull(settings, "settings is null");
        requireNonNull(services, "services is null");
        this.handler = new ApiHandler(new BearerAuth(settings.token()), new Router(routes(services)), settings.maxBody());
    }

    /** @throws UncheckedIOException when the address cannot be bound */
    public synchronized void start() {
        if (server != null) {
            throw new IllegalStateException("the API server is already started");
        }
        ServerTimeouts.apply(settings.requestTimeout());
        InetSocketAddress bind = new InetSocketAddress(settings.host(), settings.port());
        HttpServer created;
        try {
            created = HttpServer.create(bind, 0);
        } catch (IOException unbound) {
            throw new UncheckedIOException("cannot bind the HTTP API to " + settings.host() + ":" + settings.port()
                    + " (steward.api.bind): " + unbound.getMessage(), unbound);
        }
        executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("steward-api-", 0).factory());
        created.setExecutor(executor);
        created.createContext("/", handler);
        created.start();
        server = created;
        LOG.info("HTTP API listening on {}{}", uri().orElseThrow(),
                settings.token().isPresent() ? " (a bearer token is required for every path but " + BearerAuth.OPEN + ")" : "");
    }

    /** The router's table: every method and path this API answers. */
    List<Route> routes() {
        return handler.routes();
    }

    /** Stops accepting, lets running exchanges finish for a moment, then closes. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.stop(STOP_WAIT_SECONDS);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException interrupted) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        server = null;
        LOG.info("HTTP API stopped");
    }

    /** The address actually bound, with the port chosen when the settings said 0; empty unless running. */
    public synchronized Optional<InetSocketAddress> address() {
        return Optional.ofNullable(server).map(HttpServer::getAddress);
    }

    /** {@code http://host:port} of the running API. */
    public synchronized Optional<URI> uri() {
        return address().map(bound -> {
            String host = bound.getAddress().getHostAddress();
            return URI.create("http://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + bound.getPort());
        });
    }

    private static List<Route> routes(ApiServices services) {
        List<Route> routes = new ArrayList<>();
        routes.addAll(new HealthResource(services.engine(), services.backend()).routes());
        routes.addAll(new MetricsResource(services.metrics()).routes());
        routes.addAll(new StatusResource(services.nodeId(), services.engine(), services.backend()).routes());
        routes.addAll(new StateResource(services.engine()).routes());
        routes.addAll(new PortsResource(services.portPolicy(), services.engine()).routes());
        routes.addAll(new StopResource(services.stopRequests(), services.backend()).routes());
        services.contributors().forEach(contributor -> routes.addAll(contributor.routes()));
        return routes;
    }
}
