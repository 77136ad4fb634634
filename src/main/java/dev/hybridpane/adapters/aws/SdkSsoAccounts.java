package dev.hybridpane.adapters.aws;

import dev.hybridpane.core.AwsFailure;
import dev.hybridpane.core.AwsPort;
import dev.hybridpane.core.CredentialProblem;
import dev.hybridpane.core.SsoAccounts;
import dev.hybridpane.domain.ConnectionState.FailureKind;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileProperty;
import software.amazon.awssdk.services.sso.SsoClient;
import software.amazon.awssdk.services.sso.model.AccountInfo;
import software.amazon.awssdk.services.sso.model.UnauthorizedException;
import software.amazon.awssdk.services.ssooidc.SsoOidcClient;

/**
 * {@link SsoAccounts} on the SDK's AWS access portal client: the accounts and roles of an SSO profile's sign-in (the
 * portal's ListAccounts and ListAccountRoles, through the SDK's paginators, with the access token of the aws CLI's
 * cache, refreshed there when it nears its end), and an {@link AwsPort} per picked pair signed with GetRoleCredentials.
 * The portal and OIDC calls go to the profile's {@code endpoint_url} when it names one, as the rest of its SSO calls
 * do. Not signed in, or a session that expired: an {@link AwsFailure} carrying the {@link CredentialProblem} with the
 * words of the credential banner.
 */
public final class SdkSsoAccounts implements SsoAccounts {
    private static final Comparator<AccountRole> ORDER = Comparator.comparing(AccountRole::accountName)
            .thenComparing(AccountRole::accountId).thenComparing(AccountRole::roleName);

    private final Supplier<ProfileFile> profileFile;
    private final SsoTokenCache cache;
    private final Clock clock;
    private final Map<String, String> env;

    /** The user's ~/.aws/config (read again on every call) and the aws CLI's token cache. */
    public SdkSsoAccounts() {
        this(ProfileFile::defaultProfileFile, SsoTokenCache.user(), Clock.systemUTC(), System.getenv());
    }

    /** @param env the environment variables (AWS_REGION, AWS_DEFAULT_REGION) for a profile that names no region */
    public SdkSsoAccounts(Supplier<ProfileFile> profileFile, SsoTokenCache cache, Clock clock, Map<String, String> env) {
        this.profileFile = profileFile;
        this.cache = cache;
        this.clock = clock;
        this.env = Map.copyOf(env);
    }

    @Override
    public boolean supports(String profile) {
        return profile != null && SsoSession.isSso(profileFile.get(), profile);
    }

    @Override
    public List<AccountRole> list(String profile) {
        ProfileFile file = profileFile.get();
        SsoSession session = session(file, profile);
        String operation = "sso:ListAccounts";
        try (SdkHttpClient http = AwsClientFactory.httpClient(session);
                SsoOidcClient oidc = SsoClients.oidc(session, http);
                SsoClient portal = SsoClients.portal(session, http)) {
            String token = new SsoSessionTokens(session, cache, oidc, clock).accessToken();
            List<AccountInfo> accounts = new ArrayList<>();
            portal.listAccountsPaginator(b -> b.accessToken(token)).accountList().forEach(accounts::add);
            operation = "sso:ListAccountRoles";
            List<AccountRole> out = new ArrayList<>();
            for (AccountInfo a : accounts) {
                portal.listAccountRolesPaginator(b -> b.accessToken(token).accountId(a.accountId())).roleList()
                        .forEach(r -> out.add(new AccountRole(a.accountId(), a.accountName(), r.roleName())));
            }
            out.sort(ORDER);
            return List.copyOf(out);
        } catch (SdkException e) {
            throw failure(profile, file, operation, e);
        }
    }

    @Override
    public AwsPort open(String profile, AccountRole pick) {
        ProfileFile file = profileFile.get();
        SsoSession session = session(file, profile);
        String region = file.profile(profile).flatMap(p -> p.property(ProfileProperty.REGION)).map(String::trim)
                .filter(r -> !r.isEmpty()).or(() -> env("AWS_REGION")).or(() -> env("AWS_DEFAULT_REGION"))
                .orElse(session.region());
        SsoRoleCredentials credentials = new SsoRoleCredentials(session, cache, pick.accountId(), pick.roleName(), clock);
        AwsClientFactory clients = new AwsClientFactory(credentials, session.endpoint(), region, label(pick));
        // a failure of the session's sign-in comes back as the profile's credential problem, in the banner's words
        return new ProfileAwsPort(new SdkAwsPort(clients, clock), profile, file);
    }

    /** How messages name the credentials of a pick, e.g. "account hybridpane-lab-staging (444455556666) role ReadOnlyAccess". */
    static String label(AccountRole pick) {
        return "account " + pick.accountName() + " (" + pick.accountId() + ") role " + pick.roleName();
    }

    private static SsoSession session(ProfileFile file, String profile) {
        try {
            return SsoSession.of(file, profile);
        } catch (IllegalArgumentException e) {
            throw new AwsFailure(FailureKind.NO_CREDENTIALS, "sso:ListAccounts", null,
                    "AWS SSO accounts cannot be listed: " + e.getMessage() + ".", null);
        }
    }

    /**
     * The failure in the banner's words when it is about the sign-in: the portal refusing the token (revoked, or
     * expired before the cache said so) is an expired session, as the SDK's own "Token is expired" is.
     */
    private static AwsFailure failure(String profile, ProfileFile file, String operation, SdkException e) {
        SdkException seen = e instanceof UnauthorizedException ? SdkClientException.create("Token is expired: the AWS "
                + "access portal refused the sign-in of profile " + profile) : e;
        Optional<CredentialProblem> problem = CredentialProblems.classify(profile, file, operation, null, seen);
        if (problem.isEmpty()) {
            return AwsFailures.translate(operation, e, "profile " + profile);
        }
        CredentialProblem p = problem.get();
        FailureKind kind = p.kind() == CredentialProblem.Kind.SSO_EXPIRED ? FailureKind.EXPIRED_CREDENTIALS
                : FailureKind.NO_CREDENTIALS;
        return new AwsFailure(kind, operation, null, operation + " could not run: " + p.title()
                + (p.detail().isEmpty() ? "." : ". " + p.detail()), e, p);
    }

    private Optional<String> env(String name) {
        return Optional.ofNullable(env.get(name)).map(String::trim).filter(v -> !v.isEmpty());
    }
}
