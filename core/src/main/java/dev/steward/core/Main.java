package dev.steward.core;

import dev.steward.core.cli.Cli;
import java.nio.file.Path;
import java.util.List;

/** The {@code steward} command. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        int code = new Cli(System.out, System.err, home()).run(List.of(args));
        if (code != 0 || args.length == 0 || !args[0].equals("run")) {
            System.exit(code);
        }
    }

    /** The distribution's home: {@code -Dsteward.home}, set by the launcher, or STEWARD_HOME, or the working directory. */
    private static Path home() {
        String property = System.getProperty("steward.home");
        if (property != null && !property.isBlank()) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        String environment = System.getenv("STEWARD_HOME");
        if (environment != null && !environment.isBlank()) {
            return Path.of(environment).toAbsolutePath().normalize();
        }
        return Path.of("").toAbsolutePath();
    }
}
