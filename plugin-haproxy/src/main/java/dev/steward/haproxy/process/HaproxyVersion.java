package dev.steward.haproxy.process;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The version an HAProxy executable reports, and what Steward does differently because of it.
 * Steward supports 2.6 and newer; 2.6 (Debian 12) and 3.0 (Debian 13) are the versions it is tested
 * against.
 *
 * @param major 2 in {@code 2.6.12-1+deb12u4}
 * @param minor 6 in it
 * @param text the whole version as HAProxy prints it
 */
public record HaproxyVersion(int major, int minor, String text) {
    static final HaproxyVersion MINIMUM = new HaproxyVersion(2, 6, "2.6");
    private static final Pattern NUMBERS = Pattern.compile("([0-9]+)\\.([0-9]+)(?:[.-].*)?");

    public HaproxyVersion {
        requireNonNull(text, "text is null");
    }

    /** Reads {@code 3.0.11-9e587df}; empty for a version without {@code major.minor} at its start. */
    static Optional<HaproxyVersion> parse(String text) {
        Matcher numbers = NUMBERS.matcher(requireNonNull(text, "text is null"));
        if (!numbers.matches()) {
            return Optional.empty();
        }
        return Optional.of(new HaproxyVersion(Integer.parseInt(numbers.group(1)), Integer.parseInt(numbers.group(2)), text));
    }

    boolean atLeast(int wantedMajor, int wantedMinor) {
        return major > wantedMajor || (major == wantedMajor && minor >= wantedMinor);
    }

    boolean supported() {
        return atLeast(MINIMUM.major, MINIMUM.minor);
    }

    /**
     * The version-dependent behaviour Steward relies on, for {@code steward check}: each is a word on
     * what this version does, and what Steward does about it.
     */
    public List<String> features() {
        List<String> features = new ArrayList<>();
        features.add("set server addr answers in " + (atLeast(3, 0) ? "3.0's words (\"nothing changed\", \"port changed ...\")"
                : "2.6's words (\"no need to change the addr ...\")"));
        features.add(atLeast(2, 7) ? "master CLI reports reload status (2.7+); unused: Steward proves each new process itself"
                : "no reload status on the master CLI (before 2.7); Steward proves each new process itself");
        features.add(atLeast(3, 0) ? "add server refuses 'enabled'; Steward enables servers with 'enable server'"
                : "add server takes no 'enabled' from Steward; servers are enabled with 'enable server'");
        return features;
    }

    @Override
    public String toString() {
        return text;
    }
}
