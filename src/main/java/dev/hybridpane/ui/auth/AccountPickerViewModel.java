package dev.hybridpane.ui.auth;

import dev.hybridpane.core.AwsFailure;
import dev.hybridpane.core.CredentialProblem;
import dev.hybridpane.core.CredentialProblem.Kind;
import dev.hybridpane.core.SsoAccounts;
import dev.hybridpane.core.SsoAccounts.AccountRole;
import dev.hybridpane.domain.Arns;
import dev.hybridpane.ui.common.Errors;
import dev.hybridpane.ui.common.TaskRunner;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Picking the AWS accounts and roles whose clusters the fleet shows, for a profile that signs in through IAM Identity
 * Center: lists every pair the user may use (off the FX thread), ticks those already picked and the profile's own pair,
 * filters them by account or role, and saves the ticked ones. A failure says why; when the cause is that the profile is
 * not signed in (or the session expired), {@link #signInProfileProperty()} names the profile to sign in.
 */
public final class AccountPickerViewModel {
    /** Where the picker is. */
    public enum State { IDLE, LOADING, LOADED, FAILED }

    private static final String SSO_ROLE_PREFIX = "AWSReservedSSO_";

    private final TaskRunner runner;
    private final SsoAccounts accounts;
    private final Supplier<String> profile;
    private final Supplier<String> callerArn;
    private final Supplier<List<String>> pickedKeys;
    private final Consumer<List<AccountRole>> save;
    private final ObjectProperty<State> state = new SimpleObjectProperty<>(this, "state", State.IDLE);
    private final ReadOnlyStringWrapper shownProfile = new ReadOnlyStringWrapper(this, "profile", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyStringWrapper signInProfile = new ReadOnlyStringWrapper(this, "signInProfile");
    private final ReadOnlyBooleanWrapper offered = new ReadOnlyBooleanWrapper(this, "offered");
    private final ReadOnlyIntegerWrapper pickedCount = new ReadOnlyIntegerWrapper(this, "pickedCount");
    private final StringProperty filter = new SimpleStringProperty(this, "filter", "");
    private final ObservableList<AccountPickerGroup> groups = FXCollections.observableArrayList();
    private final List<AccountPickerRole> all = new ArrayList<>();
    private int request;
    private int offerRequest;

    /**
     * @param profile    the profile shown now
     * @param callerArn  who the profile signs in as (GetCallerIdentity; may block, is called off the FX thread), to
     *                   show the profile's own pair as such
     * @param pickedKeys the pairs picked for the profile so far ({@link AccountRole#key()})
     * @param save       keeps the ticked pairs (the profile's own pair is not among them) and reads the fleet again
     */
    public AccountPickerViewModel(TaskRunner runner, SsoAccounts accounts, Supplier<String> profile,
            Supplier<String> callerArn, Supplier<List<String>> pickedKeys, Consumer<List<AccountRole>> save) {
        this.runner = runner;
        this.accounts = accounts;
        this.profile = profile;
        this.callerArn = callerArn;
        this.pickedKeys = pickedKeys;
        this.save = save;
        filter.addListener((o, a, b) -> regroup());
    }

    /**
     * Asks, off the FX thread (the profile's configuration is a file), whether the profile shown signs in through AWS
     * SSO, so that the window offers the picker ({@link #offeredProperty()}). Call it when the profile changes.
     */
    public void checkOffer() {
        int id = ++offerRequest;
        String p = profile.get();
        if (p == null || p.isBlank()) {
            offered.set(false);
            return;
        }
        runner.task("Checking whether profile " + p + " signs in through AWS SSO", () -> accounts.supports(p))
                .onSuccess(yes -> {
                    if (id == offerRequest) {
                        offered.set(Boolean.TRUE.equals(yes));
                    }
                })
                .onError(e -> {
                    if (id == offerRequest) {
                        offered.set(false);
                    }
                })
                .start();
    }

    /** Lists the accounts and roles of the profile shown (again), in the background. */
    public void open() {
        int id = ++request;
        String p = profile.get();
        shownProfile.set(p == null ? "" : p);
        filter.set("");
        all.clear();
        groups.clear();
        error.set("");
        signInProfile.set(null);
        pickedCount.set(0);
        state.set(State.LOADING);
        Set<String> picked = new HashSet<>(pickedKeys.get());
        runner.task("Reading the AWS accounts of profile " + p, () -> new Listed(accounts.list(p), own()))
                .onSuccess(listed -> {
                    if (id != request) {
                        return;
                    }
                    for (AccountRole pair : listed.pairs()) {
                        AccountPickerRole role = new AccountPickerRole(pair, pair.key().equals(listed.own()),
                                picked.contains(pair.key()));
                        role.pickedProperty().addListener((o, a, b) -> count());
                        all.add(role);
                    }
                    count();
                    regroup();
                    state.set(State.LOADED);
                })
                .onError(e -> {
                    if (id != request) {
                        return;
                    }
                    error.set(Errors.sentence(e));
                    signInProfile.set(signInFix(e, p));
                    state.set(State.FAILED);
                })
                .start();
    }

    /** The profile's own pair as "account/role", or null when the caller is not an SSO role's session. */
    private String own() {
        try {
            return ownKey(callerArn.get());
        } catch (RuntimeException e) {
            return null; // the pair is then not marked; the list itself still shows
        }
    }

    /**
     * "account/permission set" of an IAM Identity Center session ARN
     * ({@code arn:aws:sts::ACCOUNT:assumed-role/AWSReservedSSO_SET_HASH/USER}); null for any other caller.
     */
    static String ownKey(String arn) {
        String account = Arns.accountOf(arn);
        String[] parts = arn == null ? new String[0] : arn.split(":", 6);
        if (account.isEmpty() || parts.length < 6 || !parts[5].startsWith("assumed-role/")) {
            return null;
        }
        String[] resource = parts[5].split("/");
        String role = resource.length > 1 ? resource[1] : "";
        if (!role.startsWith(SSO_ROLE_PREFIX) || role.lastIndexOf('_') <= SSO_ROLE_PREFIX.length()) {
            return null;
        }
        return account + "/" + role.substring(SSO_ROLE_PREFIX.length(), role.lastIndexOf('_'));
    }

    /** The profile whose sign-in would fix the failure (not signed in, or expired), else null. */
    private static String signInFix(Throwable t, String profile) {
        Throwable e = t;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        if (e instanceof AwsFailure f && f.credentialProblem().isPresent()) {
            CredentialProblem p = f.credentialProblem().get();
            if (p.kind() == Kind.SSO_NOT_SIGNED_IN || p.kind() == Kind.SSO_EXPIRED) {
                return p.signIn().orElse(profile);
            }
            return p.signIn().orElse(null);
        }
        return null;
    }

    private void count() {
        pickedCount.set((int) all.stream().filter(r -> !r.own() && r.pickedProperty().get()).count());
    }

    private void regroup() {
        String q = filter.get() == null ? "" : filter.get().strip().toLowerCase(Locale.ROOT);
        Map<String, List<AccountPickerRole>> byAccount = new LinkedHashMap<>();
        for (AccountPickerRole r : all) {
            AccountRole p = r.pair();
            String hay = (p.accountName() + " " + p.accountId() + " " + p.roleName()).toLowerCase(Locale.ROOT);
            if (q.isEmpty() || hay.contains(q)) {
                byAccount.computeIfAbsent(p.accountId(), k -> new ArrayList<>()).add(r);
            }
        }
        List<AccountPickerGroup> shown = new ArrayList<>();
        byAccount.forEach((account, roles) -> shown.add(new AccountPickerGroup(account, roles.get(0).pair().accountName(),
                roles.stream().anyMatch(AccountPickerRole::own), roles)));
        groups.setAll(shown);
    }

    /** Keeps the ticked pairs (not the profile's own, which the fleet always reads) and closes. */
    public void save() {
        if (state.get() != State.LOADED) {
            return;
        }
        save.accept(picks());
        state.set(State.IDLE);
    }

    /** The pairs ticked now, the profile's own left out, in the list's order. */
    public List<AccountRole> picks() {
        return all.stream().filter(r -> !r.own() && r.pickedProperty().get()).map(AccountPickerRole::pair).toList();
    }

    /** Closes without saving; a listing still running is ignored when it ends. */
    public void cancel() {
        request++;
        state.set(State.IDLE);
    }

    /** Loaded with no account at all: the user is assigned none. */
    public boolean empty() {
        return state.get() == State.LOADED && all.isEmpty();
    }

    /** Whether the profile shown signs in through AWS SSO (see {@link #checkOffer()}). */
    public ReadOnlyBooleanProperty offeredProperty() {
        return offered.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state;
    }

    public ReadOnlyStringProperty profileProperty() {
        return shownProfile.getReadOnlyProperty();
    }

    /** Why the accounts could not be listed, or "". */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** The profile to sign in to AWS SSO when that is the fix of the failure; else null. */
    public ReadOnlyStringProperty signInProfileProperty() {
        return signInProfile.getReadOnlyProperty();
    }

    /** How many pairs are ticked, the profile's own left out. */
    public ReadOnlyIntegerProperty pickedCountProperty() {
        return pickedCount.getReadOnlyProperty();
    }

    public StringProperty filterProperty() {
        return filter;
    }

    /** The accounts the filter keeps, each with the roles it keeps, in the portal's order. */
    public ObservableList<AccountPickerGroup> groups() {
        return groups;
    }

    /** The list and who the caller is, read together off the FX thread. */
    private record Listed(List<AccountRole> pairs, String own) {
    }
}
