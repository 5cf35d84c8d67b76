package io.filesync.ui;

/**
 * What the table says about one row: a word or two and an icon (Material Design Icons, through Ikonli) in the Status
 * column; the row's own sentence ({@link FileRow#statusTextProperty}) goes in the cell's tooltip and the details pane.
 */
public enum RowStatus {
    PENDING("Pending", "Pending", "mdi2c-clock-outline"),
    COPYING("Copying", "Copying", "mdi2c-content-copy"),
    COPIED("Copied", "Copied, with its times", "mdi2c-check-circle"),
    COPIED_CREATION_NOT_KEPT("Copied", "Copied; its creation time is not kept on this volume",
            "mdi2c-check-circle-outline"),
    NOT_REPLACED("Not copied", "Not copied: a file appeared there", "mdi2a-alert-circle-outline"),
    FAILED("Failed", "Failed", "mdi2a-alert-circle"),
    SKIPPED("Skipped", "Skipped", "mdi2m-minus-circle-outline"),
    DIFFERS("Differs", "Differs; the destination's file is kept as it is", "mdi2s-swap-horizontal"),
    CONFLICT("Conflict", "Conflict", "mdi2c-call-split"),
    CANCELLED("Cancelled", "Not copied: the run was cancelled", "mdi2c-cancel");

    private final String words;
    private final String sentence;
    private final String icon;

    RowStatus(String words, String sentence, String icon) {
        this.words = words;
        this.sentence = sentence;
        this.icon = icon;
    }

    /** A word or two, for the Status column. */
    public String words() {
        return words;
    }

    /** The whole sentence where the row has nothing more particular to say. */
    public String sentence() {
        return sentence;
    }

    /** The Ikonli icon literal. */
    public String icon() {
        return icon;
    }
}
