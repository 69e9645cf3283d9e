package io.github.imhistory.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.imhistory.contract.Scenario;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/** The tenants an engine serves, by sdkappid. Loading replaces a tenant whole; readers never see half a load. */
public final class Tenants {
    private final ConcurrentMap<Long, Tenant> bySdkappid = new ConcurrentHashMap<>();
    /** Scenarios registered to load on their tenant's first request, so a server with many can start at once. */
    private final ConcurrentMap<Long, Supplier<Scenario>> lazy = new ConcurrentHashMap<>();
    private final EngineSettings settings;

    public Tenants(EngineSettings settings) {
        this.settings = settings;
    }

    public EngineSettings settings() {
        return settings;
    }

    /** Loads a scenario document (see {@link #load(Scenario, long)}). */
    public Tenant load(JsonNode scenario, long sdkappid) {
        return load(Scenario.of(scenario, "scenario"), sdkappid);
    }

    /** Loads a scenario into a fresh tenant (replacing any tenant of that sdkappid); -1 keeps the scenario's own. */
    public Tenant load(Scenario scenario, long sdkappid) {
        Tenant t = Tenant.fromScenario(scenario, sdkappid, settings);
        lazy.remove(t.sdkappid());
        bySdkappid.put(t.sdkappid(), t);
        return t;
    }

    /** Registers a scenario to be loaded into {@code sdkappid} when that tenant is first used. */
    public void loadLazily(long sdkappid, Supplier<Scenario> scenario) {
        bySdkappid.remove(sdkappid);
        lazy.put(sdkappid, scenario);
    }

    public Optional<Tenant> get(long sdkappid) {
        Tenant t = bySdkappid.get(sdkappid);
        if (t == null && lazy.containsKey(sdkappid)) {
            t = bySdkappid.computeIfAbsent(sdkappid, id -> {
                Supplier<Scenario> s = lazy.remove(id);
                return s == null ? null : Tenant.fromScenario(s.get(), id, settings);
            });
        }
        return Optional.ofNullable(t);
    }

    /** Tenants known, loaded or not yet loaded. */
    public int count() {
        return bySdkappid.size() + lazy.size();
    }

    /** Reloads a tenant from its scenario: data, counters, deviations and traffic start afresh. */
    public Optional<Tenant> reset(long sdkappid) {
        if (lazy.containsKey(sdkappid)) {
            return get(sdkappid); // never used yet: loading it is the reset
        }
        Tenant old = bySdkappid.get(sdkappid);
        return old == null ? Optional.empty() : Optional.of(load(old.scenario(), sdkappid));
    }

    public void resetAll() {
        List.copyOf(bySdkappid.keySet()).forEach(this::reset);
    }

    public boolean remove(long sdkappid) {
        return lazy.remove(sdkappid) != null | bySdkappid.remove(sdkappid) != null;
    }

    public void clear() {
        lazy.clear();
        bySdkappid.clear();
    }

    /** Every tenant; lazily registered ones are loaded now. */
    public Collection<Tenant> all() {
        List.copyOf(lazy.keySet()).forEach(this::get);
        return List.copyOf(bySdkappid.values());
    }
}
