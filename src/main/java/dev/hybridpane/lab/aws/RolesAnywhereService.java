package dev.hybridpane.lab.aws;

/**
 * IAM Roles Anywhere on REST-JSON. Routing and the error shape are in place; no operation is
 * implemented yet, so every call answers UnknownOperationException.
 */
final class RolesAnywhereService extends RestJsonService {

    RolesAnywhereService(Json json) {
        super(json);
    }

    @Override
    public String signingName() {
        return "rolesanywhere";
    }

    @Override
    public String operation(AwsRequest request) {
        return null;
    }

    @Override
    public AwsResponse handle(String operation, AwsRequest request) {
        return unknownOperation(request);
    }
}
