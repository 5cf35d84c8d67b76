/**
 * FileSync: copies what a backup folder is missing, byte-identical, with every timestamp kept.
 * The engine ({@code io.filesync.engine}) is plain Java; the CLI and the window are views over it.
 */
module io.filesync {
    requires com.google.gson;
    requires javafx.controls;
    requires javafx.fxml;
    requires org.controlsfx.controls;
    requires org.kordamp.ikonli.javafx;
    requires org.kordamp.ikonli.materialdesign2;
    requires atlantafx.base;
    requires java.prefs;
    requires jdk.management; // the window steers its collector's soft maximum heap (ui.HeapTarget)
    requires jdk.unsupported; // sun.misc.Signal: Ctrl-C cancels the run cleanly instead of killing the JVM

    exports io.filesync.engine;
    // What a file is (kind, size, times, where a volume keeps creation times), as the engine's API reports it and
    // the platform reads it: shared by both, so neither exposes the other's types.
    exports io.filesync.files;

    opens io.filesync.engine.state to com.google.gson; // the checkpoint's records, read and written by Gson
    opens io.filesync.ui to javafx.fxml;
    exports io.filesync.ui to javafx.graphics;
}
