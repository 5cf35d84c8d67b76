package io.filesync;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;

import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The layer rules (ARCHITECTURE.md), as tests over the compiled classes (ArchUnit reads their bytecode): data flows
 * platform → engine → the views (cli, ui), and nothing flows back. picocli, compiled into this module from its
 * sources, is not ours and is left out.
 */
class LayerRulesTest {
    private static final JavaClasses OURS = new ClassFileImporter().importPath(compiled())
            .that(DescribedPredicate.describe("FileSync's own", c -> c.getPackageName().startsWith("io.filesync")));

    private static Path compiled() {
        Path p = Path.of(System.getProperty("basedir", "."), "target/classes");
        assertTrue(Files.isDirectory(p.resolve("io/filesync")), "no compiled classes in " + p);
        return p;
    }

    @Test
    void theEngineKnowsNoViewAndNoToolkit() {
        noClasses().that().resideInAPackage("io.filesync.engine..").should().dependOnClassesThat()
                .resideInAnyPackage("javafx..", "org.controlsfx..", "org.kordamp..", "picocli..", "io.filesync.ui..",
                        "io.filesync.cli..")
                .because("the engine is plain Java that both views (and the tests) drive").check(OURS);
    }

    @Test
    void onlyThePlatformCallsNativeCode() {
        noClasses().that().resideOutsideOfPackage("io.filesync.platform..").should().dependOnClassesThat()
                .resideInAPackage("java.lang.foreign..")
                .because("native calls are the platform's: one place to check their ABI and their failures")
                .check(OURS);
    }

    @Test
    void theViewsUseTheEngineNotThePlatform() {
        noClasses().that().resideInAnyPackage("io.filesync.ui..", "io.filesync.cli..").should().dependOnClassesThat()
                .resideInAPackage("io.filesync.platform..")
                .because("the views see files as the engine reports them; how the OS is asked is the engine's"
                        + " business").check(OURS);
    }

    @Test
    void thePlatformKnowsNothingAboveIt() {
        noClasses().that().resideInAPackage("io.filesync.platform..").should().dependOnClassesThat()
                .resideInAnyPackage("io.filesync.engine..", "io.filesync.ui..", "io.filesync.cli..")
                .because("the platform answers the engine's calls and never calls up").check(OURS);
    }

    @Test
    void theTwoViewsDoNotKnowEachOther() {
        noClasses().that().resideInAPackage("io.filesync.cli..").should().dependOnClassesThat()
                .resideInAPackage("io.filesync.ui..").because("the command line runs without JavaFX").check(OURS);
        noClasses().that().resideInAPackage("io.filesync.ui..").should().dependOnClassesThat()
                .resideInAPackage("io.filesync.cli..").check(OURS);
    }

    /**
     * Inside the engine, the tree shows the flow (ARCHITECTURE.md): report (logs, the run report, the words they use)
     * and state (checkpoint, record of names, lock) below everything; scan (the walk) below plan (matching), which
     * is below copy; verify beside plan, on the walk. The facade (SyncEngine) drives them; none calls it back.
     */
    @Test
    void theEngineFlowsOneWay() {
        String e = "io.filesync.engine.";
        noClasses().that().resideInAPackage(e + "report..").should().dependOnClassesThat()
                .resideInAnyPackage(e + "state..", e + "scan..", e + "plan..", e + "copy..", e + "verify..")
                .check(OURS);
        noClasses().that().resideInAPackage(e + "state..").should().dependOnClassesThat()
                .resideInAnyPackage(e + "scan..", e + "plan..", e + "copy..", e + "verify..").check(OURS);
        noClasses().that().resideInAPackage(e + "scan..").should().dependOnClassesThat()
                .resideInAnyPackage(e + "plan..", e + "copy..", e + "verify..").check(OURS);
        noClasses().that().resideInAPackage(e + "plan..").should().dependOnClassesThat()
                .resideInAnyPackage(e + "copy..", e + "verify..").check(OURS);
        noClasses().that().resideInAPackage(e + "copy..").should().dependOnClassesThat()
                .resideInAnyPackage(e + "plan..", e + "verify..").check(OURS);
        noClasses().that().resideInAPackage(e + "*..").should().dependOnClassesThat()
                .belongToAnyOf(io.filesync.engine.SyncEngine.class).because("the facade calls the stages, never"
                        + " the other way").check(OURS);
    }

    /** What the module exports to everyone, read from the module's own descriptor. */
    private static Set<String> exported() {
        ModuleDescriptor d = LayerRulesTest.class.getModule().getDescriptor();
        assertTrue(d != null, "the tests run inside the io.filesync module (surefire patches them in)");
        return d.exports().stream().filter(e -> !e.isQualified()).map(ModuleDescriptor.Exports::source)
                .collect(Collectors.toSet());
    }

    @Test
    void theExportedApiExposesNoTypeOutsideIt() {
        Set<String> exported = exported();
        assertTrue(exported.contains("io.filesync.engine"), "exports: " + exported);
        ArchRule rule = classes().that(DescribedPredicate.describe("are public in an exported package",
                c -> exported.contains(c.getPackageName()) && c.getModifiers().contains(JavaModifier.PUBLIC))).should(new ArchCondition<JavaClass>(
                "expose in public signatures only java.* types and types of exported packages " + exported) {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                for (String problem : exposedOutside(c, exported)) {
                    events.add(SimpleConditionEvent.violated(c, problem));
                }
            }
        }).because("a caller of the exported API cannot name, and a later change cannot keep, a type it may not"
                + " see");
        rule.check(OURS);
    }

    private static List<String> exposedOutside(JavaClass c, Set<String> exported) {
        List<String> problems = new ArrayList<>();
        List<JavaType> supers = new ArrayList<>();
        c.getRawSuperclass().ifPresent(supers::add);
        supers.addAll(c.getInterfaces());
        check(c.getName() + " extends or implements", supers.stream(), exported, problems);
        for (JavaField f : c.getFields()) {
            if (visible(f.getModifiers())) {
                check(f.getFullName(), Stream.of(f.getType()), exported, problems);
            }
        }
        for (JavaCodeUnit u : c.getCodeUnits()) {
            if (visible(u.getModifiers()) && !u.getName().equals("<clinit>")) {
                check(u.getFullName(), Stream.concat(Stream.of(u.getReturnType()), Stream.concat(
                        u.getParameterTypes().stream(), u.getExceptionTypes().stream())), exported, problems);
            }
        }
        return problems;
    }

    private static boolean visible(Set<JavaModifier> modifiers) {
        return modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED);
    }

    private static void check(String where, Stream<? extends JavaType> types, Set<String> exported,
                              List<String> problems) {
        types.flatMap(t -> t.getAllInvolvedRawTypes().stream()).map(t -> t.isArray() ? t.getBaseComponentType() : t)
                .filter(t -> !t.isPrimitive() && !t.getPackageName().startsWith("java.")
                        && !exported.contains(t.getPackageName()))
                .map(JavaClass::getName).distinct()
                .forEach(t -> problems.add(where + " exposes " + t + ", which the module does not export"));
    }
}
