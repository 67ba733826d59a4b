package dev.steward.distribution;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.Location;
import dev.steward.testkit.Eventually;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The rules of the house for test code, on the compiled tests of every module of the build (each
 * module's {@code target/test-classes}) and on testkit: no sleeping to wait, and no Guice outside the
 * daemon's package. The fixtures of the rules themselves are left out.
 */
class TestCodeTest {
    private static final Path ROOT = Path.of(requireNonNull(System.getProperty("steward.root"),
            "system property steward.root is not set; run the tests with ./mvnw verify")).normalize();
    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
    private static final String FIXTURES = "dev.steward.distribution.fixture";

    private static final JavaClasses TEST_CODE = new ClassFileImporter()
            .withImportOption(location -> !location.contains("/" + FIXTURES.replace('.', '/') + "/"))
            .importLocations(locations());

    @Test
    void testCodeNeverSleepsToWait() {
        HouseRules.noSleepOutside("dev.steward", Eventually.class.getName()).check(TEST_CODE);
    }

    @Test
    void testCodeUsesGuiceOnlyInTheDaemonPackage() {
        HouseRules.guiceOnlyIn("dev.steward", "dev.steward.core.daemon").check(TEST_CODE);
    }

    @Test
    void theTestsOfEveryModuleAndTestkitAreRead() {
        assertThat(TEST_CODE.stream().map(javaClass -> javaClass.getPackageName().split("\\.")[2]).distinct())
                .as("modules whose test code was read").contains("api", "core", "haproxy", "portquarantine", "etcd",
                        "loopback", "bench", "testkit", "distribution");
    }

    /** Every module's compiled tests, which must exist (a rule over no class proves nothing), and testkit's classes. */
    private static List<Location> locations() {
        List<Location> locations = new ArrayList<>();
        for (String module : modules()) {
            if (Files.isDirectory(ROOT.resolve(module).resolve("src/test/java"))) {
                Path classes = ROOT.resolve(module).resolve("target/test-classes");
                if (!Files.isDirectory(classes)) {
                    throw new IllegalStateException(classes + " does not exist: compile every module's tests first"
                            + " (./mvnw test-compile, or -am with -pl distribution)");
                }
                locations.add(Location.of(classes));
            }
        }
        locations.add(Location.of(ROOT.resolve("testkit/target/classes")));
        return locations;
    }

    /** The modules the root pom names. */
    private static List<String> modules() {
        try {
            Matcher matcher = MODULE.matcher(Files.readString(ROOT.resolve("pom.xml")));
            List<String> modules = new ArrayList<>();
            while (matcher.find()) {
                modules.add(matcher.group(1).strip());
            }
            return modules;
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }
}
