package io.github.imhistory.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The banner's "Try" curls ask for what the tenant at the demo's sdkappid holds, whichever scenario that is. */
class BannerTest {
    static final Pattern CURL = Pattern.compile("curl -sS -X POST \"(http[^\"]+)\" \\\\\n\\s+-H 'Content-Type: application/json' -d '([^']+)'");

    @Test
    void theDemoTenantsCurlsNameTheDemoData() throws Exception {
        try (SettingsPrecedenceTest.Stub stub = SettingsPrecedenceTest.Stub.start()) {
            assertThat(stub.banner()).contains("Try (demo tenant;", "\"GroupId\":\"@TGS#DEMO\"", "\"Official_Account\":\"@TOA#_DEMO\"");
            assertThat(sent(stub)).isEqualTo(3);
        }
    }

    @Test
    void aFileServedAtTheDemosSdkappidIsListedOnceAndItsOwnDataIsWhatTheCurlsAskFor(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("mine.json"), SettingsPrecedenceTest.scenario("{\"sdkappid\":1400000000}"), StandardCharsets.UTF_8);
        try (SettingsPrecedenceTest.Stub stub = SettingsPrecedenceTest.Stub.start("--scenarios", dir.toString())) {
            String banner = stub.banner();
            assertThat(banner.split("\n  1400000000 ", -1)).as(banner).hasSize(2);
            assertThat(banner).contains("Try (tenant 1400000000, mine;", "mine.json", "\"From_Account\":\"a\",\"To_Account\":\"b\"")
                    .doesNotContain("@TGS#DEMO", "@TOA#_DEMO");
            assertThat(sent(stub)).isEqualTo(1);
        }
    }

    /** Sends every curl of the banner (with a random of its own) and requires each to be answered OK; how many. */
    private static int sent(SettingsPrecedenceTest.Stub stub) throws Exception {
        Matcher m = CURL.matcher(stub.banner());
        int n = 0;
        while (m.find()) {
            String url = m.group(1).replace("$RANDOM", Integer.toString(1000 + n));
            String answer = SettingsPrecedenceTest.HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(m.group(2))).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            assertThat(answer).as(url + " " + m.group(2)).contains("\"ActionStatus\":\"OK\"");
            n++;
        }
        return n;
    }
}
