package io.plimsoll.policy.gate;

import io.plimsoll.catalog.Inventory;
import io.plimsoll.policy.content.ContentFindings;
import io.plimsoll.vuln.match.Finding;
import io.plimsoll.vuln.store.DataFreshness;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything the gates may look at for one image: the inventory (image config and history, the squashed file tree,
 * packages, distro), the vulnerability findings and the state of the data behind them, what the content scan found
 * while the layers streamed (secrets, regex matches, passwd/group files, checksums), the Dockerfile when the user
 * gave one, and "now" for ages and expiry.
 *
 * @param reference the image as mappings see it: registry, repository, tag, digest
 */
public record ImageContext(ImageName reference, Inventory inventory, List<Finding> findings,
                           DataFreshness vulnerabilityData, ContentFindings content, Optional<Dockerfile> dockerfile,
                           Instant now) {

    public ImageContext {
        findings = List.copyOf(findings);
    }

    /**
     * A Dockerfile given with {@code --dockerfile}: its path and instructions in order.
     *
     * @param instructions each {@code (INSTRUCTION, arguments)}, continuation lines joined, comments dropped
     */
    public record Dockerfile(Path path, List<Instruction> instructions) {
        public Dockerfile {
            instructions = List.copyOf(instructions);
        }
    }

    /** One Dockerfile instruction: upper-case keyword and its raw arguments. */
    public record Instruction(String keyword, String arguments, int line) {
    }
}
