package dev.hybridpane.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javafx.scene.image.Image;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The window's icons, decoded on their own thread while the console starts, come in every size desktops ask for. */
@ExtendWith(ApplicationExtension.class)
class UiWindowIconsTest {
    @Start
    void start(Stage stage) {
        // the toolkit is all this test needs
    }

    @Test
    void everySizeDecodesOffTheFxThread() throws Exception {
        var icons = new java.util.concurrent.atomic.AtomicReference<List<Image>>();
        Thread decoder = new Thread(() -> icons.set(DesktopApp.windowIcons()));
        decoder.start();
        decoder.join(30_000);
        assertThat(icons.get()).extracting(Image::getWidth).containsExactly(16.0, 32.0, 64.0, 128.0, 256.0);
        assertThat(icons.get()).allSatisfy(i -> {
            assertThat(i.isError()).isFalse();
            assertThat(i.getHeight()).isEqualTo(i.getWidth());
        });
    }
}
