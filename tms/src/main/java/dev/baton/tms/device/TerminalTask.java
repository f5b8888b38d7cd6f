package dev.baton.tms.device;

/**
 * A task as the terminal receives it.
 *
 * @param taskId what the terminal reports on
 * @param kind PACKAGE, PROFILE or LOG_UPLOAD
 * @param status PENDING or DOWNLOADING
 * @param packageId for PACKAGE: what to download
 * @param packageName for PACKAGE
 * @param packageVersion for PACKAGE
 * @param sha256 for PACKAGE: what the downloaded bytes must hash to
 * @param size for PACKAGE: bytes to download
 * @param profileId for PROFILE: the profile whose effective parameters to apply
 * @param profileVersion for PROFILE: its version
 */
public record TerminalTask(
    long taskId, String kind, String status, Long packageId, String packageName, String packageVersion, String sha256, Long size,
    Long profileId, Integer profileVersion) {}
