package dev.ponder.engine.stage;

import dev.ponder.core.model.PolicyModel;
import dev.ponder.core.model.RewardModel;

/** The model endpoints a search names by profile: the host (CLI, function, test) decides how a name is served. */
public interface Models {

    PolicyModel policy(String profile);

    RewardModel prm(String profile);
}
