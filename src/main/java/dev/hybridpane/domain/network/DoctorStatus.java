package dev.hybridpane.domain.network;

/** A network check's outcome. UNKNOWN: the evidence could not be read (a denied or failed call), which is not a failure. */
public enum DoctorStatus {
    PASS, UNKNOWN, WARN, FAIL;

    public DoctorStatus worst(DoctorStatus other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
