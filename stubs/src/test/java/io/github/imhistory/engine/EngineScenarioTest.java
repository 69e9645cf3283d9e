package io.github.imhistory.engine;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.imhistory.contract.ClasspathResources;
import io.github.imhistory.contract.Json;
import io.github.imhistory.contract.Scenario;
import io.github.imhistory.contract.walk.Answer;
import io.github.imhistory.oracle.EngineTransport;
import io.github.imhistory.contract.walk.CallFactory;
import io.github.imhistory.contract.walk.ScenarioPlayer;
import io.github.imhistory.contract.walk.Transport;
import io.github.imhistory.contract.TenantSpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every bundled scenario played against the engine in-process: each documented example exchange is reproduced
 * field by field, and every other exchange and walk gets the answer its scenario expects. A scenario's expected
 * answers are written by hand from the rules, so this checks the engine and the scenario against each other.
 */
class EngineScenarioTest {

    @TestFactory
    Stream<DynamicNode> bundledScenarios() {
        List<DynamicNode> nodes = new ArrayList<>();
        for (String path : ClasspathResources.list("scenarios", ".json")) {
            if (path.startsWith("scenarios/catalog/")) {
                continue;
            }
            JsonNode scenario = Json.read(ClasspathResources.open(path), path);
            nodes.add(DynamicContainer.dynamicContainer(scenario.path("id").asText(path), play(scenario, path)));
        }
        return nodes.stream();
    }

    static Stream<DynamicTest> play(JsonNode scenario, String path) {
        Tenants tenants = new Tenants(EngineSettings.defaults());
        tenants.load(scenario, -1);
        Engine engine = new Engine(tenants, Clock.systemUTC());
        Scenario typed = Scenario.of(scenario, path);
        ScenarioPlayer player = new ScenarioPlayer(CallFactory.signing(typed.tenant(), () -> System.currentTimeMillis() / 1000),
                EngineTransport.of(engine));
        // exchanges first, then walks, in file order (scenario.schema.json 'order of play'); deviations count them
        List<DynamicTest> tests = new ArrayList<>();
        for (Scenario.Exchange exchange : typed.exchanges()) {
            tests.add(DynamicTest.dynamicTest("exchange " + exchange.name() + " " + exchange.rules(),
                    () -> check(player.playExchange(exchange), path)));
        }
        for (Scenario.WalkSpec walk : typed.walks()) {
            tests.add(DynamicTest.dynamicTest("walk " + walk.name() + " " + walk.rules(),
                    () -> check(player.playWalk(walk), path)));
        }
        return tests.stream();
    }

    private static void check(ScenarioPlayer.Outcome outcome, String path) {
        if (!outcome.passed()) {
            fail(path + " :: " + outcome.name() + " " + outcome.rules() + "\n  " + outcome.detail()
                    + "\n  reproduce: " + outcome.lastCall().curl("http://127.0.0.1:8080"));
        }
    }
}
