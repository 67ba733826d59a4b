package dev.steward.core.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/** A loopback port that was free a moment ago. */
public final class FreePort {
    private FreePort() {}

    /**
     * The first of {@code count} consecutive loopback ports that were all free a moment ago, below the
     * kernel's ephemeral range (32768 and up), so that no outgoing connection is given one of them
     * while the test hands them to replicas.
     */
    public static int range(int count) {
        for (int attempt = 0; attempt < 50; attempt++) {
            int first = 20_000 + ThreadLocalRandom.current().nextInt(12_000 - count);
            if (allFree(first, count)) {
                return first;
            }
        }
        throw new IllegalStateException("no " + count + " consecutive free loopback ports found");
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

    /**
     * A loopback port that is free now, for a process the test is about to start. Chosen below the
     * kernel's ephemeral range (32768 and up): a port taken from that range can be handed to an
     * outgoing connection before the process binds it.
     */
    public static int pick() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = 20_000 + ThreadLocalRandom.current().nextInt(12_000);
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // In use: try another.
            }
        }
        throw new IllegalStateException("no free loopback port below 32000 after 100 tries");
    }
}
