package io.plimsoll.image.source;

import io.plimsoll.image.ImageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where a container engine's API listens, found as the engine's own command line finds it: Docker's
 * {@code DOCKER_HOST} ({@code unix://PATH}) or {@code /var/run/docker.sock}; podman's {@code CONTAINER_HOST}, the
 * rootless {@code $XDG_RUNTIME_DIR/podman/podman.sock}, or the system-wide {@code /run/podman/podman.sock}.
 *
 * @param engine {@code docker} or {@code podman}
 */
record EngineSocket(String engine, Path path) {

    static EngineSocket locate(String engine, Map<String, String> env, String subject) throws ImageException {
        String hostVariable = engine.equals("podman") ? "CONTAINER_HOST" : "DOCKER_HOST";
        String host = env.getOrDefault(hostVariable, "");
        if (!host.isBlank()) {
            if (!host.startsWith("unix://") || host.length() == "unix://".length()) {
                throw new ImageException(subject, hostVariable + "=" + host + " is not a unix:// socket; " + engine
                        + ": reads a local engine through its socket only (save the image to a tar on that host instead)");
            }
            return existing(engine, List.of(Path.of(host.substring("unix://".length()))), subject);
        }
        List<Path> candidates = new ArrayList<>();
        if (engine.equals("podman")) {
            String runtime = env.getOrDefault("XDG_RUNTIME_DIR", "");
            if (!runtime.isBlank()) {
                candidates.add(Path.of(runtime, "podman", "podman.sock"));
            }
            candidates.add(Path.of("/run/podman/podman.sock"));
        } else {
            candidates.add(Path.of("/var/run/docker.sock"));
        }
        return existing(engine, candidates, subject);
    }

    private static EngineSocket existing(String engine, List<Path> candidates, String subject) throws ImageException {
        for (Path p : candidates) {
            if (Files.exists(p)) {
                return new EngineSocket(engine, p);
            }
        }
        String where = String.join(" or ", candidates.stream().map(Path::toString).toList());
        throw new ImageException(subject, engine + ": no daemon socket at " + where + "; " + (engine.equals("podman")
                ? "is podman's API service running (systemctl --user start podman.socket)?" : "is Docker running?"));
    }
}
