package dev.steward.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.ClientBuilder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/** Builds jetcd clients and waits for their calls with a deadline. */
final class EtcdClients {
    private EtcdClients() {}

    /**
     * A client for a long-lived follower: a call made while etcd is unreachable fails at once, and the
     * caller retries on its own schedule; a call given up on is never carried out later, out of order.
     */
    static Client forFollower(Connection connection) {
        return create(connection, false);
    }

    /** A client for one command: a call waits for a connection, within the request timeout, as a user expects. */
    static Client forCommand(Connection connection) {
        return create(connection, true);
    }

    private static Client create(Connection connection, boolean waitForReady) {
        long timeoutMillis = connection.requestTimeout().toMillis();
        // jetcd retries a failed call on its own, with a growing delay. Its retries end within the request
        // timeout, so that a call given up here is not carried out later, out of order with the next one;
        // its retry policy wants delay < maximum delay and delay < maximum duration.
        long retryDelay = Math.clamp(timeoutMillis / 10, 10, 500);
        long retryMaxDelay = Math.max(retryDelay * 2, Math.min(timeoutMillis / 2, 2500));
        ClientBuilder builder = Client.builder()
                .endpoints(connection.endpoints().toArray(URI[]::new))
                .connectTimeout(connection.connectTimeout())
                .retryDelay(retryDelay)
                .retryMaxDelay(retryMaxDelay)
                .retryChronoUnit(ChronoUnit.MILLIS)
                .retryMaxDuration(connection.requestTimeout())
                .waitForReady(waitForReady);
        connection.credentials().ifPresent(credentials -> builder
                .user(bytes(credentials.user()))
                .password(bytes(credentials.password())));
        if (connection.tls().isPresent()) {
            Connection.Tls tls = connection.tls().get();
            try {
                builder.sslContext(ssl -> {
                    tls.caFile().ifPresent(ca -> ssl.trustManager(ca.toFile()));
                    tls.client().ifPresent(client -> ssl.keyManager(client.certFile().toFile(), client.keyFile().toFile()));
                });
            } catch (SSLException | IllegalArgumentException unusable) {
                throw new EtcdAccessException("the TLS files cannot be used: " + unusable.getMessage(), unusable);
            }
        }
        return builder.build();
    }

    /**
     * Waits for a call.
     *
     * @param what the operation, for the message: {@code "reading /steward/"}
     * @throws EtcdAccessException when the call failed or did not finish in time
     */
    static <T> T await(CompletableFuture<T> call, Connection connection, String what) {
        try {
            return call.get(connection.requestTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException failed) {
            Throwable cause = failed.getCause() == null ? failed : failed.getCause();
            throw new EtcdAccessException(what + " at " + connection.endpoints() + " failed: " + cause.getMessage(), cause);
        } catch (TimeoutException late) {
            call.cancel(true);
            throw new EtcdAccessException(what + " at " + connection.endpoints() + " took longer than "
                    + connection.requestTimeout(), late);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            call.cancel(true);
            throw new EtcdAccessException(what + " was interrupted", interrupted);
        }
    }

    static ByteSequence bytes(String text) {
        return ByteSequence.from(text, StandardCharsets.UTF_8);
    }

    static String text(ByteSequence bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
