package dev.steward.core.testing;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format (version 0.0.4), so that tests check
 * what a scraper would read rather than grep for substrings. It refuses a sample without a TYPE
 * before it, a second TYPE for a family, a malformed name, label or value.
 */
public final class PrometheusText {
    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

    /** One sample line. */
    public record Sample(String name, Map<String, String> labels, double value) {
        public Sample {
            requireNonNull(name, "name is null");
            labels = Map.copyOf(requireNonNull(labels, "labels is null"));
        }
    }

    private final Map<String, String> types;
    private final List<Sample> samples;

    private PrometheusText(Map<String, String> types, List<Sample> samples) {
        this.types = Map.copyOf(types);
        this.samples = List.copyOf(samples);
    }

    /** @throws IllegalArgumentException naming the line that breaks the format */
    public static PrometheusText parse(String text) {
        Map<String, String> types = new LinkedHashMap<>();
        List<Sample> samples = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            try {
                if (line.isEmpty()) {
                    continue;
                }
                if (line.startsWith("#")) {
                    comment(line, types);
                } else {
                    Sample sample = new SampleReader(line).read();
                    String family = family(sample.name(), types)
                            .orElseThrow(() -> new IllegalArgumentException("sample " + sample.name() + " has no TYPE before it"));
                    if (types.get(family).equals("histogram") && sample.name().endsWith("_bucket")
                            && !sample.labels().containsKey("le")) {
                        throw new IllegalArgumentException("histogram bucket without an le label");
                    }
                    samples.add(sample);
                }
            } catch (IllegalArgumentException bad) {
                throw new IllegalArgumentException("line " + (i + 1) + " (" + line + "): " + bad.getMessage(), bad);
            }
        }
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new IllegalArgumentException("the exposition does not end with a line feed");
        }
        return new PrometheusText(types, samples);
    }

    /** The TYPE of a family, such as {@code counter} for {@code steward_applies_total}. */
    public Optional<String> type(String family) {
        return Optional.ofNullable(types.get(family));
    }

    /** The value of the sample with exactly these labels, given as name, value, name, value... */
    public Optional<Double> value(String name, String... labels) {
        Map<String, String> wanted = new HashMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        return samples.stream().filter(sample -> sample.name().equals(name) && sample.labels().equals(wanted))
                .map(Sample::value).findFirst();
    }

    public List<Sample> samples() {
        return samples;
    }

    private static void comment(String line, Map<String, String> types) {
        String[] words = line.split(" ", 4);
        if (words.length < 3 || !words[0].equals("#")) {
            return;
        }
        if (words[1].equals("TYPE")) {
            String family = requireName(words[2]);
            String type = words.length == 4 ? words[3] : "";
            if (!TYPES.contains(type)) {
                throw new IllegalArgumentException("unknown type " + type);
            }
            if (types.putIfAbsent(family, type) != null) {
                throw new IllegalArgumentException("a second TYPE for " + family);
            }
        } else if (words[1].equals("HELP")) {
            requireName(words[2]);
        }
    }

    private static Optional<String> family(String name, Map<String, String> types) {
        if (types.containsKey(name)) {
            return Optional.of(name);
        }
        for (String suffix : List.of("_bucket", "_sum", "_count", "_created")) {
            if (name.endsWith(suffix)) {
                String family = name.substring(0, name.length() - suffix.length());
                if (types.containsKey(family)) {
                    return Optional.of(family);
                }
                if (types.containsKey(family + "_total")) {
                    return Optional.of(family + "_total");
                }
            }
        }
        return Optional.empty();
    }

    private static String requireName(String name) {
        if (!METRIC_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("bad metric name " + name);
        }
        return name;
    }

    /** Reads {@code name{label="value",...} value [timestamp]}. */
    private static final class SampleReader {
        private final String line;
        private int at;

        SampleReader(String line) {
            this.line = line;
        }

        Sample read() {
            String name = requireName(token(c -> c != '{' && c != ' '));
            Map<String, String> labels = new LinkedHashMap<>();
            if (peek() == '{') {
                at++;
                while (peek() != '}') {
                    String label = token(c -> c != '=');
                    if (!LABEL_NAME.matcher(label).matches() || labels.containsKey(label)) {
                        throw new IllegalArgumentException("bad or repeated label name " + label);
                    }
                    expect('=');
                    labels.put(label, quoted());
                    if (peek() == ',') {
                        at++;
                    } else if (peek() != '}') {
                        throw new IllegalArgumentException("expected , or } at column " + (at + 1));
                    }
                }
                at++;
            }
            expect(' ');
            String[] rest = line.substring(at).split(" ");
            if (rest.length < 1 || rest.length > 2) {
                throw new IllegalArgumentException("expected a value and an optional timestamp");
            }
            if (rest.length == 2) {
                Long.parseLong(rest[1]);
            }
            return new Sample(name, labels, number(rest[0]));
        }

        private String quoted() {
            expect('"');
            StringBuilder value = new StringBuilder();
            while (true) {
                char c = next();
                if (c == '"') {
                    return value.toString();
                }
                if (c == '\\') {
                    char escaped = next();
                    switch (escaped) {
                        case '\\' -> value.append('\\');
                        case '"' -> value.append('"');
                        case 'n' -> value.append('\n');
                        default -> throw new IllegalArgumentException("bad escape \\" + escaped);
                    }
                } else {
                    value.append(c);
                }
            }
        }

        private static double number(String text) {
            return switch (text) {
                case "+Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                case "NaN" -> Double.NaN;
                default -> Double.parseDouble(text);
            };
        }

        private String token(IntPredicate accepts) {
            int start = at;
            while (at < line.length() && accepts.test(line.charAt(at))) {
                at++;
            }
            return line.substring(start, at);
        }

        private char peek() {
            if (at >= line.length()) {
                throw new IllegalArgumentException("the line ends too early");
            }
            return line.charAt(at);
        }

        private char next() {
            char c = peek();
            at++;
            return c;
        }

        private void expect(char wanted) {
            if (next() != wanted) {
                throw new IllegalArgumentException("expected '" + wanted + "' at column " + at);
            }
        }
    }
}
