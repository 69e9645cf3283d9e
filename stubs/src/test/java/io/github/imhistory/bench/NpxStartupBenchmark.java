package io.github.imhistory.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * P7 and P8: the npm package's packed size, and the time from {@code npx im-history-stubs} to the first answered
 * request against {@code java -jar} of the same jar, runs interleaved in the same session. The package is installed
 * from the packed file into an empty npm project first, as a frontend developer would. Reports medians and their
 * ratio; asserts nothing about time: {@code mvn -B -ntp verify -pl stubs -Pbench -DskipITs -Dtest=NpxStartupBenchmark}
 * (the build packs the package before the benchmark runs; node and npm are needed).
 */
@Tag("bench")
class NpxStartupBenchmark {
    @Test
    void npxToFirstAnswerAgainstJavaJar() throws Exception {
        Path jar = Path.of(System.getProperty("imhistory.standaloneJar", "target/im-history-stubs-standalone.jar")).toAbsolutePath();
        Path tgz = Path.of("target/npm/im-history-stubs.tgz").toAbsolutePath();
        if (!Files.isRegularFile(tgz)) {
            throw new AssertionError(tgz + " is missing: the build packs it when node and npm are installed");
        }
        Path project = Files.createTempDirectory("im-history-npx-bench");
        run(project, "npm", "init", "-y");
        run(project, "npm", "install", "--offline", "--no-audit", "--no-fund", tgz.toString());
        String c2c = "/v4/openim/admin_getroammsg?sdkappid=1400000000&identifier=admin&usersig=x&random=1&contenttype=json";
        String body = "{\"From_Account\":\"user1\",\"To_Account\":\"user2\",\"MaxCnt\":20,\"MinTime\":1700000000,\"MaxTime\":1700000499}";
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Long> javaJar = new ArrayList<>();
        List<Long> npx = new ArrayList<>();
        for (int i = 0; i < StartupBenchmark.RUNS; i++) {
            int port = StartupBenchmark.freePort();
            javaJar.add(StartupBenchmark.timeToFirstAnswer(List.of(java, "-jar", jar.toString(), "--port", Integer.toString(port)),
                    null, port, c2c, body));
            port = StartupBenchmark.freePort();
            npx.add(StartupBenchmark.timeToFirstAnswer(List.of("npx", "im-history-stubs", "--port", Integer.toString(port)),
                    project.toFile(), port, c2c, body));
        }
        long j = StartupBenchmark.median(javaJar);
        long n = StartupBenchmark.median(npx);
        String report = String.format("P7 npm package packed: %,d bytes (%.1f MB; the jar alone %,d bytes)%n"
                + "P8 start to first answer (median of %d, ms): java -jar %d, npx im-history-stubs %d, ratio %.2f%n"
                + "  java -jar runs %s%n  npx runs %s%n", Files.size(tgz), Files.size(tgz) / 1e6, Files.size(jar),
                StartupBenchmark.RUNS, j, n, (double) n / j, javaJar, npx);
        System.out.print(report);
        Files.writeString(Path.of("target", "bench-npx.txt"), report);
    }

    private static void run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed in " + dir);
        }
    }
}
