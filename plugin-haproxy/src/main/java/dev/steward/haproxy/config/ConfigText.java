package dev.steward.haproxy.config;

/** HAProxy's configuration as it is written: section headers, and their lines indented by four spaces. */
final class ConfigText {
    /** The indentation of a line in a section, as a regular expression matches it. */
    static final String INDENT_PATTERN = " {4}";

    private static final String INDENT = "    ";

    private final StringBuilder text;

    ConfigText(String header) {
        text = new StringBuilder(header).append('\n');
    }

    void section(String header) {
        text.append('\n').append(header).append('\n');
    }

    void line(String line) {
        text.append(INDENT).append(line).append('\n');
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
