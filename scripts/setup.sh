# shellcheck shell=bash
# Sourced by the project's scripts (scripts/start, scripts/test, .ci/run): installs what they need on a
# fresh Debian 12 (bookworm) or Debian 13 (trixie) machine, as root or through sudo.
#
#   steward_setup_start            the packages scripts/start needs
#   steward_setup_test             the packages scripts/test needs
#   steward_install_packages [--why TEXT] PKG...
#                                  installs those of PKG that are missing, saying so in one line
#   steward_other_haproxy          builds (once, cached) the HAProxy of the other Debian release
#                                  from Debian's source package and prints the binary's path
#
# Safe under set -euo pipefail. Sourcing it also sources scripts/jdk25.sh (steward_find_jdk25).

steward_setup_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=scripts/jdk25.sh
. "$steward_setup_dir/jdk25.sh"

# haproxy: the end-to-end tests run it; procps: its kill, which the HAProxy backend uses for a
# graceful stop. etcd-server, etcd-client, openssl: the etcd plugin's tests start a real etcd, set it
# up with etcdctl (users, TLS health) and make its test certificates. socat, wrk: tools of the
# project's test machines (admin socket, load). curl, unzip, ca-certificates: the Maven wrapper's
# download of Maven. binutils: jlink --strip-debug runs objcopy (a minimal Debian lacks it). python3:
# the sample replica of scripts/start, which a test machine runs too.
STEWARD_TEST_PACKAGES=(haproxy procps socat wrk etcd-server etcd-client openssl curl unzip ca-certificates
  binutils python3)
# scripts/start: HAProxy and its kill, jlink's objcopy, the Maven wrapper's download, the sample replica.
STEWARD_START_PACKAGES=(haproxy procps binutils curl unzip ca-certificates python3)
# What building HAProxy from Debian's source package takes: dpkg-source to unpack it, a C toolchain,
# and the headers of the libraries it is built with (OpenSSL, PCRE2).
STEWARD_HAPROXY_BUILD_PACKAGES=(dpkg-dev gcc make libc6-dev libssl-dev libpcre2-dev)

# The HAProxy LTS of each Debian release, pinned: the other release's is the second HAProxy the
# tests run against. An apt source line for its source package is added by steward_other_haproxy.
STEWARD_HAPROXY_BOOKWORM=2.6.12-1+deb12u4
STEWARD_HAPROXY_TRIXIE=3.0.11-1+deb13u4

steward_apt_updated=${steward_apt_updated:-0}

# Runs a command as root: directly when root, else through sudo.
steward_as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null; then
    sudo "$@"
  else
    echo "setup: this needs root and sudo is not installed: run as root, or install sudo, for: $*" >&2
    return 1
  fi
}

steward_apt_get() {
  steward_as_root env DEBIAN_FRONTEND=noninteractive DEBCONF_NOWARNINGS=yes apt-get -q "$@"
}

# apt-get update, once per shell unless forced (after a new apt source).
steward_apt_update() {
  if [ "$steward_apt_updated" != 1 ] || [ "${1:-}" = --force ]; then
    steward_apt_get update >/dev/null
    steward_apt_updated=1
  fi
}

steward_missing_packages() {
  local pkg
  for pkg in "$@"; do
    [ "$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)" = "install ok installed" ] || printf '%s\n' "$pkg"
  done
}

# steward_install_packages [--why TEXT] PKG...: installs the packages that are missing, after one
# apt-get update, and says in one line what and why. Prints nothing when all are there.
steward_install_packages() {
  local why="" missing
  if [ "${1:-}" = --why ]; then
    why="; $2"
    shift 2
  fi
  missing=$(steward_missing_packages "$@" | tr '\n' ' ')
  missing=${missing% }
  [ -n "$missing" ] || return 0
  echo "setup: installing ${missing} (missing${why})"
  steward_apt_update
  # shellcheck disable=SC2086 # one word per package
  steward_apt_get install -y --no-install-recommends $missing >/dev/null
}

steward_setup_test() {
  steward_install_packages --why "the tests need them" "${STEWARD_TEST_PACKAGES[@]}"
}

steward_setup_start() {
  steward_install_packages --why "scripts/start needs them" "${STEWARD_START_PACKAGES[@]}"
}

# The codename of this Debian release: bookworm or trixie (or whatever else it says).
steward_debian_release() {
  local codename="" version=""
  if [ -r /etc/os-release ]; then
    codename=$(. /etc/os-release && printf '%s' "${VERSION_CODENAME:-}")
  fi
  if [ -z "$codename" ] && [ -r /etc/debian_version ]; then
    version=$(cat /etc/debian_version)
    case "$version" in
      12.* | bookworm*) codename=bookworm ;;
      13.* | trixie*) codename=trixie ;;
    esac
  fi
  printf '%s\n' "${codename:-unknown}"
}

# The upstream major.minor of a Debian version: 3.0.11-1+deb13u4 -> 3.0.
steward_major_minor() {
  local upstream=${1#*:}
  upstream=${upstream%%-*}
  printf '%s\n' "$upstream" | cut -d. -f1,2
}

# Whether a HAProxy binary runs and was built with the Prometheus exporter.
steward_haproxy_ok() {
  local vv
  [ -x "$1" ] || return 1
  vv=$("$1" -vv 2>&1) || return 1
  grep -q '^HAProxy version' <<<"$vv" && grep -q 'prometheus-exporter' <<<"$vv"
}

# The upstream part of a Debian version: 1:3.0.11-1+deb13u4 -> 3.0.11.
steward_upstream_version() {
  local upstream=${1#*:}
  printf '%s\n' "${upstream%%-*}"
}

# The source package's files of haproxy VERSION, downloaded into DIR (as far as the archive serves
# them): prints "debian" when Debian's whole source package came (.dsc, .debian.tar.xz and the
# upstream tarball), "upstream" when only the upstream tarball did, and nothing otherwise.
steward_download_haproxy_source() {
  local version=$1 dir=$2 plain
  plain=${version#*:}
  mkdir -p "$dir"
  # apt-get source downloads as the _apt user where it can.
  chmod 755 "$dir"
  (cd "$dir" && apt-get -q source --download-only "haproxy=$version") >"$dir/download.log" 2>&1 || true
  local tarball
  tarball=$(find "$dir" -maxdepth 1 -name "haproxy_$(steward_upstream_version "$version").orig.tar.*" ! -name '*.asc' |
    head -1)
  if [ -s "$dir/haproxy_$plain.dsc" ] && [ -s "$dir/haproxy_$plain.debian.tar.xz" ] && [ -n "$tarball" ]; then
    echo debian
  elif [ -n "$tarball" ]; then
    echo upstream
  fi
}

# Ensures the HAProxy of the other Debian release (trixie's 3.0 on bookworm, bookworm's 2.6 on
# trixie) is built from Debian's source package and cached outside the checkout, under
# ${STEWARD_CACHE:-$HOME/.cache/steward}/haproxy/<debian-version>/haproxy, and prints its path.
# Messages go to stderr, the path alone to stdout. STEWARD_OTHER_HAPROXY=/path/to/haproxy skips it all.
#
# The archive may list a version whose files it no longer serves, or serve the upstream tarball of
# a source package but not Debian's part of it (the .dsc and the .debian.tar.xz, with its patches).
# Then, in this order: the newest other version of the same major.minor that it serves whole; else
# the upstream tarball alone, built without Debian's patches and cached under the upstream version
# (.../haproxy/3.0.11/haproxy). Each of these says so in one line.
steward_other_haproxy() {
  if [ -n "${STEWARD_OTHER_HAPROXY:-}" ]; then
    if ! steward_haproxy_ok "$STEWARD_OTHER_HAPROXY"; then
      echo "setup: STEWARD_OTHER_HAPROXY=$STEWARD_OTHER_HAPROXY does not run or lacks the Prometheus exporter" >&2
      return 1
    fi
    printf '%s\n' "$STEWARD_OTHER_HAPROXY"
    return 0
  fi
  local release other pinned wanted cache home
  release=$(steward_debian_release)
  case "$release" in
    bookworm) other=trixie pinned=$STEWARD_HAPROXY_TRIXIE ;;
    trixie) other=bookworm pinned=$STEWARD_HAPROXY_BOOKWORM ;;
    *)
      echo "setup: the second HAProxy is known for Debian 12 (bookworm) and 13 (trixie) only, not '$release';" \
        "set STEWARD_OTHER_HAPROXY=/path/to/haproxy, or STEWARD_TEST_SECOND_HAPROXY=0" >&2
      return 1
      ;;
  esac
  wanted=$(steward_major_minor "$pinned")
  home=${HOME:-$(getent passwd "$(id -u)" | cut -d: -f6)}
  cache="${STEWARD_CACHE:-$home/.cache/steward}/haproxy"

  # Built before (without a look at the archive).
  local bin
  for bin in "$cache/$pinned/haproxy" "$cache/$(steward_upstream_version "$pinned")/haproxy"; do
    if steward_haproxy_ok "$bin"; then
      printf '%s\n' "$bin"
      return 0
    fi
  done

  # The other release's source packages: its main suite and its security updates, where the
  # +debNNuN versions appear first.
  local sources=/etc/apt/sources.list.d/steward-haproxy-src.sources wanted_sources served
  wanted_sources="# Added by the Steward project's scripts/setup.sh: the source package of Debian ${other}'s HAProxy.
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: ${other} ${other}-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb-src
URIs: http://deb.debian.org/debian-security
Suites: ${other}-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg"
  if [ "$(cat "$sources" 2>/dev/null || true)" != "$wanted_sources" ]; then
    printf '%s\n' "$wanted_sources" | steward_as_root tee "$sources" >/dev/null
    steward_apt_update --force
  fi
  served=$(apt-cache showsrc haproxy 2>/dev/null | sed -n 's/^Version: //p' | sort -u || true)
  if [ -z "$served" ]; then
    steward_apt_update --force
    served=$(apt-cache showsrc haproxy 2>/dev/null | sed -n 's/^Version: //p' | sort -u || true)
  fi

  # The versions to try: the pinned one, then the others of its major.minor, newest first.
  local candidates=() candidate same
  grep -qxF "$pinned" <<<"$served" && candidates=("$pinned")
  same=$(while read -r candidate; do
    [ -n "$candidate" ] && [ "$candidate" != "$pinned" ] && [ "$(steward_major_minor "$candidate")" = "$wanted" ] &&
      printf '%s\n' "$candidate"
  done <<<"$served" | sort -V -r || true)
  [ -z "$same" ] || mapfile -t -O "${#candidates[@]}" candidates <<<"$same"
  if [ "${#candidates[@]}" -eq 0 ]; then
    echo "setup: HAProxy $pinned (Debian $other) is not served by the archive, nor any other $wanted" \
      "(served: $(tr '\n' ' ' <<<"$served")); update the pin in scripts/setup.sh" >&2
    return 1
  fi
  if [ "${candidates[0]}" != "$pinned" ]; then
    echo "setup: HAProxy $pinned (Debian $other) is not served by the archive any more; found ${candidates[0]}" >&2
  fi
  for candidate in "${candidates[@]}"; do
    for bin in "$cache/$candidate/haproxy" "$cache/$(steward_upstream_version "$candidate")/haproxy"; do
      if steward_haproxy_ok "$bin"; then
        printf '%s\n' "$bin"
        return 0
      fi
    done
  done

  local work got missing version="" upstream_only="" key label make_version=()
  work=$(mktemp -d "${TMPDIR:-/tmp}/steward-haproxy.XXXXXX")
  chmod 755 "$work"
  for candidate in "${candidates[@]}"; do
    got=$(steward_download_haproxy_source "$candidate" "$work/$candidate")
    if [ "$got" = debian ]; then
      version=$candidate
      break
    fi
    if [ "$got" = upstream ] && [ -z "$upstream_only" ]; then
      upstream_only=$candidate
    fi
    missing=$(sed -n 's|^E: Failed to fetch .*/\([^/ ]*\) .*|\1|p' "$work/$candidate/download.log" |
      sed 's/%2b/+/g' | paste -sd ' ' -)
    echo "setup: the archive lists haproxy $candidate but does not serve its whole source package" \
      "(not found: ${missing:-see apt-get source})" >&2
  done
  if [ -n "$version" ]; then
    key=$version
    label="HAProxy $(steward_upstream_version "$version") from Debian ${other}'s source package $version"
    # The version string says the Debian revision too, as Debian's own binary does.
    make_version=(VERSION="$(steward_upstream_version "$version")" SUBVERS="-${version##*-}")
  elif [ -n "$upstream_only" ]; then
    version=$upstream_only
    key=$(steward_upstream_version "$version")
    label="upstream HAProxy $key (the tarball of Debian ${other}'s source package $version, without Debian's patches)"
  else
    echo "setup: could not download Debian ${other}'s source package of HAProxy $wanted (tried: ${candidates[*]})" >&2
    rm -rf "$work"
    return 1
  fi

  steward_install_packages --why "to build HAProxy $wanted from Debian $other's source package" \
    "${STEWARD_HAPROXY_BUILD_PACKAGES[@]}" >&2

  local log status=0
  bin="$cache/$key/haproxy"
  mkdir -p "$cache/$key"
  log="$cache/$key/build.log"
  echo "setup: building $label into $cache/$key; a few minutes, once (log: $log)" >&2
  (
    set -e
    cd "$work/$version"
    if [ "$key" = "$version" ]; then
      # Unpacks and applies Debian's patches.
      dpkg-source -x "haproxy_${version#*:}.dsc" src
    else
      mkdir src
      tar -xf haproxy_"$key".orig.tar.* -C src --strip-components=1
    fi
    cd src
    # As Debian's rules do, less Lua, OpenTracing and systemd: OpenSSL, PCRE2 with its JIT, the
    # bundled libslz for compression, and the Prometheus exporter.
    make -j"$(nproc)" TARGET=linux-glibc USE_OPENSSL=1 USE_PCRE2=1 USE_PCRE2_JIT=1 USE_SLZ=1 USE_PROMEX=1 \
      IGNOREGIT=true "${make_version[@]}"
    install -m 755 haproxy "$bin.new"
    mv -f "$bin.new" "$bin"
  ) >"$log" 2>&1 || status=$?
  rm -rf "$work"
  if [ "$status" -ne 0 ]; then
    echo "setup: building HAProxy $key failed; the end of $log:" >&2
    tail -n 30 "$log" >&2
    return 1
  fi
  if ! steward_haproxy_ok "$bin"; then
    echo "setup: the HAProxy built in $bin does not run or lacks the Prometheus exporter:" >&2
    "$bin" -vv >&2 || true
    return 1
  fi
  printf '%s\n' "$bin"
}
