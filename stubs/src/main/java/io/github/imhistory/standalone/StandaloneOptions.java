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
                         boolean allowRemoteAdmin, List<String> allowHosts, boolean help) {

    static final String USAGE = """
            Usage: java -jar im-history-stubs-standalone.jar [options]

            Serves the Tencent Cloud IM history APIs (admin_getroammsg, group_msg_get_simple,
            official_account_msg_get_simple), computed from scenario data.

              --port N                 port to listen on (default 8080; 0 picks a free one)
              --host ADDR              address to bind (default 127.0.0.1; binding wider is explicit)
              --scenarios DIR          also serve your own scenario files (*.json, validated at start,
                                       reloaded when they change)
              --cors | --no-cors       answer browser preflights and add CORS headers (default on)
              --verify-usersig         check UserSig (TLSSigAPIv2, HMAC-SHA256); off by default
              --secret-key KEY         the secret key UserSigs are checked against (implies --verify-usersig)
              --latency MS             add MS milliseconds to every API answer (default 0)
              --rate-limit on|off      refuse more than 200 calls/s per app and API with 60007 (default on)
              --journal-size N         requests kept per tenant for /__imhistory (default 1000)
              --allow-remote-admin     accept admin changes from other machines (only with a wider --host)
              --allow-host NAME        on loopback, also answer admin requests whose Host is NAME (repeatable;
                                       by default only localhost, 127.0.0.1 and [::1], against DNS rebinding)
              --help                   show this help
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
        boolean help = false;
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
                case "--rate-limit" -> rate = switch (value(arg, inline, rest)) {
                    case "on" -> true;
                    case "off" -> false;
                    default -> throw new UsageException("--rate-limit takes on or off");
                };
                case "--journal-size" -> journal = (int) number(arg, value(arg, inline, rest), 0, 1_000_000);
                case "--allow-remote-admin" -> remoteAdmin = true;
                case "--allow-host" -> allowHosts.add(hostName(value(arg, inline, rest)));
                case "--help", "-h" -> help = true;
                default -> throw new UsageException("unknown option " + arg);
            }
        }
        if (key != null && key.isBlank()) {
            throw new UsageException("--secret-key must not be empty");
        }
        return new StandaloneOptions(port, host, Optional.ofNullable(scenarios), cors, verify, Optional.ofNullable(key),
                latency, rate, journal, remoteAdmin, List.copyOf(allowHosts), help);
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
