package org.equilibrium.device.profile;

import java.util.List;

/**
 * What a load of the profile folder did: the files that loaded and every error of those that did not. A file
 * with any error is skipped whole (a half-validated stimulator profile is not safe to use).
 *
 * @param directory   the folder read
 * @param loadedFiles files that loaded, in load order (file name order)
 * @param errors      every problem found, in file order
 */
public record ProfileLoadReport(String directory, List<String> loadedFiles, List<ProfileError> errors) {

    public ProfileLoadReport {
        loadedFiles = List.copyOf(loadedFiles);
        errors = List.copyOf(errors);
    }

    /** True when every profile file loaded. */
    public boolean clean() {
        return errors.isEmpty();
    }

    /** Files that had errors and were skipped. */
    public List<String> skippedFiles() {
        return errors.stream().map(ProfileError::file).distinct().toList();
    }
}
