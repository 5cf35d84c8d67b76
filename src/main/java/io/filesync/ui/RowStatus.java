package io.filesync.ui;

/** What the table says about one row, in words and with an icon (Material Design Icons, through Ikonli). */
public enum RowStatus {
    PENDING("Pending", "mdi2c-clock-outline"),
    COPYING("Copying", "mdi2c-content-copy"),
    COPIED("Copied", "mdi2c-check-circle"),
    COPIED_CREATION_NOT_KEPT("Copied — creation time not kept on this volume", "mdi2c-check-circle-outline"),
    NOT_REPLACED("Not copied: a file appeared there", "mdi2a-alert-circle-outline"),
    FAILED("Failed", "mdi2a-alert-circle"),
    SKIPPED("Skipped", "mdi2m-minus-circle-outline"),
    DIFFERS("Differs — kept", "mdi2s-swap-horizontal"),
    CONFLICT("Conflict", "mdi2c-call-split"),
    CANCELLED("Not copied: the run was cancelled", "mdi2c-cancel");

    private final String words;
    private final String icon;

    RowStatus(String words, String icon) {
        this.words = words;
        this.icon = icon;
    }

    public String words() {
        return words;
    }

    /** The Ikonli icon literal. */
    public String icon() {
        return icon;
    }
}
