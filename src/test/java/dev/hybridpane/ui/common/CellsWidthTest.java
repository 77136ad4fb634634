package dev.hybridpane.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Columns never get JavaFX's default width, which would make the table auto-size them by measuring rows. */
class CellsWidthTest {

    @Test
    void aColumnAskedForTheDefaultWidthIsNotAutoSized() {
        assertThat(Cells.<String, String>column("Time", 80, s -> s).getPrefWidth()).isEqualTo(81);
        assertThat(Cells.<String, String>liveColumn("Ready", 80, s -> s).getPrefWidth()).isEqualTo(81);
    }

    @Test
    void otherWidthsAreKept() {
        assertThat(Cells.<String, String>column("Reason", 150, s -> s).getPrefWidth()).isEqualTo(150);
        assertThat(Cells.<String, String>liveColumn("Node", 79.5, s -> s).getPrefWidth()).isEqualTo(79.5);
    }
}
