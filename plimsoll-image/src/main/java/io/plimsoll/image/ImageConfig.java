package io.plimsoll.image;

import io.plimsoll.model.Digest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the image config says about how the image runs (OCI image-spec config / Docker's container config).
 * Empty strings and lists stand for "not set".
 */
public record ImageConfig(Optional<Instant> created, String os, String architecture, String variant, String user,
                          List<String> env, List<String> entrypoint, List<String> cmd, String workingDir,
                          List<String> exposedPorts, List<String> volumes, Map<String, String> labels,
                          Optional<Healthcheck> healthcheck, String stopSignal, List<Digest> diffIds,
                          List<HistoryStep> history) {

    public static final ImageConfig EMPTY = new ImageConfig(Optional.empty(), "", "", "", "", List.of(), List.of(),
            List.of(), "", List.of(), List.of(), Map.of(), Optional.empty(), "", List.of(), List.of());

    public ImageConfig {
        env = List.copyOf(env);
        entrypoint = List.copyOf(entrypoint);
        cmd = List.copyOf(cmd);
        exposedPorts = List.copyOf(exposedPorts);
        volumes = List.copyOf(volumes);
        labels = Map.copyOf(labels);
        diffIds = List.copyOf(diffIds);
        history = List.copyOf(history);
    }

    /** The user the container runs as; an unset user means root. */
    public String effectiveUser() {
        return user.isEmpty() ? "root" : user;
    }

    /** @param test {@code ["CMD-SHELL", "curl -f …"]}, {@code ["NONE"]}, … as the config states it */
    public record Healthcheck(List<String> test, Optional<Duration> interval, Optional<Duration> timeout,
                              Optional<Duration> startPeriod, int retries) {
        public Healthcheck {
            test = List.copyOf(test);
        }
    }
}
