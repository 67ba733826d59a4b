package dev.steward.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/** Loopback ports that were free a moment ago, for the scenario runners. */
public final class FreePorts {
    /** The kernel hands out ephemeral ports (outgoing connections) from here up; replica ports stay below. */
    private static final int EPHEMERAL_START = 32_768;
    private static final int LOWEST = 20_000;
    private static final int ATTEMPTS = 50;

    private FreePorts() {}

    /** A port for a listener the caller binds at once, such as HAProxy's frontend. */
    public static int any() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    /**
     * {@code count} consecutive ports for the port policy to lease to replicas, as {@code "low-high"}:
     * below the ephemeral range, so no outgoing connection takes one while a replica is away from it.
     */
    public static String range(int count) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int low = LOWEST + ThreadLocalRandom.current().nextInt(EPHEMERAL_START - LOWEST - count);
            if (free(low, count)) {
                return low + "-" + (low + count - 1);
            }
        }
        throw new IllegalStateException("no " + count + " consecutive free loopback ports below " + EPHEMERAL_START);
    }

    private static boolean free(int low, int count) {
        for (int port = low; port < low + count; port++) {
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(true);
            } catch (IOException taken) {
                return false;
            }
        }
        return true;
    }
}
