package io.github.imhistory.contract.check;

import static io.github.imhistory.contract.RuleId.*;

import io.github.imhistory.contract.Api;
import io.github.imhistory.contract.RuleId;
import io.github.imhistory.contract.Side;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How the rules that have no check method of their own are verified, per side. Together with the {@link Verifies}
 * methods this gives every rule exactly one declared verification for each side it binds (a test enforces it), so a
 * report can say how a verdict was reached, and a rule cannot be verified twice or not at all.
 */
public final class Declared {
    /** A way of verifying a rule other than a check method of its own. */
    public enum Mechanism {
        /**
         * Exchanges whose reference answer refuses the request: an answer without the due code is reported under the
         * rules the error catalogue lists for that code (ErrorCodeChecks).
         */
        ERROR_CATALOGUE,
        /**
         * Exchanges and walks naming the rule: any difference from the engine's answer that no precise rule explains
         * is reported under it ({@link ContentChecks}).
         */
        DIFFERENTIAL,
        /** Not verifiable by this kit, for the reason given. */
        NOT_VERIFIABLE
    }

    /** One declaration. */
    public record Declaration(RuleId rule, Side side, Mechanism mechanism, String reason) {}

    private static final Map<Side, Map<RuleId, Declaration>> TABLE = new EnumMap<>(Side.class);
    /** Rules about which code wins when several apply: reported with the catalogue's rules of the due code. */
    private static final Set<RuleId> PRECEDENCE = EnumSet.of(COM_ERR_001, COM_ERR_002, SIG_VER_007);

    static {
        for (Side side : Side.values()) {
            TABLE.put(side, new EnumMap<>(RuleId.class));
        }
        server(Mechanism.ERROR_CATALOGUE, "an exchange expecting the code the error catalogue lists the rule under",
                COM_HTTP_002, COM_QRY_006, COM_METHOD_002, COM_PATH_001, COM_ADMIN_001, COM_ADMIN_002, COM_ERR_001,
                COM_ERR_002, SIG_ALG_001, SIG_ALG_002, SIG_VER_001, SIG_VER_002, SIG_VER_003, SIG_VER_004, SIG_VER_005,
                SIG_VER_006, SIG_VER_007, SIG_VER_008, SIG_VER_009, SIG_VER_010, SIG_VER_011, SIG_VER_012,
                C2C_ERR_001, C2C_ERR_002, C2C_ERR_003, C2C_ERR_004, C2C_ERR_005, C2C_ERR_006, C2C_ERR_007, C2C_ERR_008,
                C2C_ERR_009,
                GRP_TYPE_002, GRP_TYPE_003, GRP_TOPIC_002,
                GRP_ERR_001, GRP_ERR_002, GRP_ERR_003, GRP_ERR_004, GRP_ERR_005, GRP_ERR_006,
                OA_ERR_001, OA_ERR_002, OA_ERR_003, OA_ERR_004, OA_ERR_005, OA_ERR_006);
        server(Mechanism.DIFFERENTIAL, "the exchanges and walks naming the rule, compared with the engine's answer",
                COM_METHOD_001, COM_QRY_005, C2C_REQ_002, C2C_REQ_005, C2C_WIN_002, C2C_PERSP_001, C2C_PAGE_009,
                GRP_PAGE_005, GRP_ORDER_001, GRP_TYPE_001, GRP_TOPIC_001, ELEM_003);
        client(Mechanism.NOT_VERIFIABLE, "clients do not send message bodies through these APIs; what they receive is"
                + " judged by ELEM-002", ELEM_001, ELEM_003, ELEM_006);
        client(Mechanism.NOT_VERIFIABLE, "whether one value is random cannot be told from traffic; that it is drawn"
                + " afresh for every request is COM-QRY-007", COM_QRY_003);
    }

    private Declared() {}

    private static void server(Mechanism m, String reason, RuleId... rules) {
        declare(Side.SERVER, m, reason, rules);
    }

    private static void client(Mechanism m, String reason, RuleId... rules) {
        declare(Side.CLIENT, m, reason, rules);
    }

    private static void declare(Side side, Mechanism m, String reason, RuleId... rules) {
        for (RuleId r : rules) {
            if (TABLE.get(side).put(r, new Declaration(r, side, m, reason)) != null) {
                throw new IllegalStateException(r + " is declared twice for " + side);
            }
        }
    }

    /** How {@code rule} is verified on {@code side}, when it is declared here (not by a check method). */
    public static Optional<Mechanism> mechanism(RuleId rule, Side side) {
        return Optional.ofNullable(TABLE.get(side).get(rule)).map(Declaration::mechanism);
    }

    /** Every declaration of this table. */
    public static List<Declaration> all() {
        return TABLE.values().stream().flatMap(m -> m.values().stream()).toList();
    }

    /** Whether {@code rule} is about which code wins when several faults apply. */
    public static boolean precedence(RuleId rule) {
        return PRECEDENCE.contains(rule);
    }

    /** Whether {@code rule} can concern {@code api}: its own API's rules, and every common, UserSig and element rule. */
    public static boolean appliesTo(RuleId rule, Api api) {
        return Api.byCommand(rule.rule().api()).map(api::equals).orElse(true);
    }
}
