package io.github.imhistory.kit.server;

/**
 * One violated rule, found while replaying a scenario.
 *
 * @param where     the exchange or walk page, e.g. {@code walk 'walk MaxCnt 3' page 2}
 * @param reproduce a curl command for the request (its UserSig expires; the suite signs afresh each time)
 */
record Finding(String ruleId, String where, String message, String reproduce) {
    @Override
    public String toString() {
        return where + ": " + message + (reproduce.isEmpty() ? "" : "\n      reproduce: " + reproduce);
    }
}
