package io.github.imhistory.kit.probe;

import io.github.imhistory.contract.RuleId;
import io.github.imhistory.kit.server.ServerTarget;
import io.github.imhistory.kit.server.SuiteConfiguration;
import io.github.imhistory.kit.server.SuiteOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the probe walks and how far it may go, from JUnit configuration parameters (the gate's {@code probe} command
 * sets them): the target and the rule selection as for the server suite ({@link SuiteConfiguration}), plus the
 * histories and the bounds below.
 *
 * @param maxRequests  the request budget: the probe stops after this many requests and says so
 * @param maxPerSecond at most this many requests in any second, all APIs together (never more than
 *                     {@value #MAX_PER_SECOND}, the documented limit of one API, COM-RATE-001)
 * @param userSig      whether bad UserSigs are sent (off for a target that accepts any usersig on purpose)
 */
public record ProbeSettings(ServerTarget target, SuiteOptions options, List<C2cHistory> c2c, List<String> groups,
                            List<String> officialAccounts, int maxRequests, int maxPerSecond, boolean userSig) {
    public static final String C2C = "imhistory.probe.c2c";
    public static final String GROUPS = "imhistory.probe.groups";
    public static final String OFFICIAL_ACCOUNTS = "imhistory.probe.officialAccounts";
    public static final String MAX_REQUESTS = "imhistory.probe.maxRequests";
    public static final String MAX_RATE = "imhistory.probe.maxPerSecond";
    public static final String SKIP_USERSIG = "imhistory.probe.skipUserSig";
    public static final int DEFAULT_MAX_REQUESTS = 2000;
    /** Ways with one entry a page go at most this many pages (their pages are judged against what the others showed). */
    public static final int DEFAULT_ONE_A_PAGE_PAGES = 50;
    public static final int MAX_PER_SECOND = 200;
    public static final int DEFAULT_MAX_PER_SECOND = SuiteOptions.DEFAULT_MAX_REQUESTS_PER_SECOND;

    /** A one-to-one conversation and the window to walk: {@code A:B:MINTIME:MAXTIME}. */
    public record C2cHistory(String from, String to, long minTime, long maxTime) {
        static C2cHistory parse(String spec) {
            String[] p = spec.split(":", -1);
            if (p.length != 4 || p[0].isEmpty() || p[1].isEmpty()) {
                throw new IllegalArgumentException("--c2c wants ACCOUNT:PEER:MINTIME:MAXTIME, not " + spec);
            }
            try {
                long min = Long.parseLong(p[2]);
                long max = Long.parseLong(p[3]);
                if (min < 0 || max < 0 || min > 0xFFFFFFFFL || max > 0xFFFFFFFFL || min > max) {
                    throw new IllegalArgumentException("--c2c " + spec + ": MINTIME and MAXTIME are seconds in "
                            + "0..4294967295, MINTIME <= MAXTIME");
                }
                return new C2cHistory(p[0], p[1], min, max);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--c2c " + spec + ": MINTIME and MAXTIME are seconds, e.g. "
                        + "user1:user2:1700000400:1700000499");
            }
        }

        @Override
        public String toString() {
            return from + ":" + to + ":" + minTime + ":" + maxTime;
        }
    }

    public ProbeSettings {
        c2c = List.copyOf(c2c);
        groups = List.copyOf(groups);
        officialAccounts = List.copyOf(officialAccounts);
    }

    /**
     * The settings the parameters describe.
     *
     * @throws IllegalArgumentException naming what is missing or malformed
     */
    public static ProbeSettings of(Function<String, Optional<String>> params) {
        SuiteConfiguration suite = SuiteConfiguration.of(params);
        ServerTarget target = suite.target().orElseThrow(() -> new IllegalArgumentException("the probe has no target: set "
                + SuiteConfiguration.BASE_URL));
        if (!target.canSign()) {
            throw new IllegalArgumentException("the probe signs its own UserSigs (and bad ones): give the secret key");
        }
        List<C2cHistory> c2c = list(params, C2C).stream().map(C2cHistory::parse).toList();
        List<String> groups = list(params, GROUPS);
        List<String> accounts = list(params, OFFICIAL_ACCOUNTS);
        if (c2c.isEmpty() && groups.isEmpty() && accounts.isEmpty()) {
            throw new IllegalArgumentException("name at least one history: --c2c A:B:MINTIME:MAXTIME, --group GROUPID or "
                    + "--official-account ID");
        }
        int budget = positive(params, MAX_REQUESTS, DEFAULT_MAX_REQUESTS);
        int rate = positive(params, MAX_RATE, DEFAULT_MAX_PER_SECOND);
        if (rate > MAX_PER_SECOND) {
            throw new IllegalArgumentException(MAX_RATE + " is at most " + MAX_PER_SECOND + " (" + RuleId.COM_RATE_001.id() + ")");
        }
        boolean skipSig = params.apply(SKIP_USERSIG).map(Boolean::parseBoolean).orElse(false);
        return new ProbeSettings(target, suite.options(), c2c, groups, accounts, budget, rate, !skipSig);
    }

    private static List<String> list(Function<String, Optional<String>> params, String key) {
        return params.apply(key).map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
                .orElse(new ArrayList<>());
    }

    private static int positive(Function<String, Optional<String>> params, String key, int fallback) {
        Optional<String> v = params.apply(key);
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.get().trim());
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a positive integer, not " + v.get());
        }
    }
}
