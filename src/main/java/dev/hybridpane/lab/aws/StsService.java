package dev.hybridpane.lab.aws;

import java.util.Locale;
import java.util.Set;

/**
 * AWS STS on the query protocol. GetCallerIdentity answers for the principal whose key signed the request (the lab
 * user for the lab's key, the assumed role for an STS session's key), whether the request is a signed form POST (the
 * SDK, the CLI) or a presigned GET (an EKS bearer token being checked).
 */
final class StsService extends QueryService {
    private static final Set<String> ACTIONS = Set.of("GetCallerIdentity");

    private final AwsState state;
    private final LabCredentials credentials;

    StsService(AwsState state, LabCredentials credentials) {
        super("https://sts.amazonaws.com/doc/2011-06-15/", "2011-06-15");
        this.state = state;
        this.credentials = credentials;
    }

    @Override
    public String signingName() {
        return "sts";
    }

    @Override
    boolean supports(String action) {
        return ACTIONS.contains(action);
    }

    @Override
    public AwsResponse handle(String operation, AwsRequest r) {
        if ("GetCallerIdentity".equals(operation)) {
            String arn = credentials.principalArn(r.accessKeyId()).orElse(state.userArn());
            return result(operation, r, x -> x.leaf("Arn", arn).leaf("UserId", userId(arn))
                    .leaf("Account", state.accountId()));
        }
        return unknownOperation(r);
    }

    /**
     * GetCallerIdentity's UserId: the user's unique id (AIDA...) for the lab user; for an assumed role
     * {@code arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION}, "role id:session name" (STS API reference,
     * GetCallerIdentity examples), with a stable AROA... id derived from the role's name.
     */
    private String userId(String arn) {
        if (arn.equals(state.userArn())) {
            return state.userId();
        }
        String[] parts = arn.substring(arn.lastIndexOf(':') + 1).split("/");
        if (parts.length == 3 && "assumed-role".equals(parts[0])) {
            return "AROA" + Integer.toHexString(parts[1].hashCode()).toUpperCase(Locale.ROOT) + "LAB0EXAMPLE:" + parts[2];
        }
        return state.userId();
    }
}
