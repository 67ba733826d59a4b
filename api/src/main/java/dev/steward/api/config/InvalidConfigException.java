package dev.steward.api.config;

import java.io.Serial;
import java.util.List;
import java.util.stream.Collectors;

/** Settings that cannot be used; lists every problem found, not only the first. */
public final class InvalidConfigException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final transient List<ConfigProblem> problems;

    public InvalidConfigException(List<ConfigProblem> problems) {
        super(describe(problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an InvalidConfigException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String describe(List<ConfigProblem> problems) {
        return problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n  ", "invalid configuration:\n  ", ""));
    }
}
