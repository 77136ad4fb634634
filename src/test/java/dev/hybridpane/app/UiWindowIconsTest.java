package dev.hybridpane.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The window's icons, made on their own thread while the console starts from the rasters the build writes, come in
 * every size desktops ask for and show what the PNGs show.
 */
@ExtendWith(ApplicationExtension.class)
class UiWindowIconsTest {
    @Start
    void start(Stage stage) {
        // the toolkit is all this test needs
    }

    @Test
    void everySizeDecodesOffTheFxThread() throws Exception {
        var icons = new AtomicReference<List<Image>>();
        Thread decoder = new Thread(() -> icons.set(DesktopApp.windowIcons()));
        decoder.start();
        decoder.join(30_000);
        assertThat(icons.get()).extracting(Image::getWidth).containsExactly(16.0, 32.0, 64.0, 128.0, 256.0);
        assertThat(icons.get()).allSatisfy(i -> {
            assertThat(i.isError()).isFalse();
            assertThat(i.getHeight()).isEqualTo(i.getWidth());
            assertThat(i).as("made from the build's raster, not decoded").isInstanceOf(WritableImage.class);
        });
    }

    /** The rasters hold the PNGs' pixels: each channel of each pixel within one step of JavaFX's own decoding. */
    @Test
    void eachRasterShowsWhatItsPngShows() throws Exception {
        for (int size : new int[] {16, 32, 64, 128, 256}) {
            Image raster = DesktopApp.windowIcon("icon-" + size);
            Image png;
            try (var in = DesktopApp.class.getResourceAsStream("icon-" + size + ".png")) {
                png = new Image(in);
            }
            assertThat(raster.getWidth()).isEqualTo(png.getWidth());
            int w = (int) png.getWidth();
            int h = (int) png.getHeight();
            int[] expected = new int[w * h];
            int[] actual = new int[w * h];
            png.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbPreInstance(), expected, 0, w);
            raster.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbPreInstance(), actual, 0, w);
            int opaque = 0;
            for (int i = 0; i < expected.length; i++) {
                for (int shift = 0; shift < 32; shift += 8) {
                    int e = (expected[i] >>> shift) & 0xff;
                    int a = (actual[i] >>> shift) & 0xff;
                    assertThat(Math.abs(e - a)).as("icon %d, pixel %d, bits %d", size, i, shift).isLessThanOrEqualTo(1);
                }
                opaque += (expected[i] >>> 24) == 0xff ? 1 : 0;
            }
            assertThat(opaque).as("icon %d has a picture", size).isPositive();
        }
    }

    @Test
    void withoutARasterThePngIsDecodedAndWithoutEitherNothing() {
        Image fallback = DesktopApp.windowIcon("fallback-icon"); // a test resource with no raster beside it
        assertThat(fallback).isNotNull().isNotInstanceOf(WritableImage.class);
        assertThat(fallback.getWidth()).isEqualTo(32);
        assertThat(DesktopApp.windowIcon("no-such-icon")).isNull();
    }
}
