package dev.steward.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Loopback ports that are free now, for processes a test is about to start. Chosen below the kernel's
 * ephemeral range (32768 and up): a port taken from that range can be handed to an outgoing connection
 * before the process binds it.
 */
public final class FreePort {
    private static final int LOWEST = 20_000;
    private static final int SPAN = 12_000;

    private FreePort() {}

    /** A loopback port that is free now. */
    public static int pick() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = LOWEST + ThreadLocalRandom.current().nextInt(SPAN);
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // In use: try another.
            }
        }
        throw new IllegalStateException("no free loopback port below 32000 after 100 tries");
    }

    /** The first of {@code count} consecutive loopback ports that are all free now, for replicas a test starts. */
    public static int range(int count) {
        for (int attempt = 0; attempt < 50; attempt++) {
            int first = LOWEST + ThreadLocalRandom.current().nextInt(SPAN - count);
            if (allFree(first, count)) {
                return first;
            }
        }
        throw new IllegalStateException("no " + count + " consecutive free loopback ports found");
    }

    /** {@link #range(int)} as a port policy's {@code range} setting: {@code "low-high"}, both included. */
    public static String rangeSetting(int count) {
        int first = range(count);
        return first + "-" + (first + count - 1);
    }

    private static boolean allFree(int first, int count) {
        for (int port = first; port < first + count; port++) {
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(true);
            } catch (IOException taken) {
                return false;
            }
        }
        return true;
    }
}
