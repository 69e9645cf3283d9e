package io.github.imhistory.kit.server;

import java.io.IOException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/**
 * How a scenario's dataset gets into the server before the suite replays the scenario. The suite calls
 * {@link #begin} once, {@link #seed} once per scenario, right before its first request, with the scenario adapted to
 * the target (its tenant carries the target's sdkappid, admin identifier and secret key, and says whether the tenant
 * checks UserSigs and limits the rate), and {@link #end} once after the last scenario.
 *
 * <p>Built in: {@link #stubAdmin()} for the im-history stub (or anything speaking its admin API), {@link #command}
 * for a command of the team's own that loads a scenario file into the server, and {@link #none} for a server that
 * already holds the data. A team with its own import path can also implement this interface.
 */
@FunctionalInterface
public interface Seeder {

    /** Puts {@code context.scenario()}'s dataset into the server, replacing what an earlier scenario left there. */
    void seed(SeedContext context) throws IOException;

    /**
     * Called once before the first scenario, e.g. to check that the target's tenant may be (re)loaded at all. An
     * exception stops the run before anything is sent (the gate exits 2). Default: nothing.
     */
    default void begin(ServerTarget target) throws IOException {}

    /**
     * Called once after the last scenario, also when scenarios failed, e.g. to remove what the seeder created.
     * Default: nothing.
     */
    default void end(ServerTarget target) throws IOException {}

    /**
     * Whether the target is the im-history stub: it then honours a scenario's scripted deviations (a fault on the
     * n-th request, a message arriving between two pages) and tenant switches (rate limit off), so the suite also
     * plays those scenarios, and the 201-request rate-limit burst. Default: false.
     */
    default boolean servesStubFeatures() {
        return false;
    }

    /** The only scenarios this seeder can provide, or empty for all. */
    default Optional<Set<String>> scenarioIds() {
        return Optional.empty();
    }

    /** For reports: {@code stub-admin}, {@code none}, or a name of your own. */
    default String describe() {
        return getClass().getSimpleName();
    }

    /**
     * Posts each scenario to the stub's admin API, {@code POST {base}/__imhistory/tenants/{sdkappid}}, which loads it
     * into a fresh tenant (data, counters, deviations and rate limits start afresh). It never replaces a tenant it did
     * not load itself: when the target's sdkappid already holds one, the run stops before anything is sent. At the
     * end it removes the tenant it created.
     */
    static Seeder stubAdmin() {
        return new StubAdminSeeder();
    }

    /**
     * A random sdkappid of the gate's own range, 1990000000..1999999999, that holds no tenant on the im-history stub
     * at {@code baseUrl} (read from its admin API): where {@code --seed stub-admin} loads scenarios when no
     * {@code --sdkappid} is given.
     */
    static long unusedStubSdkappid(String baseUrl) throws IOException {
        return StubAdminSeeder.freeSdkappid(baseUrl);
    }

    /**
     * Runs {@code command} through {@code /bin/sh} once per scenario, with the path of the adapted scenario file as
     * its last argument (and in {@code IMHISTORY_SCENARIO_FILE}); see {@link CommandSeeder}. A non-zero exit stops
     * that scenario as not seeded (the gate exits 2).
     */
    static Seeder command(String command) {
        return new CommandSeeder(command);
    }

    /**
     * For a server seeded beforehand by its owner: the suite plays only the named scenarios (the data of each must be
     * in the server under the target's sdkappid). Names may also come from {@code imhistory.scenarios}
     * ({@code --scenario}); with no name at all the suite refuses to start.
     */
    static Seeder none(String... scenarioIds) {
        return new PreSeeded(Set.copyOf(Arrays.asList(scenarioIds)));
    }

    static Seeder none(Collection<String> scenarioIds) {
        return new PreSeeded(Set.copyOf(scenarioIds));
    }

    /** {@link #none}: seeding is the owner's job. */
    final class PreSeeded implements Seeder {
        private final Set<String> ids;

        PreSeeded(Set<String> ids) {
            this.ids = ids;
        }

        @Override
        public void seed(SeedContext context) {
            // the data is already there
        }

        /** Empty set: no names given here (they may come from the suite options). */
        @Override
        public Optional<Set<String>> scenarioIds() {
            return Optional.of(ids);
        }

        @Override
        public String describe() {
            return "none";
        }
    }
}
