package dev.steward.haproxy.runtime;

import static java.util.Objects.requireNonNull;

import dev.steward.api.time.TimeSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Speaks HAProxy's runtime API on its admin socket, one request line per connection (one command,
 * or a batch of {@code ;}-separated ones): HAProxy answers and closes. Every command has a deadline; the channel is non-blocking so that a process that
 * accepts but never answers cannot hold Steward.
 */
public final class RuntimeApi {
    /** An answer larger than this is not HAProxy's: {@code show servers state} of 10,000 slots is ~1 MB. */
    private static final int MAX_ANSWER = 64 * 1024 * 1024;
    /** HAProxy reads a request line into one buffer (16 kB by default); a batch stays well below. */
    private static final int MAX_BATCH = 4096;

    private final UnixDomainSocketAddress socket;
    private final Duration timeout;
    private final TimeSource time;

    public RuntimeApi(Path socket, Duration timeout, TimeSource time) {
        this.socket = UnixDomainSocketAddress.of(requireNonNull(socket, "socket is null"));
        this.timeout = requireNonNull(timeout, "timeout is null");
        this.time = requireNonNull(time, "time is null");
    }

    public ShowInfo showInfo() {
        return ShowInfo.parse(execute(ShowInfo.COMMAND));
    }

    public String showServersState() {
        return execute(ServersState.COMMAND);
    }

    /** {@code show servers state} of one backend. */
    public String showServersState(String backend) {
        return execute(ServersState.COMMAND + " " + ServerName.requireName("backend", backend));
    }

    /**
     * Sends {@code commands} several to a connection, separated by {@code ;}, and returns one answer per
     * command, in order. HAProxy ends each command's answer with an empty line; only commands whose
     * own answers hold no empty line (the {@code set} commands) can be told apart this way.
     *
     * @throws RuntimeApiException naming the batch when a connection fails or the answers cannot be told apart
     */
    public List<String> executeAll(List<String> commands) {
        requireNonNull(commands, "commands is null");
        List<String> answers = new ArrayList<>(commands.size());
        List<String> batch = new ArrayList<>();
        int length = 0;
        for (String command : commands) {
            requireOneCommand(command);
            if (!batch.isEmpty() && length + command.length() + 2 > MAX_BATCH) {
                answers.addAll(executeBatch(batch));
                batch.clear();
                length = 0;
            }
            batch.add(command);
            length += command.length() + 2;
        }
        if (!batch.isEmpty()) {
            answers.addAll(executeBatch(batch));
        }
        return answers;
    }

    private List<String> executeBatch(List<String> batch) {
        String line = String.join("; ", batch);
        String answer = send(line);
        List<String> answers = new ArrayList<>(batch.size());
        StringBuilder current = new StringBuilder();
        String[] lines = answer.split("\n", -1);
        int end = answer.endsWith("\n") ? lines.length - 1 : lines.length;
        for (int i = 0; i < end; i++) {
            if (lines[i].isEmpty()) {
                answers.add(current.toString());
                current.setLength(0);
            } else {
                current.append(lines[i]).append('\n');
            }
        }
        if (answers.size() != batch.size() || !current.isEmpty()) {
            throw new RuntimeApiException(line, "expected " + batch.size() + " answers, found " + answers.size()
                    + (current.isEmpty() ? "" : " and an unterminated one") + ": " + answer.strip());
        }
        return answers;
    }

    /**
     * Sends one command and returns the whole answer.
     *
     * @throws RuntimeApiException naming the command, when the socket refuses, the deadline passes or the answer is too large
     */
    public String execute(String command) {
        requireOneCommand(command);
        return send(command);
    }

    private static void requireOneCommand(String command) {
        requireNonNull(command, "command is null");
        if (command.isBlank() || command.chars().anyMatch(c -> c == '\n' || c == '\r' || c == ';')) {
            throw new IllegalArgumentException("one command without line breaks or ';' expected, found \"" + command + "\"");
        }
    }

    private String send(String command) {
        long deadline = time.monotonicNanos() + timeout.toNanos();
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
                Selector selector = Selector.open()) {
            channel.configureBlocking(false);
            SelectionKey key = channel.register(selector, 0);
            if (!channel.connect(socket)) {
                await(key, SelectionKey.OP_CONNECT, deadline, command);
                channel.finishConnect();
            }
            ByteBuffer request = ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.UTF_8));
            while (request.hasRemaining()) {
                if (channel.write(request) == 0) {
                    await(key, SelectionKey.OP_WRITE, deadline, command);
                }
            }
            return readToEnd(channel, key, deadline, command);
        } catch (IOException problem) {
            throw new RuntimeApiException(command, "on " + socket.getPath() + ": " + problem.getMessage(), problem);
        }
    }

    private String readToEnd(SocketChannel channel, SelectionKey key, long deadline, String command) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
        while (true) {
            int read = channel.read(buffer);
            if (read < 0) {
                return answer.toString(StandardCharsets.UTF_8);
            }
            if (read == 0) {
                await(key, SelectionKey.OP_READ, deadline, command);
                continue;
            }
            answer.write(buffer.array(), 0, buffer.position());
            buffer.clear();
            if (answer.size() > MAX_ANSWER) {
                throw new RuntimeApiException(command, "the answer exceeds " + MAX_ANSWER + " bytes");
            }
        }
    }

    private void await(SelectionKey key, int operation, long deadline, String command) throws IOException {
        key.interestOps(operation);
        while (true) {
            long remaining = deadline - time.monotonicNanos();
            if (remaining <= 0) {
                throw new RuntimeApiException(command, "no answer on " + socket.getPath() + " within " + timeout.toMillis() + " ms");
            }
            if (key.selector().select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining))) > 0) {
                key.selector().selectedKeys().clear();
                return;
            }
        }
    }
}
