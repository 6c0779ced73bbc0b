package dev.ponder.cli.serve;

import java.util.HashMap;
import java.util.Map;

/** {@link ServeProfile} with a chat completion's wait cut to a millisecond: every completion outlives it. */
public class ChatWaitProfile extends ServeProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
        overrides.put("ponder.api.chat-wait", "1ms");
        return overrides;
    }
}
