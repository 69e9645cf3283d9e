package io.github.imhistory.kit.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layering as tests: contract (data, profiles, checks, walker) -> engine -> wiremock -> standalone, with the
 * oracle beside the engine and the kit on top. Each rule fails on a forbidden import, naming the class and the edge.
 */
@AnalyzeClasses(packages = "io.github.imhistory", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** The engine computes answers: no WireMock, JUnit, Jetty or HTTP client, and no judge, walker or traffic view. */
    @ArchTest
    static final ArchRule engineIsPlain = noClasses().that().resideInAPackage("io.github.imhistory.engine..")
            .should().dependOnClassesThat().resideInAnyPackage("com.github.tomakehurst..", "wiremock..", "org.junit..",
                    "org.eclipse.jetty..", "java.net.http..", "io.github.imhistory.contract.check..",
                    "io.github.imhistory.contract.traffic..", "io.github.imhistory.contract.walk..",
                    "io.github.imhistory.oracle..", "io.github.imhistory.wiremock..", "io.github.imhistory.standalone..",
                    "io.github.imhistory.kit..");

    /** The contract (with its checks and walker) knows nothing of the engine or anything built on it. */
    @ArchTest
    static final ArchRule contractIsTheBottom = noClasses().that().resideInAPackage("io.github.imhistory.contract..")
            .should().dependOnClassesThat().resideInAnyPackage("io.github.imhistory.engine..", "io.github.imhistory.oracle..",
                    "io.github.imhistory.wiremock..", "io.github.imhistory.standalone..", "io.github.imhistory.kit..",
                    "com.github.tomakehurst..", "wiremock..", "org.junit..");

    /** The checks judge JSON and recorded requests; the traffic view and the walker are built on them, not under. */
    @ArchTest
    static final ArchRule checksAreBelowTrafficAndWalks = noClasses().that()
            .resideInAPackage("io.github.imhistory.contract.check..").should().dependOnClassesThat()
            .resideInAnyPackage("io.github.imhistory.contract.traffic..", "io.github.imhistory.contract.walk..");

    /** The oracle is the engine as a reference: no WireMock, no JUnit. */
    @ArchTest
    static final ArchRule oracleIsPlain = noClasses().that().resideInAPackage("io.github.imhistory.oracle..")
            .should().dependOnClassesThat().resideInAnyPackage("com.github.tomakehurst..", "wiremock..", "org.junit..",
                    "io.github.imhistory.wiremock..", "io.github.imhistory.kit..");

    /** A recording is contract data: what answers showed, as a scenario; it knows no engine, HTTP or judge. */
    @ArchTest
    static final ArchRule recordingIsData = noClasses().that().resideInAPackage("io.github.imhistory.record..")
            .should().dependOnClassesThat().resideInAnyPackage("io.github.imhistory.engine..", "io.github.imhistory.oracle..",
                    "io.github.imhistory.wiremock..", "io.github.imhistory.standalone..", "io.github.imhistory.proxy..",
                    "io.github.imhistory.kit..", "io.github.imhistory.contract.check..", "com.github.tomakehurst..",
                    "wiremock..", "java.net.http..");

    /**
     * The checking proxy judges through the homes and the oracle (never the engine directly) and is started by the
     * standalone, which it does not know; the suites do not use it.
     */
    @ArchTest
    static final ArchRule proxyBuildsOnTheHomesAndTheOracle = noClasses().that()
            .resideInAPackage("io.github.imhistory.proxy..").should().dependOnClassesThat()
            .resideInAnyPackage("io.github.imhistory.engine..", "io.github.imhistory.standalone..", "io.github.imhistory.kit..");

    @ArchTest
    static final ArchRule onlyTheStandaloneStartsTheProxy = noClasses().that().resideOutsideOfPackages(
                    "io.github.imhistory.proxy..", "io.github.imhistory.standalone..")
            .should().dependOnClassesThat().resideInAPackage("io.github.imhistory.proxy..");

    /** Only the adapter layers speak WireMock. */
    @ArchTest
    static final ArchRule onlyAdaptersUseWireMock = noClasses().that().resideOutsideOfPackages(
                    "io.github.imhistory.wiremock..", "io.github.imhistory.standalone..", "io.github.imhistory.kit.junit..",
                    "io.github.imhistory.proxy..")
            .should().dependOnClassesThat().resideInAnyPackage("com.github.tomakehurst..");

    /** The client suite and the server suite share the contract, not each other. */
    @ArchTest
    static final ArchRule clientSuiteDoesNotUseServerSuite = noClasses().that()
            .resideInAPackage("io.github.imhistory.kit.client..").should().dependOnClassesThat()
            .resideInAPackage("io.github.imhistory.kit.server..");

    @ArchTest
    static final ArchRule serverSuiteDoesNotUseClientSuite = noClasses().that()
            .resideInAPackage("io.github.imhistory.kit.server..").should().dependOnClassesThat()
            .resideInAPackage("io.github.imhistory.kit.client..");

    /** The probe judges servers through the oracles and the homes, as the server suite does: no client suite. */
    @ArchTest
    static final ArchRule probeDoesNotUseClientSuite = noClasses().that()
            .resideInAPackage("io.github.imhistory.kit.probe..").should().dependOnClassesThat()
            .resideInAPackage("io.github.imhistory.kit.client..");
}
