package dev.hybridpane.ui.common;

import java.util.ArrayDeque;
import java.util.Deque;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** Bookkeeping of running tasks shared by the runners; called on the UI thread only. */
abstract class AbstractTaskRunner implements TaskRunner {
    private final ReadOnlyIntegerWrapper running = new ReadOnlyIntegerWrapper(this, "running");
    private final ReadOnlyStringWrapper currentTitle = new ReadOnlyStringWrapper(this, "currentTitle", "");
    private final Deque<String> titles = new ArrayDeque<>();

    protected void started(String title) {
        titles.push(title);
        running.set(titles.size());
        currentTitle.set(title);
    }

    protected void finished(String title) {
        titles.remove(title);
        running.set(titles.size());
        currentTitle.set(titles.isEmpty() ? "" : titles.peek());
    }

    @Override
    public ReadOnlyIntegerProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    @Override
    public ReadOnlyStringProperty currentTitleProperty() {
        return currentTitle.getReadOnlyProperty();
    }
}
