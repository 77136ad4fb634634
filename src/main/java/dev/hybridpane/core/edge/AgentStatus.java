package dev.hybridpane.core.edge;

/**
 * Whether this workstation's ssh-agent can be used: it answered and holds {@code keys} keys, or why not (a sentence
 * the administrator can act on). Never carries keys, only counts.
 */
public record AgentStatus(boolean available, int keys, String note) {

    public static AgentStatus answered(int keys) {
        return new AgentStatus(true, keys, keys == 0 ? "ssh-agent answered but holds no keys: add one with ssh-add."
                : "ssh-agent holds " + keys + (keys == 1 ? " key." : " keys."));
    }

    public static AgentStatus unavailable(String why) {
        return new AgentStatus(false, 0, why);
    }
}
