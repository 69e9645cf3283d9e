package io.github.imhistory.contract.check;

import io.github.imhistory.contract.RecordedRequest;
import io.github.imhistory.contract.RuleId;
import io.github.imhistory.contract.Side;
import io.github.imhistory.contract.UserSig;

/**
 * A client's UserSig: a TLSSigAPIv2 document at all (SIG-ALG-002), an HMAC-SHA256 signature with the app's key
 * (SIG-ALG-001), and valid for the request's identifier and sdkappid when it arrived (SIG-CLI-001).
 */
public final class UserSigChecks {
    private UserSigChecks() {}

    @Verifies(value = {RuleId.SIG_ALG_001, RuleId.SIG_ALG_002, RuleId.SIG_CLI_001}, side = Side.CLIENT)
    public static void userSig(RecordedRequest r, String secretKey, Findings f) {
        String usersig = r.query().get("usersig");
        String identifier = r.query().get("identifier");
        if (usersig == null || usersig.isEmpty()) {
            f.add(RuleId.SIG_CLI_001, RequestChecks.n(r) + " sends no usersig", r);
            return;
        }
        if (identifier == null) {
            return;
        }
        UserSig.Verdict v = UserSig.verify(usersig, identifier, r.query().getOrDefault("sdkappid", ""), secretKey,
                r.at().getEpochSecond());
        if (v.valid()) {
            return;
        }
        if (v.code() == 70003) { // not Base64 (Tencent alphabet), zlib and the JSON document at all
            f.add(RuleId.SIG_ALG_002, RequestChecks.n(r) + " usersig is not a TLSSigAPIv2 UserSig: " + v.info()
                    + " (the server answers 70003)", r);
        } else if (v.code() == 70009) { // decodes, but is not signed with this app's key
            f.add(RuleId.SIG_ALG_001, RequestChecks.n(r) + " usersig is not the HMAC-SHA256 signature with this app's"
                    + " secret key: " + v.info() + " (the server answers 70009)", r);
        } else {
            f.add(RuleId.SIG_CLI_001, RequestChecks.n(r) + " usersig is not valid for identifier " + identifier
                    + " and sdkappid " + r.query().get("sdkappid") + " at " + r.at() + ": " + v.info()
                    + " (the server answers " + v.code() + ")", r);
        }
    }
}
