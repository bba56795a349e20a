package org.equilibrium.device.profile;

/**
 * One problem in one profile file.
 *
 * @param file    file name (or directory, for problems with the folder itself)
 * @param field   dotted path of the field, e.g. {@code safety.current_ua.max} or {@code streams.ble[1].decoder};
 *                empty for the whole file
 * @param line    1-based line in the file where SnakeYAML knows it, else null
 * @param problem what is wrong, in plain words
 */
public record ProfileError(String file, String field, Integer line, String problem) {

    @Override
    public String toString() {
        return file + (line == null ? "" : ":" + line) + ": " + (field.isEmpty() ? "" : field + ": ") + problem;
    }
}
