package dev.ccr.profile;

import dev.ccr.config.CcrHome;

/**
 * One profile: its name and the home folder a command works in when the profile is chosen ({@code default}: ccr's
 * home folder itself; any other: {@code profiles/<name>/}).
 */
public record Profile(String name, CcrHome home) {
    public static final String DEFAULT = "default";

    public boolean isDefault() {
        return DEFAULT.equals(name);
    }
}
