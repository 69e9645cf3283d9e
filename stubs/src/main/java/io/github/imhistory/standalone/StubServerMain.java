package io.github.imhistory.standalone;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.Extension;
import io.github.imhistory.contract.Json;
import io.github.imhistory.engine.EngineSettings;
import io.github.imhistory.engine.Tenant;
import io.github.imhistory.engine.Tenants;
import io.github.imhistory.proxy.CheckingProxy;
import io.github.imhistory.proxy.ProxyOptions;
import io.github.imhistory.wiremock.BundledScenarios;
import io.github.imhistory.wiremock.ImHistoryExtension;
import io.github.imhistory.wiremock.ImHistoryHttpServerFactory;
import io.github.imhistory.wiremock.StubOptions;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar im-history-stubs-standalone.jar}: the stubs with every bundled scenario, for frontend developers.
 * The demo scenario is served on sdkappid 1400000000, each bundled scenario on its own sdkappid after it, and the
 * user's own files (--scenarios) from 1500000000 unless they name one.
 */
public final class StubServerMain {
    public static final long DEMO_SDKAPPID = Tenant.DEFAULT_SDKAPPID;

    private StubServerMain() {}

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Starts the server and blocks until it is stopped; returns the exit code on a usage or start-up error. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        StandaloneOptions options;
        ProxyOptions.Split proxy;
        try {
            proxy = ProxyOptions.split(args);
            options = StandaloneOptions.parse(proxy.rest());
        } catch (StandaloneOptions.UsageException | ProxyOptions.UsageException e) {
            err.println("error: " + e.getMessage());
            err.println();
            err.print(StandaloneOptions.USAGE + ProxyOptions.USAGE);
            return 2;
        }
        if (options.help()) {
            out.print(StandaloneOptions.USAGE + ProxyOptions.USAGE);
            return 0;
        }
        if (options.version()) {
            out.println(io.github.imhistory.contract.BuildInfo.describe("stubs"));
            return 0;
        }
        Started started;
        try {
            started = start(options, proxy.proxy(), out);
        } catch (StartException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> { // SIGINT, SIGTERM
            try {
                started.stop();
                out.println("im-history stubs stopped");
            } catch (RuntimeException e) {
                err.println("im-history stubs stopped with an error: " + e);
            } finally {
                out.flush();
                stopped.countDown();
            }
        }, "im-history-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    static final class StartException extends Exception {
        StartException(String message) {
            super(message);
        }
    }

    /** A running server (also used in tests). */
    record Started(WireMockServer server, Tenants tenants, ScheduledExecutorService watcher) {
        int port() {
            return server.port();
        }

        void stop() {
            if (watcher != null) {
                watcher.shutdownNow();
            }
            server.stop();
        }
    }

    static Started start(StandaloneOptions o, PrintStream out) throws StartException {
        return start(o, Optional.empty(), out, Clock.systemUTC());
    }

    static Started start(StandaloneOptions o, Optional<ProxyOptions> proxy, PrintStream out) throws StartException {
        return start(o, proxy, out, Clock.systemUTC());
    }

    /**
     * @param proxy with {@code --proxy-to}: the three APIs go to the upstream, checked ({@link CheckingProxy})
     * @param clock what the engine and the proxy read the time from (tests hold it still to judge bursts)
     */
    static Started start(StandaloneOptions o, Optional<ProxyOptions> proxy, PrintStream out, Clock clock) throws StartException {
        EngineSettings settings = settings(o);
        Tenants tenants = new Tenants(settings);
        ImHistoryExtension extension = new ImHistoryExtension(tenants, clock,
                new StubOptions(o.cors(), o.latencyMillis(), o.allowRemoteAdmin()).withAdminHosts(adminHosts(o)));
        // The demo tenant loads on a second thread while Jetty starts (start-up time is Jetty's, not ours);
        // a request that comes first waits for that one load.
        String demoPath = BundledScenarios.pathOf(ImHistoryExtension.DEMO_SCENARIO)
                .orElseThrow(() -> new StartException("the demo scenario is missing from the jar"));
        tenants.loadLazily(DEMO_SDKAPPID, () -> BundledScenarios.scenario(demoPath));
        Thread warm = new Thread(() -> tenants.get(DEMO_SDKAPPID), "im-history-demo-load");
        warm.start();
        // every other bundled scenario on its own tenant, loaded on first use so that start-up stays quick
        List<String> bundled = BundledScenarios.paths().stream()
                .filter(p -> !BundledScenarios.idOf(p).equals(ImHistoryExtension.DEMO_SCENARIO)).toList();
        long id = DEMO_SDKAPPID + 1;
        for (String path : bundled) {
            tenants.loadLazily(id++, () -> BundledScenarios.scenario(path));
        }
        ScenarioFolder folder = null;
        if (o.scenarios().isPresent()) {
            folder = new ScenarioFolder(o.scenarios().get(), tenants, out);
            List<String> problems;
            try {
                problems = folder.loadAll();
            } catch (java.io.IOException e) {
                throw new StartException("cannot read " + o.scenarios().get() + ": " + e.getMessage());
            }
            if (!problems.isEmpty()) {
                throw new StartException("scenario files are invalid:\n  " + String.join("\n  ", problems));
            }
        }
        if (o.secretKey().isPresent()) { // one key for every tenant, so the banner's sigs and the user's agree
            String key = o.secretKey().get();
            for (Tenant t : tenants.all()) {
                com.fasterxml.jackson.databind.node.ObjectNode s = t.scenario().json().deepCopy();
                s.withObject("/tenant").put("secretKey", key);
                tenants.load(s, t.sdkappid());
            }
        }
        CheckingProxy checking = proxy.isPresent() ? checkingProxy(o, proxy.get(), out, clock) : null;
        WireMockServer server = new WireMockServer(wireMockConfig().port(o.port()).bindAddress(o.host())
                .httpServerFactory(new ImHistoryHttpServerFactory()) // parse failures answer 60002, not 500
                .usingFilesUnderClasspath("imhistory/wiremock-root")
                .disableRequestJournal() // each tenant keeps its own bounded journal
                .extensions(checking == null ? new Extension[] {extension} : new Extension[] {extension, checking}));
        try {
            server.start();
        } catch (RuntimeException e) {
            throw new StartException("cannot listen on " + o.host() + ":" + o.port() + ": " + rootMessage(e));
        }
        ScheduledExecutorService watcher = null;
        if (folder != null) {
            ScenarioFolder f = folder;
            watcher = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "im-history-scenario-watcher");
                t.setDaemon(true);
                return t;
            });
            watcher.scheduleWithFixedDelay(f::reloadChanged, 1, 1, TimeUnit.SECONDS);
        }
        try {
            warm.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (checking != null) {
            proxyBanner(out, o, server.port(), checking);
        } else {
            banner(out, o, server.port(), tenants, bundled.size(), folder);
        }
        return new Started(server, tenants, watcher);
    }

    /**
     * The flags as engine settings: --verify-usersig and --rate-limit fill in for scenarios that say nothing, the
     * --force-... flags override every scenario.
     */
    static EngineSettings settings(StandaloneOptions o) {
        EngineSettings settings = EngineSettings.defaults().withVerifyUserSigDefault(o.verifyUserSig())
                .withRateLimitDefault(o.rateLimit()).withJournalSize(o.journalSize());
        if (o.forceVerifyUserSig().isPresent()) {
            settings = settings.withVerifyUserSig(o.forceVerifyUserSig().get());
        }
        if (o.forceRateLimit().isPresent()) {
            settings = settings.withRateLimit(o.forceRateLimit().get());
        }
        return settings;
    }

    /**
     * On loopback, the Host names the admin API answers (against DNS rebinding): the loopback's, the bound address and
     * --allow-host. Bound wider, the names this machine is reached by are unknown, so none is checked.
     */
    private static Set<String> adminHosts(StandaloneOptions o) throws StartException {
        boolean loopback;
        try {
            loopback = InetAddress.getByName(o.host()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new StartException("cannot resolve --host " + o.host());
        }
        if (!loopback) {
            if (!o.allowHosts().isEmpty()) {
                throw new StartException("--allow-host only applies on loopback; bound to " + o.host() + ", the admin API "
                        + "does not check the Host at all");
            }
            return Set.of();
        }
        Set<String> names = new HashSet<>(List.of("localhost", "127.0.0.1", "[::1]"));
        String bound = o.host().toLowerCase(Locale.ROOT);
        names.add(bound.contains(":") && !bound.startsWith("[") ? "[" + bound + "]" : bound);
        names.addAll(o.allowHosts());
        return names;
    }

    private static String rootMessage(Throwable e) {
        while (e.getCause() != null) {
            e = e.getCause();
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    static void banner(PrintStream out, StandaloneOptions o, int port, Tenants tenants, int bundledCount, ScenarioFolder folder) {
        String host = o.host().equals("0.0.0.0") ? "127.0.0.1" : o.host();
        String base = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        out.println("im-history stubs listening on " + base + (o.host().equals("127.0.0.1") ? "" : " (bound to " + o.host() + ")"));
        out.println("  CORS: " + (o.cors() ? "on" : "off") + "   added latency: " + o.latencyMillis() + " ms");
        out.println("  UserSig checking: " + setting(o.forceVerifyUserSig(), o.verifyUserSig(), "any usersig is accepted")
                + "   rate limit (200/s per app and API): " + setting(o.forceRateLimit(), o.rateLimit(), null));
        out.println("  (a scenario's own tenant.verifyUserSig / tenant.rateLimit win over these defaults; --force-... flags"
                + " win over both)");
        out.println("Tenants (sdkappid, scenario; UserSig checking, rate limit):");
        Tenant demo = tenants.get(DEMO_SDKAPPID).orElseThrow();
        java.util.Map<String, Long> s = demo.sizes();
        Optional<ScenarioFolder.Loaded> own = folder == null ? Optional.empty()
                : folder.loaded().stream().filter(l -> l.sdkappid() == DEMO_SDKAPPID).findFirst();
        out.printf("  %d  %s: %d one-to-one messages, %d group(s) with %d entries, %d official account(s) with %d entries;"
                        + " %s%s%n", demo.sdkappid(), demo.scenarioId(), s.get("c2c"), s.get("groups"), s.get("groupEntries"),
                s.get("officialAccounts"), s.get("officialAccountEntries"), settings(demo),
                own.map(l -> " (" + l.file() + ")").orElse(""));
        if (bundledCount > 0) {
            out.printf("  %d..%d  %d bundled scenarios, one tenant each; settings per tenant at %s/__imhistory/ (as each"
                            + " scenario says, else the defaults above)%n",
                    DEMO_SDKAPPID + 1, DEMO_SDKAPPID + bundledCount, bundledCount, base);
        }
        if (folder != null) {
            for (ScenarioFolder.Loaded l : folder.loaded()) {
                if (l.sdkappid() == DEMO_SDKAPPID) {
                    continue; // printed first
                }
                String settings = tenants.get(l.sdkappid()).map(StubServerMain::settings).orElse("");
                out.printf("  %d  %s  (%s); %s%n", l.sdkappid(), l.scenarioId(), l.file(), settings);
            }
        }
        // the ready requests of whatever scenario holds the demo's sdkappid, so they ask for what it holds
        out.println("Try (" + (own.isPresent() ? "tenant " + DEMO_SDKAPPID + ", " + demo.scenarioId() : "demo tenant")
                + "; bash and zsh draw a fresh $RANDOM on every paste):");
        for (com.fasterxml.jackson.databind.JsonNode r : io.github.imhistory.wiremock.ScenarioSummary.readyRequests(demo)) {
            com.fasterxml.jackson.databind.JsonNode q = r.get("query");
            String query = "sdkappid=" + q.get("sdkappid").asText() + "&identifier=" + q.get("identifier").asText()
                    + "&usersig=" + q.get("usersig").asText() + "&random=$RANDOM&contenttype=json";
            out.println("  curl -sS -X POST \"" + base + r.get("path").asText() + "?" + query + "\" \\\n"
                    + "    -H 'Content-Type: application/json' -d '" + Json.compact(r.get("body")) + "'");
        }
        out.println("Which client rules your traffic broke: curl -sS '" + base + "/__imhistory/tenants/" + DEMO_SDKAPPID
                + "/verdict?format=text'");
        out.println("Admin page: " + base + "/__imhistory/   Try the APIs: " + base + "/__imhistory/api/   Stop: Ctrl+C");
        out.flush();
    }

    /** {@code on, forced} style: a forced value, else the default for scenarios that do not say. */
    private static String setting(java.util.Optional<Boolean> forced, boolean byDefault, String offNote) {
        boolean on = forced.orElse(byDefault);
        return (on ? "on" : "off") + (forced.isPresent() ? " for every tenant (forced)" : " by default")
                + (on || offNote == null ? "" : " (" + offNote + ")");
    }

    /** A tenant's effective settings and where each came from. */
    static String settings(Tenant t) {
        return "UserSig " + t.userSigSetting().describe() + ", rate limit " + t.rateLimitSetting().describe();
    }

    private static CheckingProxy checkingProxy(StandaloneOptions o, ProxyOptions p, PrintStream out, Clock clock)
            throws StartException {
        try {
            return new CheckingProxy(p, new StubOptions(o.cors(), 0, o.allowRemoteAdmin()).withAdminHosts(adminHosts(o)),
                    o.secretKey(), o.journalSize(), clock, out);
        } catch (java.io.IOException e) {
            throw new StartException("cannot record into " + p.record().orElseThrow() + ": " + e.getMessage());
        }
    }

    static void proxyBanner(PrintStream out, StandaloneOptions o, int port, CheckingProxy p) {
        String base = "http://" + (o.host().contains(":") ? "[" + o.host() + "]" : o.host()) + ":" + port;
        out.println("im-history checking proxy listening on " + base + " and forwarding the three APIs to " + p.upstreamUrl());
        out.println("  UserSigs judged: " + (o.secretKey().isPresent() ? "yes (--secret-key)" : "no (give --secret-key)")
                + "   recording: " + p.recording().map(r -> "into " + r.dir().toAbsolutePath()).orElse("off"));
        out.println("Point your client at " + base + " instead of " + p.upstreamUrl() + ", then:");
        out.println("  curl -sS '" + base + "/__imhistory/tenants/<sdkappid>/drift?format=text'");
        out.println("Admin page: " + base + "/__imhistory/   Stop: Ctrl+C");
        out.flush();
    }

}
