package dev.hybridpane.app;

import dev.hybridpane.app.build.IconRasters;
import dev.hybridpane.app.startup.CdsArchive;
import dev.hybridpane.app.startup.FxStartup;
import dev.hybridpane.app.startup.StartupPhases;
import dev.hybridpane.ui.common.FxExecutor;
import dev.hybridpane.ui.settings.OsThemeDetector;
import dev.hybridpane.ui.shell.MainWindow;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.InflaterInputStream;
import javafx.application.Platform;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;

/** Starts the JavaFX toolkit and the main window; returns when the window closes. */
final class DesktopApp {
    private DesktopApp() {
    }

    /** How long the window waits for the OS's theme when it is ready before the OS answered. */
    static final long OS_THEME_WAIT_MS = 250;

    /** The window's icons, in the sizes desktops ask for; a missing or broken one is left out. */
    static List<Image> windowIcons() {
        List<Image> icons = new ArrayList<>();
        for (int size : new int[] {16, 32, 64, 128, 256}) {
            Image image = windowIcon("icon-" + size);
            if (image != null) {
                icons.add(image);
            }
        }
        return icons;
    }

    /**
     * One icon: from the raster the build wrote beside its PNG ({@link IconRasters}: one copy of pixels, cheaper than
     * JavaFX's PNG decoder while it is still cold), else from the PNG. Null when neither reads.
     */
    static Image windowIcon(String name) {
        try (var in = DesktopApp.class.getResourceAsStream(name + ".bgra")) {
            if (in != null) {
                var data = new DataInputStream(new InflaterInputStream(in));
                int w = data.readInt();
                int h = data.readInt();
                if (w > 0 && h > 0 && w <= 1024 && h <= 1024) {
                    byte[] bgraPre = new byte[w * h * 4];
                    data.readFully(bgraPre);
                    WritableImage image = new WritableImage(w, h);
                    image.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getByteBgraPreInstance(),
                            bgraPre, 0, w * 4);
                    return image;
                }
            }
        } catch (IOException e) {
            // a broken raster: the PNG instead
        }
        try (var in = DesktopApp.class.getResourceAsStream(name + ".png")) {
            if (in != null) {
                Image image = new Image(in);
                return image.isError() ? null : image;
            }
        } catch (IOException e) {
            // a missing icon is not worth failing for
        }
        return null;
    }

    /**
     * @param osPrefersDark the OS's theme preference, asked for at startup ({@link
     *                      OsThemeDetector})
     */
    static int run(CompletableFuture<Composition> pending,
            CompletableFuture<Boolean> osPrefersDark, boolean exitWhenReady,
            StartupPhases phases) throws InterruptedException {
        CountDownLatch closed = new CountDownLatch(1);
        AtomicInteger exit = new AtomicInteger();
        try {
            FxStartup.await();
        } catch (RuntimeException | LinkageError e) {
            // no display, or no GTK library to load
            System.err.println("HybridPane cannot open a window: " + e.getMessage() + ".\n"
                    + "It needs a graphical display (DISPLAY or WAYLAND_DISPLAY) and GTK 3 "
                    + "(Debian/Ubuntu: sudo apt-get install libgtk-3-0).\n"
                    + "'hybridpane lab' runs the lab without a window.");
            return 2;
        }
        Platform.setImplicitExit(true);
        phases.mark("toolkit");
        // made on their own thread, not on the way to the window
        CompletableFuture<List<Image>> icons = new CompletableFuture<>();
        Thread decoder = new Thread(() -> {
            try {
                icons.complete(windowIcons());
            } catch (RuntimeException e) {
                icons.complete(List.of()); // the window goes without icons
            }
        }, "hybridpane-icons");
        decoder.setDaemon(true);
        decoder.start();
        Composition composition;
        try {
            composition = pending.join();
        } catch (CompletionException e) {
            System.err.println("HybridPane could not start: " + e.getCause().getMessage());
            Platform.exit();
            return 1;
        }
        try {
            // usually answered long before now; a slow answer is followed once the window shows
            osPrefersDark.get(OS_THEME_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // the window starts light and follows the answer (light if there is none)
        }
        AtomicReference<MainWindow> shown = new AtomicReference<>();
        Platform.runLater(() -> {
            Stage stage = new Stage();
            stage.setTitle("HybridPane");
            // usually made by now; if not, the window gets its icons as soon as they are
            icons.thenAcceptAsync(list -> stage.getIcons().setAll(list), new FxExecutor());
            phases.mark("fx-ready");
            MainWindow window = composition.window(osPrefersDark).window();
            phases.mark("window-built");
            stage.addEventHandler(WindowEvent.WINDOW_HIDDEN, e -> closed.countDown());
            window.show(stage);
            phases.mark("window");
            shown.set(window);
            if (exitWhenReady) {
                window.firstViewPopulated().orTimeout(120, TimeUnit.SECONDS).whenComplete((v, e) -> {
                    if (e != null) {
                        System.out.println("NOT_READY after 120 s: " + window.viewModel().fleet().statusTextProperty().get());
                        exit.set(1);
                        Platform.runLater(stage::close);
                    }
                });
                window.firstViewPopulated().thenRun(() -> Platform.runLater(() -> {
                    System.out.println("READY_MS=" + StartupPhases.sinceJvmStart());
                    phases.report();
                    stage.close();
                }));
            }
        });
        closed.await();
        MainWindow window = shown.get();
        if (window != null) {
            try {
                // the settings are written on an I/O thread, which stops when this returns
                window.closed().get(5, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // written as far as it could be; the activity log said why not
            }
        }
        Platform.exit();
        // the window was closed after its first view was populated: the class-data-sharing archive this JVM may
        // write at exit is worth keeping (this thread is not the FX thread, which has ended)
        if (window != null && window.firstViewPopulated().isDone()) {
            CdsArchive.firstViewPopulated();
        }
        return exit.get();
    }
}
