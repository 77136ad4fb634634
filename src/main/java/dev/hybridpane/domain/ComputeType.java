package dev.hybridpane.domain;

/** From the node label eks.amazonaws.com/compute-type; EC2 when the label is absent. */
public enum ComputeType {
    EC2("EC2"), FARGATE("Fargate"), AUTO("Auto Mode"), HYBRID("Hybrid");

    public static final String LABEL = "eks.amazonaws.com/compute-type";

    private final String label;

    ComputeType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean isCloud() {
        return this != HYBRID;
    }

    public static ComputeType fromLabel(String value) {
        if (value == null) {
            return EC2;
        }
        return switch (value) {
            case "hybrid" -> HYBRID;
            case "fargate" -> FARGATE;
            case "auto" -> AUTO;
            default -> EC2;
        };
    }
}
