package dev.ponder.cli.command;

import dev.ponder.cli.BuildInfo;
import dev.ponder.engine.model.ModelProfile;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The run manifest, the first line of every results file (SPEC.md §3 "Results rows"): its common part. */
final class Manifest {

    private Manifest() {
    }

    /** Version, commit, command, problems, grid and knobs; the command adds models and what is its own. */
    static Map<String, Object> of(String command, ProblemOptions problems, GridOptions grid, JobPlan plan) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ponder_version", BuildInfo.version());
        m.put("git_commit", BuildInfo.commit());
        m.put("command", command);
        m.put("created", Instant.now().toString());
        problems.describe(m, plan.problems().size());
        m.put("strategies", grid.strategyNames());
        m.put("n", plan.budgets());
        m.put("seeds", grid.seeds());
        m.put("config", KnobOptions.describe(plan.base()));
        return m;
    }

    /** A profile as the manifest records it: never the API key, only the variable that holds it. */
    static Map<String, Object> describe(ModelProfile p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("profile", p.name());
        m.put("url", p.url().toString());
        m.put("model", p.model());
        m.put("template", p.template());
        m.put("prm_format", p.prmFormat());
        m.put("api_key_env", p.apiKeyEnv());
        return m;
    }
}
