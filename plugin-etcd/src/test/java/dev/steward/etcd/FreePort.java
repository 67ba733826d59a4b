package dev.steward.etcd;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/** A loopback port that was free a moment ago. */
final class FreePort {
    private FreePort() {}

    /**
     * A loopback port that is free now, for a process the test is about to start. Chosen below the
     * kernel's ephemeral range (32768 and up): a port taken from that range can be handed to an
     * outgoing connection before the process binds it.
     */
    static int pick() {
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
