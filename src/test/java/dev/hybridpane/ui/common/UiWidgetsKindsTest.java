package dev.hybridpane.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atlantafx.base.controls.Message;
import atlantafx.base.theme.Styles;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.kordamp.ikonli.feather.Feather;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A pill's kind is one of AtlantaFX's states (or neutral), one at a time; notices are AtlantaFX messages. */
@ExtendWith(ApplicationExtension.class)
class UiWidgetsKindsTest {
    private Label pill;

    @Start
    void start(Stage stage) {
        pill = Widgets.pill("ok", Styles.SUCCESS);
        stage.setScene(new Scene(new StackPane(pill), 200, 100));
        stage.show();
    }

    @Test
    void aPillShowsOneKindAtATimeAsAtlantaFxStates() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            assertTrue(pill.getPseudoClassStates().contains(Styles.STATE_SUCCESS));
            assertEquals(Styles.SUCCESS, Widgets.kindOf(pill));
            Widgets.setPill(pill, "down", Styles.DANGER);
            assertTrue(pill.getPseudoClassStates().contains(Styles.STATE_DANGER));
            assertFalse(pill.getPseudoClassStates().contains(Styles.STATE_SUCCESS), "the old kind is cleared");
            assertEquals(Styles.DANGER, Widgets.kindOf(pill));
            Widgets.setKind(pill, Widgets.NEUTRAL);
            assertEquals(Widgets.NEUTRAL, Widgets.kindOf(pill));
            Widgets.clearKind(pill);
            assertNull(Widgets.kindOf(pill));
            assertThrows(IllegalArgumentException.class, () -> Widgets.setKind(pill, "purple"));
        }).get();
    }

    @Test
    void noticesAndMutedTextUseAtlantaFxStyles() {
        Message notice = Widgets.notice(Feather.INFO, Styles.WARNING, "Title", "Sentence.");
        assertTrue(notice.getStyleClass().contains(Styles.WARNING));
        assertEquals("Title", notice.getTitle());
        assertEquals("Sentence.", notice.getDescription());
        assertTrue(Widgets.muted("x").getStyleClass().contains(Styles.TEXT_MUTED));
    }
}
