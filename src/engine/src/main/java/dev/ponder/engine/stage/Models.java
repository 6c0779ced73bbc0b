package dev.ponder.engine.stage;

import dev.ponder.core.model.PolicyModel;
import dev.ponder.core.model.RewardModel;

/** The model endpoints a search names by profile: the host (CLI, function, test) decides how a name is served. */
public interface Models {

    PolicyModel policy(String profile);

    RewardModel prm(String profile);

    /**
     * For a host that only submits and reads searches (the API, a command that reads the store): asking it for a
     * model means a stage message was handled where none should be, a wiring bug named by {@code host}.
     */
    static Models none(String host) {
        return new Models() {
            @Override
            public PolicyModel policy(String profile) {
                throw new IllegalStateException(host + " runs no stages (asked for policy " + profile + ")");
            }

            @Override
            public RewardModel prm(String profile) {
                throw new IllegalStateException(host + " runs no stages (asked for PRM " + profile + ")");
            }
        };
    }
}
