package org.dockaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command says what it does, what each of its options means, and how it exits. */
class HelpTest {

    private static List<CommandLine> allCommands() {
        List<CommandLine> all = new ArrayList<>();
        List<CommandLine> pending = new ArrayList<>(List.of(Main.commandLine(new Console(java.io.OutputStream.nullOutputStream(),
                new java.io.PrintWriter(java.io.Writer.nullWriter()), false, () -> false, Map.of()), java.io.InputStream.nullInputStream())));
        while (!pending.isEmpty()) {
            CommandLine command = pending.removeFirst();
            all.add(command);
            pending.addAll(command.getSubcommands().values().stream()
                    .filter(sub -> !sub.getCommandName().equals("help")).toList());
        }
        return all;
    }

    @Test
    void everyOptionHasADescription() {
        List<String> undescribed = new ArrayList<>();
        for (CommandLine command : allCommands()) {
            for (CommandLine.Model.OptionSpec option : command.getCommandSpec().options()) {
                if (!option.hidden() && String.join("", option.description()).isBlank()) {
                    undescribed.add(command.getCommandSpec().qualifiedName() + " " + option.longestName());
                }
            }
        }
        assertThat(undescribed).isEmpty();
    }

    @Test
    void everyCommandsHelpStatesItsExitCodes() {
        for (CommandLine command : allCommands()) {
            assertThat(command.getUsageMessage()).as(command.getCommandSpec().qualifiedName()).contains("Exit codes:");
        }
    }
}
