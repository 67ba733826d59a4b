package dev.steward.api;

/**
 * A command of the {@code steward} command line that a plugin adds: {@code steward <name> ...}.
 * Found with {@link java.util.ServiceLoader}, declared in the plugin's {@code module-info.java} with
 * {@code provides}, like the other providers.
 */
public interface CommandProvider {
    /** The command word, in the name alphabet; a word of core's own commands ({@code run}, ...) is refused. */
    String name();

    /** What the command takes, for the usage text: {@code --etcd URLS --prefix PREFIX --state FILE}. */
    String synopsis();

    /** One line saying what the command does, for the usage text. */
    String description();

    /**
     * Runs the command. Bad arguments are reported on {@link CommandContext#err()}, naming the argument
     * and the reason.
     *
     * @return the exit status: {@link CommandContext#OK}, {@link CommandContext#FAILED} or
     *     {@link CommandContext#BAD_USAGE}
     */
    int run(CommandContext context);
}
