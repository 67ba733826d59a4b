package dev.steward.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md is what the reference.conf files say. Run with
 * {@code -Dsteward.docs.write=true} (scripts/config-docs) to write it after changing a key.
 */
class ConfigurationDocsTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Path PAGE = ROOT.resolve("docs/configuration.md");

    @Test
    void theConfigurationPageMatchesTheReferenceFiles() throws IOException {
        String generated = ConfigurationDocs.render(ROOT);
        if (Boolean.getBoolean("steward.docs.write")) {
            Files.writeString(PAGE, generated, StandardCharsets.UTF_8);
        }
        assertThat(Files.exists(PAGE)).as("%s exists (scripts/config-docs writes it)", PAGE).isTrue();
        assertThat(Files.readString(PAGE, StandardCharsets.UTF_8))
                .as("docs/configuration.md is out of date: run scripts/config-docs")
                .isEqualTo(generated);
    }

    @Test
    void everyKeyIsDocumentedWithAComment() throws IOException {
        assertThat(ConfigurationDocs.render(ROOT).lines().filter(line -> line.startsWith("| `")))
                .as("a key without a comment in its reference.conf")
                .noneMatch(line -> line.endsWith("|  |"));
    }
}
