package dev.steward.haproxy.output;

import static java.util.Objects.requireNonNull;

import dev.steward.haproxy.runtime.HaproxyException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * A Unix datagram socket bound to a path, for receiving. The JDK's channels speak Unix domain sockets
 * only as streams, so this one is made with the C library's socket calls through the JDK's foreign
 * function API. Linux on a 64-bit machine only, where HAProxy runs.
 *
 * <p>{@link #receive()} is called by one thread at a time, and {@link #close()} only once no receive runs:
 * a receive returns at the latest after the receive timeout.
 */
public final class UnixDatagramSocket implements AutoCloseable {
    private static final int AF_UNIX = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int SOL_SOCKET = 1;
    private static final int SO_RCVBUF = 8;
    private static final int SO_RCVTIMEO = 20;
    private static final int EINTR = 4;
    private static final int EAGAIN = 11;
    /** {@code sun_path} of {@code struct sockaddr_un}, the terminating zero included. */
    private static final int SUN_PATH_BYTES = 108;
    /** No datagram on a Unix socket is larger than the socket's buffer; HAProxy's lines are far smaller. */
    private static final int MAX_DATAGRAM = 64 * 1024;

    private final Path path;
    private final int descriptor;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment buffer = arena.allocate(MAX_DATAGRAM);
    private final MemorySegment receiveState = arena.allocate(Libc.CALL_STATE);
    private boolean closed;

    private UnixDatagramSocket(Path path, int descriptor) {
        this.path = path;
        this.descriptor = descriptor;
    }

    /**
     * Binds a socket to {@code path}, replacing a socket file left there by an earlier run.
     *
     * @param receiveTimeout the longest a {@link #receive()} waits
     * @param receiveBuffer the bytes the kernel may queue for the socket (it may grant less)
     * @throws HaproxyException when the platform has no such sockets
     * @throws UncheckedIOException when the socket cannot be made or bound
     */
    static UnixDatagramSocket bind(Path path, Duration receiveTimeout, int receiveBuffer) {
        requireNonNull(path, "path is null");
        requireNonNull(receiveTimeout, "receiveTimeout is null");
        requireSupportedPlatform();
        byte[] name = path.toString().getBytes(StandardCharsets.UTF_8);
        if (name.length >= SUN_PATH_BYTES) {
            throw new IllegalArgumentException("a Unix socket path has at most " + (SUN_PATH_BYTES - 1) + " bytes, found " + path);
        }
        deleteStale(path);
        try (Arena setup = Arena.ofConfined()) {
            MemorySegment state = setup.allocate(Libc.CALL_STATE);
            int descriptor = (int) Libc.SOCKET.invokeExact(state, AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
            if (descriptor < 0) {
                throw failure("socket()", path, state);
            }
            try {
                MemorySegment address = setup.allocate(2 + SUN_PATH_BYTES);
                address.set(ValueLayout.JAVA_SHORT, 0, (short) AF_UNIX);
                MemorySegment.copy(name, 0, address, ValueLayout.JAVA_BYTE, 2, name.length);
                check((int) Libc.BIND.invokeExact(state, descriptor, address, 2 + name.length + 1), "bind()", path, state);
                MemorySegment timeout = setup.allocate(ValueLayout.JAVA_LONG, 2);
                timeout.setAtIndex(ValueLayout.JAVA_LONG, 0, receiveTimeout.toSeconds());
                timeout.setAtIndex(ValueLayout.JAVA_LONG, 1, receiveTimeout.toMillisPart() * 1000L);
                check((int) Libc.SETSOCKOPT.invokeExact(state, descriptor, SOL_SOCKET, SO_RCVTIMEO, timeout, (int) timeout.byteSize()),
                        "setsockopt(SO_RCVTIMEO)", path, state);
                MemorySegment size = setup.allocate(ValueLayout.JAVA_INT);
                size.set(ValueLayout.JAVA_INT, 0, receiveBuffer);
                check((int) Libc.SETSOCKOPT.invokeExact(state, descriptor, SOL_SOCKET, SO_RCVBUF, size, (int) size.byteSize()),
                        "setsockopt(SO_RCVBUF)", path, state);
                return new UnixDatagramSocket(path, descriptor);
            } catch (Throwable problem) {
                closeDescriptor(descriptor);
                throw problem;
            }
        } catch (IllegalCallerException | ExceptionInInitializerError denied) {
            throw new HaproxyException("HAProxy's access log through Steward needs native access for the module dev.steward.haproxy"
                    + " (java --enable-native-access=dev.steward.haproxy, or granted by the layer that loads the plugin), which this"
                    + " JVM denies: grant it, or set steward.haproxy.access-log.target to syslog or off", denied);
        } catch (RuntimeException | Error problem) {
            throw problem;
        } catch (Throwable impossible) {
            throw new IllegalStateException("calling the C library failed", impossible);
        }
    }

    /**
     * One datagram as text; empty when none arrived within the receive timeout.
     *
     * @throws UncheckedIOException when the socket fails
     */
    Optional<String> receive() {
        while (true) {
            long received;
            try {
                received = (long) Libc.RECV.invokeExact(receiveState, descriptor, buffer, buffer.byteSize(), 0);
            } catch (Throwable impossible) {
                throw new IllegalStateException("calling the C library failed", impossible);
            }
            if (received >= 0) {
                return Optional.of(new String(buffer.asSlice(0, received).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8));
            }
            int errno = errno(receiveState);
            if (errno == EAGAIN) {
                return Optional.empty();
            }
            if (errno != EINTR) {
                throw new UncheckedIOException(new IOException("recv() on " + path + " failed with errno " + errno));
            }
        }
    }

    Path path() {
        return path;
    }

    /** Closes the socket and deletes its file; call once no receive runs. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeDescriptor(descriptor);
        arena.close();
        deleteStale(path);
    }

    private static void requireSupportedPlatform() {
        boolean linux = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux");
        if (!linux || ValueLayout.ADDRESS.byteSize() != Long.BYTES) {
            throw new HaproxyException("HAProxy's access log through Steward needs Unix datagram sockets as 64-bit Linux has"
                    + " them; this is " + System.getProperty("os.name") + " " + System.getProperty("os.arch")
                    + ": set steward.haproxy.access-log.target to syslog or off");
        }
    }

    private static void deleteStale(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException problem) {
            throw new UncheckedIOException("cannot delete the old socket " + path, problem);
        }
    }

    private static void check(int result, String call, Path path, MemorySegment state) {
        if (result < 0) {
            throw failure(call, path, state);
        }
    }

    private static UncheckedIOException failure(String call, Path path, MemorySegment state) {
        return new UncheckedIOException(new IOException(call + " for the Unix datagram socket " + path + " failed with errno "
                + errno(state)));
    }

    private static int errno(MemorySegment state) {
        return (int) Libc.ERRNO.get(state, 0L);
    }

    private static void closeDescriptor(int descriptor) {
        try {
            // Linux releases the descriptor even when close() reports an error: there is nothing to retry.
            int ignored = (int) Libc.CLOSE.invokeExact(descriptor);
        } catch (Throwable impossible) {
            throw new IllegalStateException("calling the C library failed", impossible);
        }
    }

    /** The C library's calls, looked up on first use: a platform without them fails only when the socket is wanted. */
    private static final class Libc {
        static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
        static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
        static final MethodHandle SOCKET = function("socket", true,
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
        static final MethodHandle BIND = function("bind", true,
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
        static final MethodHandle SETSOCKOPT = function("setsockopt", true, FunctionDescriptor.of(ValueLayout.JAVA_INT,
                ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
        static final MethodHandle RECV = function("recv", true, FunctionDescriptor.of(ValueLayout.JAVA_LONG,
                ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));
        static final MethodHandle CLOSE = function("close", false, FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));

        private Libc() {}

        private static MethodHandle function(String name, boolean capturesErrno, FunctionDescriptor descriptor) {
            Linker linker = Linker.nativeLinker();
            MemorySegment symbol = linker.defaultLookup().find(name)
                    .orElseThrow(() -> new HaproxyException("the C library has no " + name + "()"));
            return capturesErrno
                    ? linker.downcallHandle(symbol, descriptor, Linker.Option.captureCallState("errno"))
                    : linker.downcallHandle(symbol, descriptor);
        }
    }
}
