package io.github.imhistory.kit.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The server suite's JUnit configuration parameters ({@code --config key=value} of the console launcher, the gate,
 * Surefire's {@code configurationParameters}, or {@code -Dkey=value}). {@link ServerConformanceSuite} hands one to the
 * subclass through {@link ServerConformanceSuite#configuration()}; {@link ConfiguredServerConformanceTest} runs
 * entirely from it.
 *
 * <p>Lists ({@code include}, {@code exclude}, {@code scenarios}) are separated by commas or blanks.
 */
public final class SuiteConfiguration {
    public static final String BASE_URL = "imhistory.baseUrl";
    public static final String SDKAPPID = "imhistory.sdkappid";
    public static final String IDENTIFIER = "imhistory.identifier";
    public static final String SECRET_KEY = "imhistory.secretKey";
    /** A fixed, valid UserSig instead of the secret key (the suite then skips what needs its own signatures). */
    public static final String USER_SIG = "imhistory.userSig";
    /** {@code stub-admin} (default), {@code command} (with {@value #SEED_COMMAND}) or {@code none}. */
    public static final String SEED = "imhistory.seed";
    /** The command that loads one scenario file into the server (see {@link Seeder#command}); implies seed command. */
    public static final String SEED_COMMAND = "imhistory.seedCommand";
    public static final String INCLUDE = "imhistory.include";
    public static final String EXCLUDE = "imhistory.exclude";
    public static final String SCENARIOS = "imhistory.scenarios";
    public static final String STRICT = "imhistory.strict";
    /** Opt in to the 201-request rate-limit burst against a server that is not the stub. */
    public static final String RATE_LIMIT = "imhistory.rateLimit";
    public static final String TIMEOUT_MS = "imhistory.timeoutMs";
    public static final String MAX_REQUESTS_PER_SECOND = "imhistory.maxRequestsPerSecond";
    /** Every key this class reads. */
    public static final List<String> KEYS = List.of(BASE_URL, SDKAPPID, IDENTIFIER, SECRET_KEY, USER_SIG, SEED,
            SEED_COMMAND, INCLUDE, EXCLUDE, SCENARIOS, STRICT, RATE_LIMIT, TIMEOUT_MS, MAX_REQUESTS_PER_SECOND);

    private final Function<String, Optional<String>> params;

    private SuiteConfiguration(Function<String, Optional<String>> params) {
        this.params = params;
    }

    /** Reads parameters through {@code lookup} (e.g. {@code ExtensionContext::getConfigurationParameter}). */
    public static SuiteConfiguration of(Function<String, Optional<String>> lookup) {
        return new SuiteConfiguration(key -> lookup.apply(key).map(String::trim).filter(v -> !v.isEmpty()));
    }

    public static SuiteConfiguration of(Map<String, String> params) {
        return of(key -> Optional.ofNullable(params.get(key)));
    }

    public static SuiteConfiguration empty() {
        return of(Map.of());
    }

    public Optional<String> get(String key) {
        return params.apply(key);
    }

    /**
     * The target named by the parameters; empty when {@value #BASE_URL} is not set.
     *
     * @throws IllegalArgumentException when a parameter is malformed or one that is needed is missing
     */
    public Optional<ServerTarget> target() {
        Optional<String> base = get(BASE_URL);
        if (base.isEmpty()) {
            return Optional.empty();
        }
        long sdkappid = get(SDKAPPID).map(v -> parseLong(SDKAPPID, v))
                .orElseThrow(() -> new IllegalArgumentException(SDKAPPID + " is not set"));
        String identifier = get(IDENTIFIER).orElseThrow(() -> new IllegalArgumentException(IDENTIFIER + " is not set"));
        Optional<String> key = get(SECRET_KEY);
        Optional<String> sig = get(USER_SIG);
        ServerTarget target;
        if (key.isPresent()) {
            target = ServerTarget.of(base.get(), sdkappid, identifier, key.get());
        } else if (sig.isPresent()) {
            String fixed = sig.get();
            target = ServerTarget.withUserSig(base.get(), sdkappid, identifier, () -> fixed);
        } else {
            throw new IllegalArgumentException("set " + SECRET_KEY + " (or " + USER_SIG + " with a valid UserSig)");
        }
        Optional<String> timeout = get(TIMEOUT_MS);
        if (timeout.isPresent()) {
            target = target.withTimeout(Duration.ofMillis(parseLong(TIMEOUT_MS, timeout.get())));
        }
        return Optional.of(target);
    }

    /** {@value #SEED}, else {@code command} when {@value #SEED_COMMAND} is set, else {@code stub-admin}. */
    public String seed() {
        return get(SEED).orElse(get(SEED_COMMAND).isPresent() ? "command" : "stub-admin");
    }

    /** A new seeder as {@link #seed()} says (one per run: stub-admin remembers the tenants it created). */
    public Seeder seeder() {
        String seed = seed();
        Optional<String> command = get(SEED_COMMAND);
        if (command.isPresent() && !seed.equals("command")) {
            throw new IllegalArgumentException(SEED_COMMAND + " is set, but " + SEED + " is " + seed + ", not command");
        }
        return switch (seed) {
            case "stub-admin" -> Seeder.stubAdmin();
            case "none" -> Seeder.none();
            case "command" -> Seeder.command(command.orElseThrow(() -> new IllegalArgumentException(
                    SEED + "=command needs " + SEED_COMMAND + " (--seed-command CMD)")));
            default -> throw new IllegalArgumentException(SEED + " must be stub-admin, command or none, was " + seed);
        };
    }

    public SuiteOptions options() {
        SuiteOptions o = SuiteOptions.defaults()
                .include(list(INCLUDE))
                .exclude(list(EXCLUDE))
                .scenarios(new LinkedHashSet<>(list(SCENARIOS)))
                .strict(flag(STRICT))
                .rateLimit(flag(RATE_LIMIT));
        Optional<String> rate = get(MAX_REQUESTS_PER_SECOND);
        if (rate.isPresent()) {
            o = o.maxRequestsPerSecond((int) parseLong(MAX_REQUESTS_PER_SECOND, rate.get()));
        }
        return o;
    }

    /**
     * Everything that keeps these parameters from making a run (malformed or missing values, unknown rules or
     * scenarios, a seeder without scenarios); empty when they can. Reachability is not checked here.
     */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        try {
            if (target().isEmpty()) {
                out.add(BASE_URL + " is not set");
            }
        } catch (IllegalArgumentException e) {
            out.add(e.getMessage());
        }
        Seeder seeder = null;
        SuiteOptions options = null;
        try {
            seeder = seeder();
        } catch (IllegalArgumentException e) {
            out.add(e.getMessage());
        }
        try {
            options = options();
        } catch (IllegalArgumentException e) {
            out.add(e.getMessage());
        }
        if (seeder != null && options != null) {
            out.addAll(ServerSuite.problems(seeder, options));
        }
        return out;
    }

    private List<String> list(String key) {
        return get(key).map(v -> Arrays.stream(v.split("[,\\s]+")).filter(s -> !s.isEmpty()).toList()).orElse(List.of());
    }

    private boolean flag(String key) {
        String v = get(key).orElse("false");
        return switch (v) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(key + " must be true or false, was " + v);
        };
    }

    private static long parseLong(String key, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be an integer, was " + value);
        }
    }
}
