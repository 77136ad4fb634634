package dev.hybridpane.lab.aws;

import java.util.Set;

/**
 * AWS STS on the query protocol. GetCallerIdentity answers for the lab user, whether the request is a
 * signed form POST (the SDK, the CLI) or a presigned GET (an EKS bearer token being checked).
 */
final class StsService extends QueryService {
    private static final Set<String> ACTIONS = Set.of("GetCallerIdentity");

    private final AwsState state;

    StsService(AwsState state) {
        super("https://sts.amazonaws.com/doc/2011-06-15/", "2011-06-15");
        this.state = state;
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
            return result(operation, r, x -> x.leaf("Arn", state.userArn()).leaf("UserId", state.userId())
                    .leaf("Account", state.accountId()));
        }
        return unknownOperation(r);
    }
}
