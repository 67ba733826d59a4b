package dev.steward.distribution;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The root pom bans mocking libraries from every module's class paths (the enforcer's
 * bannedDependencies, through other libraries too): the build of a fixture project that inherits the
 * root pom and gets one through a test library fails on the ban. The fixture's stand-ins live in a
 * repository beside it, and Maven gets a local repository of its own, so nothing is downloaded and
 * nothing is written to the machine's.
 */
class MockingBanTest {
    private static final Path ROOT = Path.of(requireNonNull(System.getProperty("steward.root"),
            "system property steward.root is not set; run the tests with ./mvnw verify")).normalize();
    private static final Path REPOSITORY = Path.of(requireNonNull(System.getProperty("steward.maven.repository"),
            "system property steward.maven.repository is not set; run the tests with ./mvnw verify"));

    @TempDir
    Path temp;

    @Test
    void aMockingLibraryThatAnotherTestLibraryBringsFailsTheBuild() throws IOException {
        Path fixture = ROOT.resolve("distribution/src/test/fixtures/mocking/pom.xml");
        Path localRepository = Files.createDirectory(temp.resolve("repository"));

        Launch build = Launch.run(ROOT.resolve("mvnw"), temp, Map.of("JAVA_HOME", System.getProperty("java.home"),
                        "PATH", System.getenv("PATH"), "HOME", System.getProperty("user.home")),
                "-o", "-B", "-Daether.offline.protocols=file", "-Dmaven.repo.local=" + localRepository,
                "-Dmaven.repo.local.tail=" + REPOSITORY, "-f", fixture.toString(), "validate");

        assertThat(build.exitCode()).as(build.toString()).isNotZero();
        assertThat(build.stdout()).as(build.toString())
                .contains("no-mocking-library")
                .contains("org.example:test-helpers")
                .contains("org.mockito:mockito-core:pom:0.0.0-fixture <--- banned")
                .contains("a mocking library is not allowed on any class path");
    }
}
