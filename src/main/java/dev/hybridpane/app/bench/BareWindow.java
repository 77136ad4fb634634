package dev.hybridpane.app.bench;

import java.lang.management.ManagementFactory;
import java.util.concurrent.CountDownLatch;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/**
 * The startup benchmark's baseline: a minimal JavaFX window, started the same way as HybridPane
 * ({@code java -cp target/hybridpane.jar BareWindow}), that exits after its
 * first frame and prints the time since the JVM started.
 */
public final class BareWindow {
    private BareWindow() {
    }

    public static void main(String[] args) throws InterruptedException {
        var done = new CountDownLatch(1);
        Platform.startup(() -> {
            Stage stage = new Stage();
            stage.setScene(new Scene(new StackPane(new Label("bare")), 800, 600));
            stage.show();
            // the first pulse after show() has rendered the window
            Platform.runLater(() -> {
                long ms = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
                System.out.println("READY_MS=" + ms);
                done.countDown();
            });
        });
        done.await();
        Platform.exit();
        System.exit(0);
    }
}
