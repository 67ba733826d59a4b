package dev.steward.haproxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for HAProxy's admin socket and refuses the next batch of {@code set server} commands, as
 * HAProxy does for a client without the admin level, then puts the real socket back; every other
 * request is passed to HAProxy. Moving the real socket aside and back keeps HAProxy's own listener,
 * so a reload after the refusal can take the listening sockets over as usual.
 */
final class RefusingAdminSocket implements AutoCloseable {
    private final Path socket;
    private final Path aside;
    private final ServerSocketChannel fake;
    private final AtomicInteger refusedBatches = new AtomicInteger();
    private volatile boolean swapped = true;

    RefusingAdminSocket(Path socket) {
        this.socket = socket;
        this.aside = socket.resolveSibling(socket.getFileName() + ".real");
        try {
            Files.move(socket, aside, StandardCopyOption.ATOMIC_MOVE);
            fake = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            fake.bind(UnixDomainSocketAddress.of(socket));
        } catch (IOException problem) {
            throw new UncheckedIOException(problem);
        }
        Thread.ofVirtual().name("refusing-admin-socket").start(this::serve);
    }

    /** Where HAProxy's own socket is while this one stands in for it. */
    Path real() {
        return aside;
    }

    int refusedBatches() {
        return refusedBatches.get();
    }

    private void serve() {
        while (fake.isOpen()) {
            try (SocketChannel client = fake.accept()) {
                String line = readLine(client);
                String answer;
                if (line.startsWith("set server") && swapped) {
                    restore();
                    refusedBatches.incrementAndGet();
                    answer = "Permission denied\n\n".repeat(line.split(";").length);
                } else {
                    answer = forward(line);
                }
                client.write(ByteBuffer.wrap(answer.getBytes(StandardCharsets.UTF_8)));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private String forward(String line) throws IOException {
        try (SocketChannel haproxy = SocketChannel.open(UnixDomainSocketAddress.of(aside))) {
            haproxy.write(ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8)));
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
            while (haproxy.read(buffer) >= 0) {
                answer.write(buffer.array(), 0, buffer.position());
                buffer.clear();
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    private static String readLine(SocketChannel client) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        ByteBuffer one = ByteBuffer.allocate(1);
        while (client.read(one) > 0 && one.get(0) != '\n') {
            line.write(one.get(0));
            one.clear();
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    private synchronized void restore() throws IOException {
        if (swapped) {
            Files.move(aside, socket, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            swapped = false;
        }
    }

    @Override
    public void close() throws IOException {
        restore();
        fake.close();
    }
}
