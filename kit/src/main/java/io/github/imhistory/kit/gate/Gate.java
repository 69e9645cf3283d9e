package io.github.imhistory.kit.gate;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.github.imhistory.contract.BuildInfo;
import io.github.imhistory.contract.RuleCatalog;
import io.github.imhistory.kit.probe.ProbeSettings;
import io.github.imhistory.kit.probe.ProbeSuite;
import io.github.imhistory.kit.server.ConfiguredServerConformanceTest;
import io.github.imhistory.kit.server.ServerTarget;
import io.github.imhistory.kit.server.Seeder;
import io.github.imhistory.kit.server.SuiteConfiguration;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The CI gate: {@code java -jar im-history-kit-gate.jar server --base-url URL --sdkappid N --identifier ID
 * --secret-key KEY [...]} (see {@link GateArguments#USAGE}), and {@code probe} (histories already on the target,
 * {@link ProbeSuite}) with the same reports and exit codes. Runs the server suite through the JUnit Platform
 * Launcher, prints a line per test, writes JUnit XML, {@code conformance.json} and {@code CONFORMANCE.md}, and exits
 * 0 when conformant, 1 when not, 2 on bad usage, an unreachable target, a target that could not be set up, or an
 * error of the kit itself (never blamed on the server).
 */
public final class Gate {
    public static final int CONFORMANT = 0;
    public static final int NOT_CONFORMANT = 1;
    /** Bad usage, an unreachable target, a target that could not be set up, or a kit error: no verdict. */
    public static final int NOT_RUN = 2;

    private Gate() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** The whole gate, returning the exit code instead of exiting (what tests call). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, ConfiguredServerConformanceTest.class);
    }

    /** The gate running another suite class (the kit's own tests run one whose oracle fails). */
    static int run(String[] args, PrintStream out, PrintStream err, Class<?> suite) {
        GateArguments arguments;
        try {
            arguments = GateArguments.parse(args);
        } catch (GateArguments.UsageException e) {
            err.println("im-history gate: " + e.getMessage());
            err.println(GateArguments.USAGE);
            return NOT_RUN;
        }
        if (arguments.help) {
            out.println(GateArguments.USAGE);
            return CONFORMANT;
        }
        if (arguments.version) {
            out.println(BuildInfo.describe("kit gate"));
            return CONFORMANT;
        }
        if (arguments.command.equals("probe")) {
            return probe(arguments, out, err);
        }
        boolean stubAdmin = arguments.seed().equals("stub-admin");
        String base = arguments.config.get(SuiteConfiguration.BASE_URL);
        try {
            base = ServerTarget.of(base, 1, "admin", "k").baseUrl();
        } catch (IllegalArgumentException e) {
            err.println("im-history gate: " + e.getMessage());
            err.println(GateArguments.USAGE);
            return NOT_RUN;
        }
        SuiteConfiguration early = SuiteConfiguration.of(arguments.config);
        List<String> problems = early.problems().stream()
                .filter(p -> !(stubAdmin && p.equals(SuiteConfiguration.SDKAPPID + " is not set"))).toList();
        if (!problems.isEmpty()) {
            err.println("im-history gate: " + String.join("\n  ", problems));
            err.println(GateArguments.USAGE);
            return NOT_RUN;
        }
        String unreachable = reachability(base, stubAdmin);
        if (unreachable != null) {
            err.println("im-history gate: " + unreachable);
            return NOT_RUN;
        }
        boolean ownTenant = stubAdmin && !arguments.config.containsKey(SuiteConfiguration.SDKAPPID);
        if (ownTenant) {
            try {
                arguments.config.put(SuiteConfiguration.SDKAPPID, Long.toString(Seeder.unusedStubSdkappid(base)));
            } catch (IOException e) {
                err.println("im-history gate: cannot choose a tenant of the gate's own: " + e.getMessage());
                return NOT_RUN;
            }
        }
        SuiteConfiguration configuration = SuiteConfiguration.of(arguments.config);
        return execute(arguments, suite, "im-history server conformance: " + configuration.target().orElseThrow()
                + ", seed " + configuration.seed() + (ownTenant ? " (into a tenant of the gate's own, removed at the end)"
                : ""), false, out, err);
    }

    /**
     * {@code gate probe}: the same launcher, reports and exit codes as {@code server}, running {@link ProbeSuite}
     * against histories already on the target.
     */
    private static int probe(GateArguments arguments, PrintStream out, PrintStream err) {
        // checked while parsing (GateArguments), so it holds
        ProbeSettings settings = ProbeSettings.of(key -> java.util.Optional.ofNullable(arguments.config.get(key)));
        String unreachable = reachability(settings.target().baseUrl(), false);
        if (unreachable != null) {
            err.println("im-history gate: " + unreachable);
            return NOT_RUN;
        }
        return execute(arguments, ProbeSuite.class, "im-history probe: " + settings.target() + ", "
                + settings.c2c().size() + " one-to-one, " + settings.groups().size() + " group and "
                + settings.officialAccounts().size() + " official-account histories already there, at most "
                + settings.maxRequests() + " requests, " + settings.maxPerSecond() + " a second", true, out, err);
    }

    /** Runs {@code suite} through the JUnit Platform Launcher, writes the reports and says the verdict. */
    private static int execute(GateArguments arguments, Class<?> suite, String headline, boolean probe, PrintStream out,
                               PrintStream err) {
        try {
            Files.createDirectories(arguments.reportDir);
        } catch (IOException e) {
            err.println("im-history gate: cannot create the report directory " + arguments.reportDir + ": " + e);
            return NOT_RUN;
        }
        out.println(headline);
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(suite))
                .configurationParameters(arguments.config)
                // besides the gate's own JUnit XML, an Open Test Reporting file (every test with its display name)
                .configurationParameter("junit.platform.reporting.open.xml.enabled", "true")
                .configurationParameter("junit.platform.reporting.output.dir", arguments.reportDir.toString())
                .enableImplicitConfigurationParameters(false) // the command line alone decides
                .build();
        GateListener listener = new GateListener(out);
        Instant started = Instant.now();
        long start = System.nanoTime();
        try (LauncherSession session = LauncherFactory.openSession()) {
            session.getLauncher().execute(request, listener);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;

        ConformanceReport report = new ConformanceReport(RuleCatalog.bundled(), listener, arguments.config, started, millis,
                probe);
        try {
            report.write(arguments.reportDir);
            JUnitXmlReport.write(arguments.reportDir, listener, report);
        } catch (IOException e) {
            err.println("im-history gate: cannot write the reports into " + arguments.reportDir + ": " + e);
            return NOT_RUN;
        }
        out.println();
        out.println("Rules: " + report.rulesLine());
        out.println("Tests: " + report.testsLine());
        listener.notes.forEach(n -> out.println("Note: " + n));
        out.println("Reports: " + arguments.reportDir.toAbsolutePath());
        int code;
        if (!listener.kitErrors.isEmpty()) {
            out.println("KIT ERROR: im-history itself failed, so no verdict on the server was reached: "
                    + String.join("; ", distinct(listener.kitErrors)));
            err.println("im-history gate: kit error (please report it): " + distinct(listener.kitErrors).get(0));
            code = NOT_RUN;
        } else if (!listener.runErrors.isEmpty()) {
            out.println("NOT RUN: the suite could not run completely: " + String.join("; ", distinct(listener.runErrors)));
            code = NOT_RUN;
        } else if (report.tests.failed() > 0) {
            out.println("NOT CONFORMANT");
            code = NOT_CONFORMANT;
        } else if (report.tests.passed() == 0) {
            out.println("NOTHING CHECKED: every test was skipped; see the reasons above");
            err.println("im-history gate: nothing was checked: every test was skipped (see the reasons on stdout); "
                    + "choose scenarios and rules this target can play");
            code = NOT_RUN;
        } else {
            out.println("CONFORMANT");
            code = CONFORMANT;
        }
        out.println(report.tests.line());
        return code;
    }

    private static List<String> distinct(List<String> messages) {
        return messages.stream().distinct().toList();
    }

    /** Null when the target answers HTTP at all (and, for stub-admin seeding, has the admin API); else why not. */
    static String reachability(String base, boolean needsAdminApi) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        String url = base + "/v4/openim/admin_getroammsg";
        try {
            client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
            if (needsAdminApi) { // the admin page: cheap, where listing scenarios or tenants would load them all
                String admin = base + "/__imhistory/";
                HttpResponse<Void> r = client.send(HttpRequest.newBuilder(URI.create(admin)).timeout(Duration.ofSeconds(10))
                        .GET().build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() != 200) {
                    return "--seed stub-admin needs the im-history stub's admin API, but GET " + admin + " answered HTTP "
                            + r.statusCode() + "; seed the server yourself and use --seed none --scenario ID...";
                }
            }
            return null;
        } catch (IOException e) {
            return "target unreachable: POST " + url + " failed: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while checking the target";
        }
    }
}
