package dev.hybridpane.ui.common;

import java.util.concurrent.Executor;
import javafx.application.Platform;

/** The one way onto the FX thread. Runs inline when already on it. */
public final class FxExecutor implements Executor {
    @Override
    public void execute(Runnable command) {
        if (Platform.isFxApplicationThread()) {
            command.run();
        } else {
            Platform.runLater(command);
        }
    }
}
