package dev.hybridpane.ui.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.core.AwsFailure;
import dev.hybridpane.core.CredentialProblem;
import dev.hybridpane.core.CredentialProblem.Kind;
import dev.hybridpane.core.SsoAccounts.AccountRole;
import dev.hybridpane.domain.ConnectionState.FailureKind;
import dev.hybridpane.ui.FakeSsoAccounts;
import dev.hybridpane.ui.auth.AccountPickerViewModel.State;
import dev.hybridpane.ui.common.SyncTaskRunner;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The account picker's view model on the synchronous runner and IAM Identity Center in memory. */
class AccountPickerViewModelTest {
    static final AccountRole LAB_ADMIN = new AccountRole("111122223333", "hybridpane-lab", "AdministratorAccess");
    static final AccountRole LAB_READ = new AccountRole("111122223333", "hybridpane-lab", "ReadOnlyAccess");
    static final AccountRole STAGING_READ = new AccountRole("444455556666", "hybridpane-lab-staging", "ReadOnlyAccess");
    static final String CALLER = "arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_AdministratorAccess_0a1b2c3d4e5f6a7b/lab-admin";

    private final FakeSsoAccounts sso = new FakeSsoAccounts();
    private final List<List<AccountRole>> saved = new ArrayList<>();
    private String profile = "lab-sso";
    private List<String> picked = List.of();
    private String caller = CALLER;

    private AccountPickerViewModel vm() {
        return new AccountPickerViewModel(new SyncTaskRunner(), sso, () -> profile, () -> {
            if (caller == null) {
                throw new IllegalStateException("The AWS profile is not open yet.");
            }
            return caller;
        }, () -> picked, saved::add);
    }

    @Test
    void listsThePairsByAccountWithThePickedAndTheOwnPairTicked() {
        sso.pairs.put("lab-sso", List.of(LAB_ADMIN, LAB_READ, STAGING_READ));
        picked = List.of(STAGING_READ.key());
        AccountPickerViewModel vm = vm();
        vm.open();
        assertThat(vm.stateProperty().get()).isEqualTo(State.LOADED);
        assertThat(vm.profileProperty().get()).isEqualTo("lab-sso");
        assertThat(vm.groups()).extracting(AccountPickerGroup::accountId).containsExactly("111122223333", "444455556666");
        AccountPickerGroup lab = vm.groups().get(0);
        assertThat(lab.accountName()).isEqualTo("hybridpane-lab");
        assertThat(lab.own()).as("the profile's own account").isTrue();
        assertThat(lab.roles()).extracting(r -> r.pair().roleName()).containsExactly("AdministratorAccess", "ReadOnlyAccess");
        assertThat(lab.roles().get(0).own()).isTrue();
        assertThat(lab.roles().get(0).pickedProperty().get()).as("the own pair is ticked").isTrue();
        assertThat(lab.roles().get(1).own()).isFalse();
        assertThat(lab.roles().get(1).pickedProperty().get()).isFalse();
        AccountPickerGroup staging = vm.groups().get(1);
        assertThat(staging.own()).isFalse();
        assertThat(staging.roles().get(0).pickedProperty().get()).as("picked before").isTrue();
        assertThat(vm.pickedCountProperty().get()).isEqualTo(1);
        assertThat(vm.empty()).isFalse();
    }

    @Test
    void savesTheTickedPairsWithoutTheProfilesOwn() {
        sso.pairs.put("lab-sso", List.of(LAB_ADMIN, LAB_READ, STAGING_READ));
        AccountPickerViewModel vm = vm();
        vm.open();
        assertThat(vm.pickedCountProperty().get()).isZero();
        vm.groups().get(1).roles().get(0).pickedProperty().set(true);
        vm.groups().get(0).roles().get(1).pickedProperty().set(true);
        assertThat(vm.pickedCountProperty().get()).isEqualTo(2);
        vm.save();
        assertThat(saved).containsExactly(List.of(LAB_READ, STAGING_READ));
        assertThat(vm.stateProperty().get()).isEqualTo(State.IDLE);
    }

    @Test
    void unticksAPickedPair() {
        sso.pairs.put("lab-sso", List.of(LAB_ADMIN, STAGING_READ));
        picked = List.of(STAGING_READ.key());
        AccountPickerViewModel vm = vm();
        vm.open();
        vm.groups().get(1).roles().get(0).pickedProperty().set(false);
        vm.save();
        assertThat(saved).containsExactly(List.of());
    }

    @Test
    void cancelSavesNothing() {
        sso.pairs.put("lab-sso", List.of(LAB_ADMIN, STAGING_READ));
        AccountPickerViewModel vm = vm();
        vm.open();
        vm.groups().get(1).roles().get(0).pickedProperty().set(true);
        vm.cancel();
        vm.save(); // not loaded any more: nothing to save
        assertThat(saved).isEmpty();
        assertThat(vm.stateProperty().get()).isEqualTo(State.IDLE);
    }

    @Test
    void theFilterKeepsMatchingAccountsAndRolesAndTheTicksSurviveIt() {
        sso.pairs.put("lab-sso", List.of(LAB_ADMIN, LAB_READ, STAGING_READ));
        AccountPickerViewModel vm = vm();
        vm.open();
        vm.filterProperty().set("staging");
        assertThat(vm.groups()).extracting(AccountPickerGroup::accountName).containsExactly("hybridpane-lab-staging");
        vm.groups().get(0).roles().get(0).pickedProperty().set(true);
        vm.filterProperty().set("readonly");
        assertThat(vm.groups()).hasSize(2);
        assertThat(vm.groups().get(0).roles()).extracting(r -> r.pair().roleName()).containsExactly("ReadOnlyAccess");
        vm.filterProperty().set("4444");
        assertThat(vm.groups()).extracting(AccountPickerGroup::accountId).containsExactly("444455556666");
        vm.filterProperty().set("nothing like it");
        assertThat(vm.groups()).isEmpty();
        assertThat(vm.empty()).as("the filter's doing, not an empty list").isFalse();
        vm.filterProperty().set("");
        assertThat(vm.groups().get(1).roles().get(0).pickedProperty().get()).isTrue();
        vm.save();
        assertThat(saved).containsExactly(List.of(STAGING_READ));
    }

    @Test
    void noAccountAtAllIsTheEmptyState() {
        sso.pairs.put("lab-sso", List.of());
        AccountPickerViewModel vm = vm();
        vm.open();
        assertThat(vm.stateProperty().get()).isEqualTo(State.LOADED);
        assertThat(vm.empty()).isTrue();
        assertThat(vm.groups()).isEmpty();
    }

    @Test
    void notSignedInSaysSoAndNamesTheProfileToSignIn() {
        CredentialProblem problem = new CredentialProblem(Kind.SSO_NOT_SIGNED_IN, "lab-sso", null, null,
                "Not signed in to AWS SSO", "Profile lab-sso uses AWS SSO (sso-session lab).",
                "Sign in to AWS SSO, then try again.", "lab-sso");
        sso.failures.put("lab-sso", new AwsFailure(FailureKind.NO_CREDENTIALS, "sso:ListAccounts", null,
                "sso:ListAccounts could not run: Not signed in to AWS SSO.", null, problem));
        AccountPickerViewModel vm = vm();
        vm.open();
        assertThat(vm.stateProperty().get()).isEqualTo(State.FAILED);
        assertThat(vm.errorProperty().get()).isEqualTo("sso:ListAccounts could not run: Not signed in to AWS SSO.");
        assertThat(vm.signInProfileProperty().get()).isEqualTo("lab-sso");
        assertThat(vm.groups()).isEmpty();
        vm.save();
        assertThat(saved).as("nothing to save after a failure").isEmpty();

        // signed in meanwhile: Try again lists them
        sso.failures.remove("lab-sso");
        sso.pairs.put("lab-sso", List.of(LAB_ADMIN));
        vm.open();
        assertThat(vm.stateProperty().get()).isEqualTo(State.LOADED);
        assertThat(vm.signInProfileProperty().get()).isNull();
        assertThat(vm.errorProperty().get()).isEmpty();
    }

    @Test
    void anotherFailureOffersNoSignIn() {
        sso.failures.put("lab-sso", new AwsFailure(FailureKind.ACCESS_DENIED, "sso:ListAccounts", "ForbiddenException",
                "sso:ListAccounts was denied: Session token not found or invalid.", null));
        AccountPickerViewModel vm = vm();
        vm.open();
        assertThat(vm.stateProperty().get()).isEqualTo(State.FAILED);
        assertThat(vm.errorProperty().get()).contains("denied");
        assertThat(vm.signInProfileProperty().get()).isNull();
    }

    @Test
    void aCallerNotYetKnownMarksNoOwnPair() {
        sso.pairs.put("lab-sso", List.of(LAB_ADMIN, STAGING_READ));
        caller = null;
        AccountPickerViewModel vm = vm();
        vm.open();
        assertThat(vm.stateProperty().get()).isEqualTo(State.LOADED);
        assertThat(vm.groups()).noneMatch(AccountPickerGroup::own);
        assertThat(vm.groups().get(0).roles().get(0).pickedProperty().get()).isFalse();
    }

    @Test
    void offeredOnlyForAProfileThatSignsInThroughAwsSso() {
        sso.pairs.put("lab-sso", List.of(LAB_ADMIN));
        AccountPickerViewModel vm = vm();
        vm.checkOffer();
        assertThat(vm.offeredProperty().get()).isTrue();
        profile = "lab-mfa";
        vm.checkOffer();
        assertThat(vm.offeredProperty().get()).isFalse();
        profile = null;
        vm.checkOffer();
        assertThat(vm.offeredProperty().get()).isFalse();
    }

    @Test
    void theOwnPairIsReadFromAnIdentityCenterSessionArn() {
        assertThat(AccountPickerViewModel.ownKey(CALLER)).isEqualTo("111122223333/AdministratorAccess");
        assertThat(AccountPickerViewModel.ownKey(
                "arn:aws-us-gov:sts::123456789012:assumed-role/AWSReservedSSO_Eks_Admins_0123456789abcdef/alice"))
                .as("a permission set with an underscore").isEqualTo("123456789012/Eks_Admins");
        assertThat(AccountPickerViewModel.ownKey("arn:aws:sts::123456789012:assumed-role/deploy/session")).isNull();
        assertThat(AccountPickerViewModel.ownKey("arn:aws:iam::123456789012:user/alice")).isNull();
        assertThat(AccountPickerViewModel.ownKey(null)).isNull();
    }
}
