package dev.steward.core.cli;

/** Steward's version, as the build recorded it in the core module. */
public final class Version {
    private Version() {}

    public static String current() {
        return Version.class.getModule().getDescriptor() == null
                ? "development"
                : Version.class.getModule().getDescriptor().version().map(Object::toString).orElse("development");
    }
}
