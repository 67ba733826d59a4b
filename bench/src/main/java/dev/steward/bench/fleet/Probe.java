package dev.steward.bench.fleet;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** One GET through a node's HAProxy: the body of a 200, or an empty string. */
final class Probe {
    private Probe() {}

    static String get(int port, String path) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path).toURL()
                    .openConnection();
            connection.setConnectTimeout(1000);
            connection.setReadTimeout(2000);
            // Read to the end and not disconnected: the connection is kept alive for the next probe, so a
            // probe costs a request, not a connection, and disturbs what it measures less.
            try (InputStream body = connection.getResponseCode() == 200 ? connection.getInputStream() : connection.getErrorStream()) {
                String text = body == null ? "" : new String(body.readAllBytes(), StandardCharsets.UTF_8);
                return connection.getResponseCode() == 200 ? text : "";
            }
        } catch (IOException notServing) {
            return "";
        }
    }
}
