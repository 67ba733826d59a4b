package dev.steward.loopback;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** One keep-alive connection of a load loop, with its buffered input, so that no byte read ahead is lost. */
final class LoadConnection implements AutoCloseable {
    private final Socket socket;
    private final HttpReader in;
    private final OutputStream out;
    private long served;

    private LoadConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new HttpReader(new BufferedInputStream(socket.getInputStream()));
        this.out = socket.getOutputStream();
    }

    static LoadConnection open(InetSocketAddress proxy, Duration timeout) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(proxy, (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            return new LoadConnection(socket);
        } catch (IOException problem) {
            socket.close();
            throw problem;
        }
    }

    /** Answers received on this connection so far. */
    long served() {
        return served;
    }

    /**
     * Sends one request and reads its whole answer.
     *
     * @throws HttpReader.ClosedBeforeMessage when the proxy closed the connection before the answer started
     */
    Answer exchange(byte[] request) throws IOException {
        out.write(request);
        out.flush();
        HttpHead head = in.head();
        int status = head.status();
        String body = new String(in.body(head, true), StandardCharsets.UTF_8);
        served++;
        boolean delimitedByClose = !head.chunked() && head.contentLength().isEmpty();
        return new Answer(status, body, delimitedByClose || !head.keepsAlive());
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing a connection that failed or ended: nothing more to learn.
        }
    }

    /** A status, the body, and whether the connection is done after it. */
    record Answer(int status, String body, boolean closes) {}
}
