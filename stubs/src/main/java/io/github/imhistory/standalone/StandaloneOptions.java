package io.github.imhistory.standalone;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The command line of the standalone server. Anything it cannot understand is a {@link UsageException} (exit 2). */
record StandaloneOptions(int port, String host, Optional<Path> scenarios, boolean cors, boolean verifyUserSig,
                         Optional<String> secretKey, long latencyMillis, boolean rateLimit, int journalSize,
                         boolean allowRemoteAdmin, List<String> allowHosts, Optional<Boolean> forceVerifyUserSig,
                         Optional<Boolean> forceRateLimit, boolean help, boolean version) {

    static final String USAGE = """
            Usage: java -jar im-history-stubs-standalone.jar [options]

            Serves the Tencent Cloud IM history APIs (admin_getroammsg, group_msg_get_simple,
            official_account_msg_get_simple), computed from scenario data.

              --port N                 port to listen on (default 8080; 0 picks a free one)
              --host ADDR              address to bind (default 127.0.0.1; binding wider is explicit)
              --scenarios DIR          also serve your own scenario files (*.json, validated at start,
                                       reloaded when they change)
              --cors | --no-cors       answer browser preflights and add CORS headers (default on)
              --verify-usersig         check UserSig (TLSSigAPIv2, HMAC-SHA256) on tenants whose scenario does
                                       not say (default: off, any usersig is accepted)
              --secret-key KEY         the secret key of every tenant loaded at start (implies --verify-usersig)
              --latency MS             add MS milliseconds to every API answer (default 0)
              --rate-limit on|off      refuse more than 200 calls/s per app and API with 60007, on tenants whose
                                       scenario does not say (default on)
              --force-verify-usersig on|off
                                       UserSig checking on or off for every tenant, whatever its scenario says
              --force-rate-limit on|off
                                       the rate limit on or off for every tenant, whatever its scenario says
              --journal-size N         requests kept per tenant for /__imhistory (default 1000)
              --allow-remote-admin     accept admin changes from other machines (only with a wider --host)
              --allow-host NAME        on loopback, also answer admin requests whose Host is NAME (repeatable;
                                       by default only localhost, 127.0.0.1 and [::1], against DNS rebinding)
              --version                print the version and the git commit it was built from
              --help                   show this help

            Each tenant's UserSig checking and rate limit: a --force-... flag if given, else what the tenant's
            scenario says (tenant.verifyUserSig, tenant.rateLimit), else --verify-usersig / --rate-limit.
            GET /__imhistory/tenants shows each tenant's settings and where they came from.
            """;

    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    static StandaloneOptions parse(String... args) throws UsageException {
        int port = 8080;
        String host = "127.0.0.1";
        Path scenarios = null;
        boolean cors = true;
        boolean verify = false;
        String key = null;
        long latency = 0;
        boolean rate = true;
        int journal = 1000;
        boolean remoteAdmin = false;
        List<String> allowHosts = new java.util.ArrayList<>();
        Boolean forceVerify = null;
        Boolean forceRate = null;
        boolean help = false;
        boolean version = false;
        Deque<String> rest = new ArrayDeque<>(Arrays.asList(args));
        while (!rest.isEmpty()) {
            String arg = rest.pop();
            String inline = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                inline = arg.substring(eq + 1);
                arg = arg.substring(0, eq);
            }
            switch (arg) {
                case "--port" -> port = (int) number(arg, value(arg, inline, rest), 0, 65535);
                case "--host" -> host = value(arg, inline, rest);
                case "--scenarios" -> scenarios = Path.of(value(arg, inline, rest));
                case "--cors" -> cors = true;
                case "--no-cors" -> cors = false;
                case "--verify-usersig" -> verify = true;
                case "--secret-key" -> {
                    key = value(arg, inline, rest);
                    verify = true;
                }
                case "--latency" -> latency = number(arg, value(arg, inline, rest), 0, 60_000);
                case "--rate-limit" -> rate = onOff(arg, value(arg, inline, rest));
                case "--force-verify-usersig" -> forceVerify = onOff(arg, value(arg, inline, rest));
                case "--force-rate-limit" -> forceRate = onOff(arg, value(arg, inline, rest));
                case "--journal-size" -> journal = (int) number(arg, value(arg, inline, rest), 0, 1_000_000);
                case "--allow-remote-admin" -> remoteAdmin = true;
                case "--allow-host" -> allowHosts.add(hostName(value(arg, inline, rest)));
                case "--help", "-h" -> help = true;
                case "--version", "-V" -> version = true;
                default -> throw new UsageException("unknown option " + arg);
            }
        }
        if (key != null && key.isBlank()) {
            throw new UsageException("--secret-key must not be empty");
        }
        return new StandaloneOptions(port, host, Optional.ofNullable(scenarios), cors, verify, Optional.ofNullable(key),
                latency, rate, journal, remoteAdmin, List.copyOf(allowHosts), Optional.ofNullable(forceVerify),
                Optional.ofNullable(forceRate), help, version);
    }

    private static boolean onOff(String flag, String value) throws UsageException {
        return switch (value) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new UsageException(flag + " takes on or off, not " + value);
        };
    }

    /** A host name or address as a Host header names it (IPv6 in brackets), without a port; lower case. */
    private static String hostName(String value) throws UsageException {
        String name = value.toLowerCase(Locale.ROOT);
        if (!name.matches("[a-z0-9._-]+|\\[[0-9a-f:.]+\\]")) {
            throw new UsageException("--allow-host takes a host name or address without a port (dev.example, 192.168.1.5, "
                    + "[fd00::1]), not \"" + value + "\"");
        }
        return name;
    }

    private static String value(String flag, String inline, Deque<String> rest) throws UsageException {
        if (inline != null) {
            return inline;
        }
        if (rest.isEmpty() || rest.peek().startsWith("--")) {
            throw new UsageException(flag + " needs a value");
        }
        return rest.pop();
    }

    private static long number(String flag, String value, long min, long max) throws UsageException {
        try {
            long n = Long.parseLong(value);
            if (n < min || n > max) {
                throw new UsageException(flag + " must be between " + min + " and " + max + ", not " + value);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(flag + " takes a number, not " + value);
        }
    }
}
