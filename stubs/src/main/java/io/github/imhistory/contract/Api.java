package io.github.imhistory.contract;

import java.util.Optional;

/** The three history APIs and their paths. */
public enum Api {
    ADMIN_GETROAMMSG("openim", "admin_getroammsg"),
    GROUP_MSG_GET_SIMPLE("group_open_http_svc", "group_msg_get_simple"),
    OFFICIAL_ACCOUNT_MSG_GET_SIMPLE("official_account_open_http_svc", "official_account_msg_get_simple");

    private final String service;
    private final String command;

    Api(String service, String command) {
        this.service = service;
        this.command = command;
    }

    public String service() {
        return service;
    }

    /** The command name, also the API's name in scenarios and rules. */
    public String command() {
        return command;
    }

    public String path() {
        return "/v4/" + service + "/" + command;
    }

    /** Everything else that differs between the APIs (the one place that dispatches on the API). */
    public ApiProfile profile() {
        return switch (this) {
            case ADMIN_GETROAMMSG -> C2cProfile.INSTANCE;
            case GROUP_MSG_GET_SIMPLE -> GroupProfile.INSTANCE;
            case OFFICIAL_ACCOUNT_MSG_GET_SIMPLE -> OfficialAccountProfile.INSTANCE;
        };
    }

    public static Optional<Api> byCommand(String command) {
        for (Api api : values()) {
            if (api.command.equals(command)) {
                return Optional.of(api);
            }
        }
        return Optional.empty();
    }

    /** Whether {@code service} is the group or official-account service, whose unknown commands get 10003. */
    public static boolean isSeqService(String service) {
        return GROUP_MSG_GET_SIMPLE.service.equals(service) || OFFICIAL_ACCOUNT_MSG_GET_SIMPLE.service.equals(service);
    }
}
