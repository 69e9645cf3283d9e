package io.github.imhistory.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.imhistory.contract.UserSig;
import org.junit.jupiter.api.Test;

/** SIG-ALG-001 and SIG-VER-001..012 against the reference notes' test vector (§3). */
class UserSigTest {
    static final String KEY = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e";
    static final String VECTOR = "eJyrVgrxCdYrSy1SslJQMtIzUNJRAItkpqTmlWSmZUIkElNyM-NgUsUp2YkFBZkpQAlDEwMogMqlVhRkFqUCZSzMTOCCJZm5ICFDczTFxZnpIMNNckIrCt30nbQDg-XdMqpCjS0sfMPLTcyLjdw9vdMLQpzdDMNzw330c0wjbZVqAeD3MM0_";

    @Test
    void sig_ALG_001_hmacMatchesTheReferenceVector() {
        String content = UserSig.content("admin", "1400000000", 1700000000L, 86400L, null);
        assertThat(UserSig.hmacBase64(KEY, content)).isEqualTo("4lUxqF/B+QS/FhzU388MWw47s2GIKgpTCF1WmWL/l5Y=");
    }

    @Test
    void sig_ALG_001_decodesTheReferenceUserSig() {
        JsonNode doc = UserSig.decode(VECTOR);
        assertThat(doc).isNotNull();
        assertThat(doc.path("TLS.sig").asText()).isEqualTo("4lUxqF/B+QS/FhzU388MWw47s2GIKgpTCF1WmWL/l5Y=");
        assertThat(UserSig.verify(VECTOR, "admin", "1400000000", KEY, 1700000000L).code()).isZero();
    }

    @Test
    void generatedSigsVerify() {
        String sig = UserSig.generate(1400000000L, "admin", KEY, 1700000000L, 86400L);
        assertThat(sig).doesNotContain("+", "/", "=");
        assertThat(UserSig.verify(sig, "admin", "1400000000", KEY, 1700000000L).code()).isZero();
    }

    @Test
    void sig_VER_001_empty() {
        assertThat(UserSig.verify("", "admin", "1400000000", KEY, 1700000000L).code()).isEqualTo(70002);
        assertThat(UserSig.verify(null, "admin", "1400000000", KEY, 1700000000L).code()).isEqualTo(70002);
    }

    @Test
    void sig_VER_002_undecodable() {
        assertThat(UserSig.verify("not-a-sig", "admin", "1400000000", KEY, 1700000000L).code()).isEqualTo(70003);
        assertThat(UserSig.verify(VECTOR.substring(0, 40), "admin", "1400000000", KEY, 1700000000L).code()).isEqualTo(70003);
        // RFC 4648 base64url is not Tencent's alphabet: '-' means '/', not '+'
        String urlSafe = VECTOR.replace('-', '+');
        assertThat(UserSig.verify(urlSafe, "admin", "1400000000", KEY, 1700000000L).code()).isNotZero();
    }

    @Test
    void sig_VER_003_otherIdentifierIsCaseSensitive() {
        assertThat(UserSig.verify(VECTOR, "Admin", "1400000000", KEY, 1700000000L).code()).isEqualTo(70013);
    }

    @Test
    void sig_VER_004_otherSdkappid() {
        assertThat(UserSig.verify(VECTOR, "admin", "1400000001", KEY, 1700000000L).code()).isEqualTo(70014);
    }

    @Test
    void sig_VER_005_expiryIsInclusiveOfTheLastSecond() {
        assertThat(UserSig.verify(VECTOR, "admin", "1400000000", KEY, 1700086400L).code()).isZero();
        assertThat(UserSig.verify(VECTOR, "admin", "1400000000", KEY, 1700086401L).code()).isEqualTo(70001);
    }

    @Test
    void sig_VER_006_wrongKey() {
        assertThat(UserSig.verify(VECTOR, "admin", "1400000000", KEY + "0", 1700000000L).code()).isEqualTo(70009);
    }

    @Test
    void sig_VER_007_expiryIsCheckedBeforeTheSignature() {
        String forgedAndExpired = UserSig.generate(1400000000L, "admin", "wrong", 1600000000L, 60);
        assertThat(UserSig.verify(forgedAndExpired, "admin", "1400000000", KEY, 1700000000L).code()).isEqualTo(70001);
    }

    @Test
    void sig_VER_011_aSignedUserbufIsRefusedAfterExpiry() {
        String userbuf = "AAAFYWRtaW5Tck4AAAAnEGVVQoAAAAD/AAAAAA=="; // a PrivateMapKey's: admin, room 10000, privileges 255
        String sig = UserSig.generate(1400000000L, "admin", KEY, 1700000000L, 86400L, userbuf);
        assertThat(UserSig.decode(sig).path("TLS.userbuf").asText()).isEqualTo(userbuf);
        assertThat(UserSig.verify(sig, "admin", "1400000000", KEY, 1700000000L).code()).isEqualTo(70009);
        assertThat(UserSig.verify(sig, "admin", "1400000000", KEY, 1700086401L).code()).isEqualTo(70001);
    }

    @Test
    void sig_VER_012_theReferenceUserSigWithoutItsPaddingIsUndecodable() {
        String bare = VECTOR.substring(0, VECTOR.length() - 1); // its one '_' (Tencent's '=') dropped
        assertThat(UserSig.decode(bare)).isNull();
        assertThat(UserSig.verify(bare, "admin", "1400000000", KEY, 1700000000L).code()).isEqualTo(70003);
    }
}
