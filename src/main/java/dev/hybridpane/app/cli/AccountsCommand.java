package dev.hybridpane.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hybridpane.adapters.aws.SdkSsoAccounts;
import dev.hybridpane.core.AwsFailure;
import dev.hybridpane.core.CredentialProblem;
import dev.hybridpane.core.SsoAccounts;
import dev.hybridpane.core.SsoAccounts.AccountRole;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * `hybridpane accounts [--profile NAME] [-o text|json]`: the AWS accounts and roles an AWS SSO profile's sign-in may
 * use (IAM Identity Center's ListAccounts and ListAccountRoles). Exit 0 listed; 1 not signed in, expired or AWS failed
 * (one line, with the fix); 2 an unknown or non-SSO profile, or a bad option.
 */
@Command(name = "accounts", mixinStandardHelpOptions = true, description = "List the AWS accounts and roles that an "
        + "AWS SSO profile's sign-in may use (IAM Identity Center).")
public final class AccountsCommand implements Callable<Integer> {
    /** Tests only: the accounts of SSO profiles (default: the user's AWS config and the aws CLI's token cache). */
    static volatile Supplier<SsoAccounts> accounts = SdkSsoAccounts::new;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Spec
    CommandSpec spec;
    @Option(names = "--profile", paramLabel = "NAME", description = "The SSO profile (default: AWS_PROFILE, else default).")
    String profile;
    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "text (default) or json.")
    String output = "text";

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!output.equals("text") && !output.equals("json")) {
            err.println("hybridpane accounts: -o must be text or json, not '" + output + "'.");
            return 2;
        }
        String name = profile != null ? profile
                : System.getenv("AWS_PROFILE") != null ? System.getenv("AWS_PROFILE") : "default";
        SsoAccounts sso = accounts.get();
        if (!sso.supports(name)) {
            err.println("hybridpane accounts: profile '" + name + "' does not sign in through AWS SSO (it has neither "
                    + "sso_session nor sso_start_url in the AWS config file).");
            return 2;
        }
        List<AccountRole> pairs;
        try {
            pairs = sso.list(name);
        } catch (AwsFailure e) {
            Optional<CredentialProblem> p = e.credentialProblem();
            if (p.isPresent() && p.get().signIn().isPresent()) {
                err.println("hybridpane accounts: " + p.get().title() + " for profile " + name
                        + ": run `hybridpane login --profile " + name + "`.");
            } else {
                err.println("hybridpane accounts: " + e.getMessage());
            }
            return 1;
        }
        if (output.equals("json")) {
            out.println(JSON.writeValueAsString(pairs));
            return 0;
        }
        out.printf("%-14s %-32s %s%n", "ACCOUNT", "NAME", "ROLE");
        for (AccountRole a : pairs) {
            out.printf("%-14s %-32s %s%n", a.accountId(), a.accountName(), a.roleName());
        }
        return 0;
    }
}
