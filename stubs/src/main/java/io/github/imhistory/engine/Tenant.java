package io.github.imhistory.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.imhistory.contract.Api;
import io.github.imhistory.contract.ContractException;
import io.github.imhistory.contract.TenantSpec;
import io.github.imhistory.contract.Scenario;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * One app (sdkappid) with its admins, secret key, stored history, scripted deviations, rate limiters and traffic.
 * Tenants are isolated by sdkappid, so tests and developers can each load their own data at the same time.
 */
public final class Tenant {
    public static final long DEFAULT_SDKAPPID = TenantSpec.DEFAULT_SDKAPPID;

    private final long sdkappid;
    private final String scenarioId;
    private final Scenario scenario;
    private final Set<String> admins;
    private final String secretKey;
    private final TenantSetting verifyUserSig;
    private final TenantSetting rateLimit;
    private final History history;
    private final List<Deviation> deviations;
    final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final AtomicLong requests = new AtomicLong();
    private final Map<Api, AtomicLong> requestsPerApi = new EnumMap<>(Api.class);
    private final Map<Api, RateLimiter> limiters = new EnumMap<>(Api.class);
    private final Traffic traffic;

    private Tenant(long sdkappid, Scenario scenario, EngineSettings settings) {
        this.sdkappid = sdkappid;
        this.scenario = scenario;
        this.scenarioId = scenario.id();
        TenantSpec spec = scenario.tenant(); // the scenario schema's defaults, defined once
        this.admins = Set.copyOf(new LinkedHashSet<>(spec.admins()));
        this.secretKey = spec.secretKey();
        this.verifyUserSig = TenantSetting.resolve(settings.verifyUserSig(), spec.verifyUserSigGiven(),
                settings.verifyUserSigDefault());
        this.rateLimit = TenantSetting.resolve(settings.rateLimit(), spec.rateLimitGiven(), settings.rateLimitDefault());
        List<String> accounts = new ArrayList<>(spec.admins());
        accounts.addAll(spec.accounts());
        this.history = DatasetLoader.load(scenario.dataset(), accounts);
        guardWalks(scenario, history);
        List<Deviation> list = new ArrayList<>();
        for (int i = 0; i < scenario.deviations().size(); i++) {
            list.add(Deviation.of(scenario.deviations().get(i), "/deviations/" + i));
        }
        this.deviations = List.copyOf(list);
        for (Api api : Api.values()) {
            requestsPerApi.put(api, new AtomicLong());
            limiters.put(api, new RateLimiter());
        }
        this.traffic = new Traffic(settings.journalSize(), settings.journalBodyBytes());
    }

    /**
     * A scenario's walk of a group or official account goes down to the start of its stream: one whose newest seq is
     * far above its listed entries would walk through millions of implicit expired holes, which no scenario means
     * (seqs 1..newest that are not listed are holes unless firstSeq says where the stream begins).
     */
    private static void guardWalks(Scenario scenario, History history) {
        for (int i = 0; i < scenario.walks().size(); i++) {
            Scenario.WalkSpec w = scenario.walks().get(i);
            SeqStore store = history.store(w.api(), w.body());
            if (store != null && store.implicitHoles() > SeqStore.MAX_WALKED_HOLES) {
                throw new ContractException("/walks/" + i + ": the walk goes through " + store.implicitHoles()
                        + " implicit expired holes (seqs " + store.firstSeq() + ".." + store.newest() + " not listed); set"
                        + " firstSeq on the stream to say where it begins");
            }
        }
    }

    /**
     * A tenant holding a scenario's data.
     *
     * @param sdkappid the tenant's sdkappid, or -1 to take the scenario's own (default 1400000000)
     */
    public static Tenant fromScenario(Scenario scenario, long sdkappid, EngineSettings settings) {
        long id = sdkappid >= 0 ? sdkappid : scenario.tenant().sdkappid();
        if (id < 0 || id > 0xFFFFFFFFL) {
            throw new ContractException("/tenant/sdkappid: an integer in 0..4294967295 is required");
        }
        return new Tenant(id, scenario, settings);
    }

    public long sdkappid() {
        return sdkappid;
    }

    public String scenarioId() {
        return scenarioId;
    }

    public Scenario scenario() {
        return scenario;
    }

    public Set<String> admins() {
        return admins;
    }

    public String secretKey() {
        return secretKey;
    }

    public boolean verifiesUserSig() {
        return verifyUserSig.on();
    }

    public boolean limitsRate() {
        return rateLimit.on();
    }

    /** Whether the tenant checks UserSigs, and whether the server forced it, the scenario said so or a default. */
    public TenantSetting userSigSetting() {
        return verifyUserSig;
    }

    /** Whether the tenant limits the rate, and whether the server forced it, the scenario said so or a default. */
    public TenantSetting rateLimitSetting() {
        return rateLimit;
    }

    public Traffic traffic() {
        return traffic;
    }

    public long requestCount() {
        return requests.get();
    }

    /** Counts of what the tenant holds: one-to-one messages, group entries, official-account entries. */
    public Map<String, Long> sizes() {
        lock.readLock().lock();
        try {
            return Map.of("c2c", history.c2cCount(), "groups", (long) history.groups.size(),
                    "groupEntries", history.groupEntryCount(), "officialAccounts", (long) history.officialAccounts.size(),
                    "officialAccountEntries", history.officialAccountEntryCount());
        } finally {
            lock.readLock().unlock();
        }
    }

    /** What the history holds (accounts, conversations with their windows, groups, official accounts). */
    public Holdings holdings() {
        lock.readLock().lock();
        try {
            return Holdings.of(history);
        } finally {
            lock.readLock().unlock();
        }
    }

    History history() {
        return history;
    }

    /** Counts the request and returns the deviations that fire for it. */
    List<Deviation> arrive(Api api) {
        long n = requests.incrementAndGet();
        long nApi = requestsPerApi.get(api).incrementAndGet();
        List<Deviation> firing = new ArrayList<>(1);
        for (Deviation d : deviations) {
            if (d.firesAt(api, n, nApi)) {
                firing.add(d);
            }
        }
        return firing;
    }

    boolean withinRate(Api api, long nowMillis) {
        return !rateLimit.on() || limiters.get(api).tryAcquire(nowMillis);
    }
}
