package dev.steward.core.cli;

/** What the process exit status tells a script. */
public final class ExitCode {
    /** Done, or stopped cleanly. */
    public static final int OK = 0;
    /** The command found problems ({@code check}) or failed at run time. */
    public static final int FAILED = 1;
    /** Bad usage or bad configuration: nothing was started. */
    public static final int BAD_CONFIGURATION = 2;

    private ExitCode() {}
}
