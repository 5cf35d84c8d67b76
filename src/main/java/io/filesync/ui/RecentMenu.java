package io.filesync.ui;

import javafx.collections.ListChangeListener;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;

import java.util.function.Consumer;

/** The File menu's "Recent folder pairs": one item per pair, newest first; choosing one fills both fields. */
final class RecentMenu {
    private RecentMenu() {
    }

    static void bind(Menu menu, RecentPairs recent, Consumer<RecentPairs.Pair> choose) {
        Runnable fill = () -> {
            menu.getItems().clear();
            for (RecentPairs.Pair p : recent.pairs()) {
                MenuItem item = new MenuItem(p.words());
                item.setMnemonicParsing(false); // a folder's name may hold an underscore
                item.setOnAction(e -> choose.accept(p));
                menu.getItems().add(item);
            }
            if (menu.getItems().isEmpty()) {
                MenuItem none = new MenuItem("None yet: the folders you compare are listed here");
                none.setDisable(true);
                menu.getItems().add(none);
            }
        };
        recent.pairs().addListener((ListChangeListener<RecentPairs.Pair>) c -> fill.run());
        fill.run();
    }
}
