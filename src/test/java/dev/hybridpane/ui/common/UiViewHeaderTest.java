package dev.hybridpane.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A view header in a narrow window: the subtitle wraps onto a second line instead of being cut off. */
@ExtendWith(ApplicationExtension.class)
class UiViewHeaderTest {
    private static final String SUBTITLE = "EKS clusters in the selected regions, with their hybrid setup and live connection";
    private Label subtitle;
    /** Holds the header at a chosen width (the stage is TestFX's, shared with later tests: it is not resized). */
    private BorderPane holder;

    @Start
    void start(Stage stage) {
        TextField filter = new TextField();
        filter.setPrefColumnCount(30);
        HBox header = Widgets.header("Clusters", SUBTITLE, new Label("3 of 3 clusters"), filter, new Button("Import cluster"));
        subtitle = (Label) header.lookup(".view-subtitle");
        holder = new BorderPane(null, header, null, null, null);
        holder.setMaxWidth(900);
        stage.setScene(new Scene(new VBox(holder), 1000, 300));
        stage.show();
    }

    @Test
    void theSubtitleWrapsRatherThanBeingCutOff() throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        // as wide as the subtitle on one line, in whatever font the theme gives it: with the nodes on the right, it
        // cannot stay on one line
        WaitForAsyncUtils.asyncFx(() -> {
            Text oneLine = new Text(SUBTITLE);
            oneLine.setFont(subtitle.getFont());
            holder.setMaxWidth(oneLine.getLayoutBounds().getWidth());
        }).get();
        WaitForAsyncUtils.waitForFxEvents();
        // what the label draws: one Text node per line it shows, ellipsised when it does not fit
        StringBuilder shown = new StringBuilder();
        subtitle.lookupAll(".text").forEach(n -> shown.append(((Text) n).getText()));
        assertEquals(SUBTITLE, shown.toString().replace("\n", " ").replaceAll("\\s+", " ").trim(),
                "the whole subtitle is drawn");
        assertTrue(subtitle.getHeight() > subtitle.getFont().getSize() * 1.8,
                "on two lines at this width: " + subtitle.getHeight());
    }
}
