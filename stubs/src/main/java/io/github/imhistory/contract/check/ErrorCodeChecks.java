package io.github.imhistory.contract.check;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.imhistory.contract.ErrorCatalog;
import io.github.imhistory.contract.ErrorCode;
import io.github.imhistory.contract.KitError;
import io.github.imhistory.contract.RuleId;
import io.github.imhistory.contract.Side;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A wrong ErrorCode where the reference refuses the request: reported under the rules the error catalogue gives for
 * the due code (narrowed to those the exchange names, when it names some), plus the precedence rules the exchange
 * names. The rules answering with a code are verified this way ({@link Declared.Mechanism#ERROR_CATALOGUE}).
 */
public final class ErrorCodeChecks {
    private static final ErrorCatalog ERRORS = ErrorCatalog.bundled();

    private ErrorCodeChecks() {}

    /**
     * Whether the answer refused the request as the reference does; reports otherwise.
     *
     * @param due the reference's non-zero ErrorCode
     */
    @Attributes(value = Declared.Mechanism.ERROR_CATALOGUE, side = Side.SERVER)
    static void dueCode(ServerAnswer a, int due, Findings f) {
        JsonNode s = a.answer();
        String got;
        if (s == null) {
            got = "answered " + EnvelopeChecks.brief(a.exchange()) + " without an IM body";
        } else {
            JsonNode code = s.path("ErrorCode");
            int sCode = code.isIntegralNumber() ? code.asInt() : Integer.MIN_VALUE;
            if (sCode == due) {
                return;
            }
            got = sCode == 0 ? "accepted the request (ErrorCode 0)" : "answered ErrorCode " + code;
        }
        String message = got + " where ErrorCode " + due + " is due"
                + ERRORS.find(due).map(c -> " (" + c.en() + ")").orElse("");
        // refused with another code the API answers, or failed without an IM answer, in an exchange with several
        // faults: the order of the checks (the precedence rule it names); accepted: the rule of the due code
        int sCode = s == null ? -1 : s.path("ErrorCode").asInt(0);
        List<RuleId> precedence = a.named().stream().filter(Declared::precedence).toList();
        boolean otherFault = sCode == -1
                || (sCode != 0 && ERRORS.find(sCode).filter(c -> c.appliesTo(a.api().command())).isPresent());
        for (RuleId rule : otherFault && !precedence.isEmpty() ? precedence : rulesFor(a, due)) {
            a.add(f, rule, message);
        }
    }

    /**
     * The server rules of {@code api} the error catalogue verifies by the due {@code code}: what a wrong answer where
     * it is due breaks, when the exchange names none of them (the probe's checked rules for a refusal).
     */
    public static Set<RuleId> rulesFor(io.github.imhistory.contract.Api api, int code) {
        Set<RuleId> out = new LinkedHashSet<>();
        ERRORS.find(code).map(ErrorCode::rules).orElse(List.of()).stream()
                .map(id -> RuleId.of(id).orElseThrow(() -> new KitError("error code " + code + " lists unknown rule " + id)))
                .filter(r -> Side.SERVER.boundBy(r.rule()))
                .filter(r -> Declared.appliesTo(r, api))
                .filter(r -> Declared.mechanism(r, Side.SERVER).filter(Declared.Mechanism.ERROR_CATALOGUE::equals).isPresent())
                .forEach(out::add);
        return out;
    }

    /** The rules a wrong answer to a due {@code code} breaks. */
    static Set<RuleId> rulesFor(ServerAnswer a, int code) {
        Set<RuleId> catalogue = rulesFor(a.api(), code);
        Set<RuleId> out = new LinkedHashSet<>();
        a.named().stream().filter(catalogue::contains).forEach(out::add);
        if (out.isEmpty()) {
            out.addAll(catalogue);
        }
        if (out.isEmpty()) {
            throw new KitError("error code " + code + " is due for " + a.api().command() + ", but the error catalogue "
                    + "lists no server rule verified by it for that API");
        }
        return out;
    }
}
