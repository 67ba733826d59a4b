package dev.steward.haproxy.settings;

import static java.util.Objects.requireNonNull;

import dev.steward.api.config.ConfigProblem;
import dev.steward.api.config.InvalidConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where the backend keeps its files, all under the plugin's data directory. Paths that reach config
 * lines (admin socket, server-state file) are checked against a strict alphabet.
 *
 * @param directory the plugin's data directory
 * @param liveConfig the configuration the serving process runs
 * @param candidateConfig a configuration being checked and started
 * @param serverState the server-state file a new process loads
 * @param processRecord names the HAProxy processes Steward started that may outlive it
 * @param runtimeDirectory holds the admin socket; only Steward's user can enter it
 * @param adminSocket HAProxy's admin socket
 * @param logs HAProxy's output files
 * @param accessLogSocket the Unix datagram socket HAProxy sends access log lines to, in the runtime directory
 * @param errorPages the error files of pages whose status differs from the error they answer
 */
public record RuntimePaths(
        Path directory,
        Path liveConfig,
        Path candidateConfig,
        Path serverState,
        Path processRecord,
        Path runtimeDirectory,
        Path adminSocket,
        Path logs,
        Path accessLogSocket,
        Path errorPages) {
    /** HAProxy binds a Unix socket through a temporary name longer than the path; it refuses paths past this. */
    static final int MAX_SOCKET_PATH = 97;

    private static final String DATA_DIR_KEY = "steward.data-dir";
    private static final Pattern CONFIG_PATH = Pattern.compile("[A-Za-z0-9/._+-]+");
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    public RuntimePaths {
        requireNonNull(directory, "directory is null");
        requireNonNull(liveConfig, "liveConfig is null");
        requireNonNull(candidateConfig, "candidateConfig is null");
        requireNonNull(serverState, "serverState is null");
        requireNonNull(processRecord, "processRecord is null");
        requireNonNull(runtimeDirectory, "runtimeDirectory is null");
        requireNonNull(adminSocket, "adminSocket is null");
        requireNonNull(logs, "logs is null");
        requireNonNull(accessLogSocket, "accessLogSocket is null");
        requireNonNull(errorPages, "errorPages is null");
    }

    /**
     * The layout under {@code dataDirectory}.
     *
     * @throws InvalidConfigException naming {@code steward.data-dir} when the directory cannot reach a config line
     */
    public static RuntimePaths under(Path dataDirectory) {
        Path directory = requireNonNull(dataDirectory, "dataDirectory is null").toAbsolutePath().normalize();
        Path runtimeDirectory = directory.resolve("run");
        RuntimePaths paths = new RuntimePaths(
                directory,
                directory.resolve("haproxy.cfg"),
                directory.resolve("haproxy.cfg.candidate"),
                directory.resolve("haproxy.state"),
                directory.resolve("haproxy.processes"),
                runtimeDirectory,
                runtimeDirectory.resolve("admin.sock"),
                directory.resolve("logs"),
                // One byte longer than the admin socket's name, and a plain socket: within every limit the admin socket meets.
                runtimeDirectory.resolve("access.sock"),
                directory.resolve("errors"));
        paths.requireUsableInConfig();
        return paths;
    }

    /** The error file of a page that answers HAProxy's own error {@code status}. */
    public Path errorPage(int status) {
        return errorPages.resolve(status + ".http");
    }

    /** Creates the directories; the runtime directory gets mode 0700 even when it existed. */
    public void create() {
        try {
            Files.createDirectories(directory);
            Files.createDirectories(logs);
            Files.createDirectories(errorPages);
            Files.createDirectories(runtimeDirectory);
            Files.setPosixFilePermissions(runtimeDirectory, OWNER_ONLY);
        } catch (IOException problem) {
            throw new UncheckedIOException("cannot prepare HAProxy's directories under " + directory, problem);
        }
    }

    /** Whether a path can stand in a config line: nothing that could end a word or start a comment. */
    static boolean fitsInConfig(Path path) {
        return CONFIG_PATH.matcher(requireNonNull(path, "path is null").toString()).matches();
    }

    private void requireUsableInConfig() {
        for (Path path : List.of(adminSocket, serverState, accessLogSocket, errorPages)) {
            if (!fitsInConfig(path)) {
                throw invalid("the plugin's data directory " + directory + " reaches HAProxy's configuration and may only hold"
                        + " letters, digits and / . _ + -");
            }
        }
        int socketLength = adminSocket.toString().getBytes(StandardCharsets.UTF_8).length;
        if (socketLength > MAX_SOCKET_PATH) {
            throw invalid("the admin socket " + adminSocket + " is " + socketLength + " bytes long; HAProxy accepts at most "
                    + MAX_SOCKET_PATH + ": choose a shorter data directory");
        }
    }

    private static InvalidConfigException invalid(String reason) {
        return new InvalidConfigException(List.of(new ConfigProblem(DATA_DIR_KEY, reason, "")));
    }
}
