package dev.hybridpane.ui.hybrid;

import java.util.List;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableStringValue;

/** The navigation state every wizard shares: its steps, the current one, busy text, an error and closing. */
public abstract class WizardSteps implements WizardModel {
    private final List<String> titles;
    private final Runnable onClose;
    private final ReadOnlyIntegerWrapper step = new ReadOnlyIntegerWrapper(this, "step");
    private final ReadOnlyStringWrapper subtitle = new ReadOnlyStringWrapper(this, "subtitle", "");
    private final ReadOnlyStringWrapper busy = new ReadOnlyStringWrapper(this, "busy", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error");
    private ObservableBooleanValue canNext;
    private ObservableBooleanValue canBack;
    private ObservableStringValue nextText;

    protected WizardSteps(List<String> titles, Runnable onClose) {
        this.titles = List.copyOf(titles);
        this.onClose = onClose;
    }

    protected final void setCanNext(ObservableBooleanValue v) {
        canNext = javafx.beans.binding.Bindings.createBooleanBinding(() -> v.get() && busy.get().isEmpty(), v, busy);
    }

    protected final void setCanBack(ObservableBooleanValue v) {
        canBack = javafx.beans.binding.Bindings.createBooleanBinding(() -> v.get() && busy.get().isEmpty(), v, busy);
    }

    protected final void setNextText(ObservableStringValue v) {
        nextText = v;
    }

    protected final void goTo(int i) {
        step.set(Math.max(0, Math.min(titles.size() - 1, i)));
    }

    protected final int step() {
        return step.get();
    }

    protected final void setBusy(String text) {
        busy.set(text == null ? "" : text);
    }

    protected final void setSubtitle(String text) {
        subtitle.set(text);
    }

    protected final void setError(String text) {
        error.set(text);
    }

    protected final void closeNow() {
        onClose.run();
    }

    @Override
    public List<String> stepTitles() {
        return titles;
    }

    @Override
    public ReadOnlyIntegerProperty stepProperty() {
        return step.getReadOnlyProperty();
    }

    @Override
    public ReadOnlyStringProperty subtitleProperty() {
        return subtitle.getReadOnlyProperty();
    }

    @Override
    public ObservableBooleanValue canNextProperty() {
        return canNext;
    }

    @Override
    public ObservableBooleanValue canBackProperty() {
        return canBack;
    }

    @Override
    public ObservableStringValue nextTextProperty() {
        return nextText;
    }

    @Override
    public ReadOnlyStringProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** A sentence when the wizard cannot go on (the cluster could not be read), else null. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }
}
