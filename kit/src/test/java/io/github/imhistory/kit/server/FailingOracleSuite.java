package io.github.imhistory.kit.server;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The configured server suite with an oracle whose engine fails on every request (its clock throws): what a bug of
 * the engine looks like to the suite. It must surface as a kit error, never as a finding against the server.
 */
public class FailingOracleSuite extends ConfiguredServerConformanceTest {
    @Override
    Clock oracleClock() {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                throw new IllegalStateException("a bug of the engine (simulated)");
            }
        };
    }
}
