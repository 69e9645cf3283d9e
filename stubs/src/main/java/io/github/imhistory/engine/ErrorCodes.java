package io.github.imhistory.engine;

import io.github.imhistory.contract.UserSig;

/** The codes the engine derives itself (the catalogue holds them all; this names the ones code refers to). */
public final class ErrorCodes {
    public static final int OK = 0;
    // gateway (COM-*)
    public static final int HTTP_PARSE = 60002;
    public static final int RATE_LIMITED = 60007;
    public static final int BAD_HTTP_FORMAT = 60008;
    public static final int UNKNOWN_RESOURCE = 60009;
    public static final int SDKAPPID_REQUIRED = 60012;
    public static final int SDKAPPID_UNKNOWN = 70020;
    // UserSig (SIG-VER-*)
    public static final int SIG_EXPIRED = 70001;
    public static final int SIG_EMPTY = 70002;
    public static final int SIG_INVALID = 70003;
    public static final int SIG_VERIFICATION_FAILED = 70009;
    public static final int SIG_IDENTIFIER_MISMATCH = 70013;
    public static final int SIG_SDKAPPID_MISMATCH = 70014;
    // admin_getroammsg (C2C-ERR-*)
    public static final int C2C_JSON = 90001;
    public static final int C2C_TO_ACCOUNT = 90003;
    public static final int C2C_FROM_ACCOUNT = 90008;
    public static final int C2C_NOT_ADMIN = 90009;
    public static final int C2C_INTERNAL = 91000;
    // group and official-account services (GRP-ERR-*, OA-ERR-*)
    public static final int SEQ_INTERNAL = 10002;
    public static final int SEQ_BAD_COMMAND = 10003;
    public static final int SEQ_BAD_PARAMETER = 10004;
    public static final int SEQ_NO_PERMISSION = 10007;
    public static final int SEQ_NOT_FOUND = 10010;
    public static final int SEQ_JSON = 10011;
    public static final int SEQ_BAD_ID = 10015;

    private ErrorCodes() {}
}
