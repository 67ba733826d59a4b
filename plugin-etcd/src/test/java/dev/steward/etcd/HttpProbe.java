package dev.steward.etcd;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** One GET through a node's HAProxy. */
final class HttpProbe {
    private HttpProbe() {}

    /** The body of a 200 answer; otherwise the status or the failure, which never equals a replica id. */
    static String get(int port, String path) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path).toURL()
                    .openConnection();
            connection.setConnectTimeout(2000);
            connection.setReadTimeout(5000);
            try {
                int status = connection.getResponseCode();
                if (status != 200) {
                    return "status " + status;
                }
                return new String(connection.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } finally {
                connection.disconnect();
            }
        } catch (IOException failure) {
            return "failure " + failure.getMessage();
        }
    }
}
