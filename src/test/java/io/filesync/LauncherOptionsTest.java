package io.filesync;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ./mvnw javafx:run} opens the window with the options the installed window gets: pom.xml has to list them
 * itself (a bare {@code javafx:run} does not run the phase that reads java-options.properties), so this reads both
 * files and compares.
 */
class LauncherOptionsTest {
    private static final Path BASE = Path.of(System.getProperty("basedir", "."));

    @Test
    void theDevelopersWindowRunsWithTheInstalledWindowsOptions() throws IOException {
        List<String> expected = new ArrayList<>();
        for (String line : Files.readAllLines(BASE.resolve("src/main/launcher/java-options.properties"))) {
            if (line.startsWith("java.options=") || line.startsWith("window.options=")) {
                expected.addAll(List.of(line.substring(line.indexOf('=') + 1).trim().split(" +")));
            }
        }
        assertTrue(expected.contains("-XX:+UseShenandoahGC"), "window.options not read: " + expected);

        String pom = Files.readString(BASE.resolve("pom.xml"));
        int plugin = pom.indexOf("<artifactId>javafx-maven-plugin</artifactId>");
        int end = pom.indexOf("</options>", plugin);
        assertTrue(plugin > 0 && end > plugin, "no javafx-maven-plugin options in pom.xml");
        List<String> run = new ArrayList<>();
        Matcher m = Pattern.compile("<option>([^<]*)</option>").matcher(pom.substring(plugin, end));
        while (m.find()) {
            String option = m.group(1).replace("${app.module}", "io.filesync");
            if (!option.startsWith("-Dfilesync.home=")) { // the source tree's logs/, for a developer's runs
                run.add(option);
            }
        }
        assertEquals(expected, run, "javafx:run's options in pom.xml against java.options and window.options");
    }
}
