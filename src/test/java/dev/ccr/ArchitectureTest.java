package dev.ccr;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.ccr.observe.RequestListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** Guards the arrows design.md forbids between packages. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.ccr");
    }

    @Test
    void wireUsesNothingOfOurs() {
        noClasses().that().resideInAPackage("dev.ccr.wire..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.ccr.config..", "dev.ccr.server..", "dev.ccr.pipeline..",
                        "dev.ccr.routing..", "dev.ccr.transform..", "dev.ccr.script..", "dev.ccr.upstream..",
                        "dev.ccr.resilience..", "dev.ccr.usage..", "dev.ccr.metrics..", "dev.ccr.quota..", "dev.ccr.cli..",
                        "dev.ccr.client..", "dev.ccr.observe..", "dev.ccr.app..")
                .check(classes);
    }

    @Test
    void quotaUsesOnlyTheConfig() {
        noClasses().that().resideInAPackage("dev.ccr.quota..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.ccr.server..", "dev.ccr.pipeline..", "dev.ccr.routing..",
                        "dev.ccr.transform..", "dev.ccr.script..", "dev.ccr.upstream..", "dev.ccr.wire..", "dev.ccr.resilience..",
                        "dev.ccr.usage..", "dev.ccr.metrics..", "dev.ccr.cli..", "io.undertow..")
                .check(classes);
    }

    @Test
    void routingAndResilienceDecideWithoutReachingTheQuotaPackage() {
        noClasses().that().resideInAnyPackage("dev.ccr.routing..", "dev.ccr.resilience..", "dev.ccr.config..")
                .should().dependOnClassesThat().resideInAPackage("dev.ccr.quota..")
                .check(classes);
    }

    @Test
    void routingAndTransformNeverReachTheServerOrTheCli() {
        noClasses().that().resideInAnyPackage("dev.ccr.routing..", "dev.ccr.transform..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.ccr.server..", "dev.ccr.cli..", "dev.ccr.pipeline..")
                .check(classes);
    }

    @Test
    void onlyTheBuiltInTransformersUseGooglesAuthLibrary() {
        noClasses().that().resideOutsideOfPackage("dev.ccr.transform.builtin..")
                .should().dependOnClassesThat().resideInAnyPackage("com.google.auth..", "com.google.api.client..")
                .check(classes);
    }

    @Test
    void nothingDependsOnTheCli() {
        noClasses().that().resideOutsideOfPackage("dev.ccr.cli..")
                .should().dependOnClassesThat().resideInAPackage("dev.ccr.cli..")
                .check(classes);
    }

    @Test
    void theRoomsBesideTheCommandsAreUsedOnlyByTheCommandsAndTheCompositionRoot() {
        for (String room : List.of("daemon", "launch", "preset", "profile", "statusline")) {
            noClasses().that().resideOutsideOfPackages("dev.ccr.cli..", "dev.ccr.app..", "dev.ccr.launch..",
                            "dev.ccr." + room + "..")
                    .should().dependOnClassesThat().resideInAPackage("dev.ccr." + room + "..")
                    .check(classes);
        }
        // launch counts Claude Code sessions against the background router's PID; nothing else reaches sideways
        noClasses().that().resideInAnyPackage("dev.ccr.daemon..", "dev.ccr.launch..", "dev.ccr.preset..",
                        "dev.ccr.profile..", "dev.ccr.statusline..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.ccr.cli..", "dev.ccr.app..", "dev.ccr.pipeline..",
                        "dev.ccr.routing..", "dev.ccr.transform..", "dev.ccr.script..", "dev.ccr.upstream..",
                        "dev.ccr.observe..")
                .orShould().dependOnClassesThat(DescribedPredicate.describe("the server, but for PortInUseException",
                        (JavaClass c) -> c.getPackageName().equals("dev.ccr.server")
                                && !c.getSimpleName().equals("PortInUseException")))
                .check(classes);
    }

    @Test
    void ofTheRoomsBesideTheCommandsOnlyLaunchUsesAnotherOneTheDaemon() {
        List<String> rooms = List.of("daemon", "launch", "preset", "profile", "statusline");
        for (String room : rooms) {
            String[] others = rooms.stream()
                    .filter(other -> !other.equals(room) && !(room.equals("launch") && other.equals("daemon")))
                    .map(other -> "dev.ccr." + other + "..")
                    .toArray(String[]::new);
            noClasses().that().resideInAPackage("dev.ccr." + room + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(others)
                    .check(classes);
        }
    }

    @Test
    void noPackageCycles() {
        slices().matching("dev.ccr.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void configAndUsageUseNothingOfOurs() {
        noClasses().that().resideInAnyPackage("dev.ccr.config..", "dev.ccr.usage..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.ccr.server..", "dev.ccr.pipeline..", "dev.ccr.routing..",
                        "dev.ccr.transform..", "dev.ccr.script..", "dev.ccr.upstream..", "dev.ccr.wire..", "dev.ccr.cli..")
                .check(classes);
    }

    @Test
    void metricsNeverReachTheServerOrTheCli() {
        noClasses().that().resideInAPackage("dev.ccr.metrics..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.ccr.server..", "dev.ccr.cli..", "io.undertow..")
                .check(classes);
    }

    @Test
    void undertowTypesStayInTheServer() {
        noClasses().that().resideOutsideOfPackage("dev.ccr.server..")
                .should().dependOnClassesThat().resideInAnyPackage("io.undertow..")
                .check(classes);
    }

    @Test
    void onlyRoutingAndTransformAdaptersReachTheScriptHost() {
        noClasses().that().resideOutsideOfPackages("dev.ccr.script..", "dev.ccr.routing..", "dev.ccr.transform..", "dev.ccr.app..", "dev.ccr.cli..")
                .should().dependOnClassesThat().resideInAPackage("dev.ccr.script..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void sharedStateIsReachedOnlyFromTheCompositionRoot() {
        noClasses().that().resideOutsideOfPackages("dev.ccr.shared..", "dev.ccr.app..")
                .should().dependOnClassesThat().resideInAPackage("dev.ccr.shared..")
                .check(classes);
        noClasses().that().resideInAPackage("dev.ccr.shared..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.ccr.server..", "dev.ccr.pipeline..",
                        "dev.ccr.transform..", "dev.ccr.script..", "dev.ccr.upstream..", "dev.ccr.wire..", "dev.ccr.usage..")
                .check(classes);
    }

    @Test
    void lettuceStaysInTheSharedState() {
        noClasses().that().resideOutsideOfPackage("dev.ccr.shared..")
                .should().dependOnClassesThat().resideInAnyPackage("io.lettuce..")
                .check(classes);
    }

    /* ---- The composition root, the client's exchange, observation (docs/architecture.md) ---- */

    @Test
    void onlyTheCliUsesTheCompositionRoot() {
        noClasses().that().resideOutsideOfPackages("dev.ccr.app..", "dev.ccr.cli..")
                .should().dependOnClassesThat().resideInAPackage("dev.ccr.app..")
                .check(classes);
    }

    @Test
    void theClientsExchangeKnowsOnlyTheWireAndTheRoutedTarget() {
        noClasses().that().resideInAPackage("dev.ccr.client..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.ccr.server..", "dev.ccr.pipeline..",
                        "dev.ccr.observe..", "dev.ccr.transform..", "dev.ccr.script..", "dev.ccr.upstream..",
                        "dev.ccr.resilience..", "dev.ccr.usage..", "dev.ccr.app..", "dev.ccr.cli..", "io.undertow..")
                .check(classes);
    }

    @Test
    void observersWatchThePipelineWithoutReachingIntoIt() {
        noClasses().that().resideInAPackage("dev.ccr.observe..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.ccr.server..", "dev.ccr.pipeline..",
                        "dev.ccr.transform..", "dev.ccr.script..", "dev.ccr.upstream..", "dev.ccr.app..", "dev.ccr.cli..")
                .check(classes);
        // The pipeline tells its events to whoever listens; it knows the interface, not the listeners.
        noClasses().that().resideInAPackage("dev.ccr.pipeline..")
                .should().dependOnClassesThat(DescribedPredicate.describe("observers other than RequestListener",
                        (JavaClass c) -> c.getPackageName().equals("dev.ccr.observe")
                                && !c.getName().startsWith(RequestListener.class.getName())))
                .check(classes);
    }

    @Test
    void resilienceAndUpstreamDecideAndCallWithoutKnowingWhoAsks() {
        noClasses().that().resideInAnyPackage("dev.ccr.resilience..", "dev.ccr.upstream..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.ccr.server..", "dev.ccr.pipeline..",
                        "dev.ccr.observe..", "dev.ccr.routing..", "dev.ccr.transform..", "dev.ccr.script..",
                        "dev.ccr.client..", "dev.ccr.app..", "dev.ccr.cli..")
                .check(classes);
    }

    @Test
    void theImageAgentWrapsThePipelineAndOnlyTheServerCallsIt() {
        // Its model calls are whole pipeline passes: it never reaches past the pipeline to routing rules or providers.
        noClasses().that().resideInAPackage("dev.ccr.imageagent..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.ccr.server..", "dev.ccr.upstream..",
                        "dev.ccr.transform..", "dev.ccr.resilience..", "dev.ccr.observe..", "dev.ccr.script..",
                        "dev.ccr.usage..", "dev.ccr.app..", "dev.ccr.cli..", "io.undertow..")
                .check(classes);
        noClasses().that().resideOutsideOfPackages("dev.ccr.imageagent..", "dev.ccr.server..")
                .should().dependOnClassesThat().resideInAPackage("dev.ccr.imageagent..")
                .check(classes);
    }
}
