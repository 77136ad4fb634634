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
        List<Image>[] icons = new List[1];
        Thread decoder = new Thread(() -> icons[0] = DesktopApp.windowIcons());
        decoder.start();
        decoder.join(30_000);
        assertThat(icons[0]).extracting(Image::getWidth).containsExactly(16.0, 32.0, 64.0, 128.0, 256.0);
        assertThat(icons[0]).allSatisfy(i -> {
            assertThat(i.isError()).isFalse();
            assertThat(i.getHeight()).isEqualTo(i.getWidth());
        });
    }
}
