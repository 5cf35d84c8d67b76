package io.filesync.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.ColorScheme;

/** The window's look: AtlantaFX's Primer, light or dark, as the desktop says or as the user chose. */
public enum Theme {
    SYSTEM("Follow the system"),
    LIGHT("Light"),
    DARK("Dark");

    private final String words;

    Theme(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }

    /** Whether the window is dark under this choice while the desktop's colour scheme is {@code system}. */
    public boolean dark(ColorScheme system) {
        return switch (this) {
            case SYSTEM -> system == ColorScheme.DARK;
            case LIGHT -> false;
            case DARK -> true;
        };
    }

    /** The user agent stylesheet (AtlantaFX's, in place of modena) under this choice and the desktop's scheme. */
    public String stylesheet(ColorScheme system) {
        return dark(system) ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet();
    }
}
