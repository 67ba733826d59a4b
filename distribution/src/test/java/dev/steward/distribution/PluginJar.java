package dev.steward.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.spi.ToolProvider;

/**
 * A third-party plugin, built the way its author would: a named module compiled against Steward's api
 * module alone (with javac and jar, through the JDK's tool providers), packed into a jar.
 */
final class PluginJar {
    /** The api and the modules it requires, as the build prepared them for the image. */
    private static final Path MODULES = Path.of(System.getProperty("steward.modules"));

    static final String NAME = "extra";
    static final String MODULE = "example.extra";
    static final String VERSION = "1.2.3";

    private static final Map<String, String> SOURCES = Map.of(
            "module-info.java", """
                    module example.extra {
                        requires dev.steward.api;

                        provides dev.steward.api.BroadcastSourceProvider with example.extra.ExtraSourceProvider;
                    }
                    """,
            "example/extra/ExtraSourceProvider.java", """
                    package example.extra;

                    import dev.steward.api.BroadcastSink;
                    import dev.steward.api.BroadcastSource;
                    import dev.steward.api.BroadcastSourceProvider;
                    import dev.steward.api.PluginContext;

                    /** A source that never broadcasts anything. */
                    public final class ExtraSourceProvider implements BroadcastSourceProvider {
                        @Override
                        public String name() {
                            return "extra";
                        }

                        @Override
                        public BroadcastSource create(PluginContext context) {
                            return new BroadcastSource() {
                                @Override
                                public void start(BroadcastSink sink) {}

                                @Override
                                public void close() {}
                            };
                        }
                    }
                    """);

    private PluginJar() {}

    /** Compiles the plugin in {@code work} and packs it into {@code jar}. */
    static Path build(Path work, Path jar) throws IOException {
        Path sources = work.resolve("src");
        Path classes = work.resolve("classes");
        for (Map.Entry<String, String> source : SOURCES.entrySet()) {
            Path file = sources.resolve(source.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
        }
        List<String> javac = List.of("--module-path", MODULES.toString(), "--module-version", VERSION,
                "-d", classes.toString(),
                sources.resolve("module-info.java").toString(),
                sources.resolve("example/extra/ExtraSourceProvider.java").toString());
        run(ToolProvider.findFirst("javac").orElseThrow(), javac);
        run(ToolProvider.findFirst("jar").orElseThrow(),
                List.of("--create", "--file", jar.toString(), "-C", classes.toString(), "."));
        return jar;
    }

    private static void run(ToolProvider tool, List<String> arguments) {
        StringWriter output = new StringWriter();
        PrintWriter writer = new PrintWriter(output);
        int exitCode = tool.run(writer, writer, arguments.toArray(String[]::new));
        writer.flush();
        assertThat(exitCode).as(tool.name() + " " + arguments + ":\n" + output).isZero();
    }
}
