package io.github.imhistory.kit.gate;

import io.github.imhistory.contract.TenantSpec;
import io.github.imhistory.kit.probe.ProbeSettings;
import io.github.imhistory.kit.server.SuiteConfiguration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The gate's command line, parsed into the server suite's configuration parameters. */
final class GateArguments {
    static final String USAGE = String.join("\n",
            "usage: java -jar im-history-kit-gate.jar server --base-url URL [--seed stub-admin]",
            "       java -jar im-history-kit-gate.jar server --base-url URL --sdkappid N --identifier ID",
            "                (--secret-key KEY | --user-sig SIG) (--seed none --scenario ID... | --seed-command CMD)",
            "       [--include RULE...] [--exclude RULE...] [--scenario ID...] [--strict] [--rate-limit]",
            "       [--timeout-ms N] [--report-dir DIR]",
            "       java -jar im-history-kit-gate.jar probe --base-url URL --sdkappid N --identifier ID --secret-key KEY",
            "                (--c2c A:B:MINTIME:MAXTIME | --group GROUPID | --official-account ID)...",
            "       [--max-requests N] [--max-rate N] [--skip-usersig-checks] [--include RULE...] [--exclude RULE...]",
            "       [--strict] [--timeout-ms N] [--report-dir DIR]",
            "       java -jar im-history-kit-gate.jar --version",
            "",
            "Runs the im-history server conformance suite against URL and writes, into DIR (default "
                    + GateArguments.DEFAULT_REPORT_DIR + "):",
            JUnitXmlReport.FILE_NAME + " (JUnit XML: each test named by rule ID, level and scenario),",
            "open-test-report.xml (Open Test Reporting), conformance.json and CONFORMANCE.md.",
            "",
            "  --base-url URL      the server, e.g. http://127.0.0.1:8080",
            "  --seed stub-admin   load each scenario through the im-history stub's /__imhistory admin API (default)",
            "                      into a tenant of the gate's own, removed at the end: the stub's other tenants",
            "                      (the demo, the bundled scenarios, yours) are left as they were",
            "  --seed-command CMD  run CMD once per scenario with the scenario file (adapted to --sdkappid,",
            "                      --identifier and the key) as last argument; CMD loads it into your server",
            "  --seed none         the server already holds the data: name the scenarios with --scenario",
            "  --sdkappid N        the app the suite calls as (stub-admin: optional, default a free sdkappid of",
            "                      1990000000..1999999999; a tenant that already exists is never replaced)",
            "  --identifier ID     an App admin account of that app (stub-admin: default admin)",
            "  --secret-key KEY    the app's secret key: the suite signs every UserSig itself (stub-admin: default",
            "                      the demo key of tls-sig-api-v2)",
            "  --user-sig SIG      instead of the key, a valid UserSig for ID (exchanges needing other signatures are skipped)",
            "  --scenario ID...    only these scenarios",
            "  --include RULE...   only these rules (IDs, or prefixes like C2C-PAGE-*)",
            "  --exclude RULE...   not these rules",
            "  --strict            an unmet SHOULD rule fails the run (default: reported, not failed)",
            "  --rate-limit        also run the 201-request rate-limit burst against a server that is not the stub",
            "  --timeout-ms N      per-request timeout (default 10000)",
            "  --version           print the version and the git commit the gate was built from",
            "",
            "probe: walks histories that already exist on the target (nothing is seeded) several ways and requires",
            "the same history every way: C2C MaxCnt 100, 100000 (the 13K cut decides), 20, 7 and 1, both field-name",
            "revisions (From_Account/To_Account, Operator_Account/Peer_Account), from a message's time; groups and",
            "official accounts ReqMsgNumber 20, above 20, 7 and 1, with and without WithRecalledMsg, from a seq or",
            "MsgKey in the middle (ways with one entry a page stop after " + ProbeSettings.DEFAULT_ONE_A_PAGE_PAGES
                    + " pages). Every page is judged by the",
            "server rules that need no stored data and against what all the ways showed together; bad inputs that",
            "need no data (missing fields, wrong types, an unknown group or official account, GET, bad UserSigs)",
            "must get their documented codes. Reports as for server.",
            "  --c2c A:B:MINTIME:MAXTIME  a one-to-one conversation and its window (seconds); repeatable",
            "  --group GROUPID            a group (Private, Public, ChatRoom or Community); repeatable",
            "  --official-account ID      an official account; repeatable",
            "  --max-requests N           the request budget: stop after N requests, said so (default "
                    + ProbeSettings.DEFAULT_MAX_REQUESTS + ")",
            "  --max-rate N               at most N requests in any second, all APIs together (default "
                    + ProbeSettings.DEFAULT_MAX_PER_SECOND + ", at most " + ProbeSettings.MAX_PER_SECOND + ")",
            "  --skip-usersig-checks      do not send bad UserSigs (a target that accepts any usersig on purpose, like",
            "                             the im-history stub without --verify-usersig)",
            "",
            "Exit codes: 0 conformant, 1 not conformant, 2 bad usage, target unreachable, or no verdict reached",
            "(a scenario that could not be seeded, an error of the kit itself).");
    static final String DEFAULT_REPORT_DIR = "im-history-conformance";

    /** A command line the gate cannot run; the message says why. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    final Map<String, String> config = new LinkedHashMap<>();
    /** {@code server} or {@code probe}. */
    String command = "server";
    Path reportDir = Path.of(DEFAULT_REPORT_DIR);
    boolean help;
    boolean version;

    private static final Map<String, String> SINGLE = Map.of(
            "--base-url", SuiteConfiguration.BASE_URL,
            "--sdkappid", SuiteConfiguration.SDKAPPID,
            "--identifier", SuiteConfiguration.IDENTIFIER,
            "--secret-key", SuiteConfiguration.SECRET_KEY,
            "--user-sig", SuiteConfiguration.USER_SIG,
            "--seed", SuiteConfiguration.SEED,
            "--seed-command", SuiteConfiguration.SEED_COMMAND,
            "--timeout-ms", SuiteConfiguration.TIMEOUT_MS);
    private static final Map<String, String> MULTI = Map.of(
            "--include", SuiteConfiguration.INCLUDE,
            "--exclude", SuiteConfiguration.EXCLUDE,
            "--scenario", SuiteConfiguration.SCENARIOS);
    private static final Map<String, String> FLAGS = Map.of(
            "--strict", SuiteConfiguration.STRICT,
            "--rate-limit", SuiteConfiguration.RATE_LIMIT);

    private static final Map<String, String> PROBE_SINGLE = Map.of(
            "--base-url", SuiteConfiguration.BASE_URL,
            "--sdkappid", SuiteConfiguration.SDKAPPID,
            "--identifier", SuiteConfiguration.IDENTIFIER,
            "--secret-key", SuiteConfiguration.SECRET_KEY,
            "--timeout-ms", SuiteConfiguration.TIMEOUT_MS,
            "--max-requests", ProbeSettings.MAX_REQUESTS,
            "--max-rate", ProbeSettings.MAX_RATE);
    private static final Map<String, String> PROBE_MULTI = Map.of(
            "--include", SuiteConfiguration.INCLUDE,
            "--exclude", SuiteConfiguration.EXCLUDE,
            "--c2c", ProbeSettings.C2C,
            "--group", ProbeSettings.GROUPS,
            "--official-account", ProbeSettings.OFFICIAL_ACCOUNTS);
    private static final Map<String, String> PROBE_FLAGS = Map.of(
            "--strict", SuiteConfiguration.STRICT,
            "--skip-usersig-checks", ProbeSettings.SKIP_USERSIG);

    static GateArguments parse(String... args) throws UsageException {
        GateArguments a = new GateArguments();
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        if (rest.isEmpty()) {
            throw new UsageException("no command given");
        }
        String command = rest.remove(0);
        if (List.of("-h", "--help", "help").contains(command)) {
            a.help = true;
            return a;
        }
        if (List.of("-V", "--version", "version").contains(command)) {
            a.version = true;
            return a;
        }
        if (!"server".equals(command) && !"probe".equals(command)) {
            throw new UsageException("unknown command " + command + " (the gate knows: server, probe)");
        }
        a.command = command;
        boolean probe = command.equals("probe");
        Map<String, String> single = probe ? PROBE_SINGLE : SINGLE;
        Map<String, String> multiple = probe ? PROBE_MULTI : MULTI;
        Map<String, String> flags = probe ? PROBE_FLAGS : FLAGS;
        Map<String, List<String>> multi = new LinkedHashMap<>();
        for (int i = 0; i < rest.size(); i++) {
            String token = rest.get(i);
            String inline = null;
            int eq = token.indexOf('=');
            if (token.startsWith("--") && eq > 0) {
                inline = token.substring(eq + 1);
                token = token.substring(0, eq);
            }
            if (List.of("-h", "--help").contains(token)) {
                a.help = true;
                return a;
            }
            if (List.of("-V", "--version").contains(token)) {
                a.version = true;
                return a;
            }
            if (flags.containsKey(token)) {
                if (inline != null) {
                    throw new UsageException(token + " takes no value");
                }
                a.config.put(flags.get(token), "true");
            } else if (single.containsKey(token) || "--report-dir".equals(token)) {
                String value = inline;
                if (value == null) {
                    if (i + 1 >= rest.size() || rest.get(i + 1).startsWith("--")) {
                        throw new UsageException(token + " needs a value");
                    }
                    value = rest.get(++i);
                }
                if (value.isBlank()) {
                    throw new UsageException(token + " needs a value");
                }
                if ("--report-dir".equals(token)) {
                    a.reportDir = Path.of(value);
                } else if (a.config.putIfAbsent(single.get(token), value) != null) {
                    throw new UsageException(token + " given twice");
                }
            } else if (multiple.containsKey(token)) {
                List<String> values = multi.computeIfAbsent(token, k -> new ArrayList<>());
                int before = values.size();
                if (inline != null) {
                    values.addAll(split(inline));
                }
                while (i + 1 < rest.size() && !rest.get(i + 1).startsWith("--")) {
                    values.addAll(split(rest.get(++i)));
                }
                if (values.size() == before) {
                    throw new UsageException(token + " needs at least one value");
                }
            } else {
                throw new UsageException("unknown option " + token + (probe && (SINGLE.containsKey(token)
                        || MULTI.containsKey(token) || FLAGS.containsKey(token)) ? " for probe (it is an option of server)"
                        : ""));
            }
        }
        multi.forEach((option, values) -> a.config.put(multiple.get(option), String.join(",", values)));
        if (!a.config.containsKey(SuiteConfiguration.BASE_URL)) {
            throw new UsageException("--base-url is required");
        }
        if (probe) {
            for (String required : List.of("--sdkappid", "--identifier", "--secret-key")) {
                if (!a.config.containsKey(PROBE_SINGLE.get(required))) {
                    throw new UsageException(required + " is required for probe");
                }
            }
            if (!a.config.containsKey(ProbeSettings.C2C) && !a.config.containsKey(ProbeSettings.GROUPS)
                    && !a.config.containsKey(ProbeSettings.OFFICIAL_ACCOUNTS)) {
                throw new UsageException("probe needs a history: --c2c A:B:MINTIME:MAXTIME, --group GROUPID or "
                        + "--official-account ID");
            }
            try {
                ProbeSettings.of(key -> java.util.Optional.ofNullable(a.config.get(key)));
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            return a;
        }
        String seed = a.seed();
        if (!List.of("stub-admin", "none", "command").contains(seed)) {
            throw new UsageException("--seed must be stub-admin or none (or give --seed-command CMD), not " + seed);
        }
        if (seed.equals("command") && !a.config.containsKey(SuiteConfiguration.SEED_COMMAND)) {
            throw new UsageException("--seed command needs --seed-command CMD");
        }
        if (!seed.equals("command") && a.config.containsKey(SuiteConfiguration.SEED_COMMAND)) {
            throw new UsageException("--seed-command seeds by command: leave out --seed " + seed);
        }
        boolean key = a.config.containsKey(SuiteConfiguration.SECRET_KEY);
        boolean sig = a.config.containsKey(SuiteConfiguration.USER_SIG);
        if (key && sig) {
            throw new UsageException("give --secret-key or --user-sig, not both");
        }
        if (seed.equals("stub-admin")) {
            // the gate creates the tenant itself, so it may choose its admin and key (the sdkappid: Gate, once the
            // stub's tenants are known)
            a.config.putIfAbsent(SuiteConfiguration.IDENTIFIER, TenantSpec.DEFAULT_ADMIN);
            if (!sig) {
                a.config.putIfAbsent(SuiteConfiguration.SECRET_KEY, TenantSpec.DEFAULT_SECRET_KEY);
            }
        } else {
            for (String required : List.of("--sdkappid", "--identifier")) {
                if (!a.config.containsKey(SINGLE.get(required))) {
                    throw new UsageException(required + " is required with --seed " + seed);
                }
            }
            if (!key && !sig) {
                throw new UsageException("--secret-key (or --user-sig) is required with --seed " + seed);
            }
        }
        if ("none".equals(seed) && !a.config.containsKey(SuiteConfiguration.SCENARIOS)) {
            throw new UsageException("--seed none needs --scenario: name the scenarios the server already holds");
        }
        return a;
    }

    /** How scenarios get into the server: --seed, else command when --seed-command is given, else stub-admin. */
    String seed() {
        return SuiteConfiguration.of(config).seed();
    }

    private static List<String> split(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
