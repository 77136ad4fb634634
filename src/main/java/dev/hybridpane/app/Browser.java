package dev.hybridpane.app;

import java.awt.Desktop;
import java.net.URI;

/**
 * Opens a page in the user's browser, off the FX thread (the desktop's browser launch can block). Where the desktop
 * offers no browser the page is not opened: the sign-in card shows its address to copy.
 */
final class Browser {
    private Browser() {
    }

    static void open(String url) {
        Thread t = new Thread(() -> {
            try {
                if (Desktop.isDesktopSupported() && Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
                    Desktop.getDesktop().browse(URI.create(url));
                }
            } catch (Exception | LinkageError e) {
                // nothing to do: the card shows the address
            }
        }, "hybridpane-browser");
        t.setDaemon(true);
        t.start();
    }
}
