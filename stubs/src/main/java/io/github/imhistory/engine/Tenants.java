package io.github.imhistory.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The tenants an engine serves, by sdkappid. Loading replaces a tenant whole; readers never see half a load. */
public final class Tenants {
    private final ConcurrentMap<Long, Tenant> bySdkappid = new ConcurrentHashMap<>();
    private final EngineSettings settings;

    public Tenants(EngineSettings settings) {
        this.settings = settings;
    }

    public EngineSettings settings() {
        return settings;
    }

    /** Loads a scenario into a fresh tenant (replacing any tenant of that sdkappid); -1 keeps the scenario's own. */
    public Tenant load(JsonNode scenario, long sdkappid) {
        Tenant t = Tenant.fromScenario(scenario, sdkappid, settings);
        bySdkappid.put(t.sdkappid(), t);
        return t;
    }

    public Optional<Tenant> get(long sdkappid) {
        return Optional.ofNullable(bySdkappid.get(sdkappid));
    }

    /** Reloads a tenant from its scenario: data, counters, deviations and traffic start afresh. */
    public Optional<Tenant> reset(long sdkappid) {
        Tenant old = bySdkappid.get(sdkappid);
        return old == null ? Optional.empty() : Optional.of(load(old.scenario(), sdkappid));
    }

    public void resetAll() {
        List.copyOf(bySdkappid.keySet()).forEach(this::reset);
    }

    public boolean remove(long sdkappid) {
        return bySdkappid.remove(sdkappid) != null;
    }

    public void clear() {
        bySdkappid.clear();
    }

    public Collection<Tenant> all() {
        return List.copyOf(bySdkappid.values());
    }
}
