package dev.steward.distribution;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A test of the built image: each test runs its own copy, in a temp folder that holds all its state too. */
abstract class ImageTest {
    @TempDir
    Path temp;

    Distribution distribution;

    @BeforeEach
    void copyDistribution() {
        distribution = Distribution.copyInto(temp);
    }
}
