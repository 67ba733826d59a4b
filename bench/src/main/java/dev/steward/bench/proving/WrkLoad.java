package dev.steward.bench.proving;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * wrk, with a Lua script that checks every response as {@link JdkLoad} does: each wrk thread keeps
 * to one route, so the deployment its answers must come from is known. wrk runs for its own {@code -d}
 * and stops by itself; its output goes to files, and a process that outlives its bound is killed.
 */
final class WrkLoad implements CheckedLoad {
    /** What the script prints when wrk is done: checked answers and wrk's own socket error counts. */
    private static final Pattern SUMMARY = Pattern.compile("steward-load ok=(\\d+) misrouted=(\\d+) non200=(\\d+)"
            + " connect=(\\d+) read=(\\d+) write=(\\d+) timeout=(\\d+) statuses=(\\S*)");
    private static final Pattern SAMPLE = Pattern.compile("steward-load-sample (.*)");
    /** Beyond its duration, how long wrk may take to stop and print before it is killed. */
    private static final Duration EXIT_GRACE = Duration.ofSeconds(15);

    private final Path directory;
    private final Process process;
    private final Duration duration;
    private final long startNanos = System.nanoTime();

    WrkLoad(Path wrk, URI proxy, Map<String, String> deploymentByRoute, int connections, Duration duration) {
        requireNonNull(proxy, "proxy is null");
        this.duration = requireNonNull(duration, "duration is null");
        int threads = deploymentByRoute.size();
        if (threads == 0 || connections < threads) {
            throw new IllegalArgumentException("wrk needs a connection per route: " + connections + " for "
                    + deploymentByRoute.keySet());
        }
        directory = TemporaryHome.create("steward-wrk-");
        try {
            Path script = Files.writeString(directory.resolve("check.lua"), script(deploymentByRoute));
            long seconds = Math.max(1, (duration.toMillis() + 999) / 1000);
            process = new ProcessBuilder(wrk.toString(), "-t", Integer.toString(threads), "-c", Integer.toString(connections),
                    "-d", seconds + "s", "--timeout", "5s", "-s", script.toString(), proxy.toString())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(directory.resolve("wrk.out").toFile())
                    .redirectError(directory.resolve("wrk.err").toFile())
                    .start();
        } catch (IOException failure) {
            TemporaryHome.delete(directory);
            throw new UncheckedIOException("cannot start " + wrk, failure);
        }
    }

    @Override
    public LoadResult awaitEnd() {
        try {
            if (!process.waitFor(duration.plus(EXIT_GRACE).toNanos(), TimeUnit.NANOSECONDS)) {
                throw new IllegalStateException("wrk did not stop within " + duration.plus(EXIT_GRACE).toSeconds() + " s");
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
            String output = Files.readString(directory.resolve("wrk.out"));
            Matcher summary = SUMMARY.matcher(output);
            if (!summary.find()) {
                throw new IllegalStateException("wrk printed no summary (exit " + process.exitValue() + "): " + output
                        + Files.readString(directory.resolve("wrk.err")));
            }
            long ok = count(summary, 1);
            long misrouted = count(summary, 2);
            long non200 = count(summary, 3);
            long socketErrors = count(summary, 4) + count(summary, 5) + count(summary, 6) + count(summary, 7);
            LoadCounts report = new LoadCounts(ok + misrouted + non200 + socketErrors, non200 + socketErrors, misrouted);
            List<String> samples = SAMPLE.matcher(output).results().map(found -> found.group(1)).toList();
            return new LoadResult(report, elapsed, String.format(Locale.ROOT,
                    "wrk: %d non-200 (%s), socket errors connect %d, read %d, write %d, timeout %d%s", non200, summary.group(8),
                    count(summary, 4), count(summary, 5), count(summary, 6), count(summary, 7),
                    samples.isEmpty() ? "" : "; first: " + String.join("; ", samples)));
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while wrk ran", interrupted);
        } finally {
            close();
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(EXIT_GRACE.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        if (Files.exists(directory)) {
            TemporaryHome.delete(directory);
        }
    }

    private static long count(Matcher summary, int group) {
        return Long.parseLong(summary.group(group));
    }

    /** Routes and deployments are names and paths of the name alphabet: nothing needs quoting in Lua. */
    private static String script(Map<String, String> deploymentByRoute) {
        List<String> routes = new ArrayList<>();
        deploymentByRoute.forEach((route, deployment) -> routes.add("{path = \"" + route + "\", expected = \"" + deployment + " \"}"));
        return """
                local routes = {%s}
                local threads = {}

                function setup(thread)
                  local route = routes[(#threads %% #routes) + 1]
                  thread:set("route_path", route.path)
                  thread:set("expected", route.expected)
                  table.insert(threads, thread)
                end

                function init(args)
                  ok, misrouted, non200 = 0, 0, 0
                  statuses = {}
                  request_bytes = wrk.format("GET", route_path)
                end

                function request()
                  return request_bytes
                end

                function response(status, headers, body)
                  if status ~= 200 then
                    non200 = non200 + 1
                    statuses[status] = (statuses[status] or 0) + 1
                    first_error = first_error or (status .. " " .. string.gsub(body, "%%s+", " "))
                  elseif string.sub(body, 1, #expected) == expected then
                    ok = ok + 1
                  else
                    misrouted = misrouted + 1
                    first_misroute = first_misroute or (route_path .. " answered by " .. string.gsub(body, "%%s+", " "))
                  end
                end

                function done(summary, latency, requests)
                  local total = {ok = 0, misrouted = 0, non200 = 0}
                  local statuses = {}
                  for _, thread in ipairs(threads) do
                    total.ok = total.ok + thread:get("ok")
                    total.misrouted = total.misrouted + thread:get("misrouted")
                    total.non200 = total.non200 + thread:get("non200")
                    for status, count in pairs(thread:get("statuses")) do
                      statuses[status] = (statuses[status] or 0) + count
                    end
                  end
                  local listed = {}
                  for status, count in pairs(statuses) do
                    table.insert(listed, status .. ":" .. count)
                  end
                  table.sort(listed)
                  for _, kind in ipairs({"first_error", "first_misroute"}) do
                    for _, thread in ipairs(threads) do
                      local sample = thread:get(kind)
                      if sample then
                        io.write("steward-load-sample " .. sample .. "\\n")
                        break
                      end
                    end
                  end
                  local e = summary.errors
                  io.write(string.format("steward-load ok=%%d misrouted=%%d non200=%%d connect=%%d read=%%d write=%%d timeout=%%d"
                    .. " statuses=%%s\\n", total.ok, total.misrouted, total.non200, e.connect, e.read, e.write, e.timeout,
                    table.concat(listed, ",")))
                end
                """.formatted(String.join(", ", routes));
    }
}
