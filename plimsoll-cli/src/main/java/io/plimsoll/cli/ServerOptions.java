package io.plimsoll.cli;

import io.plimsoll.cli.remote.ServerClient;
import io.plimsoll.cli.remote.ServerException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --server URL} and its token, for every command that can use a Plimsoll server. */
final class ServerOptions {

    @Option(names = "--server", paramLabel = "URL",
            description = "Index and match through a running Plimsoll server (plimsoll serve) instead of the local "
                    + "database: layers it lacks are uploaded to it and its data gives the findings (and advice); "
                    + "policy, allowlist and VEX still apply here. Needs an image archive, OCI layout or registry "
                    + "reference.")
    String url;

    @Option(names = "--server-token-file", paramLabel = "FILE",
            description = "A bearer JWT for --server (default: the PLIMSOLL_SERVER_TOKEN environment variable).")
    Path tokenFile;

    /** The client for {@code --server}; empty without it. */
    Optional<ServerClient> client() {
        return url == null ? Optional.empty() : Optional.of(client(url, tokenFile));
    }

    /** A client for {@code url}; a URL that is not one is an input error, as every option's is. */
    static ServerClient client(String url, Path tokenFile) {
        Optional<String> token = token(tokenFile);
        try {
            return ServerClient.withDefaultTimeouts(url, token);
        } catch (ServerException e) {
            throw new UserInputException(e.getMessage());
        }
    }

    /** The bearer token: the file's content, else PLIMSOLL_SERVER_TOKEN, else none. */
    static Optional<String> token(Path tokenFile) {
        if (tokenFile != null) {
            try {
                String t = Files.readString(tokenFile).trim();
                if (t.isEmpty()) {
                    throw new UserInputException(tokenFile + ": the token file is empty");
                }
                return Optional.of(t);
            } catch (IOException e) {
                throw new UserInputException(tokenFile + ": cannot read the server token: " + e.getMessage());
            }
        }
        return Optional.ofNullable(Settings.environment().get("PLIMSOLL_SERVER_TOKEN")).map(String::trim)
                .filter(t -> !t.isEmpty());
    }
}
