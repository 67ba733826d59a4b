# Sourced by the project's scripts: exports JAVA_HOME pointing at a JDK 25 or stops with a way to get one.
steward_find_jdk25() {
  local candidate version
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk* /usr/lib/jvm/java-25-* /usr/lib/jvm/jdk-25* /opt/java/openjdk; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] || continue
    version=$("$candidate/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
    if [ "$version" = "25" ]; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  done
  cat >&2 <<'MSG'
Steward needs a JDK 25 to build, and none was found (checked JAVA_HOME and /usr/lib/jvm).
Install one, then run this command again:
  Debian/Ubuntu: add the Adoptium repository (https://adoptium.net/installation/linux/)
                 and run: sudo apt-get install temurin-25-jdk
  or download a JDK 25 from https://adoptium.net and export JAVA_HOME=/path/to/jdk-25
MSG
  return 1
}
