package io.github.imhistory.contract;

/** Which party a check judges: the server that answers, or the client that asks (a rule binding both has one each). */
public enum Side {
    SERVER, CLIENT;

    /** Whether {@code rule} binds this side. */
    public boolean boundBy(Rule rule) {
        return this == SERVER ? rule.bindsServer() : rule.bindsClient();
    }
}
