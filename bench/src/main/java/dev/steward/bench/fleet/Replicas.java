package dev.steward.bench.fleet;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Replicas on free loopback ports, each answering every request with its id. */
final class Replicas implements AutoCloseable {
    private final List<HttpServer> servers = new ArrayList<>();

    Replicas(int count) throws IOException {
        for (int i = 0; i < count; i++) {
            String id = id(i);
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            server.createContext("/", exchange -> {
                byte[] body = id.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            servers.add(server);
        }
    }

    static String id(int index) {
        return "replica-" + index;
    }

    int port(int index) {
        return servers.get(index).getAddress().getPort();
    }

    int size() {
        return servers.size();
    }

    @Override
    public void close() {
        servers.forEach(server -> server.stop(0));
    }
}
