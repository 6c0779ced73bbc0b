package dev.ponder.cli.models;

import dev.ponder.engine.model.ModelProfile;
import picocli.CommandLine.Option;

/** The options that pick a command's policy and PRM endpoints: profiles by name, or ad-hoc URLs. */
public class ModelOptions {

    @Option(names = "--policy", defaultValue = "sim", paramLabel = "NAME",
            description = "Policy model profile, ponder.models.NAME (default: sim, the embedded simulator).")
    String policyName;

    @Option(names = "--prm", defaultValue = "sim-prm", paramLabel = "NAME",
            description = "PRM profile, ponder.models.NAME (default: sim-prm, the embedded simulator).")
    String prmName;

    @Option(names = "--policy-url", paramLabel = "URL", description = "An ad-hoc policy endpoint instead of --policy.")
    String policyUrl;

    @Option(names = "--policy-model", defaultValue = ModelChoice.SIM_POLICY_MODEL,
            description = "The served model name at --policy-url (default: ${DEFAULT-VALUE}).")
    String policyModel;

    @Option(names = "--prm-url", paramLabel = "URL", description = "An ad-hoc PRM endpoint instead of --prm.")
    String prmUrl;

    @Option(names = "--prm-model", defaultValue = ModelChoice.SIM_PRM_MODEL,
            description = "The served model name at --prm-url (default: ${DEFAULT-VALUE}).")
    String prmModel;

    @Option(names = "--prm-format", defaultValue = "ponder-json",
            description = "The PRM protocol at --prm-url: ponder-json, vllm-reward, token-prob (default: ponder-json).")
    String prmFormat;

    /** The policy profile these options pick. */
    public ModelProfile policy(ModelChoice choice) {
        return choice.profile("policy", policyName, policyUrl, policyModel, null);
    }

    /** The PRM profile these options pick. */
    public ModelProfile prm(ModelChoice choice) {
        return choice.profile("prm", prmName, prmUrl, prmModel, prmFormat);
    }

    /**
     * What the policy is, for deterministic ids: the profile's name, or an ad-hoc endpoint's URL and model (never a
     * resolved URL: the simulator's port changes every run).
     */
    public String policyIdentity() {
        return policyUrl == null ? "profile:" + policyName : "url:" + policyUrl + "#" + policyModel;
    }

    /** What the PRM is, for deterministic ids, as {@link #policyIdentity()}. */
    public String prmIdentity() {
        return prmUrl == null ? "profile:" + prmName : "url:" + prmUrl + "#" + prmModel + "#" + prmFormat;
    }
}
