package dev.hybridpane.ui.common;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A live scroll pane draws its content directly; a plain one keeps JavaFX's bitmap cache of its viewport. */
@ExtendWith(ApplicationExtension.class)
class UiLiveScrollPaneTest {
    private ScrollPane live;
    private ScrollPane plain;

    @Start
    void start(Stage stage) {
        live = Widgets.liveScrollPane(new Label("live"));
        plain = new ScrollPane(new Label("plain"));
        stage.setScene(new Scene(new HBox(live, plain), 400, 300));
        stage.show();
    }

    @Test
    void theViewportOfALiveScrollPaneIsNotCached() {
        WaitForAsyncUtils.waitForFxEvents();
        Node liveViewport = live.lookup(".viewport");
        Node plainViewport = plain.lookup(".viewport");
        assertNotNull(liveViewport);
        assertTrue(plainViewport.isCache(), "JavaFX caches a scroll pane's viewport (what liveScrollPane undoes)");
        assertFalse(liveViewport.isCache());
    }
}
