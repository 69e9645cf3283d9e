package io.github.imhistory.examples;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.imhistory.kit.client.C2cPull;
import io.github.imhistory.kit.client.Capability;
import io.github.imhistory.kit.client.GroupPull;
import io.github.imhistory.kit.client.ImHistoryClientAdapter;
import io.github.imhistory.kit.client.OfficialAccountPull;
import io.github.imhistory.kit.client.Support;
import io.github.imhistory.kit.junit.ImHistoryEndpoint;
import java.util.List;

/** Points a {@link TinyHistoryClient} at the stub tenant of each walk. */
class TinyClientAdapter implements ImHistoryClientAdapter {
    private TinyHistoryClient client;

    private synchronized TinyHistoryClient client(ImHistoryEndpoint endpoint) {
        if (client == null) {
            client = new TinyHistoryClient(endpoint.baseUrl(), endpoint.sdkappid(), endpoint.identifier(), endpoint::freshUserSig);
        }
        return client;
    }

    @Override
    public List<JsonNode> pullC2c(ImHistoryEndpoint endpoint, C2cPull pull) throws Exception {
        return client(endpoint).conversation(pull.operator(), pull.peer(), pull.minTime(), pull.maxTime(), pull.maxCnt());
    }

    @Override
    public List<JsonNode> pullGroup(ImHistoryEndpoint endpoint, GroupPull pull) throws Exception {
        return client(endpoint).groupHistory(pull.groupId(), pull.reqMsgNumber(), pull.withRecalledMsg(), pull.topicId());
    }

    @Override
    public List<JsonNode> pullOfficialAccount(ImHistoryEndpoint endpoint, OfficialAccountPull pull) {
        throw new UnsupportedOperationException("official accounts are not supported");
    }

    @Override
    public Support supports(Capability capability) {
        return switch (capability) {
            case OFFICIAL_ACCOUNT, OFFICIAL_ACCOUNT_WITH_RECALLED ->
                    Support.no("TinyHistoryClient has no official-account support yet");
            case SINGLE_PAGE -> Support.no("TinyHistoryClient only pulls whole histories");
            default -> Support.yes();
        };
    }
}
