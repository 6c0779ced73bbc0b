package dev.ponder.cli.command;

import dev.ponder.engine.model.ModelsConfig;
import dev.ponder.cli.models.ModelChoice;
import dev.ponder.engine.client.EndpointCheck;
import dev.ponder.engine.client.Finding;
import dev.ponder.engine.model.ModelProfile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import dev.ponder.cli.models.ModelOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ponder endpoints}: the model endpoints of the profiles. */
@Command(name = "endpoints", mixinStandardHelpOptions = true, description = "Model endpoints.",
        subcommands = {EndpointsCommand.Check.class})
public class EndpointsCommand {

    /**
     * {@code ponder endpoints check}: before spending GPU time, checks each endpoint — reachable, the model served,
     * a one-step completion parses, a PRM call returns one score per step — and says what is wrong.
     */
    @Dependent
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Check the policy and PRM endpoints: reachable, model served, a one-step completion "
                    + "parses, a PRM call gives one score per step. Exit code 1 when something is wrong.")
    public static class Check implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Inject
        ModelsConfig modelsConfig;

        @Mixin
        ModelOptions endpoints;

        @Override
        public Integer call() {
            try (ModelChoice choice = new ModelChoice(modelsConfig, new SimpleMeterRegistry())) {
                ModelProfile policy = endpoints.policy(choice);
                ModelProfile prm = endpoints.prm(choice);
                List<Finding> findings = new EndpointCheck(new SimpleMeterRegistry()).check(policy, prm);
                PrintWriter out = spec.commandLine().getOut();
                findings.forEach(f -> out.printf("%s %s: %s%n", f.ok() ? "ok  " : "FAIL", f.endpoint(), f.message()));
                boolean ok = findings.stream().allMatch(Finding::ok);
                out.println(ok ? "all endpoints ready" : "some endpoints are not ready: see FAIL above");
                out.flush();
                return ok ? 0 : 1;
            }
        }
    }
}
