package dev.steward.core.cli;

/** One command of the command line. */
interface Command {
    /** Runs the command; returns its exit code. */
    int run(CommandLine line);
}
