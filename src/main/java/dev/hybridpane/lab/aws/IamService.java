package dev.hybridpane.lab.aws;

import java.time.format.DateTimeFormatter;
import java.util.Set;

/** AWS IAM on the query protocol (a global service, signed for us-east-1). For now: GetUser. */
final class IamService extends QueryService {
    private static final Set<String> ACTIONS = Set.of("GetUser");

    private final AwsState state;

    IamService(AwsState state) {
        super("https://iam.amazonaws.com/doc/2010-05-08/", "2010-05-08");
        this.state = state;
    }

    @Override
    public String signingName() {
        return "iam";
    }

    @Override
    boolean supports(String action) {
        return ACTIONS.contains(action);
    }

    @Override
    public AwsResponse handle(String operation, AwsRequest r) {
        if ("GetUser".equals(operation)) {
            String name = r.param("UserName").orElse(state.userName());
            if (!name.equals(state.userName())) {
                return error(r, 404, "NoSuchEntity", "The user with name " + name + " cannot be found.");
            }
            return result(operation, r, x -> x.open("User").leaf("Path", "/").leaf("UserName", name)
                    .leaf("UserId", state.userId()).leaf("Arn", state.userArn())
                    .leaf("CreateDate", DateTimeFormatter.ISO_INSTANT.format(state.userCreatedAt())).close("User"));
        }
        return unknownOperation(r);
    }
}
