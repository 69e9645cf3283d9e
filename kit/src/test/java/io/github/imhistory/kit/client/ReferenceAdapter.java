package io.github.imhistory.kit.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.imhistory.kit.junit.ImHistoryEndpoint;
import java.util.List;
import java.util.function.Function;

/** Adapts a {@link ReferenceClient} (or a deliberately broken subclass) to the suite; supports everything. */
class ReferenceAdapter implements ImHistoryClientAdapter {
    private final Function<ImHistoryEndpoint, ReferenceClient> factory;
    private ReferenceClient client;

    ReferenceAdapter() {
        this(ReferenceClient::new);
    }

    ReferenceAdapter(Function<ImHistoryEndpoint, ReferenceClient> factory) {
        this.factory = factory;
    }

    /** One client per walk (the suite makes one adapter per walk), so paging keeps its throttle state. */
    private synchronized ReferenceClient client(ImHistoryEndpoint endpoint) {
        if (client == null) {
            client = factory.apply(endpoint);
        }
        return client;
    }

    @Override
    public List<JsonNode> pullC2c(ImHistoryEndpoint endpoint, C2cPull pull) throws Exception {
        return client(endpoint).c2c(pull);
    }

    @Override
    public List<JsonNode> pullGroup(ImHistoryEndpoint endpoint, GroupPull pull) throws Exception {
        return client(endpoint).group(pull);
    }

    @Override
    public List<JsonNode> pullOfficialAccount(ImHistoryEndpoint endpoint, OfficialAccountPull pull) throws Exception {
        return client(endpoint).officialAccount(pull);
    }

    @Override
    public PulledPage pullPage(ImHistoryEndpoint endpoint, Pull pull, Object cursor) throws Exception {
        return client(endpoint).page(pull, cursor);
    }

    @Override
    public Support supports(Capability capability) {
        return Support.yes();
    }
}
