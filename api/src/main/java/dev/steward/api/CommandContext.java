package dev.steward.api;

import static java.util.Objects.requireNonNull;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * What a plugin's command receives.
 *
 * @param arguments the words after the command word, as typed
 * @param home the distribution's home; paths a user types resolve against the working directory, as a user expects
 * @param out for the command's result
 * @param err for messages
 */
public record CommandContext(List<String> arguments, Path home, PrintStream out, PrintStream err) {
    /** Done. */
    public static final int OK = 0;
    /** The command ran and failed. */
    public static final int FAILED = 1;
    /** Bad arguments: nothing was done. */
    public static final int BAD_USAGE = 2;

    public CommandContext {
        arguments = List.copyOf(requireNonNull(arguments, "arguments is null"));
        requireNonNull(home, "home is null");
        requireNonNull(out, "out is null");
        requireNonNull(err, "err is null");
    }
}
