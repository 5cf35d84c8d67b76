package io.filesync.ui;

import javafx.application.Application;
import javafx.application.ColorScheme;
import javafx.application.Platform;
import javafx.beans.value.ObservableValue;

/**
 * Puts the chosen {@link Theme} on every window of the application (AtlantaFX's stylesheet replaces modena as the
 * user agent stylesheet) and follows the desktop's colour scheme while the choice is {@link Theme#SYSTEM}. Our own
 * main.css names AtlantaFX's colour tokens ({@code -color-danger-fg}…), never a colour, so it suits both.
 */
final class Appearance {
    private Appearance() {
    }

    /** Applies {@code theme} now and whenever it or the desktop's colour scheme changes. On the UI thread. */
    static void follow(ObservableValue<Theme> theme) {
        ObservableValue<ColorScheme> system = Platform.getPreferences().colorSchemeProperty();
        Runnable apply = () -> apply(theme.getValue(), system.getValue());
        theme.addListener((o, a, b) -> apply.run());
        system.addListener((o, a, b) -> apply.run());
        apply.run();
    }

    private static void apply(Theme theme, ColorScheme system) {
        String css = (theme == null ? Theme.SYSTEM : theme).stylesheet(system);
        if (!css.equals(Application.getUserAgentStylesheet())) { // the same one again would restyle every node
            Application.setUserAgentStylesheet(css);
        }
    }
}
