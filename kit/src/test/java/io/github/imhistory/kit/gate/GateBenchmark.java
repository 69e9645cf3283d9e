package io.github.imhistory.kit.gate;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.imhistory.contract.TenantSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * P6: one whole gate run against the stub, as a user runs it: a freshly started standalone jar, then the gate jar as
 * a process, timed from the gate's start (JVM start included) to its exit. With
 * {@code -Dimhistory.baselineGateJar=... -Dimhistory.baselineStandaloneJar=...} (e.g. the jars of an earlier commit)
 * the baseline and the current jars run alternately, so both see the same machine load; the run prints each time,
 * the medians and their ratio. Not a pass/fail test of speed: it only requires that every run finishes.
 *
 * <pre>mvn -B -q -ntp package -DskipTests &amp;&amp; mvn -B -ntp verify -pl stubs,kit -Pbench -DskipITs \
 *     -Dtest=GateBenchmark -Dsurefire.failIfNoSpecifiedTests=false [-Dimhistory.baselineGateJar=...]</pre>
 */
@Tag("bench")
class GateBenchmark {
    static final int ROUNDS = Integer.getInteger("imhistory.bench.rounds", 3);

    record Variant(String name, Path gate, Path standalone) {}

    @Test
    void oneGateRunAgainstAFreshStub(@TempDir Path dir) throws Exception {
        List<Variant> variants = new ArrayList<>();
        String baseline = System.getProperty("imhistory.baselineGateJar", "");
        if (!baseline.isBlank()) {
            variants.add(new Variant("baseline", Path.of(baseline), Path.of(System.getProperty("imhistory.baselineStandaloneJar",
                    JarProcess.jar("imhistory.standaloneJar").toString()))));
        }
        variants.add(new Variant("current", JarProcess.jar("imhistory.gateJar"), JarProcess.jar("imhistory.standaloneJar")));
        Map<String, List<Long>> times = new LinkedHashMap<>();
        for (int round = 0; round < ROUNDS; round++) {
            for (Variant v : variants) {
                long millis = run(v, dir.resolve(v.name() + round));
                times.computeIfAbsent(v.name(), k -> new ArrayList<>()).add(millis);
                System.out.printf(Locale.ROOT, "P6 round %d %-8s %6.2f s%n", round + 1, v.name(), millis / 1000.0);
            }
        }
        Map<String, Long> medians = new LinkedHashMap<>();
        times.forEach((name, list) -> medians.put(name, list.stream().sorted().toList().get(list.size() / 2)));
        medians.forEach((name, m) -> System.out.printf(Locale.ROOT, "P6 %-8s median %.2f s of %s%n", name, m / 1000.0,
                times.get(name)));
        if (medians.size() == 2) {
            System.out.printf(Locale.ROOT, "P6 current / baseline: %.2f%n",
                    (double) medians.get("current") / medians.get("baseline"));
        }
    }

    /** Starts the standalone, times one gate run against it (the same explicit arguments for both variants). */
    static long run(Variant v, Path dir) throws Exception {
        Files.createDirectories(dir);
        try (JarProcess stub = JarProcess.start(dir, List.of("java", "-jar", v.standalone().toString(), "--port", "0"))) {
            stub.awaitOutput("Stop: Ctrl+C");
            Matcher m = Pattern.compile("listening on (http://\\S+)").matcher(stub.output());
            assertThat(m.find()).isTrue();
            long start = System.nanoTime();
            try (JarProcess gate = JarProcess.start(dir, List.of("java", "-jar", v.gate().toString(), "server", "--base-url",
                    m.group(1), "--sdkappid", "1990000000", "--identifier", TenantSpec.DEFAULT_ADMIN, "--secret-key",
                    TenantSpec.DEFAULT_SECRET_KEY, "--report-dir", "reports"))) {
                int code = gate.awaitExit(900);
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertThat(code).as(gate.output()).isIn(0, 1); // a baseline may judge the stub differently; timing counts
                return millis;
            }
        }
    }
}
