package io.plimsoll.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code plimsoll completion bash|zsh|fish}: the shell completion script for this very command tree, so an installed
 * Plimsoll never ships a script older than itself (as {@code kubectl completion} and {@code trivy completion} do).
 */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print a shell completion script.",
            "bash: source <(plimsoll completion bash)   zsh: source <(plimsoll completion zsh)",
            "fish: plimsoll completion fish > ~/.config/fish/completions/plimsoll.fish"})
final class CompletionCommand implements Callable<Integer> {

    enum Shell { bash, zsh, fish }

    @Parameters(index = "0", paramLabel = "SHELL", description = "One of: ${COMPLETION-CANDIDATES}.")
    Shell shell;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CommandLine root = spec.root().commandLine();
        PrintWriter out = spec.commandLine().getOut();
        out.print(switch (shell) {
            // picocli's bash script also runs under zsh through bashcompinit, and says so in its own header
            case bash -> AutoComplete.bash(root.getCommandName(), root);
            case zsh -> "autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n"
                    + AutoComplete.bash(root.getCommandName(), root);
            case fish -> FishCompletion.script(root);
        });
        out.flush();
        return Main.OK;
    }
}
