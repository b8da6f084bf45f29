package org.imagetagger;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The layers of docs/ARCHITECTURE.md: a component uses only the components of the levels below its own. */
class LayersTest {

    /** Top to bottom. */
    static final List<List<String>> LEVELS = List.of(
            List.of("comparison"),
            List.of("jobs", "watch"),
            List.of("scan", "settings"),
            List.of("profiles", "similarity", "sidecar"),
            List.of("tagging"),
            List.of("catalog"),
            List.of("imaging", "security"),
            List.of("cluster"),
            List.of("platform", "datasource"));

    private static final String ROOT = "org.imagetagger.";
    private static final JavaClasses MAIN_CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.imagetagger");

    @Test
    void everyArrowPointsDown() {
        List<ArchRule> rules = new ArrayList<>();
        for (int level = 0; level < LEVELS.size(); level++) {
            for (String component : LEVELS.get(level)) {
                List<String> notBelow = new ArrayList<>();
                for (int other = 0; other <= level; other++) {
                    LEVELS.get(other).stream().filter(name -> !name.equals(component)).map(name -> ROOT + name + "..").forEach(notBelow::add);
                }
                if (notBelow.isEmpty()) {
                    continue;
                }
                rules.add(noClasses().that().resideInAPackage(ROOT + component + "..")
                        .should().dependOnClassesThat().resideInAnyPackage(notBelow.toArray(String[]::new))
                        .because(component + " may use only the components below it"));
            }
        }
        CompositeArchRule.of(rules).check(MAIN_CLASSES);
    }

    /** A new component gets its place in the levels (and in docs/ARCHITECTURE.md). */
    @Test
    void everyComponentHasALevel() {
        Set<String> components = MAIN_CLASSES.stream().map(JavaClass::getPackageName)
                .filter(name -> name.startsWith(ROOT))
                .map(name -> name.substring(ROOT.length()).split("\\.")[0])
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> placed = LEVELS.stream().flatMap(List::stream).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(placed, components);
    }
}
